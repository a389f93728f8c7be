"""The pytest plugin: every code block of every page under docs/ is a test.

    docs/shapes.md::snippets/shapes/none_batch.py          one test per Python block
    docs/saving.md::snippets/saving/x.py[tf_keras]          the legacy run of a then_vs_now block
    docs/notebooks/x.ipynb::every cell runs                 a notebook page
    mkdocs.yml::every snippet is included                   no orphan under snippets/
    mkdocs.yml::snippets are fully covered                  every line of snippets/*.py ran

An adapter over the engine: verify/plan.py lists a page's tests, verify/variants.py runs
each block's variant where it belongs, verify/compare.py compares what it printed,
verify/block_cache.py keeps a passing run (`--fresh` reuses none), verify/report.py
makes the project checks, verify/notebooks.py runs the notebook pages. Loaded by the
top-level conftest.py.

With pytest-xdist (make test runs `-n auto`), each worker imports TensorFlow once and runs
its share of the blocks; the lines each block ran, the pages collected and the skipped
blocks travel to the controller in the worker's `workeroutput` (as pytest-cov sends its
coverage data), and the controller runs the coverage check once, when every worker is
done, reporting it under its usual test id.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from mkdocs.utils import markdown_extensions

from verify import block_cache, compare, environment, notebooks, pictures, report
from verify import project as project_module
from verify.blocks import Block
from verify.plan import Run, Skipped, plan
from verify.project import Project, load_project
from verify.run import WIDE, Result
from verify.session import Session
from verify.variants import KERAS_3, RunFailure, Runner, Variant

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
    parser.addini("mkdocs_config", "the site's mkdocs.yml", default="mkdocs.yml")


def pytest_configure(config):
    environment.quiet(os.environ)  # before this process imports TensorFlow
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


class State(Session):
    """The session's findings (verify/session.py), its project and its runner."""

    def __init__(self, config):
        super().__init__()
        self.config_file = (config.rootpath / config.getini("mkdocs_config")).resolve()
        self.runner = Runner()  # and the processes it keeps for the legacy runs

    @property
    def project(self) -> Project:
        return load_project(self.config_file)


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
        config.stash[STATE].runner.close()


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
    """A page: its tests as verify/plan.py lists them."""

    def collect(self):
        state = self.config.stash[STATE]
        state.collected_pages.add(self.path.resolve())
        for test in plan(state.project, self.path):
            if isinstance(test, Run):
                state.block_pages.add(self.path.resolve())
                yield BlockItem.from_test(self, test)
            else:
                kind = SkippedBlock if isinstance(test, Skipped) else ProblemItem
                yield kind.from_parent(self, name=test.name, line=test.line, message=test.message)


class BlockItem(ReportedItem):
    """One run (a `Variant`) of one block: run, compared, cached (verify/block_cache.py)."""

    def __init__(self, *, block: Block, variant: Variant, **kwargs):
        super().__init__(**kwargs)
        self.block = block
        self.variant = variant

    @classmethod
    def from_test(cls, parent, test: Run) -> BlockItem:
        item = cls.from_parent(parent, name=test.name, block=test.block, variant=test.variant)
        if test.block.own_process:
            item.add_marker(pytest.mark.subprocess)
        if test.variant.pictures(test.block):
            item.add_marker(pytest.mark.produces(*test.block.pictures))
        if test.variant is not KERAS_3:
            item.add_marker(pytest.mark.then_vs_now)
        return item

    @property
    def snippet_path(self) -> Path:
        return self.config.stash[STATE].project.root / self.block.snippet

    def setup(self):
        state = self.config.stash[STATE]
        root = state.project.root
        self.key = block_cache.key(root, self.block, self.variant, self.snippet_path)
        fresh = self.config.getoption("fresh") or self.config.getoption("update_outputs")
        self.cached = (
            None
            if fresh
            else block_cache.cached_run(
                root, self.nodeid, self.key, self.block, self.variant, self.snippet_path
            )
        )
        if self.cached is None:
            state.runner.prepare(self.block, self.variant)

    def runtest(self):
        state = self.config.stash[STATE]
        block, variant, root = self.block, self.variant, state.project.root
        if block.code.rstrip("\n") != self.snippet_path.read_text("utf-8").rstrip("\n"):
            raise BlockFailure(
                f"{self.where}: the block is not the whole of {block.snippet}; "
                "include whole files only (no line ranges or sections)."
            )
        ran = state.ran_lines(self.snippet_path)
        if self.cached is not None:
            ran.update(self.cached.lines)
            self.user_properties.append(("seconds", round(self.cached.seconds, 3)))
            self.user_properties.append(("cached", True))
            return
        names = variant.pictures(block)
        with tempfile.TemporaryDirectory(prefix="pictures-") as keep:
            result = self.run(pictures=names, keep=Path(keep), ran_lines=set())
            ran.update(result.lines)
            self.user_properties.append(("seconds", round(result.seconds, 3)))
            if result.error:
                raise BlockFailure(
                    f"{block.snippet} failed{variant.under}, included by {self.where}\n\n"
                    f"{result.error}\n{variant.how_to_run(block)}"
                )
            self.check(compare.output_mismatch(block, variant, result.stdout), result.stdout)
            if result.asks_terminal_size:
                wide = self.run(columns=WIDE)
                self.check(compare.width_mismatch(block, variant, result.stdout, wide))
            if names:  # the build reuses these (verify/pictures.py)
                pictures.store(root, self.snippet_path, names, Path(keep))
        # Every check passed: the run may be reused while its inputs stay the same.
        block_cache.store(root, self.nodeid, self.key, result)

    def run(self, **options) -> Result:
        timeout = project_module.snippet_timeout(self.config.stash[STATE].project.root)
        try:
            return self.config.stash[STATE].runner.run(
                self.block, self.variant, self.snippet_path, timeout, **options
            )
        except RunFailure as error:
            raise BlockFailure(str(error)) from None

    def check(self, mismatch: compare.Mismatch | None, actual: str | None = None) -> None:
        """Fail with the mismatch (its kind a test property, for reports), or, under
        --update-outputs, make the expected-output file what the run printed."""
        if mismatch is None:
            return
        _, output_file = self.variant.expected(self.block)
        can_update = mismatch.kind == compare.OUTPUT_CHANGED and output_file is not None
        if can_update and self.config.getoption("update_outputs"):
            compare.write_expected(self.config.stash[STATE].project.root, output_file, actual)
            return
        self.user_properties.append(("outcome", mismatch.kind))
        raise BlockFailure(mismatch.message)

    @property
    def where(self) -> str:
        return self.block.where

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
        failure = report.orphan_failure(report.orphans(self.config.stash[STATE].project))
        if failure:
            raise BlockFailure(failure)


class CoverageCheck(ProblemItem):
    """Every statement of every snippets/**/*.py ran in this session (check_coverage)."""

    def __init__(self, **kwargs):
        super().__init__(message="", **kwargs)

    def runtest(self):
        check_coverage(self.config)


def check_coverage(config) -> None:
    """Every statement of every snippets/**/*.py ran in this session (all workers')."""
    state = config.stash[STATE]
    found = report.coverage(state.project, state.ran, state.collected_pages, state.block_pages)
    if found.not_collected:
        pytest.skip(report.NOT_COLLECTED)
    if not found.silent_pages:
        config.stash[REPORT] = found.summary
    failure = found.failure()
    if failure:
        raise BlockFailure(failure)


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
