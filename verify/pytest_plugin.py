"""The pytest plugin: every code block of every page under docs/ is a test.

    docs/shapes.md::snippets/shapes/none_batch.py          one test per Python block
    docs/saving.md::snippets/saving/x.py[tf_keras]          the legacy run of a then_vs_now block
    docs/notebooks/x.ipynb::every cell runs                 a notebook page
    mkdocs.yml::every snippet is included                   no orphan under snippets/
    mkdocs.yml::snippets are fully covered                  every line of snippets/*.py ran

An adapter: the pages are read by verify.pages (blocks and their marks, verify.blocks),
blocks run through verify.run (in this process) or verify.own_process (a fresh process
for a `subprocess` block; one kept process for the legacy runs), the notebooks
through verify.notebooks. Loaded by the top-level conftest.py.

A block's passing run is kept in .cache/blocks/ (verify/cache.py) and reused while every
input that can change what it prints is the same (`block_cache_key`); `--fresh` runs
every block regardless (make test-all).

With pytest-xdist (make test runs `-n auto`), each worker imports TensorFlow once and runs
its share of the blocks; the lines each block ran, the pages collected and the skipped
blocks travel to the controller in the worker's `workeroutput` (as pytest-cov sends its
coverage data), and the controller runs the coverage check once, when every worker is
done, reporting it under its usual test id.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import os
import re
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from mkdocs.utils import markdown_extensions

from verify import cache, coverage_check, notebooks, pictures
from verify.blocks import LEGACY, SKIP_HINT, Block, legacy_output_name
from verify.own_process import KeptProcess, ProcessDied, run_in_own_process
from verify.pages import PageError, directive_problems, page_blocks, tilde_fences
from verify.project import SNIPPET_TIMEOUT, Project, ProjectError, load_project
from verify.run import WIDE, Result, run_block

# A block that imports Keras or TensorFlow: they are imported before it (in setup), once.
IMPORTS_TENSORFLOW = re.compile(r"^\s*(?:import|from)\s+(?:keras|tensorflow)\b", re.M)
LEGACY_ENV = {"TF_USE_LEGACY_KERAS": "1"}
BLOCKS = "blocks"  # the cache's kind for passing block runs (.cache/blocks/)
# Inherited environment variables that can change what a block prints: part of its key.
CACHE_ENV_PREFIXES = ("KERAS_", "TF_", "PYTHON", "CUDA_", "OMP_", "COLUMNS", "LINES")
COVERAGE_CHECK = "snippets are fully covered"


def pytest_addoption(parser):
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite the expected-output files under snippets/ from real runs",
    )
    parser.addoption(
        "--fresh",
        action="store_true",
        help="run every code block, even one whose passing run is cached in .cache/blocks/",
    )
    parser.addini("snippet_timeout", "seconds one code block may run", default=SNIPPET_TIMEOUT)
    parser.addini("mkdocs_config", "the site's mkdocs.yml", default="mkdocs.yml")


def pytest_configure(config):
    config.addinivalue_line("markers", "subprocess: run this code block in a fresh Python process")
    config.addinivalue_line(
        "markers",
        "produces(*names): this code block writes these pictures (.png/.svg) into its "
        "working directory; the site publishes them beside the page (hooks/pictures.py)",
    )
    config.addinivalue_line(
        "markers", "then_vs_now: run this code block under Keras 3 and under legacy tf.keras"
    )
    config.stash[STATE] = State(config)
    # This session's id, for what it starts (a site build): the same in every xdist worker.
    run_id = getattr(config, "workerinput", {}).get("testrunuid")
    if run_id is None:
        run_id = getattr(config.option, "testrunuid", None) or uuid.uuid4().hex
        if hasattr(config.option, "testrunuid"):  # the controller: xdist hands it to workers
            config.option.testrunuid = run_id
    os.environ[notebooks.RUN_ID_VARIABLE] = run_id


class State:
    """Per-session (per worker, merged in the controller): the lines of each snippet that
    ran, the blocks skipped, the pages collected and those with a block to run."""

    def __init__(self, config):
        self.config_file = (config.rootpath / config.getini("mkdocs_config")).resolve()
        self.ran: dict[Path, set[int]] = {}
        self.skipped: list[str] = []
        self.collected_pages: set[Path] = set()
        self.block_pages: set[Path] = set()
        self.coverage_check_collected = False
        self.legacy_process = KeptProcess(LEGACY_ENV)  # started by the first legacy run

    @property
    def project(self) -> Project:
        return load_project(self.config_file)

    def ran_lines(self, snippet: Path) -> set[int]:
        return self.ran.setdefault(snippet.resolve(), set())

    def to_json(self) -> dict:
        return {
            "ran": {str(path): sorted(lines) for path, lines in self.ran.items()},
            "skipped": self.skipped,
            "collected_pages": sorted(map(str, self.collected_pages)),
            "block_pages": sorted(map(str, self.block_pages)),
            "coverage_check_collected": self.coverage_check_collected,
        }

    def merge(self, data: dict) -> None:
        for path, lines in data["ran"].items():
            self.ran_lines(Path(path)).update(lines)
        self.skipped += [line for line in data["skipped"] if line not in self.skipped]
        self.collected_pages |= set(map(Path, data["collected_pages"]))
        self.block_pages |= set(map(Path, data["block_pages"]))
        self.coverage_check_collected |= data["coverage_check_collected"]


def is_worker(config) -> bool:
    return hasattr(config, "workerinput")


def is_controller(config) -> bool:
    """The xdist controller: it runs no test itself."""
    return config.pluginmanager.getplugin("dsession") is not None and not is_worker(config)


STATE = pytest.StashKey[State]()
REPORT = pytest.StashKey[str]()


def pytest_collect_file(file_path: Path, parent):
    state = parent.config.stash[STATE]
    if not state.config_file.is_file():
        return None
    if file_path.resolve() == state.config_file:
        return ProjectChecks.from_parent(parent, path=file_path)
    project = state.project
    if project.docs_dir not in file_path.resolve().parents:
        return None
    if file_path.suffix in markdown_extensions:
        return PageFile.from_parent(parent, path=file_path)
    if file_path.suffix == ".ipynb":
        return NotebookFile.from_parent(parent, path=file_path)
    return None


def pytest_collection_modifyitems(session, config, items):
    state = config.stash[STATE]
    state.coverage_check_collected = any(isinstance(item, CoverageCheck) for item in items)
    if is_worker(config):
        # Under xdist the controller checks coverage, once every worker is done.
        items[:] = [item for item in items if not isinstance(item, CoverageCheck)]
    # The coverage check reads what the blocks ran: it goes last.
    items.sort(key=lambda item: isinstance(item, CoverageCheck))


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session):
    config = session.config
    state = config.stash[STATE]
    if is_worker(config):
        config.workeroutput["verify"] = json.dumps(state.to_json())
    elif is_controller(config) and state.coverage_check_collected:
        report_coverage_check(session)


def pytest_unconfigure(config):
    if STATE in config.stash:
        config.stash[STATE].legacy_process.close()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """xdist controller: a worker is done; take in what its blocks ran."""
    data = getattr(node, "workeroutput", {}).get("verify")
    if data is not None:
        node.config.stash[STATE].merge(json.loads(data))


def report_coverage_check(session):
    """xdist controller: the coverage check, once, reported under its usual test id."""
    config = session.config
    state = config.stash[STATE]
    where = state.config_file.relative_to(config.rootpath).as_posix()
    start = time.perf_counter()
    longrepr = None
    try:
        check_coverage(config)
        outcome = "passed"
    except BlockFailure as failure:
        outcome, longrepr = "failed", str(failure)
    except pytest.skip.Exception as skipped:
        outcome, longrepr = "skipped", (str(state.config_file), 0, f"Skipped: {skipped.msg}")
    report = pytest.TestReport(
        nodeid=f"{where}::{COVERAGE_CHECK}",
        location=(where, None, COVERAGE_CHECK),
        keywords={},
        outcome=outcome,
        longrepr=longrepr,
        when="call",
        duration=time.perf_counter() - start,
    )
    session.testscollected += 1  # the progress counts it too
    config.hook.pytest_runtest_logreport(report=report)
    if outcome == "failed":
        session.testsfailed += 1
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


class BlockFailure(Exception):
    """A block failed; the message is the whole report."""


class ReportedItem(pytest.Item):
    """An item whose BlockFailure is reported as its message alone."""

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, BlockFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class ProblemItem(ReportedItem):
    """A page mistake found while collecting: fails with its message."""

    def __init__(self, *, message: str, line: int = 1, **kwargs):
        super().__init__(**kwargs)
        self.message = message
        self.line = line

    def runtest(self):
        raise BlockFailure(self.message)

    def reportinfo(self):
        return self.path, self.line - 1, self.name


class SkippedBlock(ProblemItem):
    """A block marked skip(reason=...): reported as skipped, with its page and line."""

    def runtest(self):
        self.config.stash[STATE].skipped.append(self.message)
        pytest.skip(self.message)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A skipped block is reported at its page and line, not at the plugin's code."""
    report = yield
    if isinstance(item, SkippedBlock) and report.skipped and isinstance(report.longrepr, tuple):
        report.longrepr = (str(item.path), item.line, report.longrepr[2])
    return report


