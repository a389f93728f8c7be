"""`make test-next`: every page against the next TensorFlow and Keras, as a report (not a gate).

    .venv-next/bin/python scripts/next_release.py check   one TensorFlow, one Keras... (or exit 1)
    .venv-next/bin/python scripts/next_release.py run     run the pages, write and print the report

The Makefile builds .venv-next: requirements.txt with the TensorFlow family replaced by its
nightlies (tf-nightly, keras-nightly, tf-keras-nightly, tb-nightly,
tf-model-optimization-nightly, ai-edge-litert-nightly). `check` makes sure that exactly one
distribution provides each module of the family, and the nightly one for TensorFlow and Keras
(tf-model-optimization-nightly pulls the stable tensorflow and keras in through tf_keras).

`run` runs `python -m pytest docs mkdocs.yml` in this Python: the same plugin and checks as
`make test`, with the notebook and picture cache in .cache-next/ (the cache is keyed by
requirements.txt, not by the TensorFlow version, so .cache/ is neither reused nor overwritten).
Its junit XML becomes

    test-artifacts/next/report.md     for people (also printed)
    test-artifacts/next/report.json   for tools: versions, blocks, notebooks, checks, counts

where each block is `same`, `output-changed` (the test property `outcome` the plugin sets;
its message shows a diff: `make update-outputs` would rewrite its .out file) or `failed` (the
error's last lines). The exit status is 0 whenever the run completed, whatever the pages
did; it is non-zero only when the pages could not be run (one line says why).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import platform
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path

from site_tools.next_release_report import (
    ARTIFACTS,
    BACKEND_PACKAGES,
    FAMILY,
    MUST_BE_NEXT,
    Report,
    parse_junit,
    write,
)

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache-next"


RUN_TIMEOUT = 4 * 3600  # seconds for the whole run; each block has its own limit


class CannotRun(Exception):
    """The pages could not be run against the next release: one line says why."""


# The environment --------------------------------------------------------------


def providers(modules: Sequence[str] = tuple(FAMILY)) -> dict[str, list[tuple[str, str]]]:
    """For each module: the (distribution, version) pairs installed here that provide it."""
    by_module = metadata.packages_distributions()
    found = {}
    for module in modules:
        names = sorted(set(by_module.get(module, [])), key=str.lower)
        found[module] = [(canonical(name), metadata.version(name)) for name in names]
    return found


def canonical(name: str) -> str:
    """A distribution's name as pip shows it: tf_nightly and tf-nightly are tf-nightly."""
    return re.sub(r"[-_.]+", "-", name).lower()


def environment_problem(found: Mapping[str, Sequence[tuple[str, str]]]) -> str | None:
    """One line saying what is wrong with the next environment, or None."""
    problems = []
    for module, dists in found.items():
        listed = ", ".join(f"{name} {version}" for name, version in dists)
        if len(dists) > 1:
            problems.append(f"{len(dists)} distributions provide `{module}` ({listed})")
        elif not dists and module in MUST_BE_NEXT:
            problems.append(f"no distribution provides `{module}`")
        elif dists and module in MUST_BE_NEXT and "nightly" not in dists[0][0].lower():
            problems.append(f"`{module}` comes from {listed}, not from a nightly")
    if not problems:
        return None
    return (
        "the next-release environment is not one TensorFlow and one Keras: "
        + "; ".join(problems)
        + " (rebuild it: make test-next REBUILD=1)"
    )


def versions_of(found: Mapping[str, Sequence[tuple[str, str]]]) -> dict[str, str]:
    """{"tensorflow": "2.23.0.dev20261026", ...} and "python": what the run used."""
    versions = {module: dists[0][1] for module, dists in found.items() if len(dists) == 1}
    for package in BACKEND_PACKAGES:  # the JAX runs' (stable) versions
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[package] = metadata.version(package)
    versions["python"] = platform.python_version()
    return versions


def distributions_of(found: Mapping[str, Sequence[tuple[str, str]]]) -> dict[str, str]:
    return {module: dists[0][0] for module, dists in found.items() if len(dists) == 1}


# The results ------------------------------------------------------------------


def run_pages(root: Path, junit: Path, cache: Path) -> int:
    """pytest docs mkdocs.yml in this Python, with the next release's own cache."""
    command = [
        sys.executable, "-m", "pytest", "docs", "mkdocs.yml",
        "-p", "no:cacheprovider", "-o", "junit_family=xunit1", f"--junitxml={junit}",
    ]  # fmt: skip
    env = {**os.environ, "VERIFY_CACHE_DIR": str(cache)}  # the plugin quiets TensorFlow
    try:
        return subprocess.run(command, cwd=root, env=env, timeout=RUN_TIMEOUT).returncode
    except subprocess.TimeoutExpired:
        raise CannotRun(
            f"the pages did not finish within {RUN_TIMEOUT // 3600} hours under the next "
            "release (each block has its own time limit: something else hangs)"
        ) from None


def run(root: Path | None = None, folder: Path | None = None, cache: Path | None = None) -> Report:
    root, folder, cache = root or ROOT, folder or ARTIFACTS, cache or CACHE
    found = providers()
    problem = environment_problem(found)
    if problem:
        raise CannotRun(problem)
    folder.mkdir(parents=True, exist_ok=True)
    junit = folder / "junit.xml"
    junit.unlink(missing_ok=True)
    code = run_pages(root, junit, cache)
    # 0: every test passed, 1: some failed; anything else (interrupted, internal or usage
    # error, nothing collected) means the pages did not run.
    if code not in (0, 1) or not junit.is_file():
        raise CannotRun(f"pytest could not run the pages under the next release (exit {code})")
    report = parse_junit(junit.read_text("utf-8"), versions_of(found), distributions_of(found))
    report.date = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    write(report, folder)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["check", "run"])
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            found = providers()
            problem = environment_problem(found)
            if problem:
                raise CannotRun(problem)
            print(
                "the next release: "
                + ", ".join(
                    f"{name} {version}" for dists in found.values() for name, version in dists
                )
            )
            return 0
        report = run()
    except CannotRun as error:
        print(f"make test-next: {error}", file=sys.stderr)
        return 1
    print(report.markdown())
    return 0
