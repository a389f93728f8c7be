"""Fixtures shared by the tests of the site (not of the pages' code blocks)."""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from harness import ROOT, build_site
from verify import notebooks
from verify.pytest_plugin import blocks_done

pytest_plugins = ["pytester"]


SITE = ROOT / "site"
SITE_LOCK = ROOT / ".cache" / "site.lock"
BUILT_BY = ROOT / ".cache" / "site-built-by"  # the run id of the session that built site/
# The fixtures through which a test uses this session's site: built_site, or site_dir
# (the same, or $SITE_DIR when given).
SITE_FIXTURES = {"built_site", "site_dir"}


def uses_site(item) -> bool:
    return bool(SITE_FIXTURES & set(getattr(item, "fixturenames", ())))


# The build reads the blocks' passing runs (the "Runs on" lines, the API index): it waits
# until every page test of the session has reported (verify/pytest_plugin.py's signal).
BLOCKS_WAIT = 3 * 3600  # seconds, a last resort: the session's own timeout comes first


def build_once(run: str) -> str | None:
    """Build site/ for the session `run` unless it is built already; the caller holds the
    lock. Returns what went wrong, or None."""
    if SITE.is_dir() and BUILT_BY.is_file() and BUILT_BY.read_text() == run:
        return None
    done, deadline = blocks_done(ROOT, run), time.monotonic() + BLOCKS_WAIT
    while not done.exists() and time.monotonic() < deadline:
        time.sleep(1)
    BUILT_BY.unlink(missing_ok=True)
    shutil.rmtree(SITE, ignore_errors=True)
    build = build_site(ROOT, SITE)
    if build.returncode != 0:
        return f"mkdocs build --strict failed:\n{build.stderr[-5000:]}"
    BUILT_BY.write_text(run)
    return None


# A test that uses one of these fixtures is of that kind (pyproject.toml registers them).
KINDS = {"pytester": "inner", "built_site": "site", "site_dir": "site", "browser": "browser"}


def pytest_collection_modifyitems(items):
    """Each test that uses a slow fixture is marked with its kind (`make test-fast` leaves
    them out). The tests that use the built site come after the others (in the order
    collected otherwise): the site is built in the background while the others run, so it
    is ready when the first of them asks for it, where a worker that began with one would
    wait."""
    for item in items:
        for fixture in set(getattr(item, "fixturenames", ())) & set(KINDS):
            item.add_marker(KINDS[fixture])
    items.sort(key=uses_site)


def pytest_collection_finish(session):
    """Start the build in the background once the tests are collected, when one of them
    will use the site: it waits for the pages' runs to be done (it reads their results),
    then builds while the other tests run, instead of holding up the first that needs it.
    Under pytest-xdist the first worker to take the lock builds; `built_site` waits for
    the lock."""
    if os.environ.get("SITE_DIR") or not any(uses_site(item) for item in session.items):
        return
    SITE_LOCK.parent.mkdir(exist_ok=True)
    lock = open(SITE_LOCK, "w")  # noqa: SIM115 (closed by the thread, which holds it)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:  # another worker is building it
        lock.close()
        return
    run = os.environ[notebooks.RUN_ID_VARIABLE]

    def build():
        with lock:
            build_once(run)  # a failure is reported by built_site, which builds again

    threading.Thread(target=build, name="site build", daemon=True).start()


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The site built once per test session, exactly as `make build` builds it, into site/:
    what the tests check is what the workflow uploads and deploys (no second build).

    Started in the background once the tests are collected (pytest_collection_finish);
    under pytest-xdist every worker asks for it: the one that builds it holds a lock, and
    the others wait for it and reuse it (the session's run id, set by
    verify/pytest_plugin.py, marks whose build it is)."""
    SITE_LOCK.parent.mkdir(exist_ok=True)
    with open(SITE_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        problem = build_once(os.environ[notebooks.RUN_ID_VARIABLE])
    if problem:
        pytest.fail(problem, pytrace=False)
    return SITE


@pytest.fixture(scope="session")
def site_dir(request) -> Path:
    """The site of this session's strict build, or $SITE_DIR when given (a quick loop over
    an already built site: SITE_DIR=/tmp/site pytest tests/browser/)."""
    if os.environ.get("SITE_DIR"):
        return Path(os.environ["SITE_DIR"]).resolve()
    return request.getfixturevalue("built_site")