class PageFile(pytest.File):
    def collect(self):
        state = self.config.stash[STATE]
        project = state.project
        page = project.rel(self.path)
        state.collected_pages.add(self.path.resolve())
        for line, message in directive_problems(page, self.path.read_text(encoding="utf-8")):
            yield ProblemItem.from_parent(self, name=f"line {line}", line=line, message=message)
        try:
            blocks = page_blocks(project, self.path)
        except (PageError, ProjectError) as error:
            yield ProblemItem.from_parent(
                self, name="includes", message=f"{error}\nFix the include or the file."
            )
            return
        for line in tilde_fences(self.path):
            yield ProblemItem.from_parent(
                self,
                name=f"line {line}",
                line=line,
                message=f"{page}:{line}: a ~~~ fence is never run by pytest-codeblocks. "
                "Use a ``` fence holding one --8<-- include.",
            )
        if blocks and all(block.skip_reason is not None for block in blocks):
            yield ProblemItem.from_parent(
                self,
                name="every block skipped",
                line=blocks[0].line,
                message=f"{page}: every block of this page is skipped, so nothing on it is "
                "verified. Make at least one block run (a snippet under snippets/ that prints "
                "what the page shows), or move the page's shell sessions into a page that has.",
            )
        seen: dict[str, int] = {}
        for block in blocks:
            yield from self.block_items(page, block, seen)

    def block_items(self, page: Path, block: Block, seen: dict[str, int]):
        where = block.where

        def problem(message):
            return ProblemItem.from_parent(
                self, name=f"line {block.line}", line=block.line, message=message
            )

        if block.problem:
            yield problem(block.problem)
            return
        if block.skip_reason is not None:
            yield SkippedBlock.from_parent(
                self,
                name=f"line {block.line}",
                line=block.line,
                message=f"{where}: {block.skip_reason}",
            )
            return
        if block.syntax != "python":
            yield problem(
                f"{where}: a ```{block.syntax} fence would be skipped silently "
                "by pytest-codeblocks. Write a plain ```python fence (no title=, "
                "hl_lines=; not py or pycon) around a --8<-- include, or mark the block "
                f"as not run with {SKIP_HINT}"
            )
            return
        if block.snippet is None:
            yield problem(
                f"{where}: code on the site comes from snippets/. Move this code "
                f'into snippets/{page.stem}/NAME.py and write --8<-- "{page.stem}/NAME.py" '
                "as the fence's only line."
            )
            return
        name = str(block.snippet)
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name += f"[{seen[name]}]"
        item = BlockItem.from_parent(self, name=name, block=block)
        self.config.stash[STATE].block_pages.add(self.path.resolve())
        if block.own_process:
            item.add_marker(pytest.mark.subprocess)
        if block.pictures:
            item.add_marker(pytest.mark.produces(*block.pictures))
        yield item
        if block.then_vs_now:
            missing = then_vs_now_problem(block)
            if missing:
                yield problem(missing)
                return
            legacy = BlockItem.from_parent(self, name=f"{name}[{LEGACY}]", block=block)
            legacy.legacy = True
            legacy.add_marker(pytest.mark.then_vs_now)
            yield legacy


