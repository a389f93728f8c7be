"""The one test harness: the project's root, the small fixture project, a run of the
page plugin on a copy of it (in a process of its own, as `make check` runs it), and a
strict site build. Every test module imports these from here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from verify import processes

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURE = TESTS / "fixtures" / "project"  # a page, a snippet and its output; mkdocs.yml
PLUGIN = ("-p", "verify.pytest_plugin", "-p", "no:cacheprovider")


def copy_fixture(folder: Path) -> Path:
    """The fixture project, copied into `folder` (which may exist); returns `folder`."""
    shutil.copytree(FIXTURE, folder, dirs_exist_ok=True)
    return folder


def run_plugin(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """pytest with the page plugin on `project` (docs and mkdocs.yml unless `args` name
    what to run), in a process of its own, in plain text."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    environment |= {"PY_COLORS": "0", **(env or {})}
    command = [sys.executable, "-m", "pytest", *PLUGIN, f"--basetemp={project / 'tmp'}"]
    return subprocess.run(
        [*command, *(args or ("docs", "mkdocs.yml"))],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
    )


def build_site(project: Path, site: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` into `site`, as `make build` runs it (with `env`
    added to the environment)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        # Never with a block's mark (verify/processes.py): a build started by a thread
        # while a block runs is not one of the block's processes.
        env={
            **{k: v for k, v in os.environ.items() if k != processes.VARIABLE},
            "NO_MKDOCS_2_WARNING": "1",
            **(env or {}),
        },
    )


# A URL no build may contain: the placeholders of a repository that was never set.
PLACEHOLDER = re.compile(r"example\.github\.io|github\.com/example/")
