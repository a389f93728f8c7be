"""MkDocs hook: pictures drawn by a page's code are published with the page.

A code block marked

    <!--pytest.mark.produces("model.svg")-->

writes `model.svg` into its working directory. `make test` checks that it does
and that the file is a valid PNG or SVG (tests/run_block.py). During
`mkdocs build` and `mkdocs serve` this hook runs each such block the same way
(tests/run_block.py: a temporary directory, seeds, no network, a time limit;
a Python process of its own, from the interpreter running mkdocs) and adds the
pictures to the site beside the page, in a folder named after it:
docs/visualizing.md shows its diagram with `![...](visualizing/model.svg)`.

The pictures exist only in the built site; nothing is committed, so a picture
cannot drift from the code shown next to it. A block that fails, or does not
write what it declares, fails the build with the page, line and snippet.
`mkdocs serve` re-runs a snippet only when its text changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # mkdocs restores sys.path after loading a hook

import expand  # noqa: E402
import pages_plugin  # noqa: E402
import run_block  # noqa: E402

RUNNER = Path(run_block.__file__).resolve()
MARK = "pytest.mark.produces"
made: dict[tuple[str, str, tuple[str, ...]], dict[str, bytes]] = {}  # kept while serving


def on_files(files: Files, config) -> Files:
    project = expand.project_of(config)
    jobs = []
    for page in files.documentation_pages():
        if page.abs_src_path and page.src_uri.endswith(".md") and MARK in page.content_string:
            jobs += picture_blocks(project, page)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        pictures = list(pool.map(lambda job: make(project, *job), jobs))
    for (page, _block, _names), made_here in zip(jobs, pictures, strict=True):
        folder = posixpath.join(posixpath.dirname(page.src_uri), Path(page.src_uri).stem)
        for name, content in made_here.items():
            src_uri = posixpath.join(folder, name)
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"{src_uri}, made by a block of {page.src_uri}, already exists")
            files.append(File.generated(config, src_uri, content=content))
    return files


def picture_blocks(project: expand.Project, page: File) -> list:
    """(page, block, names) for each block of the page that declares pictures."""
    try:
        blocks = expand.page_blocks(project, Path(page.abs_src_path))
        return [(page, b, names) for b in blocks if (names := pages_plugin.produced_files(b))]
    except (expand.PageError, ValueError) as error:
        raise PluginError(str(error)) from None


def make(project: expand.Project, page: File, block: expand.Block, names: list[str]):
    """Run the block's snippet; return {name: bytes} for the pictures it declares."""
    snippet = project.root / block.snippet
    key = (str(snippet), hashlib.sha256(snippet.read_bytes()).hexdigest(), tuple(names))
    if key not in made:
        made[key] = run(snippet, block.snippet, names, f"{block.page}:{block.line}")
    return made[key]


def run(snippet: Path, rel: Path, names: list[str], where: str) -> dict[str, bytes]:
    # make test holds each block to snippet_timeout. Here the limit only stops a hang:
    # it is longer, since it also counts importing TensorFlow in a fresh process.
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    timeout = 3 * float(pyproject["tool"]["pytest"]["ini_options"]["snippet_timeout"])
    with tempfile.TemporaryDirectory(prefix="pictures-") as scratch:
        result_file, keep = Path(scratch, "result.json"), Path(scratch, "pictures")
        keep.mkdir()
        command = [sys.executable, str(RUNNER), str(snippet), str(result_file), str(timeout)]
        command += ["--produces", *names, "--keep-into", str(keep)]
        try:
            finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout + 60)
        except subprocess.TimeoutExpired:
            raise PluginError(f"{where}: {rel} hung (making {', '.join(names)})") from None
        if not result_file.exists():
            raise PluginError(
                f"{where}: {rel} (making {', '.join(names)} for the site) died "
                f"(exit {finished.returncode}):\n{finished.stderr[-3000:]}"
            )
        error = json.loads(result_file.read_text(encoding="utf-8"))["error"]
        if error:
            raise PluginError(
                f"{where}: {rel} failed while making {', '.join(names)} for the site:\n\n"
                f"{error}\nRun it alone with: python {rel}"
            )
        return {name: (keep / name).read_bytes() for name in names}
