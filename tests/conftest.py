"""Fixtures shared by the tests of the site (not of the pages' code blocks)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from verify import notebooks

ROOT = Path(__file__).resolve().parent.parent

pytest_plugins = ["pytester"]


def build_site(project: Path, site: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` into `site`, as `make build` runs it (with `env`
    added to the environment)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


@pytest.fixture(scope="session")
def built_site(request) -> Path:
    """The site built once per test session, exactly as `make build` builds it, into site/:
    what the tests check is what the workflow uploads and deploys (no second build).

    Under pytest-xdist every worker asks for it: the first builds it, holding a lock, and
    the others wait for it and reuse it (the session's run id, set by verify/pytest_plugin.py,
    marks whose build it is)."""
    site = ROOT / "site"
    run = os.environ[notebooks.RUN_ID_VARIABLE]
    (ROOT / ".cache").mkdir(exist_ok=True)
    built_by = ROOT / ".cache" / "site-built-by"
    with open(ROOT / ".cache" / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if site.is_dir() and built_by.is_file() and built_by.read_text() == run:
            return site
        built_by.unlink(missing_ok=True)
        shutil.rmtree(site, ignore_errors=True)
        build = build_site(ROOT, site)
        if build.returncode != 0:
            pytest.fail(f"mkdocs build --strict failed:\n{build.stderr[-5000:]}", pytrace=False)
        built_by.write_text(run)
    return site
