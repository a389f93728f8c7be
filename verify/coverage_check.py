"""Which lines of a snippet ran, and which never did: coverage.py's `sys.monitoring` core.

Every line of every file under snippets/ must run when the pages are verified (the check
"snippets are fully covered"). coverage.py measures it, with its `sysmon` core (Python
3.12+, PEP 669): the interpreter reports lines only for the code objects coverage.py asked
about, here the files under snippets/, so TensorFlow and Keras run at full speed (`make
bench` shows the cost side by side). It is started once per process, at the first block,
and left running (`_measuring`).

    with lines_that_run(filename) as ran:   # around one block, in this process or its own
        exec(compile(code, filename, "exec"), namespace)
    ran                                      # {1, 2, 4, ...}

    never_ran(path, ran_lines)                # coverage.py's statements of the file, minus
                                              # the lines that ran: "12, 14-15" and counts

The snippet is compiled as it is, so tracebacks and `inspect.getsource` see its own lines.
Code that TensorFlow runs from a rewritten copy (autograph, inside `@tf.function`) is
another file and not counted, as with any coverage tool.
"""

from __future__ import annotations

import ast
import contextlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import coverage
from coverage.exceptions import CoverageWarning
from coverage.results import format_lines

CORE = "sysmon"


class CoverageUnavailable(Exception):
    """coverage.py could not use its sys.monitoring core here."""


def _coverage(include: str) -> coverage.Coverage:
    measure = coverage.Coverage(data_file=None, config_file=False, include=[include])
    measure.set_option("run:core", CORE)
    return measure


_RUNNING: dict[str, coverage.Coverage] = {}  # the one measuring this process, by folder


def _measuring(folder: Path) -> coverage.Coverage:
    """The process's coverage.py, measuring the files under `folder`: started once and left
    running, so code that sys.monitoring was told to ignore stays ignored from one block to
    the next (stopping and starting it again, per block, cost ~10 % of the blocks' time)."""
    key = str(folder)
    if key not in _RUNNING:
        for other in _RUNNING.values():
            other.stop()
        _RUNNING.clear()
        measure = _coverage(f"{folder}{os.sep}*")
        with _warnings_as_errors():
            measure.start()
        _RUNNING[key] = measure
    return _RUNNING[key]


def _folder(filename: str) -> Path:
    """snippets/ when the file is under it (every snippet of the project), else its folder."""
    path = Path(filename).resolve()
    return next((p for p in path.parents if p.name == "snippets"), path.parent)


@contextlib.contextmanager
def lines_that_run(filename: str, ran: set[int] | None = None) -> Iterator[set[int]]:
    """Measure the lines of `filename` that run inside the `with`: they are added to `ran`
    (or to the set it yields) when the `with` ends, however it ends. The lines are those of
    this file that ran in this process so far (a file runs as one block per process, but for
    a snippet included twice)."""
    ran = set() if ran is None else ran
    measure = _measuring(_folder(filename))
    try:
        yield ran
    finally:
        ran.update(measure.get_data().lines(str(Path(filename).resolve())) or ())


@contextlib.contextmanager
def _warnings_as_errors():
    """coverage.py warns, then falls back to a slower core: that is an error here."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", CoverageWarning)
        try:
            yield
        except CoverageWarning as warning:
            raise CoverageUnavailable(
                f"coverage.py cannot use its {CORE} core ({warning}): the project needs the "
                "Python in the Makefile (make test builds .venv with it)"
            ) from None


@dataclass
class Report:
    statements: int
    missing: list[int]
    missing_ranges: str  # "12, 14-15"


def never_ran(path: Path, ran: Iterable[int]) -> Report:
    """The statements of `path` that are not in `ran`: coverage.py's, with nothing excluded
    (its default `# pragma: no cover` neither: no exclusion is read from the tree's
    configuration), and every statement a reader sees that the compiler removed (the body
    of `if False:`, code after an unconditional `raise`, `return` or `sys.exit()`)."""
    filename = str(path.resolve())
    measure = _coverage(filename)
    measure.set_option("report:exclude_lines", [])
    measure.set_option("report:exclude_also", [])
    ran = set(ran)
    measure.get_data().add_lines({filename: sorted(ran)})
    _, compiled, _, missing, _ = measure.analysis2(filename)
    statements = set(compiled) | reader_statements(path)
    missing = sorted(set(missing) | (statements - set(compiled) - ran))
    return Report(len(statements), missing, format_lines(sorted(statements), missing))


def reader_statements(path: Path) -> set[int]:
    """The first line of every statement in the file, as a reader sees it (docstrings,
    which run as no statement of their own, left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0])
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
        and isinstance(node.body[0].value.value, str)
    }
    return {
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.stmt) and id(node) not in docstrings
    }
