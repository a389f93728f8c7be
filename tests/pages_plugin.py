"""pytest plugin: every code block of every page under docs/ is a test.

    docs/shapes.md::snippets/shapes/none_batch.py     one test per Python block
    mkdocs.yml::every snippet is included              no orphan under snippets/
    mkdocs.yml::snippets are fully covered             every line of snippets/*.py ran
    docs/notebooks/x.ipynb::every cell runs            a notebook page (tests/notebooks.py)

Pages are expanded with the `pymdownx.snippets` settings of mkdocs.yml
(tests/expand.py) and parsed by pytest-codeblocks; blocks run through
tests/run_block.py, which records the lines that ran (tests/line_marks.py).
Loaded by the top-level conftest.py.

A block marked <!--pytest.mark.produces("model.svg")--> must write that
picture (.png or .svg), valid, into its working directory; the build
(hooks/pictures.py) publishes it beside the page.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import expand
import line_marks
import run_block

RUNNER = Path(run_block.__file__).resolve()
SKIP_HINT = '<!--pytest.mark.skip(reason="why this block is not run")-->'


def pytest_addoption(parser):
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite the expected-output files under snippets/ from real runs",
    )
    parser.addini("snippet_timeout", "seconds one code block may run", default="60")
    parser.addini("mkdocs_config", "the site's mkdocs.yml", default="mkdocs.yml")


def pytest_configure(config):
    config.addinivalue_line("markers", "subprocess: run this code block in a fresh Python process")
    config.addinivalue_line(
        "markers",
        "produces(*names): this code block writes these pictures (.png/.svg) into its "
        "working directory; the site publishes them beside the page (hooks/pictures.py)",
    )
    config.stash[STATE] = State(config)


class State:
    """Per-session: the project, and the lines of each snippet that ran."""

    def __init__(self, config):
        self.config_file = (config.rootpath / config.getini("mkdocs_config")).resolve()
        self.results_dir = Path(tempfile.mkdtemp(prefix="snippet-results-"))
        self.ran: dict[Path, set[int]] = {}
        self.subprocess_runs = 0

    @property
    def project(self) -> expand.Project:
        return expand.load_project(self.config_file)

    def ran_lines(self, snippet: Path) -> set[int]:
        return self.ran.setdefault(snippet.resolve(), set())


STATE = pytest.StashKey[State]()
PICTURE_SUFFIXES = (".png", ".svg")


def produced_files(block: expand.Block) -> list[str]:
    """The pictures a block declares with pytest.mark.produces (tests and build)."""
    names = []
    for mark in block.marks:
        if mark.startswith("pytest.mark.produces"):
            names += eval(mark, {"pytest": pytest}).args
    for name in names:
        plain = isinstance(name, str) and name == Path(name).name
        if not (plain and name.endswith(PICTURE_SUFFIXES)):
            raise ValueError(
                f"{block.page}:{block.line}: produces({name!r}): name a .png or .svg file "
                "that the block writes into its working directory (no folders)"
            )
    return names


def pytest_collect_file(file_path: Path, parent):
    state = parent.config.stash[STATE]
    if not state.config_file.is_file():
        return None
    if file_path.resolve() == state.config_file:
        return ProjectChecks.from_parent(parent, path=file_path)
    if file_path.suffix == ".md" and state.project.docs_dir in file_path.resolve().parents:
        return PageFile.from_parent(parent, path=file_path)
    if file_path.suffix == ".ipynb" and state.project.docs_dir in file_path.resolve().parents:
        from notebooks import NotebookFile  # a notebook page: every cell runs

        return NotebookFile.from_parent(parent, path=file_path)
    return None


def pytest_collection_modifyitems(session, config, items):
    # The coverage check reads what the blocks ran: it goes last.
    items.sort(key=lambda item: isinstance(item, CoverageCheck))
    # Import TensorFlow once for the process, before the first block that uses it,
    # so each block's time is its own work.
    for item in items:
        if isinstance(item, BlockItem) and not item.in_subprocess:
            if "keras" in item.block.code or "tensorflow" in item.block.code:
                item.imports_tensorflow_first = True
                break


class BlockFailure(Exception):
    """A block failed; the message is the whole report."""


class ProblemItem(pytest.Item):
    """A page mistake found while collecting: fails with its message."""

    def __init__(self, *, message: str, line: int = 1, **kwargs):
        super().__init__(**kwargs)
        self.message = message
        self.line = line

    def runtest(self):
        raise BlockFailure(self.message)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, BlockFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, self.line - 1, self.name


class PageFile(pytest.File):
    def collect(self):
        state = self.config.stash[STATE]
        page = self.path.resolve().relative_to(state.project.root)
        try:
            blocks = expand.page_blocks(state.project, self.path)
        except expand.PageError as error:
            yield ProblemItem.from_parent(
                self, name="includes", message=f"{error}\nFix the include or the file."
            )
            return
        for line in expand.tilde_fences(self.path):
            yield ProblemItem.from_parent(
                self,
                name=f"line {line}",
                line=line,
                message=f"{page}:{line}: a ~~~ fence is never run by pytest-codeblocks. "
                "Use a ``` fence holding one --8<-- include.",
            )
        seen: dict[str, int] = {}
        for block in blocks:
            yield from self.block_items(page, block, seen)

    def block_items(self, page, block, seen):
        where = f"{page}:{block.line}"
        skip = [m for m in block.marks if m.startswith("pytest.mark.skip")]
        if skip:
            if "reason=" not in skip[0]:
                yield ProblemItem.from_parent(
                    self,
                    name=f"line {block.line}",
                    line=block.line,
                    message=f"{where}: a skipped block needs a reason: {SKIP_HINT}",
                )
                return
            item = ProblemItem.from_parent(
                self,
                name=f"line {block.line}",
                line=block.line,
                message="skipped blocks do not run",
            )
            item.add_marker(eval(skip[0], {"pytest": pytest}))
            yield item
            return
        if block.syntax != "python":
            yield ProblemItem.from_parent(
                self,
                name=f"line {block.line}",
                line=block.line,
                message=f"{where}: a ```{block.syntax} fence would be skipped silently "
                "by pytest-codeblocks. Write a plain ```python fence (no title=, "
                "hl_lines=; not py or pycon) around a --8<-- include, or mark the block "
                f"as not run with {SKIP_HINT}",
            )
            return
        if block.snippet is None:
            yield ProblemItem.from_parent(
                self,
                name=f"line {block.line}",
                line=block.line,
                message=f"{where}: code on the site comes from snippets/. Move this code "
                f'into snippets/{page.stem}/NAME.py and write --8<-- "{page.stem}/NAME.py" '
                "as the fence's only line.",
            )
            return
        name = str(block.snippet)
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name += f"[{seen[name]}]"
        item = BlockItem.from_parent(self, name=name, block=block)
        for mark in block.marks:
            item.add_marker(eval(mark, {"pytest": pytest, "sys": sys}))
        yield item


class BlockItem(pytest.Item):
    def __init__(self, *, block: expand.Block, **kwargs):
        super().__init__(**kwargs)
        self.block = block
        self.imports_tensorflow_first = False

    @property
    def in_subprocess(self) -> bool:
        return any(m.startswith("pytest.mark.subprocess") for m in self.block.marks)

    @property
    def snippet_path(self) -> Path:
        return self.config.stash[STATE].project.root / self.block.snippet

    def setup(self):
        if self.imports_tensorflow_first:
            import keras  # noqa: F401  (once per test process)

    def runtest(self):
        state = self.config.stash[STATE]
        timeout = float(self.config.getini("snippet_timeout"))
        if self.block.code.rstrip("\n") != self.snippet_path.read_text("utf-8").rstrip("\n"):
            raise BlockFailure(
                f"{self.where}: the block is not the whole of {self.block.snippet}; "
                "include whole files only (no line ranges or sections)."
            )
        try:
            produces = produced_files(self.block)
        except ValueError as error:
            raise BlockFailure(str(error)) from None
        ran = state.ran_lines(self.snippet_path)
        if self.in_subprocess:
            result = self.run_in_subprocess(state, timeout, produces)
            ran.update(result.lines)
        else:
            path = str(self.snippet_path)
            result = run_block.run_block(self.block.code, path, timeout, ran, produces)
        self.user_properties.append(("seconds", round(result.seconds, 3)))
        if result.error:
            raise BlockFailure(
                f"{self.block.snippet} failed, included by {self.where}\n\n{result.error}\n"
                f"Run it alone with: python {self.block.snippet}"
            )
        self.check_output(result.stdout)

    @property
    def where(self) -> str:
        return f"{self.block.page}:{self.block.line}"

    def run_in_subprocess(self, state, timeout, produces):
        state.subprocess_runs += 1
        result_file = state.results_dir / f"result-{state.subprocess_runs}.json"
        command = [sys.executable, str(RUNNER), str(self.snippet_path), str(result_file)]
        command += [str(timeout)]
        command += ["--produces", *produces] if produces else []
        finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout + 60)
        if not result_file.exists():
            raise BlockFailure(
                f"{self.block.snippet}, included by {self.where}, ran in its own process, "
                f"which died (exit {finished.returncode}):\n{finished.stderr[-3000:]}"
            )
        return run_block.Result(**json.loads(result_file.read_text("utf-8")))

    def check_output(self, actual: str):
        expected = self.block.expected_output
        if expected is None:
            return
        actual_lines = [line.rstrip() for line in actual.rstrip().splitlines()]
        expected_lines = [line.rstrip() for line in expected.rstrip().splitlines()]
        if actual_lines == expected_lines:
            return
        output_file = self.block.output_file
        if output_file and self.config.getoption("update_outputs"):
            root = self.config.stash[STATE].project.root
            (root / output_file).write_text("\n".join(actual_lines) + "\n", encoding="utf-8")
            return
        source = output_file or f"the fence after {self.where}"
        diff = "\n".join(
            difflib.unified_diff(
                expected_lines, actual_lines, f"expected ({source})", "actual", lineterm=""
            )
        )
        how = (
            "If the new output is right, run: make update-outputs"
            if output_file
            else "Move the expected output into a file under snippets/ and include it, "
            "so that make update-outputs can refresh it."
        )
        raise BlockFailure(
            f"{self.block.snippet} printed something else than {self.where} shows:\n\n"
            f"{diff}\n\n{how}"
        )

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, BlockFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, self.block.line - 1, f"{self.where} {self.block.snippet}"


class ProjectChecks(pytest.File):
    """Checks of the whole project: collected with mkdocs.yml."""

    def collect(self):
        yield OrphanCheck.from_parent(self, name="every snippet is included")
        yield CoverageCheck.from_parent(self, name="snippets are fully covered")


class OrphanCheck(ProblemItem):
    def __init__(self, **kwargs):
        super().__init__(message="", **kwargs)

    def runtest(self):
        project = self.config.stash[STATE].project
        included = set()
        for page in sorted(project.docs_dir.rglob("*.md")):
            included |= expand.included_files(project, page)
        orphans = [
            path.relative_to(project.root)
            for base in project.snippet_dirs
            for path in sorted(base.rglob("*"))
            if path.is_file() and path.resolve() not in included and "__pycache__" not in path.parts
        ]
        if orphans:
            raise BlockFailure(
                "orphan snippet(s), included by no page under docs/:\n"
                + "\n".join(f"  {path}" for path in orphans)
                + "\nInclude each from a page, or delete it."
            )


class CoverageCheck(ProblemItem):
    """Every statement of every snippets/**/*.py ran in this session."""

    def __init__(self, **kwargs):
        super().__init__(message="", **kwargs)

    def runtest(self):
        state = self.config.stash[STATE]
        project = state.project
        pages = {p.resolve() for p in project.docs_dir.rglob("*.md")}
        ran_pages = {i.path.resolve() for i in self.session.items if isinstance(i, BlockItem)}
        every_page = all(
            page in ran_pages or not expand.included_files(project, page) for page in pages
        )
        if not every_page:
            pytest.skip("not every page ran in this session: coverage is checked on full runs")
        statements = missing = 0
        report = []
        for base in project.snippet_dirs:
            for path in sorted(base.rglob("*.py")):
                lines = line_marks.statement_lines(path.read_text("utf-8"))
                never = lines - state.ran.get(path.resolve(), set())
                statements, missing = statements + len(lines), missing + len(never)
                if never:
                    where = path.relative_to(project.root)
                    report.append(
                        f"{where}: {len(never)} of {len(lines)} lines never ran: "
                        f"{line_marks.line_ranges(never)}"
                    )
        total = 100.0 * (statements - missing) / statements if statements else 100.0
        self.config.stash[REPORT] = (
            "\n".join(report) or f"100 % ({statements} lines of snippets/*.py, every one ran)"
        )
        if missing:
            raise BlockFailure(
                f"line coverage of snippets/ is {total:.1f} %, not 100 %:\n"
                + "\n".join(report)
                + "\nEvery line of a snippet runs when its page is verified: remove the "
                "lines that never run, or make them run."
            )


REPORT = pytest.StashKey[str]()


def pytest_terminal_summary(terminalreporter, config):
    report = config.stash.get(REPORT, None)
    if report is not None:
        terminalreporter.write_sep("-", "line coverage of snippets/")
        terminalreporter.write_line(report)
