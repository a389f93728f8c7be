"""Run the notebook pages (docs/**/*.ipynb) cell by cell, for the tests and the build.

    docs/notebooks/rnn-sequences.ipynb::every cell runs     one test per notebook

The committed notebook is the source of truth and carries no outputs. It runs with
nbclient, in a fresh temporary working directory, on ipykernel inside the Python that
runs this code (the project's .venv): no kernel needs registering, and a `python3`
kernel registered elsewhere on the machine is never used. Proxies point at a closed
port, so a notebook that tries to download something fails, as a snippet does.

A failing cell fails the test (and the build) with the notebook, the cell's number, its
first line and the traceback. A successful run is saved in the cache (verify/cache.py:
.cache/notebooks/), keyed by the notebook's bytes, requirements.txt, the Python version,
the platform and the engine's code. The site build (hooks/notebook_pages.py) renders that
saved run, or runs the notebook itself when there is none: `make test` then `make build`
runs each notebook once, and the published page shows the outputs of the very run that
passed the test. A build that finds a whole saved run with the same key uses it at once; otherwise
the test and the build take the notebook's lock (verify/cache.py) to check for a run and
make one, so a build that the tests start beside the notebook's test waits for that run
instead of running the notebook a second time (while a `--fresh` test runs the notebook
again, a build beside it does not wait: the saved run it finds has the same inputs).
Each run records the test session it belongs to ($VERIFY_RUN_ID, set by
verify/pytest_plugin.py): under `--fresh`, the test takes only a run made during its own
session.

Collected by verify/pytest_plugin.py; used by hooks/notebook_pages.py.
"""

from __future__ import annotations

import contextlib
import html as html_module
import itertools
import os
import re
import sys
import tempfile
from pathlib import Path

from verify import cache, coverage_check, environment, notebook_kernel
from verify.blocks import MarkError, Marks

# nbformat and nbclient are imported where they are used: every pytest run imports this
# module (verify/pytest_plugin.py), and most run no notebook.

KIND = "notebooks"
RUN_ID_VARIABLE = "VERIFY_RUN_ID"  # the test session a run belongs to (verify/pytest_plugin.py)
CELL_TIMEOUT = 300  # seconds, a last resort: a whole notebook should take well under a minute
CLOSED_PORT = "http://127.0.0.1:9"
PROXY_VARIABLES = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class CellFailure(Exception):
    """A notebook did not run to the end; the message is the whole report."""


