"""What a run printed against what the page shows: the one comparison of outputs.

Lines are compared with their trailing spaces and the trailing blank lines removed (a
Markdown fence keeps neither). A difference is a `Mismatch`: its `kind` is a structured
outcome that reports read (the next-release report counts `OUTPUT_CHANGED`), its
`message` names the page, the snippet and what to do.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from verify.blocks import LEGACY as LEGACY_ID
from verify.blocks import LEGACY_TAB, Block, legacy_output_name
from verify.run import WIDE, Result
from verify.variants import Variant

OUTPUT_CHANGED = "output-changed"  # it printed something else than the page shows
SAME_AS_KERAS_3 = "same-as-keras-3"  # a then_vs_now block's legacy run showed no change
TERMINAL_WIDTH = "terminal-width"  # it prints something else in a wide terminal
OWN_OUTPUT_SAME = "own-output-same"  # a backend's own x.jax.out is what the page shows


@dataclass(frozen=True)
class Mismatch:
    kind: str
    message: str


def lines_of(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip().splitlines()]


def same_lines(a: str, b: str) -> bool:
    return lines_of(a) == lines_of(b)


def diff(expected: list[str], actual: list[str], expected_name: str, actual_name: str) -> str:
    return "\n".join(
        difflib.unified_diff(expected, actual, expected_name, actual_name, lineterm="")
    )


def output_mismatch(
    block: Block, variant: Variant, actual: str, root: Path | None = None
) -> Mismatch | None:
    """How the run's stdout differs from the output the page shows for `variant` (for a
    backend, its own x.jax.out when it has one), or None (also when there is none)."""
    expected, output_file = variant.expected(block, root)
    if expected is None:
        return None
    actual_lines = lines_of(actual)
    own = variant.is_backend and output_file != block.output_file
    if own and same_lines(expected, block.expected_output or ""):
        return Mismatch(
            OWN_OUTPUT_SAME,
            f"{output_file} is the same as the output {block.where} shows: delete it "
            f"(the {variant.backend} run is compared with the page's output then).",
        )
    if variant.id == LEGACY_ID and actual_lines == lines_of(block.expected_output or ""):
        return Mismatch(
            SAME_AS_KERAS_3,
            f"{block.snippet} printed the same under legacy tf.keras as under Keras 3, "
            f"but {block.where} is marked then_vs_now: a box that claims a change must "
            "show one. Print what differs, or drop the mark and the claim.",
        )
    expected_lines = lines_of(expected)
    if actual_lines == expected_lines:
        return None
    source = output_file or f"the fence after {block.where}"
    how = (
        "If the new output is right, run: make update-outputs"
        if output_file
        else "Move the expected output into a file under snippets/ and include it, "
        "so that make update-outputs can refresh it."
    )
    return Mismatch(
        OUTPUT_CHANGED,
        f"{block.snippet} printed something else{variant.under} than {block.where} shows:"
        f"\n\n{diff(expected_lines, actual_lines, f'expected ({source})', 'actual')}\n\n{how}",
    )


def width_mismatch(block: Block, variant: Variant, piped: str, wide: Result) -> Mismatch | None:
    """A reader's terminal may be wider than a pipe: what a run in a WIDE-column terminal
    printed differently, or None."""
    if not wide.error and lines_of(wide.stdout) == lines_of(piped):
        return None
    changes = diff(lines_of(piped), lines_of(wide.stdout), "piped", f"COLUMNS={WIDE}")
    return Mismatch(
        TERMINAL_WIDTH,
        f"{block.snippet}, included by {block.where}, prints something else in a "
        f"{WIDE}-column terminal than in a pipe{variant.under}, so a reader who runs it "
        f"would not see the page's output:\n\n{wide.error or changes}\n\nKeep what it "
        "prints independent of the terminal: e.g. model.summary(line_length=80).",
    )


def write_expected(root: Path, output_file: Path, actual: str) -> None:
    """`make update-outputs`: the expected-output file becomes what the run printed."""
    (root / output_file).write_text("\n".join(lines_of(actual)) + "\n", encoding="utf-8")


def partial_include(block: Block, snippet_text: str) -> str | None:
    """What is wrong when the block shows less (or more) than its whole snippet file."""
    if block.code.rstrip("\n") == snippet_text.rstrip("\n"):
        return None
    return (
        f"{block.where}: the block is not the whole of {block.snippet}; "
        "include whole files only (no line ranges or sections)."
    )


def then_vs_now_problem(block: Block) -> str | None:
    """What a then_vs_now block lacks to show both runs, or None."""
    if block.expected_output is None or block.output_file is None:
        return (
            f"{block.where}: a then_vs_now block shows what Keras 3 prints: follow it with "
            f"<!--pytest-codeblocks:expected-output--> and a fence including "
            f"{block.snippet.with_suffix('.out').name}"
        )
    if block.legacy_output is None:
        return (
            f"{block.where}: a then_vs_now block shows what legacy tf.keras prints too: after "
            f"its expected output, add a text fence including {legacy_output_name(block.snippet)}"
            f' (in a tab === "{LEGACY_TAB}"), then run: make update-outputs'
        )
    if same_lines(block.expected_output, block.legacy_output):
        return (
            f"{block.where}: {block.output_file} and {block.legacy_output_file} are the same: "
            "a then_vs_now block must show a change. Print what differs between Keras 3 and "
            "tf.keras 2, or drop the mark and the claim of a change."
        )
    return None
