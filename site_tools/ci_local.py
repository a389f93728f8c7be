"""`make ci-local`: the pull-request workflow's jobs, run here in fresh clones first.

Reads .github/workflows/site.yml and runs the build job, after the jobs it `needs:` (the
backends matrix: one run per matrix value, `${{ matrix.x }}` filled in), each job in a
fresh `git clone` of this repository's HEAD of its own, as on separate runners, with the
environment GitHub gives a job (CI=true, GITHUB_ACTIONS=true, GITHUB_SERVER_URL,
GITHUB_REPOSITORY, GITHUB_WORKSPACE) plus the workflow's, the job's and the step's own
`env:`. A step that `uses:` an action is listed with what stands in for it here: the
clone for actions/checkout, this machine's Python for actions/setup-python, nothing for
caches (every run here starts cold); an uploaded artifact is copied into a folder beside
the clones and a download copies it into the next job's clone, so the build job takes in
the matrix jobs' passing runs as on GitHub. `sudo` is dropped when already root. A step
that only works on our machines fails here, before a pull request shows it.

    python scripts/ci_local.py [--keep]     (the clones are removed unless --keep)
"""

from __future__ import annotations

import argparse
import fnmatch
import itertools
import os
import platform
import re
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
    "actions/upload-artifact": "copied beside the clones",
    "actions/download-artifact": "copied from beside the clones",
}
LEFT_OUT = ("VERIFY_", "PYTEST_ADDOPTS", "VIRTUAL_ENV")  # not passed on to a job
MATRIX = re.compile(r"\$\{\{\s*matrix\.(\w+)\s*\}\}")


@dataclass
class Step:
    name: str
    run: str | None = None  # a shell command, or None for an action
    uses: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    timeout_minutes: float | None = None
    with_: dict[str, str] = field(default_factory=dict)  # an action's inputs


def jobs_in_order(workflow: dict, job: str = JOB) -> list[tuple[str, dict[str, str]]]:
    """The jobs `job` needs (theirs first), then `job`: each once per matrix value."""
    order: list[str] = []

    def visit(name: str) -> None:
        needs = workflow["jobs"][name].get("needs") or []
        for need in [needs] if isinstance(needs, str) else needs:
            visit(need)
        if name not in order:
            order.append(name)

    visit(job)
    found = []
    for name in order:
        matrix = (workflow["jobs"][name].get("strategy") or {}).get("matrix") or {}
        keys = [key for key, values in matrix.items() if isinstance(values, list)]
        for values in itertools.product(*(matrix[key] for key in keys)):
            found.append((name, {key: str(value) for key, value in zip(keys, values, strict=True)}))
    return found


def steps(workflow: dict, job: str = JOB, matrix: dict[str, str] | None = None) -> list[Step]:
    """The job's steps in order, with the workflow's env under each step's own and the
    matrix's values filled in."""

    def filled(value) -> str:
        return MATRIX.sub(lambda m: (matrix or {}).get(m.group(1), m.group(0)), str(value))

    shared = {k: filled(v) for k, v in (workflow.get("env") or {}).items()}
    shared |= {k: filled(v) for k, v in (workflow["jobs"][job].get("env") or {}).items()}
    found = []
    for raw in workflow["jobs"][job]["steps"]:
        env = shared | {k: filled(v) for k, v in (raw.get("env") or {}).items()}
        uses = raw.get("uses")
        found.append(
            Step(
                name=filled(raw.get("name") or raw.get("run") or uses),
                run=filled(raw["run"]) if "run" in raw else None,
                uses=uses.split("@")[0] if uses else None,
                env=env,
                timeout_minutes=raw.get("timeout-minutes"),
                with_={k: filled(v) for k, v in (raw.get("with") or {}).items()},
            )
        )
    return found