def kernel_manager():
    """ipykernel in this very Python, whatever kernels the machine has registered."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    # No kernel directories: only ipykernel's own "python3" spec, which runs sys.executable.
    specs = KernelSpecManager(kernel_dirs=[], ensure_native_kernel=True)
    return AsyncKernelManager(kernel_name="python3", kernel_spec_manager=specs)


def project_root(path: Path) -> Path:
    """The project a notebook belongs to: the nearest folder above it with mkdocs.yml."""
    for folder in path.resolve().parents:
        if (folder / "mkdocs.yml").is_file():
            return folder
    return path.resolve().parent


def display_name(path: Path) -> str:
    return path.resolve().relative_to(project_root(path)).as_posix()


def first_line(cell) -> str:
    lines = [line.strip() for line in cell.source.splitlines() if line.strip()]
    return lines[0] if lines else "(empty cell)"


def cell_report(
    name: str, nb, index: int, error: BaseException, kernel_log: str, again: str
) -> str:
    cell = nb.cells[index]
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    report = (
        f"{name}: cell {index + 1} of {len(nb.cells)} (code cell {code_cells.index(index) + 1}, "
        f"In [{code_cells.index(index) + 1}]) failed. It begins:\n    {first_line(cell)}\n\n"
    )
    errors = [out for out in cell.get("outputs", []) if out.get("output_type") == "error"]
    if errors:
        report += ANSI.sub("", "\n".join(errors[-1].get("traceback", [])))
    else:  # a time-out or a dead kernel: the cell holds no error output
        report += f"{type(error).__name__}: {ANSI.sub('', str(error)).strip()[-3000:]}"
        if kernel_log.strip():
            report += f"\n\nThe kernel's last words:\n{kernel_log[-3000:]}"
    return report + f"\n\nRun it alone with: {again}"


# Cell tags (and metadata) with which nbclient lets a cell fail or skips it.
TOLERATING_TAGS = ("raises-exception", "skip-execution")


def tolerating_cells(nb) -> list[str]:
    """Each cell that would be allowed to fail, or would not run, and why."""
    found = []
    for index, cell in enumerate(nb.cells):
        tags = set(cell.get("metadata", {}).get("tags", []))
        skipped = cell.get("metadata", {}).get("execution", {}).get("skip") is True
        for tag in sorted(tags & set(TOLERATING_TAGS)) + (["execution: skip"] if skipped else []):
            found.append(f"cell {index + 1} ({first_line(cell)}) is tagged {tag}")
    return found


# The mark that says a Markdown cell's code is shown, not run, as on a Markdown page; the
# site shows its reason above the code ("Not run here: ...", site_tools/notebook_pages.py).
NOT_RUN_MARK = re.compile(r"<!--\s*(pytest\.mark\.skip\(.*?\))\s*-->\s*(?:<div[^>]*>\s*)?$")


def code_in_markdown(nb) -> list[str]:
    """Each Markdown cell that shows code without saying it is not run: a fence, an
    indented block, a fence in a blockquote, raw <pre> (whatever the Markdown renders as a
    <pre>, as the notebook page does: nbconvert's mistune) that does not come right after
    a `<!-- pytest.mark.skip(reason="...") -->` line with a reason the pages accept."""
    return [
        f"cell {index + 1} ({first_line(cell)}){problem}"
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "markdown"
        for problem in unmarked_code(markdown_html(cell.source))
    ]


def unmarked_code(html: str) -> list[str]:
    """What is wrong with each <pre> of a Markdown cell rendered as `html` that is not
    marked as not run (an empty list: the cell may be shown as it is)."""
    found = []
    parts = re.split(r"<pre[\s>]", html)  # the text before each <pre>, then the last's
    for before, after in itertools.pairwise(parts):
        mark = NOT_RUN_MARK.search(before.rstrip())
        try:
            if mark is not None and Marks.parse([mark.group(1)]).skip_reason:
                continue
        except MarkError as error:
            found.append(f": {error}")
            continue
        text = html_module.unescape(re.sub(r"<[^>]+>", "", after.split("</pre>")[0]))
        code = next((line.strip() for line in text.splitlines() if line.strip()), "")
        found.append(f" shows code that is not run: {code!r}")
    return found


def markdown_html(markdown: str) -> str:
    """A Markdown cell as the notebook page renders it (nbconvert's mistune filter)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(markdown)


def execute(path: Path, timeout: float = CELL_TIMEOUT, again: str | None = None):
    """Run every cell of the notebook at `path`; return the notebook with its outputs.

    Raises CellFailure, naming the notebook and the cell, when a cell fails; `again` is
    the command that runs it alone (`make check PAGE=...` unless told otherwise).
    """
    import nbformat
    from nbclient import NotebookClient

    name = display_name(path)
    nb = nbformat.read(path, as_version=4)
    shown = code_in_markdown(nb)
    if shown:
        raise CellFailure(
            f"{name}: "
            + "; ".join(shown)
            + ". Code a reader sees is code that ran: put it in a code cell, or, for a listing "
            'or a command that cannot run here, put <!-- pytest.mark.skip(reason="...") --> '
            "on the line right above the code (the page shows the reason)."
        )
    tolerated = tolerating_cells(nb)
    if tolerated:
        raise CellFailure(
            f"{name}: "
            + "; ".join(tolerated)
            + ". A notebook page is held to the snippets' rules: every cell runs and none may "
            "fail. Remove the tag, and show an expected error by catching it in the cell."
        )
    current = {"index": None}

    def on_cell_execute(cell, cell_index):
        current["index"] = cell_index

    env = {key: value for key, value in os.environ.items() if key.lower() != "no_proxy"}
    env.update(dict.fromkeys(PROXY_VARIABLES, CLOSED_PORT))
    environment.quiet(env)
    # `python` is this Python, as in an activated venv: a `%%python` cell (a block that
    # needs a process of its own) and `!python` run with the kernel's own packages.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    with (
        tempfile.TemporaryDirectory(prefix="notebook-") as cwd,
        tempfile.TemporaryDirectory(prefix="notebook-lines-") as recorded,
        tempfile.TemporaryFile() as log,
    ):
        env[notebook_kernel.RECORD_VARIABLE] = os.path.join(recorded, "record.json")
        env[notebook_kernel.ROOT_VARIABLE] = str(project_root(path))
        # The kernel loads this very engine's verify/notebook_kernel.py, whatever copy of
        # the project the installed package points to.
        engine = str(Path(notebook_kernel.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [engine, env.get("PYTHONPATH")]))
        client = NotebookClient(
            nb,
            km=kernel_manager(),
            timeout=timeout,
            allow_errors=False,
            # Only what Python code prints reaches the page, not the C++ logs that
            # TensorFlow writes to the process's stderr (CUDA probing and the like).
            # verify/notebook_kernel.py holds each cell to a snippet's rules.
            extra_arguments=[
                "--IPKernelApp.capture_fd_output=False",
                "--IPKernelApp.extensions=verify.notebook_kernel",
            ],
            on_cell_execute=on_cell_execute,
            resources={"metadata": {"path": cwd}},
        )
        try:
            client.execute(env=env, stdout=log, stderr=log)
        except Exception as error:
            log.seek(0)
            kernel_log = log.read().decode("utf-8", "replace")
            if current["index"] is None:
                raise CellFailure(
                    f"{name}: the kernel did not start ({type(error).__name__}: {error})\n"
                    f"{kernel_log[-3000:]}"
                ) from error
            again = again or f"make check PAGE={name}"
            report = cell_report(name, nb, current["index"], error, kernel_log, again)
            raise CellFailure(report) from error
        problems = cell_problems(nb, Path(env[notebook_kernel.RECORD_VARIABLE]))
    if problems:
        raise CellFailure(
            f"{name}: a cell did what a snippet may not:\n"
            + "\n".join(f"  {problem}" for problem in problems)
            + "\nA notebook page is held to the snippets' rules (CONTRIBUTING.md): every line "
            "a reader sees runs (remove the lines that cannot run, or make the cell reach "
            "them), a cell changes no file of the repository, and waits for every process it "
            "starts."
        )
    return nb


# A cell magic does not run its body as the cell's own code (%%time and %%capture compile
# it under another name, %%writefile writes it, %%bash runs it in a shell), so its lines
# cannot be checked: only %%python (a block that needs a process of its own) may be used.
ALLOWED_CELL_MAGICS = ("python",)


def cell_name(nb, index: int) -> str:
    """`cell 5 (In [3]: model.fit(...))`: its place among all cells, and among code cells."""
    cell = nb.cells[index]
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    return f"cell {index + 1} (In [{code.index(index) + 1}]: {first_line(cell)})"


def cell_problems(nb, recorded: Path) -> list[str]:
    """What each code cell did that a snippet may not, from what the kernel recorded
    (verify/notebook_kernel.py): lines that never ran (judged as a snippet's lines,
    verify/coverage_check.py), files of the repository changed, processes left running,
    a cell magic other than %%python."""
    import json

    cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip()]
    if not cells:
        return []
    if not recorded.is_file():
        return ["the kernel recorded nothing: verify/notebook_kernel.py did not load"]
    record = json.loads(recorded.read_text(encoding="utf-8"))
    ran_cells, found = list(record["cells"]), []
    for index in cells:
        cell, where = nb.cells[index], cell_name(nb, index)
        magic = re.match(r"\s*%%(\w+)", cell.source)
        if magic and magic.group(1) not in ALLOWED_CELL_MAGICS:
            found.append(
                f"{where}: the cell magic %%{magic.group(1)} does not run its body as the "
                "cell's own code, so its lines cannot be checked; show code in a plain code cell"
            )
        ran = next((c for c in ran_cells if c["source"] == cell.source), None)
        if ran is None:
            found.append(f"{where}: did not run")
            continue
        ran_cells.remove(ran)
        found += [f"{where}: {problem.strip()}" for problem in ran["problems"]]
        found += lines_never_run(where, cell.source, ran, record["lines"].get(ran["file"], []))
    return found


