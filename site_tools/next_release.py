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
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from verify import compare

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "next"
CACHE = ROOT / ".cache-next"

# The modules of the TensorFlow family, by the name a reader knows them under.
FAMILY = {
    "tensorflow": "TensorFlow",
    "keras": "Keras",
    "tf_keras": "tf_keras",
    "tensorboard": "TensorBoard",
    "tensorflow_model_optimization": "TF Model Optimization",
    "ai_edge_litert": "LiteRT",
}
# These must come from a next-release (nightly) distribution, or the run says nothing.
MUST_BE_NEXT = ("tensorflow", "keras")

SAME, CHANGED, FAILED = "same", "output-changed", "failed"
ERROR_LINES = 15
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
    versions["python"] = platform.python_version()
    return versions


def distributions_of(found: Mapping[str, Sequence[tuple[str, str]]]) -> dict[str, str]:
    return {module: dists[0][0] for module, dists in found.items() if len(dists) == 1}


# The results ------------------------------------------------------------------


@dataclass
class Entry:
    """One test of the run: a block, a notebook or a check of the whole project."""

    page: str
    test: str
    status: str
    detail: str = ""
    snippet: str = ""
    seconds: float | None = None


@dataclass
class Report:
    versions: dict[str, str]
    distributions: dict[str, str] = field(default_factory=dict)
    blocks: list[Entry] = field(default_factory=list)
    notebooks: list[Entry] = field(default_factory=list)
    checks: list[Entry] = field(default_factory=list)
    skipped: list[Entry] = field(default_factory=list)
    date: str = ""

    def count(self, entries: list[Entry], status: str) -> int:
        return sum(entry.status == status for entry in entries)

    @property
    def differ(self) -> int:
        return sum(block.status != SAME for block in self.blocks)

    @property
    def title(self) -> str:
        return f"Next TensorFlow/Keras: {self.differ} of {len(self.blocks)} blocks differ"

    @property
    def against(self) -> str:
        parts = []
        for module in MUST_BE_NEXT:
            if module in self.versions:
                name = self.distributions.get(module)
                dist = f" ({name})" if name else ""
                parts.append(f"{FAMILY[module]} {self.versions[module]}{dist}")
        return ", ".join(parts) or "the next release"

    @property
    def summary(self) -> str:
        """The one line: versions and counts."""
        changed, failed = self.count(self.blocks, CHANGED), self.count(self.blocks, FAILED)
        line = (
            f"Against {self.against}: {self.differ} of {len(self.blocks)} blocks differ "
            f"({changed} {CHANGED}, {failed} {FAILED})"
        )
        if self.notebooks:
            ran = self.count(self.notebooks, SAME)
            line += f"; {ran} of {len(self.notebooks)} notebooks ran"
        failed_checks = [check.test for check in self.checks if check.status == FAILED]
        if failed_checks:
            line += f"; failed check(s): {', '.join(failed_checks)}"
        return line + "."

    @property
    def all_same(self) -> bool:
        """Every block printed the same, every notebook ran, every check passed."""
        entries = self.blocks + self.notebooks + self.checks
        return all(entry.status == SAME for entry in entries)

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "summary": self.summary,
            "all_same": self.all_same,
            "date": self.date,
            "versions": self.versions,
            "distributions": self.distributions,
            "counts": {
                "blocks": len(self.blocks),
                "differ": self.differ,
                SAME: self.count(self.blocks, SAME),
                CHANGED: self.count(self.blocks, CHANGED),
                FAILED: self.count(self.blocks, FAILED),
                "notebooks": len(self.notebooks),
                "notebooks_failed": self.count(self.notebooks, FAILED),
                "checks_failed": self.count(self.checks, FAILED),
                "skipped": len(self.skipped),
            },
            "blocks": [asdict(entry) for entry in self.blocks],
            "notebooks": [asdict(entry) for entry in self.notebooks],
            "checks": [asdict(entry) for entry in self.checks],
            "skipped": [asdict(entry) for entry in self.skipped],
        }

    def markdown(self) -> str:
        lines = [f"# {self.title}", "", f"**{self.summary}**", ""]
        if self.date:
            lines += [f"Run on {self.date}, `make test-next` (.venv-next).", ""]
        lines += ["| package | version | distribution |", "| --- | --- | --- |"]
        for module, version in self.versions.items():
            label = FAMILY.get(module, module.capitalize())
            lines.append(f"| {label} | {version} | {self.distributions.get(module, '')} |")
        lines.append("")
        differing = [block for block in self.blocks if block.status != SAME]
        if differing:
            lines += [
                "## Blocks that differ",
                "",
                f"`{CHANGED}`: the block ran and printed something else; "
                "`make update-outputs` under this release would rewrite its output file, "
                "and the page's prose around it needs re-reading. "
                f"`{FAILED}`: the block no longer runs (or a check failed).",
                "",
            ]
            for block in differing:
                lines += entry_markdown(block, "diff" if block.status == CHANGED else "text")
        failed = [e for e in self.notebooks + self.checks if e.status == FAILED]
        if failed:
            lines += ["## Notebooks and checks that failed", ""]
            for entry in failed:
                lines += entry_markdown(entry, "text")
        same = [block for block in self.blocks if block.status == SAME]
        if same:
            lines += [
                f"## {len(same)} blocks printed the same",
                "",
                "<details><summary>the list</summary>",
                "",
                *(f"- {block.page} `{block.test}`" for block in same),
                "",
                "</details>",
                "",
            ]
        return "\n".join(lines).rstrip() + "\n"