def then_vs_now_problem(block: Block) -> str | None:
    """What a then_vs_now block lacks to show both runs, or None."""
    legacy_name = legacy_output_name(block.snippet)
    if block.expected_output is None or block.output_file is None:
        return (
            f"{block.where}: a then_vs_now block shows what Keras 3 prints: follow it with "
            f"<!--pytest-codeblocks:expected-output--> and a fence including "
            f"{block.snippet.with_suffix('.out').name}"
        )
    if block.legacy_output is None:
        return (
            f"{block.where}: a then_vs_now block shows what legacy tf.keras prints too: after "
            f"its expected output, add a text fence including {legacy_name} (in a tab "
            '=== "tf.keras 2 (legacy)"), then run: make update-outputs'
        )
    if same_lines(block.expected_output, block.legacy_output):
        return (
            f"{block.where}: {block.output_file} and {block.legacy_output_file} are the same: "
            "a then_vs_now block must show a change. Print what differs between Keras 3 and "
            "tf.keras 2, or drop the mark and the claim of a change."
        )
    return None


def lines_of(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip().splitlines()]


def same_lines(a: str, b: str) -> bool:
    return lines_of(a) == lines_of(b)


class BlockItem(ReportedItem):
    def __init__(self, *, block: Block, **kwargs):
        super().__init__(**kwargs)
        self.block = block
        self.legacy = False  # the tf_keras run of a then_vs_now block

    @property
    def in_own_process(self) -> bool:
        return self.block.own_process or self.legacy

    @property
    def snippet_path(self) -> Path:
        return self.config.stash[STATE].project.root / self.block.snippet

    def setup(self):
        self.key = self.cache_key()
        self.cached = self.cached_run(self.key)
        code = self.block.code
        if self.cached is None and not self.in_own_process:
            if IMPORTS_TENSORFLOW.search(code):
                # Imported once per test process (per xdist worker), before the first
                # block that uses it, so each block's time is its own work.
                import keras  # noqa: F401

    @property
    def env(self) -> dict[str, str]:
        """What the runner adds to the block's environment."""
        return LEGACY_ENV if self.legacy else {}

    def cache_key(self) -> str:
        """Every input that can change what the block prints (and cache.key's own)."""
        root = self.config.stash[STATE].project.root
        block = self.block
        outputs = [block.output_file, block.legacy_output_file]
        inherited = {
            name: value
            for name, value in sorted(os.environ.items())
            if name.startswith(CACHE_ENV_PREFIXES) and name not in self.env
        }
        return cache.key(
            root,
            self.snippet_path.read_bytes(),
            *(
                (root / name).read_bytes() if name and (root / name).is_file() else b"-"
                for name in outputs
            ),
            block.expected_output or "-",
            block.legacy_output or "-",
            repr(block.marks),
            json.dumps({"env": self.env, "inherited": inherited, "legacy": self.legacy}),
        )

    def cached_run(self, key: str) -> Result | None:
        """The passing run stored under `key`, if whole (anything else: run again)."""
        if self.config.getoption("fresh") or self.config.getoption("update_outputs"):
            return None
        root = self.config.stash[STATE].project.root
        found = cache.Store(root, BLOCKS).get(self.nodeid, key)
        names = self.block.pictures if not self.legacy else ()
        if found is None or (names and pictures.cached(root, self.snippet_path, names) is None):
            return None
        try:
            data = json.loads((found / "result.json").read_text(encoding="utf-8"))
            result = Result(**data)
            if result.error is not None or not isinstance(result.lines, list):
                return None
        except (OSError, ValueError, TypeError):
            return None  # a truncated or corrupt entry: the block runs
        return result

    def runtest(self):
        state = self.config.stash[STATE]
        timeout = float(self.config.getini("snippet_timeout"))  # = project.snippet_timeout
        if self.block.code.rstrip("\n") != self.snippet_path.read_text("utf-8").rstrip("\n"):
            raise BlockFailure(
                f"{self.where}: the block is not the whole of {self.block.snippet}; "
                "include whole files only (no line ranges or sections)."
            )
        names = self.block.pictures if not self.legacy else ()
        ran = state.ran_lines(self.snippet_path)
        if self.cached is not None:
            ran.update(self.cached.lines)
            self.user_properties.append(("seconds", round(self.cached.seconds, 3)))
            self.user_properties.append(("cached", True))
            return
        with tempfile.TemporaryDirectory(prefix="pictures-") as keep:
            if self.in_own_process:
                result = self.run_in_own_process(timeout, names, Path(keep))
                ran.update(result.lines)
            else:
                path = str(self.snippet_path)
                result = run_block(self.block.code, path, timeout, set(), names, keep)
                ran.update(result.lines)
            self.user_properties.append(("seconds", round(result.seconds, 3)))
            if result.error:
                raise BlockFailure(
                    f"{self.block.snippet} failed{self.under}, included by {self.where}\n\n"
                    f"{result.error}\n{self.how_to_run}"
                )
            self.check_output(result.stdout)
            if result.asks_terminal_size:
                self.check_width_independent(result.stdout, timeout)
            if names:  # the build reuses these (verify/pictures.py)
                pictures.store(state.project.root, self.snippet_path, names, Path(keep))
        # Every check passed: the run may be reused while its inputs stay the same.
        cache.Store(state.project.root, BLOCKS).put(
            self.nodeid, self.key, {"result.json": json.dumps(result.__dict__).encode()}
        )

    @property
    def under(self) -> str:
        return " under legacy tf.keras (TF_USE_LEGACY_KERAS=1)" if self.legacy else ""

    @property
    def how_to_run(self) -> str:
        prefix = "TF_USE_LEGACY_KERAS=1 " if self.legacy else ""
        hint = f"Run it alone with: {prefix}python {self.block.snippet}"
        if self.legacy and importlib.util.find_spec("tf_keras") is None:
            hint += "\ntf_keras is not installed here: make (or pip install -r requirements.txt)"
        return hint

    @property
    def where(self) -> str:
        return self.block.where

    def check_width_independent(self, piped: str, timeout: float):
        """A reader's terminal may be wider than a pipe: the output must not change."""
        if self.in_own_process:
            wide = self.run_in_own_process(timeout, (), None, columns=WIDE)
        else:
            code, path = self.block.code, str(self.snippet_path)
            wide = run_block(code, path, timeout, None, columns=WIDE)
        if wide.error or lines_of(wide.stdout) != lines_of(piped):
            diff = "\n".join(
                difflib.unified_diff(
                    lines_of(piped), lines_of(wide.stdout), "piped", f"COLUMNS={WIDE}", lineterm=""
                )
            )
            raise BlockFailure(
                f"{self.block.snippet}, included by {self.where}, prints something else in a "
                f"{WIDE}-column terminal than in a pipe{self.under}, so a reader who runs it "
                f"would not see the page's output:\n\n{wide.error or diff}\n\nKeep what it "
                "prints independent of the terminal: e.g. model.summary(line_length=80)."
            )

    def run_in_own_process(self, timeout: float, names, keep, columns=None) -> Result:
        try:
            if self.block.own_process:  # a fresh interpreter
                env = LEGACY_ENV if self.legacy else None
                return run_in_own_process(self.snippet_path, timeout, names, keep, env, columns)
            # The legacy runs: one after another in one process with TF_USE_LEGACY_KERAS=1.
            legacy = self.config.stash[STATE].legacy_process
            preload = ["tf_keras"] if IMPORTS_TENSORFLOW.search(self.block.code) else []
            return legacy.run(self.snippet_path, timeout, names, keep, columns, preload)
        except ProcessDied as error:
            raise BlockFailure(
                f"{self.block.snippet}, included by {self.where}, ran in its own process"
                f"{self.under}, which {error}"
            ) from None

    def check_output(self, actual: str):
        block = self.block
        expected = block.legacy_output if self.legacy else block.expected_output
        output_file = block.legacy_output_file if self.legacy else block.output_file
        if expected is None:
            return
        actual_lines, expected_lines = lines_of(actual), lines_of(expected)
        if self.legacy and actual_lines == lines_of(block.expected_output or ""):
            raise BlockFailure(
                f"{block.snippet} printed the same under legacy tf.keras as under Keras 3, "
                f"but {self.where} is marked then_vs_now: a box that claims a change must "
                "show one. Print what differs, or drop the mark and the claim."
            )
        if actual_lines == expected_lines:
            return
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
            f"{block.snippet} printed something else{self.under} than {self.where} shows:"
            f"\n\n{diff}\n\n{how}"
        )

    def reportinfo(self):
        return self.path, self.block.line - 1, f"{self.where} {self.block.snippet}"


