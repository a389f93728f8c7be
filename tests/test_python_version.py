"""The project's Python (3.13): the one make builds .venv with, the workflows set up, and
the one running these tests. A machine without it gets one line saying how to get it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib

import yaml

from harness import ROOT

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
VERSION = re.search(r"^PYTHON_VERSION := (\d+\.\d+)$", MAKEFILE, re.M).group(1)


def test_the_tests_run_on_the_project_s_python():
    assert f"{sys.version_info.major}.{sys.version_info.minor}" == VERSION
    assert sys.version_info >= (3, 12), "coverage.py's sysmon core needs sys.monitoring"


def test_every_workflow_sets_up_that_python():
    found = []
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job in workflow["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/setup-python@"):
                    found.append((path.name, str(step["with"]["python-version"])))
    assert found
    assert all(version == VERSION for _, version in found), found


def test_pyproject_agrees():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["requires-python"] == f">={VERSION}"
    assert pyproject["tool"]["ruff"]["target-version"] == "py" + VERSION.replace(".", "")


def test_a_machine_without_that_python_is_told_in_one_line_how_to_get_it(tmp_path):
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    home = tmp_path / "home"  # no ~/.pyenv/versions/3.13.*
    home.mkdir()
    bin_dir = tmp_path / "bin"  # a PATH with make, a shell and no python3.13
    bin_dir.mkdir()
    for tool in ("make", "sh", "bash", "test", "rm", "echo", "touch"):
        if shutil.which(tool):
            (bin_dir / tool).symlink_to(shutil.which(tool))
    done = subprocess.run(
        ["make", "test"],
        cwd=tmp_path,
        env={"PATH": str(bin_dir), "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    errors = [line for line in done.stderr.splitlines() if not line.startswith("make: ***")]
    assert errors == [
        f"make: Python {VERSION} not found: install it (pyenv install {VERSION}, or your "
        f"system's python{VERSION} package), or run make PYTHON=/path/to/python{VERSION}"
    ]
    assert not (tmp_path / ".venv").exists()