def hand_over(step: Step, clone: Path, artifacts: Path) -> str:
    """What stands in for an artifact step: an upload copies the step's `path` from the
    clone to artifacts/<name>/; a download copies each artifact whose name matches into
    the step's `path` (all into one folder, as merge-multiple does). Says what it did."""
    if step.uses == "actions/upload-artifact":
        source, target = clone / step.with_["path"], artifacts / step.with_["name"]
        if not source.exists():
            raise FileNotFoundError(f"no {step.with_['path']} to upload as {target.name}")
        shutil.copytree(source, target, dirs_exist_ok=True)
        return f"{step.with_['path']} -> artifact {target.name}"
    pattern = step.with_.get("pattern") or step.with_.get("name") or "*"
    names = sorted(p.name for p in artifacts.iterdir()) if artifacts.is_dir() else []
    taken = [name for name in names if fnmatch.fnmatch(name, pattern)]
    for name in taken:
        shutil.copytree(artifacts / name, clone / step.with_["path"], dirs_exist_ok=True)
    return f"artifacts {', '.join(taken) or '(none)'} -> {step.with_['path']}"


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


def job_env(environ, clone: Path, repository: str) -> dict[str, str]:
    """This shell's environment, less what would change what the project verifies (a
    backend list, a cache folder, pytest options), plus what GitHub gives a job."""
    kept = {k: v for k, v in environ.items() if not k.startswith(LEFT_OUT)}
    return kept | github_env(clone, repository)


def run_step(step: Step, number: int, clone: Path, env: dict[str, str]) -> str | None:
    """Run one `run:` step in the clone; returns None, or how it failed."""
    root_user, have_sudo = os.geteuid() == 0, shutil.which("sudo") is not None
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
        failure = None if done.returncode == 0 else f"FAILED ({done.returncode})"
    except subprocess.TimeoutExpired:
        failure = f"timed out after {step.timeout_minutes} minutes"
    print(f"[{number}] {failure or 'ok'} in {time.monotonic() - start:.0f} s")
    return failure


def run_job(workflow: dict, job: str, matrix: dict[str, str], work: Path, repository: str):
    """Run one job (one matrix value) in a fresh clone of its own; returns the name of
    the step that failed, or None."""
    label = job + "".join(f" ({value})" for value in matrix.values())
    clone = work / re.sub(r"\W+", "-", label).strip("-")
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = job_env(os.environ, clone, repository)
    print(f"\nci-local: job {label!r} in {clone}", flush=True)
    for number, step in enumerate(steps(workflow, job, matrix), 1):
        if step.run is not None:
            if run_step(step, number, clone, env):
                return step.name
            continue
        stand_in = STAND_INS.get(step.uses or "", "nothing (GitHub provides it)")
        if step.uses in ("actions/upload-artifact", "actions/download-artifact"):
            stand_in = hand_over(step, clone, work / "artifacts")
        print(f"\n[{number}] {step.name}: uses {step.uses}; here: {stand_in}")
    return None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the clones afterwards")
    parser.add_argument("--repository", default="local/keras-tf-cookbook")
    args = parser.parse_args(argv)
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    work = Path(tempfile.mkdtemp(prefix="ci-local-"))
    jobs = jobs_in_order(workflow)
    print(f"ci-local: {WORKFLOW.relative_to(ROOT)}, jobs {[name for name, _ in jobs]} in {work}")
    print(f"ci-local: Python {platform.python_version()} ({sys.executable})")
    failed, failed_jobs = None, set()
    for job, matrix in jobs:  # a matrix's jobs all run (fail-fast: false); a dependent not
        needs = workflow["jobs"][job].get("needs") or []
        if failed_jobs & set([needs] if isinstance(needs, str) else needs):
            print(f"\nci-local: job {job!r} not run: a job it needs failed")
            continue
        if step := run_job(workflow, job, matrix, work, args.repository):
            failed = failed or step
            failed_jobs.add(job)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if failed:
        print(
            f"\nci-local: the step {failed!r} failed: it would fail on GitHub too.", file=sys.stderr
        )
        return 1
    print("\nci-local: every step passed.")
    return 0