class NotebookFile(pytest.File):
    def collect(self):
        yield NotebookItem.from_parent(self, name="every cell runs")


class NotebookItem(ReportedItem):
    """Runs every cell; on success saves the run for the site build (and the next run:
    a saved passing run of the same notebook, under the same key, is reused)."""

    def runtest(self):
        # Under --fresh, only a run made in this session (by the site build that a test
        # started meanwhile: it holds the notebook's lock while it runs it).
        made_in = os.environ[notebooks.RUN_ID_VARIABLE] if self.config.getoption("fresh") else None
        start = time.perf_counter()
        try:
            _, ran = notebooks.executed_copy(self.path, made_in)
        except notebooks.CellFailure as error:
            raise BlockFailure(str(error)) from None
        if ran:
            self.user_properties.append(("seconds", round(time.perf_counter() - start, 3)))
        else:
            self.user_properties.append(("cached", True))

    def reportinfo(self):
        return self.path, None, f"{notebooks.display_name(self.path)}: every cell runs"


class ProjectChecks(pytest.File):
    """Checks of the whole project: collected with mkdocs.yml."""

    def collect(self):
        yield OrphanCheck.from_parent(self, name="every snippet is included")
        yield CoverageCheck.from_parent(self, name=COVERAGE_CHECK)


