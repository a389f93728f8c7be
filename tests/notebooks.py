"""Run the notebook pages (docs/**/*.ipynb) cell by cell, for the tests and the build.

    docs/notebooks/rnn-sequences.ipynb::every cell runs     one test per notebook

The committed notebook is the source of truth and carries no outputs. It runs with
nbclient, in a fresh temporary working directory, on ipykernel inside the Python that
runs this code (the project's .venv): no kernel needs registering, and a `python3`
kernel registered elsewhere on the machine is never used. Proxies point at a closed
port, so a notebook that tries to download something fails, as a snippet does.

A failing cell fails the test (and the build) with the notebook, the cell's number, its
first line and the traceback. A successful run is saved in .cache/notebooks/, keyed by
the notebook's bytes, requirements.txt and the Python version. The site build
(hooks/notebook_pages.py) renders that saved run, or runs the notebook itself when there
is none: `make test` then `make build` runs each notebook once, and the published page
shows the outputs of the very run that passed the test.

Collected by tests/pages_plugin.py; used by hooks/notebook_pages.py.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "notebooks"
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


def display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def first_line(cell) -> str:
    lines = [line.strip() for line in cell.source.splitlines() if line.strip()]
    return lines[0] if lines else "(empty cell)"


def cell_report(name: str, nb, index: int, error: BaseException, kernel_log: str) -> str:
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
    return report + f"\n\nRun it alone with: make check PAGE={name}"


def execute(path: Path, timeout: float = CELL_TIMEOUT):
    """Run every cell of the notebook at `path`; return the notebook with its outputs.

    Raises CellFailure, naming the notebook and the cell, when a cell fails.
    """
    from nbclient import NotebookClient

    name = display_name(path)
    nb = nbformat.read(path, as_version=4)
    current = {"index": None}

    def on_cell_execute(cell, cell_index):
        current["index"] = cell_index

    env = {key: value for key, value in os.environ.items() if key.lower() != "no_proxy"}
    env.update(dict.fromkeys(PROXY_VARIABLES, CLOSED_PORT))
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    with tempfile.TemporaryDirectory(prefix="notebook-") as cwd, tempfile.TemporaryFile() as log:
        client = NotebookClient(
            nb,
            km=kernel_manager(),
            timeout=timeout,
            allow_errors=False,
            # Only what Python code prints reaches the page, not the C++ logs that
            # TensorFlow writes to the process's stderr (CUDA probing and the like).
            extra_arguments=["--IPKernelApp.capture_fd_output=False"],
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
            raise CellFailure(cell_report(name, nb, current["index"], error, kernel_log)) from error
    return nb


def cache_key(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes())
    digest.update((ROOT / "requirements.txt").read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:20]


def cache_dir(path: Path) -> Path:
    return CACHE / path.resolve().relative_to(ROOT).with_suffix("")


def save(path: Path, nb) -> Path:
    """Keep this successful run of the notebook at `path`, replacing older ones."""
    folder = cache_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{cache_key(path)}.ipynb"
    partial = target.with_suffix(".partial")
    nbformat.write(nb, partial)
    partial.replace(target)
    for old in folder.glob("*.ipynb"):
        if old != target:
            old.unlink()
    return target


def executed_copy(path: Path) -> tuple[Path, bool]:
    """The saved run of the notebook at `path`, made now if there is none.

    Returns the executed notebook's path and whether it ran just now.
    """
    saved = cache_dir(path) / f"{cache_key(path)}.ipynb"
    if saved.is_file():
        return saved, False
    return save(path, execute(path)), True


def cells_with_outputs(nb) -> list[int]:
    """Numbers (from 1) of the code cells that carry outputs or an execution count."""
    return [
        number
        for number, cell in enumerate(nb.cells, 1)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]


class NotebookFile(pytest.File):
    def collect(self):
        yield NotebookItem.from_parent(self, name="every cell runs")


class NotebookItem(pytest.Item):
    """Runs every cell; on success saves the run for the site build."""

    def runtest(self):
        start = time.perf_counter()
        nb = execute(self.path)
        self.user_properties.append(("seconds", round(time.perf_counter() - start, 3)))
        save(self.path, nb)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, CellFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f"{display_name(self.path)}: every cell runs"
