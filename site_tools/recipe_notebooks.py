"""Every recipe page as a notebook to run: notebooks/<page>.ipynb, generated from the page.

    docs/shapes.md  ->  notebooks/shapes.ipynb      (`make notebooks` writes them all)

A recipe page is a Markdown page in `nav` with at least one block that runs (Home,
References and About have none, so they get no notebook). Its notebook holds:

1. a Markdown cell: the page's title, where it was generated from and the TensorFlow
   and Keras versions it was verified with;
2. a code cell that installs those versions: `%pip install -q` with the pins of the
   "What the recipes run" section of requirements.txt;
3. then the page in order: its prose as Markdown cells (front matter and HTML comments
   dropped, admonitions as blockquotes, tabs as bold labels, links made absolute on the
   site when its URL is known), each block that runs as a code cell whose text is the
   snippet, with the page's expected output as the cell's output (what the reader should
   see; `then_vs_now` blocks add the legacy tf.keras output as Markdown). A block marked
   `subprocess` runs in a Python process of its own in the notebook too: its cell starts
   with the `%%python` cell magic, then the snippet.

The notebooks are committed (Colab opens notebooks from a GitHub path only) and
byte-stable: sorted keys, no execution counts, cell ids from the cells' content.
tests/test_recipe_notebooks.py regenerates each in memory and fails when the committed
file differs. The site URL they link to is recorded in their metadata, so a check gives
the same answer in any clone or fork: `make notebooks` keeps the recorded URL, takes
SITE_URL when given, and only for the first notebooks asks site_tools/repository.py.

Used by scripts/notebooks.py (`make notebooks`, `make test-notebooks`),
scripts/new_page.py and hooks/recipe_notebooks.py (the download link on each page).
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from site_tools.headings import heading_id
from site_tools.repository import discover
from verify.blocks import Block
from verify.fences import TAB, Fence, fences_of
from verify.pages import page_blocks
from verify.project import Project, backends
from verify.variants import own_backend

FOLDER = "notebooks"  # under the project's root: Colab opens them from the repository
COMMAND = "make notebooks"
META = "cookbook"  # the notebook metadata key this module writes
REQUIREMENTS_SECTION = "# What the recipes run"
OWN_PROCESS_MAGIC = "%%python"  # IPython's script magic: the cell runs in a fresh `python`
NBFORMAT = (4, 5)


# Which pages, and where their notebooks go


def recipe_pages(project: Project) -> list[str]:
    """The Markdown pages of nav (docs-relative) with at least one block that runs."""
    return [
        source
        for source in project.nav
        if source.endswith(".md")
        and any(block.runs for block in page_blocks(project, project.docs_dir / source))
    ]


def notebook_path(project: Project, source: str) -> Path:
    """notebooks/shapes.ipynb for shapes.md (a page in a folder keeps its folder)."""
    return project.root / FOLDER / PurePosixPath(source).with_suffix(".ipynb")


# What the notebook installs


def pins(root: Path) -> list[str]:
    """`name==version` of each package the recipes run (requirements.txt's section)."""
    lines = (root / "requirements.txt").read_text(encoding="utf-8").splitlines()
    if REQUIREMENTS_SECTION not in lines:
        raise ValueError(f'requirements.txt has no "{REQUIREMENTS_SECTION}" section')
    found = []
    for line in lines[lines.index(REQUIREMENTS_SECTION) + 1 :]:
        requirement = line.split("#", 1)[0].strip()
        if not line.strip():
            break
        if requirement:
            found.append(requirement)
    return found


def versions(requirements: list[str]) -> dict[str, str]:
    return dict(tuple(pin.split("==", 1)) for pin in requirements if "==" in pin)


# The site URL the notebooks link to


def recorded_site_url(project: Project) -> tuple[bool, str | None]:
    """(whether any committed notebook records a site URL, the one most of them record)."""
    recorded = []
    for path in sorted((project.root / FOLDER).rglob("*.ipynb")):
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get(META, {})
        if "site_url" in meta:
            recorded.append(meta["site_url"])
    if not recorded:
        return False, None
    return True, Counter(recorded).most_common(1)[0][0]


def site_url(project: Project, env: Mapping[str, str] | None = None) -> str | None:
    """SITE_URL when given; else the URL the committed notebooks record (None: relative
    links), so a fork or a clone without a GitHub origin regenerates the same bytes; else,
    for the first notebooks, the repository's Pages URL (site_tools/repository.py)."""
    env = os.environ if env is None else env
    if env.get("SITE_URL"):
        return env["SITE_URL"].rstrip("/") + "/"
    known, url = recorded_site_url(project)
    return url if known else discover(project.root, env).site_url


# Markdown: what MkDocs understands, as plain Markdown for Jupyter and Colab

ADMONITION = re.compile(r'^(\s*)(?:!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+"(.*)")?\s*$')
HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s*\{\s*#([\w-]+)[^}]*\})?\s*$")
COMMENT = re.compile(r"<!--.*?-->", re.S)
LINK = re.compile(r"(!?\[[^\]]*\])\(([^)\s]+)(\s+\"[^\"]*\")?\)")


class Converter:
    """Turns one page into a notebook's cells, walking its lines once."""

    def __init__(self, project: Project, source: str, url: str | None, recipes: set[str]):
        self.project, self.source, self.url, self.recipes = project, source, url, recipes
        self.page = project.docs_dir / source
        self.blocks: dict[int, Block] = {b.line: b for b in page_blocks(project, self.page)}
        self.pictures = {name for b in self.blocks.values() for name in b.pictures}
        self.cells: list[dict] = []
        self.prose: list[str] = []
        self.containers: list[tuple[int, bool]] = []  # (indent, is a blockquote)
        self.blank = 0  # blank lines waiting for the next line's containers
        self.title: str | None = None

    # links

    def link(self, match: re.Match) -> str:
        text, target, title = match.group(1), match.group(2), match.group(3) or ""
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target):
            return match.group(0)
        path, _, fragment = target.partition("#")
        fragment = f"#{fragment}" if fragment else ""
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(self.source), path))
        here = posixpath.dirname(posixpath.join(FOLDER, self.source))
        if resolved.endswith(".md"):
            if self.url:
                new = self.url + self.project.page_url(resolved) + fragment
            elif resolved in self.recipes:  # the other page's notebook, beside this one
                other = PurePosixPath(FOLDER, resolved).with_suffix(".ipynb")
                new = posixpath.relpath(other, here) + fragment
            else:
                docs = self.project.rel(self.project.docs_dir).as_posix()
                new = posixpath.relpath(posixpath.join(docs, resolved), here) + fragment
        elif self.url:
            new = self.url + resolved + fragment
        elif posixpath.basename(resolved) in self.pictures:  # drawn by a cell into the cwd
            new = posixpath.basename(resolved)
        else:
            docs = self.project.rel(self.project.docs_dir).as_posix()
            new = posixpath.relpath(posixpath.join(docs, resolved), here) + fragment
        return f"{text}({new}{title})"

    # prose

    def emit(self, line: str) -> None:
        """One line of prose, inside the open containers (dedented, quoted)."""
        depth = len(self.containers)
        quotes = sum(quoted for _, quoted in self.containers)
        body = line[4 * depth :] if line[: 4 * depth].strip() == "" else line.lstrip()
        prefix = "> " * quotes
        for _ in range(self.blank):
            self.prose.append(prefix.rstrip())
        self.blank = 0
        self.prose.append(prefix + body if body else prefix.rstrip())

    def close_containers(self, line: str) -> None:
        indent = len(line) - len(line.lstrip(" "))
        while self.containers and indent <= self.containers[-1][0]:
            self.containers.pop()
            if self.blank:  # a blank line ends the container, outside it
                self.blank = 0
                self.prose.append("")

    def prose_line(self, line: str) -> None:
        if not line.strip():
            self.blank += 1
            return
        self.close_containers(line)
        admonition, tab = ADMONITION.match(line), TAB.match(line)
        heading = HEADING.match(line.strip())
        if admonition:
            kind, title = admonition.group(2), admonition.group(3)
            label = title if title is not None else kind.capitalize()
            if label:
                self.emit(f"> **{label}**" if not self.containers else f"**{label}**")
            self.containers.append((len(admonition.group(1)), True))
            if label:
                self.emit("")
        elif tab:
            self.emit(f"**{tab.group(2)}**")
            self.emit("")
            self.containers.append((len(tab.group(1)), False))
        elif heading and not self.containers:
            level, text, explicit = heading.groups()
            if level == "#" and self.title is None:
                self.title = text
                return
            self.emit(f'<a id="{explicit or heading_id(self.project, text)}"></a>')
            self.emit("")
            self.emit(f"{level} {LINK.sub(self.link, text)}")
        else:
            self.emit(LINK.sub(self.link, line))

    def flush(self) -> None:
        self.blank = 0
        text = "\n".join(self.prose).strip("\n")
        self.prose = []
        if text.strip(" >\n"):
            self.cells.append(markdown_cell(text))

    # code

    def code(self, block: Block) -> None:
        self.flush()
        snippet = (self.project.root / block.snippet).read_text(encoding="utf-8").rstrip("\n")
        source = f"{OWN_PROCESS_MAGIC}\n{snippet}" if block.own_process else snippet
        self.cells.append(code_cell(source, block.expected_output))
        if block.then_vs_now and block.legacy_output is not None:
            self.cells.append(
                markdown_cell(
                    "Under legacy Keras 2 (`tf_keras`, with `TF_USE_LEGACY_KERAS=1` set before "
                    "TensorFlow is imported), the same code printed:\n\n"
                    f"```text\n{block.legacy_output.rstrip()}\n```"
                )
            )

    def kept_fence(self, block: Block, indent: str) -> None:
        """A fence shown, not run (a shell command, a listing): Markdown, expanded, under
        the line the page shows ("Not run here: reason")."""
        if block.skip_reason:
            self.prose_line(f"{indent}*Not run here: {block.skip_reason}*")
            self.prose_line("")
        self.prose_line(f"{indent}```{block.syntax}")
        for line in block.code.rstrip("\n").split("\n"):
            self.emit(indent + line if line.strip() else "")
        self.emit(f"{indent}```")

    # the walk

    def output_tab(self, lines: list[str], number: int, fences: dict[int, Fence]) -> bool:
        """Line `number` (from 1) is a tab that holds only an expected output's fence."""
        if not TAB.match(lines[number - 1]):
            return False
        for at in range(number, len(lines)):
            if lines[at].strip():
                return at in fences and at + 1 not in self.blocks
        return False

    def cells_of_page(self) -> list[dict]:
        lines = self.page.read_text(encoding="utf-8").split("\n")
        number = 0
        if lines and lines[0].strip() == "---":  # front matter
            number = lines.index("---", 1) + 1 if "---" in lines[1:] else 0
        text = COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), "\n".join(lines[number:]))
        lines = lines[:number] + text.split("\n")
        # The fences after the front matter, outside HTML comments.
        fences = {fence.open: fence for fence in fences_of([""] * number + lines[number:])}
        after_code = False  # inside the outputs that follow a code cell
        while number < len(lines):
            line = lines[number]
            fence = fences.get(number)
            number += 1
            if fence is None:
                if after_code and (not line.strip() or self.output_tab(lines, number, fences)):
                    continue
                after_code = False
                if line.strip() or self.prose:
                    self.prose_line(line)
                continue
            block = self.blocks.get(number)
            if block is not None and block.runs:
                self.code(block)
                after_code = True
            elif block is not None:
                self.kept_fence(block, fence.indent)
                after_code = False
            # else: an expected output, already the code cell's output (or its legacy one)
            number = fence.body.stop + 1
        self.flush()
        return self.cells


