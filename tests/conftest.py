"""Fixtures shared by the tests of the site (not of the pages' code blocks)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
def built_site() -> Path:
    """The site built once per test session, exactly as `make build` builds it, into site/:
    what the tests check is what the workflow uploads and deploys (no second build)."""
    site = ROOT / "site"
    shutil.rmtree(site, ignore_errors=True)
    build = build_site(ROOT, site)
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{build.stderr[-5000:]}", pytrace=False)
    return site