def lines_never_run(where: str, source: str, ran: dict, lines: list[int]) -> list[str]:
    """The lines of a cell that never ran, numbered as in the cell (IPython drops its
    leading blank lines before it compiles it), each with its text."""
    with tempfile.TemporaryDirectory(prefix="cell-") as folder:
        python = Path(folder) / "cell.py"
        python.write_text(ran["python"], encoding="utf-8")
        report = coverage_check.never_ran(python, lines)
    shown = ran["python"].splitlines()
    blank = len(source.splitlines()) - len(source.lstrip("\n \t").splitlines())
    offset = blank if ran["python"].strip() == source.strip() else 0
    return [
        f"{where}: line {line + offset} never ran: {shown[line - 1].strip()}"
        for line in report.missing
        if line <= len(shown)
    ]


def cache_key(path: Path) -> str:
    """The notebook's bytes (plus what every cache key holds: verify/cache.py)."""
    return cache.key(project_root(path), path.read_bytes())


def store(path: Path) -> tuple[cache.Store, str, str]:
    root = project_root(path)
    return cache.Store(root, KIND), display_name(path).removesuffix(".ipynb"), cache_key(path)


def save(path: Path, nb) -> Path:
    """Keep this successful run of the notebook at `path`, replacing older ones."""
    import nbformat

    runs, name, key = store(path)
    files = {
        "executed.ipynb": nbformat.writes(nb).encode(),
        "run-id": os.environ.get(RUN_ID_VARIABLE, "").encode(),
    }
    return runs.put(name, key, files) / "executed.ipynb"