def cell_id(cell: dict, taken: set[str]) -> str:
    digest = hashlib.sha256((cell["cell_type"] + cell["source"]).encode()).hexdigest()
    base, n = digest[:12], 1
    while (candidate := base if n == 1 else f"{base}-{n}") in taken:
        n += 1
    taken.add(candidate)
    return candidate


BACKEND_NAMES = {"jax": "JAX", "torch": "PyTorch"}


def also_on(project: Project) -> str:
    """', its blocks without TensorFlow also on JAX' for the backends the project runs."""
    names = [BACKEND_NAMES.get(name, name) for name in backends(project.root)]
    return (
        f" (its blocks that do not import TensorFlow also on {' and '.join(names)})"
        if names
        else ""
    )


def markdown_cell(source: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": source}


def code_cell(source: str, output: str | None = None) -> dict:
    outputs = [{"name": "stdout", "output_type": "stream", "text": output}] if output else []
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": outputs,
        "source": source,
    }


def install_cell(requirements: list[str]) -> dict:
    return code_cell(
        "# The versions this page was verified with (requirements.txt). In Colab, restart\n"
        "# the session if it asks to, then run the cells below in order.\n"
        f"%pip install -q {' '.join(requirements)}"
    )


def notebook(project: Project, source: str, url: str | None, recipes: set[str]) -> dict:
    """The notebook of the page docs/<source>, as a JSON-ready dict (nbformat 4.5)."""
    requirements = pins(project.root)
    pinned = versions(requirements)
    converter = Converter(project, source, url, recipes)
    body = converter.cells_of_page()
    title = converter.title or PurePosixPath(source).stem
    where = (
        f"[{url + project.page_url(source)}]({url + project.page_url(source)})"
        if url
        else f"`{project.rel(project.docs_dir).as_posix()}/{source}`"
    )
    intro = markdown_cell(
        f"# {title}\n\n"
        f"This notebook is generated from the page {where} of the Keras & TensorFlow "
        f"Cookbook, and its code was verified with TensorFlow {pinned.get('tensorflow', '?')} "
        f"and Keras {pinned.get('keras', '?')} on the TensorFlow backend{also_on(project)}. "
        "Run the cells in order; each output shown is what the cell printed on TensorFlow "
        "when the page was verified"
        + (
            " (a cell that sets `KERAS_BACKEND` itself: on that backend)."
            if any(own_backend(block) for block in converter.blocks.values())
            else "."
        )
    )
    cells = [intro, install_cell(requirements), *body]
    taken: set[str] = set()
    for cell in cells:
        cell["id"] = cell_id(cell, taken)
    return {
        "cells": cells,
        "metadata": {
            META: {"page": f"{project.rel(project.docs_dir).as_posix()}/{source}", "site_url": url},
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": NBFORMAT[0],
        "nbformat_minor": NBFORMAT[1],
    }


def dumps(nb: dict) -> str:
    """The notebook's bytes: sorted keys, one-space indent (as Jupyter writes), final newline."""
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


# The committed notebooks: generate, check


def expected(project: Project, url: str | None) -> dict[Path, str]:
    """Every recipe notebook's path and text, linking to the site at `url` (or relatively)."""
    recipes = recipe_pages(project)
    return {
        notebook_path(project, source): dumps(notebook(project, source, url, set(recipes)))
        for source in recipes
    }


def problems(project: Project) -> list[str]:
    """What differs between the committed notebooks and the pages: one line each, naming
    the page and the command that fixes it. The site URL is the one the notebooks record,
    so the answer is the same in any clone."""
    known, url = recorded_site_url(project)
    wanted = expected(project, url if known else discover(project.root).site_url)
    found = []
    for path, text in wanted.items():
        rel = project.rel(path).as_posix()
        page = json.loads(text)["metadata"][META]["page"]
        if not path.is_file():
            found.append(f"{page}: its notebook {rel} is missing; run {COMMAND}")
        elif path.read_text(encoding="utf-8") != text:
            found.append(f"{page}: its notebook {rel} is out of date; run {COMMAND}")
    for path in sorted((project.root / FOLDER).rglob("*.ipynb")):
        if path not in wanted:
            found.append(
                f"{project.rel(path).as_posix()}: no recipe page in nav makes this notebook; "
                f"run {COMMAND} (it removes it)"
            )
    return found


def write(project: Project) -> tuple[list[Path], list[Path]]:
    """Write every recipe notebook that changed, remove the ones no page makes.
    Returns (written, removed)."""
    wanted = expected(project, site_url(project))
    written, removed = [], []
    for path, text in wanted.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    for path in sorted((project.root / FOLDER).rglob("*.ipynb")):
        if path not in wanted:
            path.unlink()
            removed.append(path)
    return written, removed
