"""The pytest plugin: every code block of every page under docs/ is a test.

    docs/shapes.md::snippets/shapes/none_batch.py          one test per Python block
    docs/saving.md::snippets/saving/x.py[tf_keras]          the legacy run of a then_vs_now block
    docs/notebooks/x.ipynb::every cell runs                 a notebook page
    mkdocs.yml::every snippet is included                   no orphan under snippets/
    mkdocs.yml::snippets are fully covered                  every line of snippets/*.py ran

An adapter over the engine's stages (verify/README.md), loaded by the top-level
conftest.py. Under pytest-xdist each worker sends what its blocks ran to the controller
(verify/session.py), which runs the coverage check once, under its usual test id.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path

import pytest
from mkdocs.utils import markdown_extensions

from verify import environment, notebooks
from verify.blocks import MARKERS
from verify.cache import cache_dir
from verify.pytest_items import (
    COVERAGE_CHECK,
    REPORT,
    STATE,
    BlockFailure,
    CoverageCheck,
    NotebookFile,
    PageFile,
    ProjectChecks,
    SkippedBlock,
    State,
    check_coverage,
)


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
    parser.addoption(
        "--full-run",
        action="store_true",
        help="the whole verification, as make test (and so CI) runs it: options that change "
        "what is verified are refused, and every page must be collected",
    )
    parser.addini("mkdocs_config", "the site's mkdocs.yml", default="mkdocs.yml")


# What addopts (in a config file or $PYTEST_ADDOPTS) may hold in a full run: options of
# the report only. Anything else could change what is verified.
REPORT_OPTIONS = ("-r", "--durations", "--strict-markers", "--strict-config", "-q", "-v")


def is_full_run(config) -> bool:
    return config.getoption("full_run")


def full_run_problems(config) -> list[str]:
    """What in this run's options would change what a full run verifies."""
    found = []
    if config.getoption("update_outputs"):
        found.append("--update-outputs rewrites the expected outputs instead of checking them")
    if config.option.keyword or config.option.markexpr or config.option.deselect:
        found.append("-k, -m and --deselect leave blocks out")
    if "no:verify.pytest_plugin" in " ".join(config.invocation_params.args):
        found.append("-p no:verify.pytest_plugin turns the checks off")
    addopts = [*config.getini("addopts"), *os.environ.get("PYTEST_ADDOPTS", "").split()]
    found += [
        f"addopts holds {option!r}, which is not an option of the report"
        for option in addopts
        if not option.startswith(REPORT_OPTIONS)
    ]
    return found


def pytest_configure(config):
    environment.quiet(os.environ)  # before this process imports TensorFlow
    if is_full_run(config) and (problems := full_run_problems(config)):
        raise pytest.UsageError(
            "a full run (make test, as CI runs it) verifies everything; it refuses:\n"
            + "\n".join(f"  {problem}" for problem in problems)
            + "\nFor one page, or to refresh outputs, run make check / make update-outputs."
        )
    for marker in MARKERS:
        config.addinivalue_line("markers", marker)
    config.stash[STATE] = State(config)
    _CONFIG["config"] = config
    # This session's id, for what it starts (a site build): the same in every xdist worker.
    run_id = getattr(config, "workerinput", {}).get("testrunuid")
    if run_id is None:
        run_id = getattr(config.option, "testrunuid", None) or uuid.uuid4().hex
        if hasattr(config.option, "testrunuid"):  # the controller: xdist hands it to workers
            config.option.testrunuid = run_id
    os.environ[notebooks.RUN_ID_VARIABLE] = run_id


def is_worker(config) -> bool:
    return hasattr(config, "workerinput")


def is_controller(config) -> bool:
    """The xdist controller: it runs no test itself."""
    return config.pluginmanager.getplugin("dsession") is not None and not is_worker(config)


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


# --- the pages' runs are done: a signal for a site build that reads their results ------
#
# The build writes under each block the backends its runs passed on, and the API index
# from the calls they made, both read from their passing runs in .cache/blocks/. A build
# started by the tests (tests/conftest.py) waits for blocks_done() before it reads them.


def blocks_done_marker(config) -> Path:
    root = config.stash[STATE].project.root
    return cache_dir(root) / f"blocks-done-{os.environ[notebooks.RUN_ID_VARIABLE]}"


def blocks_done(root: Path, run_id: str) -> Path:
    """The file that says every page test of the session `run_id` has reported."""
    return cache_dir(root) / f"blocks-done-{run_id}"


def is_page_test(nodeid: str) -> bool:
    path = nodeid.split("::", 1)[0]
    return "::" in nodeid and Path(path).suffix in (*markdown_extensions, ".ipynb")


PENDING = pytest.StashKey[set]()


def _expect(config, nodeids) -> None:
    if PENDING in config.stash:
        return
    config.stash[PENDING] = {nodeid for nodeid in nodeids if is_page_test(nodeid)}
    _signal_if_done(config)


def _signal_if_done(config) -> None:
    if config.stash.get(PENDING, None) == set() and STATE in config.stash:
        marker = blocks_done_marker(config)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()


def pytest_collection_finish(session):
    if not is_worker(session.config) and not is_controller(session.config):
        _expect(session.config, [item.nodeid for item in session.items])


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids):
    """xdist controller: every worker collects the same tests."""
    _expect(node.config, ids)


def pytest_runtest_logreport(report):
    config = _CONFIG.get("config")
    if config is None or is_worker(config) or PENDING not in config.stash:
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        config.stash[PENDING].discard(report.nodeid)
        _signal_if_done(config)


_CONFIG: dict = {}


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session):
    config = session.config
    state = config.stash[STATE]
    if is_worker(config):
        config.workeroutput["verify"] = json.dumps(state.to_json())
    elif is_controller(config) and state.coverage_check_collected:
        report_coverage_check(session)
    elif is_full_run(config) and not state.coverage_check_collected:
        report_coverage_check(session, collected=False)


def pytest_unconfigure(config):
    if STATE in config.stash and not is_worker(config):
        blocks_done_marker(config).unlink(missing_ok=True)
    if STATE in config.stash:
        config.stash[STATE].runner.close()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """xdist controller: a worker is done; take in what its blocks ran."""
    data = getattr(node, "workeroutput", {}).get("verify")
    if data is not None:
        node.config.stash[STATE].merge(json.loads(data))


def report_coverage_check(session, collected: bool = True):
    """xdist controller: the coverage check, once, reported under its usual test id (and,
    in a full run that did not collect it, failed)."""
    config = session.config
    state = config.stash[STATE]
    where = state.config_file.relative_to(config.rootpath).as_posix()
    start = time.perf_counter()
    longrepr = None
    try:
        if not collected:
            raise BlockFailure(
                f"{where} was not collected in this full run, so nothing checked that every "
                "snippet ran: run pytest with the testpaths of pyproject.toml (docs, "
                "mkdocs.yml, tests), as make test does."
            )
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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A skipped block is reported at its page and line, not at the plugin's code."""
    report = yield
    if isinstance(item, SkippedBlock) and report.skipped and isinstance(report.longrepr, tuple):
        report.longrepr = (str(item.path), item.line, report.longrepr[2])
    return report


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