def saved_run(path: Path, made_in_run: str | None = None) -> Path | None:
    """The saved passing run of the notebook at `path` as it is now, if one is whole (and,
    with `made_in_run`, if it was made during that test session)."""
    import nbformat

    runs, name, key = store(path)
    saved = runs.get(name, key)
    if saved is None:
        return None
    if made_in_run is not None:
        run_id = saved / "run-id"
        if not run_id.is_file() or run_id.read_text(encoding="utf-8") != made_in_run:
            return None
    try:
        nbformat.read(saved / "executed.ipynb", as_version=4)
    except (OSError, ValueError, nbformat.ValidationError):
        return None  # truncated or damaged: run it again
    return saved / "executed.ipynb"


@contextlib.contextmanager
def locked(path: Path):
    """Hold the notebook at `path` alone while checking for a saved run and making one."""
    runs, name, _ = store(path)
    with runs.lock(name):
        yield


def executed_copy(path: Path, made_in_run: str | None = None) -> tuple[Path, bool]:
    """The saved run of the notebook at `path` (made during the test session `made_in_run`,
    when given), made now if there is none.

    Returns the executed notebook's path and whether it ran just now.
    """
    if made_in_run is None and (saved := saved_run(path)) is not None:
        return saved, False  # a whole run with this key: no need to wait for one in progress
    with locked(path):
        saved = saved_run(path, made_in_run)
        if saved is not None:
            return saved, False
        return save(path, execute(path)), True


def cells_with_outputs(nb) -> list[int]:
    """Numbers (from 1) of the code cells that carry outputs or an execution count."""
    return [
        number
        for number, cell in enumerate(nb.cells, 1)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]
