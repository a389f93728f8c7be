"""`make test-next`'s report: the pytest run's junit XML read into a `Report` (each block
`same`, `output-changed` or `failed`, from the structured outcome the plugin records as
the test property `outcome`), written as test-artifacts/next/report.md and report.json,
and summed up in one line for the About page (hooks/next_release.py).
site_tools/next_release.py prepares the environment and makes the run."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from dataclasses import asdict, dataclass, field
from pathlib import Path

from site_tools.runs_on import LABELS
from verify import compare
from verify.variants import LEGACY_ID

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "next"
SAME, CHANGED, FAILED = "same", compare.OUTPUT_CHANGED, "failed"
ERROR_LINES = 15
# The modules of the TensorFlow family, by the name a reader knows them under.
FAMILY = {
    "tensorflow": "TensorFlow",
    "keras": "Keras",
    "tf_keras": "tf_keras",
    "tensorboard": "TensorBoard",
    "tensorflow_model_optimization": "TF Model Optimization",
    "ai_edge_litert": "LiteRT",
}
# The runs of a block, by its test id's suffix: none, [tf_keras], or a backend's name.
RUNS = {
    "": "Keras 3 on TensorFlow",
    LEGACY_ID: "legacy tf.keras",
    **{name: f"Keras 3 on {label}" for name, label in LABELS.items() if name != "tensorflow"},
}
# The other backends' packages the run used (stable releases: requirements.txt pins them).
BACKEND_PACKAGES = {"jax": "JAX", "jaxlib": "jaxlib"}
# These must come from a next-release (nightly) distribution, or the run says nothing.
MUST_BE_NEXT = ("tensorflow", "keras")


@dataclass
class Entry:
    """One test of the run: a block, a notebook or a check of the whole project."""

    page: str
    test: str
    status: str
    detail: str = ""
    snippet: str = ""
    seconds: float | None = None
    calls: list[str] = field(default_factory=list)  # the public APIs its run called

    @property
    def run(self) -> str:
        """Which run of its block this is, from its test id's suffix (verify/variants.py):
        snippets/x.py is Keras 3 on TensorFlow, snippets/x.py[jax] the JAX backend's."""
        suffix = self.test.split("[", 1)[1].rstrip("]") if "[" in self.test else ""
        return RUNS.get(suffix, suffix)


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
        return f"Next TensorFlow/Keras: {self.differ} of {len(self.blocks)} block runs differ"

    @property
    def against(self) -> str:
        parts = []
        for module in MUST_BE_NEXT:
            if module in self.versions:
                name = self.distributions.get(module)
                dist = f" ({name})" if name else ""
                parts.append(f"{FAMILY[module]} {self.versions[module]}{dist}")
        return ", ".join(parts) or "the next release"

    def by_run(self) -> dict[str, tuple[int, int]]:
        """For each run (Keras 3 on TensorFlow, legacy tf.keras, each other backend): how
        many blocks it ran, and how many of them differ."""
        found: dict[str, tuple[int, int]] = {}
        for block in self.blocks:
            ran, differ = found.get(block.run, (0, 0))
            found[block.run] = (ran + 1, differ + (block.status != SAME))
        return found

    @property
    def summary(self) -> str:
        """The one line: versions and counts."""
        changed, failed = self.count(self.blocks, CHANGED), self.count(self.blocks, FAILED)
        line = (
            f"Against {self.against}: {self.differ} of {len(self.blocks)} block runs differ "
            f"({changed} {CHANGED}, {failed} {FAILED})"
        )
        runs = self.by_run()
        if len(runs) > 1:
            line += "; differ by run: " + ", ".join(
                f"{run} {differ} of {ran}" for run, (ran, differ) in runs.items()
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
                "by_run": {
                    run: {"blocks": n, "differ": d} for run, (n, d) in self.by_run().items()
                },
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
            label = {**FAMILY, **BACKEND_PACKAGES}.get(module, module.capitalize())
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
            shared = shared_calls(differing)
            if shared:
                lines += [
                    f"Every block that differs calls {', '.join(f'`{n}`' for n in shared)}.",
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


def shared_calls(entries: list[Entry]) -> list[str]:
    """The APIs every one of `entries` called (when each recorded its calls)."""
    if not entries or not all(entry.calls for entry in entries):
        return []
    return sorted(set.intersection(*(set(entry.calls) for entry in entries)))


def entry_markdown(entry: Entry, language: str) -> list[str]:
    fence = "````" if "```" in entry.detail else "```"
    calls = ", ".join(f"`{name}`" for name in entry.calls)
    return [
        f"### {entry.page} `{entry.test}`: {entry.status}",
        "",
        *([f"Calls: {calls}", ""] if calls else []),
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
        entry.calls = sorted(set((properties.get("calls") or "").split()))
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
