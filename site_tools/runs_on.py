"""Each block's "Runs on" line, from the verified runs of this very tree.

Under every code block of a recipe page the build writes which Keras backends its code
ran on and how it passed, read from the passing runs that `make test` kept in
.cache/blocks/ under the keys of these very inputs (verify/block_cache.py): a backend
whose run is not there (not run on this tree, or failed) is not named. Never typed.

    Runs on: TensorFlow ✓ · JAX ✓ same output
    Runs on: TensorFlow ✓ · JAX ✓ its own output (snippets/x/y.jax.out)
    Runs on: TensorFlow ✓ · JAX ✗ Keras 3.15 defect: ...
    Runs on: TensorFlow ✓ (TensorFlow only: the code imports TensorFlow)
    Runs on: JAX ✓ same output (the code sets KERAS_BACKEND itself)
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from verify import block_cache, cache
from verify.blocks import LEGACY, Block, Marks
from verify.fences import fences_of
from verify.pages import fence_including
from verify.plan import Run, plan
from verify.project import Project
from verify.variants import BACKENDS, own_backend, runs_on_every_backend

LABELS = {"tensorflow": "TensorFlow", "jax": "JAX", "torch": "PyTorch"}


@dataclass
class BlockRuns:
    block: Block
    runs: dict[str, str] = field(default_factory=dict)  # backend -> outcome (verified runs)
    defects: dict[str, str] = field(default_factory=dict)  # backend -> the defect named
    when: float | None = None  # when the newest of these runs was kept (a timestamp)

    def line(self) -> str:
        """The block's line, as HTML (kept out of the search index)."""
        parts = []
        for backend, outcome in self.runs.items():
            label = LABELS.get(backend, backend)
            if outcome == block_cache.KNOWN_DEFECT:
                parts.append(f"{label} ✗ {self.defects.get(backend, 'a known defect')}")
            elif outcome == block_cache.OWN_OUTPUT:
                own = self.block.snippet.with_suffix(f".{backend}.out").as_posix()
                parts.append(f"{label} ✓ its own output ({own})")
            elif backend == "tensorflow":
                parts.append(f"{label} ✓")
            else:
                parts.append(f"{label} ✓ same output")
        text = " · ".join(parts)
        if own_backend(self.block):
            text += " (the code sets KERAS_BACKEND itself)"
        elif not runs_on_every_backend(self.block):
            text += " (TensorFlow only: the code imports TensorFlow)"
        return f'<p class="runs-on" data-search-exclude>Runs on: {html.escape(text)}</p>'


def page_runs(project: Project, page: Path) -> list[BlockRuns]:
    """Each block of the page that runs, with the backends its verified runs passed on."""
    source = project.rel(page).as_posix()
    found: dict[int, BlockRuns] = {}
    # Every backend the engine knows, whichever ran here: a backend's run is found only if
    # it passed on these very inputs (make test-backends, or the workflow's matrix job).
    for test in plan(project, page, tuple(BACKENDS)):
        if not isinstance(test, Run) or test.variant.id == LEGACY:
            continue  # the legacy run is shown in the page's own tabs
        block, variant = test.block, test.variant
        entry = found.setdefault(block.line, BlockRuns(block))
        key = block_cache.key(project.root, block, variant, project.root / block.snippet)
        name = f"{source}::{test.name}"
        outcome = block_cache.outcome_of(project.root, name, key)
        if outcome is not None:
            # A block that sets KERAS_BACKEND itself ran on that backend, not the variant's.
            backend = own_backend(block) or variant.backend
            entry.runs[backend] = outcome
            kept = cache.Store(project.root, block_cache.KIND).get(name, key)
            if kept is not None:
                when = (kept / "result.json").stat().st_mtime
                entry.when = max(entry.when or when, when)
            if outcome == block_cache.KNOWN_DEFECT:
                entry.defects[backend] = variant.known_defect(block) or ""
    return [entry for entry in found.values() if entry.runs]


def latest_run(runs: list[BlockRuns]) -> float | None:
    """When the newest of the page's verified runs was kept (None: none was found)."""
    return max((entry.when for entry in runs if entry.when is not None), default=None)


def summary(runs: list[BlockRuns]) -> str:
    """The page's sum: 'TensorFlow 9 · JAX 5 (1 with its own output)'."""
    counts: Counter = Counter()
    own: Counter = Counter()
    for entry in runs:
        for backend, outcome in entry.runs.items():
            if outcome != block_cache.KNOWN_DEFECT:
                counts[backend] += 1
            own[backend] += outcome == block_cache.OWN_OUTPUT
    parts = []
    for backend, count in counts.items():
        extra = f" ({own[backend]} with its own output)" if own[backend] else ""
        parts.append(f"{LABELS.get(backend, backend)} {count}{extra}")
    return " · ".join(parts)


def add_lines(project: Project, markdown: str, runs: list[BlockRuns]) -> str:
    """The page's Markdown with each block's line after the block's closing fence (the
    fences found by their include line, in order, so the page's layout does not matter)."""
    lines = markdown.split("\n")
    fences = fences_of(lines)
    inserts: dict[int, str] = {}
    start = 0
    for entry in sorted(runs, key=lambda e: e.block.line):
        snippet = (project.root / entry.block.snippet).resolve()
        fence = fence_including(project, lines, fences, snippet, start)
        if fence is None or fence.close is None:
            continue
        inserts[fence.close] = f"\n{fence.indent}{entry.line()}\n"
        start = fence.close + 1
    for end in sorted(inserts, reverse=True):
        lines.insert(end + 1, inserts[end])
    return "\n".join(lines)


SKIP_MARK = re.compile(r"^(\s*)<!--\s*pytest\.mark\.skip\((.*)\)\s*-->\s*$", re.M)


def label_skipped(markdown: str) -> str:
    """A block marked skip is shown as not run: its mark (an HTML comment, invisible)
    becomes a visible line with the reason, above the block."""

    def label(match: re.Match) -> str:
        try:
            reason = Marks.parse([f"pytest.mark.skip({match.group(2)})"]).skip_reason
        except ValueError:
            return match.group(0)  # the page's checks name it
        text = html.escape(f"Not run here: {reason}")
        return f'{match.group(1)}<p class="runs-on not-run" data-search-exclude>{text}</p>\n'

    return SKIP_MARK.sub(label, markdown)