class OrphanCheck(ProblemItem):
    def __init__(self, **kwargs):
        super().__init__(message="", **kwargs)

    def runtest(self):
        project = self.config.stash[STATE].project
        included = set()
        for page in project.pages():
            included |= set(project.includes(page.read_text(encoding="utf-8")))
        orphans = [
            project.rel(path)
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
    """Every statement of every snippets/**/*.py ran in this session (check_coverage)."""

    def __init__(self, **kwargs):
        super().__init__(message="", **kwargs)

    def runtest(self):
        check_coverage(self.config)


def check_coverage(config) -> None:
    """Every statement of every snippets/**/*.py ran in this session (all workers')."""
    state = config.stash[STATE]
    project = state.project
    pages = project.pages()
    if not all(page.resolve() in state.collected_pages for page in pages):
        pytest.skip(
            "not every page was collected in this session (make check PAGE=...): "
            "coverage is checked when every page is (make test)"
        )
    silent = [
        project.rel(page)
        for page in pages
        if page.resolve() not in state.block_pages
        and any(path.suffix == ".py" for path in project.includes(page.read_text("utf-8")))
    ]
    if silent:
        raise BlockFailure(
            "page(s) that publish code from snippets/ but ran no block in this session:\n"
            + "\n".join(f"  {page}" for page in silent)
            + "\nEvery published snippet runs: remove what keeps its block from running."
        )
    statements = missing = 0
    report = []
    for base in project.snippet_dirs:
        for path in sorted(base.rglob("*.py")):
            found = coverage_check.never_ran(path, state.ran.get(path.resolve(), ()))
            statements += found.statements
            missing += len(found.missing)
            if found.missing:
                report.append(
                    f"{project.rel(path)}: {len(found.missing)} of {found.statements} "
                    f"lines never ran: {found.missing_ranges}"
                )
    total = 100.0 * (statements - missing) / statements if statements else 100.0
    config.stash[REPORT] = (
        "\n".join(report) or f"100 % ({statements} lines of snippets/*.py, every one ran)"
    )
    if missing:
        raise BlockFailure(
            f"line coverage of snippets/ is {total:.1f} %, not 100 %:\n"
            + "\n".join(report)
            + "\nEvery line of a snippet runs when its page is verified: remove the "
            "lines that never run, or make them run."
        )


def pytest_terminal_summary(terminalreporter, config):
    state = config.stash.get(STATE, None)
    if state is not None and state.skipped:
        terminalreporter.write_sep("-", f"{len(state.skipped)} block(s) not run, and why")
        for line in state.skipped:
            terminalreporter.write_line(line)
    report = config.stash.get(REPORT, None)
    if report is not None:
        terminalreporter.write_sep("-", "line coverage of snippets/")
        terminalreporter.write_line(report)
