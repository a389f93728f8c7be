"""`make ci-local`: the pull-request workflow's steps, run here in a fresh clone first.

Reads the build job of .github/workflows/site.yml and runs its `run:` steps in order, in a
fresh `git clone` of this repository's HEAD, with the environment GitHub gives a job
(CI=true, GITHUB_ACTIONS=true, GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_WORKSPACE)
plus the workflow's and the step's own `env:`. A step that `uses:` an action is listed
with what stands in for it here (the clone for actions/checkout, this machine's Python for
actions/setup-python, nothing for uploads and caches). `sudo` is dropped when already
root. A step that only works on our machines fails here, before a pull request shows it.

    python scripts/ci_local.py [--keep]     (the clone is removed unless --keep)
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
JOB = "build"
STAND_INS = {
    "actions/checkout": "the fresh clone",
    "actions/setup-python": "this machine's Python",
    "actions/cache": "nothing: every run here starts cold",
    "actions/upload-artifact": "nothing: the files stay in the clone",
}


@dataclass
class Step:
    name: str
    run: str | None = None  # a shell command, or None for an action
    uses: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    timeout_minutes: float | None = None


def steps(workflow: dict, job: str = JOB) -> list[Step]:
    """The job's steps in order, with the workflow's env under each step's own."""
    shared = {k: str(v) for k, v in (workflow.get("env") or {}).items()}
    shared |= {k: str(v) for k, v in (workflow["jobs"][job].get("env") or {}).items()}
    found = []
    for raw in workflow["jobs"][job]["steps"]:
        env = shared | {k: str(v) for k, v in (raw.get("env") or {}).items()}
        uses = raw.get("uses")
        found.append(
            Step(
                name=raw.get("name") or raw.get("run") or uses,
                run=raw.get("run"),
                uses=uses.split("@")[0] if uses else None,
                env=env,
                timeout_minutes=raw.get("timeout-minutes"),
            )
        )
    return found


def command_for(step: Step, root_user: bool, have_sudo: bool) -> str:
    """The step's shell command as it runs here: `sudo` dropped when already root."""
    command = step.run or ""
    if root_user and not have_sudo:
        command = "\n".join(
            line.replace("sudo ", "", 1) if line.lstrip().startswith("sudo ") else line
            for line in command.splitlines()
        )
    return command


def github_env(clone: Path, repository: str) -> dict[str, str]:
    return {
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": repository,
        "GITHUB_WORKSPACE": str(clone),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the clone afterwards")
    parser.add_argument("--repository", default="local/keras-tf-cookbook")
    args = parser.parse_args(argv)
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    work = Path(tempfile.mkdtemp(prefix="ci-local-"))
    clone = work / "repository"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = {**os.environ, **github_env(clone, args.repository)}
    env.pop("VIRTUAL_ENV", None)
    root_user, have_sudo = os.geteuid() == 0, shutil.which("sudo") is not None
    print(f"ci-local: {WORKFLOW.relative_to(ROOT)} job {JOB!r} in {clone}")
    print(f"ci-local: Python {platform.python_version()} ({sys.executable})")
    failed = None
    for number, step in enumerate(steps(workflow), 1):
        if step.run is None:
            stand_in = STAND_INS.get(step.uses or "", "nothing (GitHub provides it)")
            print(f"\n[{number}] {step.name}: uses {step.uses}; here: {stand_in}")
            continue
        command = command_for(step, root_user, have_sudo)
        print(f"\n[{number}] {step.name}\n$ {command}", flush=True)
        start = time.monotonic()
        timeout = step.timeout_minutes * 60 if step.timeout_minutes else None
        try:
            done = subprocess.run(
                ["bash", "-e", "-o", "pipefail", "-c", command],
                cwd=clone,
                env={**env, **step.env},
                timeout=timeout,
            )
            code = done.returncode
        except subprocess.TimeoutExpired:
            code = f"timed out after {step.timeout_minutes} minutes"
        outcome = "ok" if code == 0 else f"FAILED ({code})"
        print(f"[{number}] {outcome} in {time.monotonic() - start:.0f} s")
        if code != 0:
            failed = step.name
            break
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if failed:
        print(
            f"\nci-local: the step {failed!r} failed: it would fail on GitHub too.", file=sys.stderr
        )
        return 1
    print("\nci-local: every step passed.")
    return 0
