"""The checks of the whole project, made once every block has run.

    orphans(project)          snippet files that no page includes
    coverage(project, ...)    every statement of every snippets/**/*.py ran (coverage.py)

Each returns what it found; `*_failure` turns a finding into the message that names the
files and says what to do (None when there is nothing to fix).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from verify import coverage_check
from verify.pages import page_blocks
from verify.project import Project
from verify.variants import BACKENDS, variants_of


def orphans(project: Project) -> list[Path]:
    """The files under the snippet folders that no page includes (project-relative); a
    backend's own output (x.jax.out) belongs to its block when that block runs on it."""
    included = set()
    names = tuple(BACKENDS)  # every backend's own output, run here or in make test-backends
    for page in project.pages():
        included |= set(project.includes(page.read_text(encoding="utf-8")))
        for block in page_blocks(project, page):
            for variant in variants_of(block, names):
                own = variant.own_output_file(block)
                if own is not None:
                    included.add((project.root / own).resolve())
    return [
        project.rel(path)
        for base in project.snippet_dirs
        for path in sorted(base.rglob("*"))
        if path.is_file() and path.resolve() not in included and "__pycache__" not in path.parts
    ]


def orphan_failure(found: list[Path]) -> str | None:
    if not found:
        return None
    return (
        "orphan snippet(s), included by no page under docs/:\n"
        + "\n".join(f"  {path}" for path in found)
        + "\nInclude each from a page, or delete it."
    )


@dataclass
class Coverage:
    """What the line-coverage check of snippets/ found."""

    not_collected: bool = False  # not every page was collected: nothing to judge
    silent_pages: list[Path] = field(default_factory=list)  # publish code, ran no block
    statements: int = 0
    missed: int = 0  # statements that never ran
    missing: list[str] = field(default_factory=list)  # one line per snippet with holes

    @property
    def percent(self) -> float:
        if not self.statements:
            return 100.0
        return 100.0 * (self.statements - self.missed) / self.statements

    @property
    def summary(self) -> str:
        return "\n".join(self.missing) or (
            f"100 % ({self.statements} lines of snippets/*.py, every one ran)"
        )

    def failure(self) -> str | None:
        if self.silent_pages:
            return (
                "page(s) that publish code from snippets/ but ran no block in this session:\n"
                + "\n".join(f"  {page}" for page in self.silent_pages)
                + "\nEvery published snippet runs: remove what keeps its block from running."
            )
        if self.missing:
            return (
                f"line coverage of snippets/ is {self.percent:.1f} %, not 100 %:\n"
                + "\n".join(self.missing)
                + "\nEvery line of a snippet runs when its page is verified: remove the "
                "lines that never run, or make them run."
            )
        return None


NOT_COLLECTED = (
    "not every page was collected in this session (make check PAGE=...): "
    "coverage is checked when every page is (make test)"
)
NOT_COLLECTED_IN_FULL_RUN = (
    "not every page under docs/ was collected in this full run (make test), so "
    "some were never verified: keep docs in pyproject.toml's testpaths, and name no path "
    "that leaves pages out."
)


def coverage(
    project: Project,
    ran: Mapping[Path, Iterable[int]],
    collected_pages: set[Path],
    block_pages: set[Path],
) -> Coverage:
    """`ran`: the lines each snippet (resolved path) ran in this session; the pages
    collected, and those that had a block to run (resolved paths)."""
    pages = project.pages()
    if not all(page.resolve() in collected_pages for page in pages):
        return Coverage(not_collected=True)
    found = Coverage()
    found.silent_pages = [
        project.rel(page)
        for page in pages
        if page.resolve() not in block_pages
        and any(path.suffix == ".py" for path in project.includes(page.read_text("utf-8")))
    ]
    for base in project.snippet_dirs:
        for path in sorted(base.rglob("*.py")):
            never = coverage_check.never_ran(path, ran.get(path.resolve(), ()))
            found.statements += never.statements
            found.missed += len(never.missing)
            if never.missing:
                found.missing.append(
                    f"{project.rel(path)}: {len(never.missing)} of {never.statements} "
                    f"lines never ran: {never.missing_ranges}"
                )
    return found