def entry_markdown(entry: Entry, language: str) -> list[str]:
    fence = "````" if "```" in entry.detail else "```"
    return [
        f"### {entry.page} `{entry.test}`: {entry.status}",
        "",
        f"{fence}{language}",
        entry.detail.rstrip() or "(no message)",
        fence,
        "",
    ]


def output_diff(message: str) -> str:
    """The unified diff in the message of a block whose output changed."""
    lines = message.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("--- ")), None)
    if start is None:
        return last_lines(message)
    diff = []
    for line in lines[start:]:
        if not line or line[0] not in " +-@":
            break
        diff.append(line)
    return "\n".join(diff)


def last_lines(message: str, count: int = ERROR_LINES) -> str:
    return "\n".join(message.rstrip().splitlines()[-count:])


def status_of(message: str | None, outcome: str | None = None) -> str:
    """same, output-changed (the plugin's structured outcome, a test property), or failed."""
    if message is None:
        return SAME
    return CHANGED if outcome == compare.OUTPUT_CHANGED else FAILED


def page_of(case: ElementTree.Element) -> str:
    """The test's file: the xunit1 `file` attribute, else read from the dotted classname."""
    if case.get("file"):
        return case.get("file", "")
    classname = case.get("classname", "")
    for suffix in (".md", ".ipynb", ".yml"):
        if classname.endswith(suffix):
            return classname[: -len(suffix)].replace(".", "/") + suffix
    return classname.replace(".", "/")


def is_block(test: str) -> bool:
    """A code block's test is named after its snippet: snippets/<page>/<recipe>.py[...]."""
    return test.split("[", 1)[0].endswith(".py")


def parse_junit(xml: str, versions: dict[str, str], distributions=None) -> Report:
    """The report of one pytest run, from its junit XML."""
    report = Report(versions=versions, distributions=dict(distributions or {}))
    for case in ElementTree.fromstring(xml).iter("testcase"):
        page, test = page_of(case), case.get("name", "")
        problem = next(
            (case.find(kind) for kind in ("failure", "error") if case.find(kind) is not None), None
        )
        skipped = case.find("skipped")
        message = None
        if problem is not None:
            message = problem.text or problem.get("message") or "(no message)"
        properties = {p.get("name"): p.get("value") for p in case.iter("property")}
        seconds = float(properties["seconds"]) if "seconds" in properties else None
        status = status_of(message, properties.get("outcome"))
        entry = Entry(page=page, test=test, status=status, seconds=seconds)
        if skipped is not None and problem is None:
            entry.status = "skipped"
            entry.detail = skipped.get("message", "") or (skipped.text or "")
            report.skipped.append(entry)
            continue
        if page.endswith(".ipynb"):
            entry.status = SAME if message is None else FAILED
            entry.detail = last_lines(message) if message else ""
            report.notebooks.append(entry)
        elif is_block(test):
            entry.snippet = test.split("[", 1)[0]
            if entry.status == CHANGED:
                entry.detail = output_diff(message or "")
            elif entry.status == FAILED:
                entry.detail = last_lines(message or "")
            report.blocks.append(entry)
        else:
            entry.status = SAME if message is None else FAILED
            entry.detail = last_lines(message) if message else ""
            report.checks.append(entry)
    return report


def write(report: Report, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.md").write_text(report.markdown(), encoding="utf-8")
    (folder / "report.json").write_text(
        json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8"
    )


NO_REPORT = (
    "No next-release report was present when this site was built "
    "(`make test-next` writes one; the weekly workflow runs it)."
)


def summary_line(folder: Path = ARTIFACTS) -> str:
    """The latest report's summary line, for the About page (hooks/next_release.py)."""
    try:
        data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        summary = data["summary"]
    except (OSError, ValueError, KeyError, TypeError):
        return NO_REPORT
    date = data.get("date")
    return f"Latest report{f' ({date})' if date else ''}: {summary}"


# The run ----------------------------------------------------------------------


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
