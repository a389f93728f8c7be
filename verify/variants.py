"""The runs a block gets, and which runner runs each.

    KERAS_3   every block that runs: in the test's process (verify/run.py), or in a fresh
              Python process when it is marked subprocess (verify/own_process.py)
    LEGACY    a then_vs_now block, again under legacy tf.keras (TF_USE_LEGACY_KERAS=1): in
              a process kept for these runs, one block after another

A `Variant` is everything that differs between the runs of one block: its test-id suffix,
the environment it adds, the expected output it is compared with, the pictures it keeps,
and how a reader runs it alone. A `Runner` runs a block's variant where it belongs.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from verify.blocks import LEGACY as LEGACY_ID
from verify.blocks import Block
from verify.own_process import KeptProcess, ProcessDied, run_in_own_process
from verify.run import Result, run_block

# A block that imports Keras or TensorFlow: they are imported before it, once per process.
IMPORTS_TENSORFLOW = re.compile(r"^\s*(?:import|from)\s+(?:keras|tensorflow)\b", re.M)


@dataclass(frozen=True)
class Variant:
    """One run of a block."""

    id: str | None  # the test id's suffix: snippets/x.py[tf_keras]; None for Keras 3
    env: Mapping[str, str] = field(default_factory=dict)  # added to the block's environment
    under: str = ""  # how failure messages name it: " under legacy tf.keras (...)"
    preload: str = "keras"  # imported once, before the first block that uses Keras or TF
    kept: bool = False  # runs in a process kept for this variant, not in the test's

    def expected(self, block: Block) -> tuple[str | None, Path | None]:
        """The output this run must print, and the file it is included from."""
        if self.id == LEGACY_ID:
            return block.legacy_output, block.legacy_output_file
        return block.expected_output, block.output_file

    def pictures(self, block: Block) -> tuple[str, ...]:
        """The pictures this run must draw: the site shows those of the Keras 3 run."""
        return block.pictures if self.id is None else ()

    def test_name(self, name: str) -> str:
        return name if self.id is None else f"{name}[{self.id}]"

    def how_to_run(self, block: Block) -> str:
        prefix = "".join(f"{name}={value} " for name, value in self.env.items())
        hint = f"Run it alone with: {prefix}python {block.snippet}"
        if self.id == LEGACY_ID and importlib.util.find_spec(self.preload) is None:
            hint += (
                f"\n{self.preload} is not installed here: make (or pip install -r requirements.txt)"
            )
        return hint


KERAS_3 = Variant(None)
LEGACY = Variant(
    LEGACY_ID,
    env={"TF_USE_LEGACY_KERAS": "1"},
    under=" under legacy tf.keras (TF_USE_LEGACY_KERAS=1)",
    preload="tf_keras",
    kept=True,
)
VARIANTS = (KERAS_3, LEGACY)


def variants_of(block: Block) -> tuple[Variant, ...]:
    """The runs a block gets: every block runs under Keras 3, a then_vs_now block also
    under legacy tf.keras."""
    return VARIANTS if block.then_vs_now else (KERAS_3,)


class RunFailure(Exception):
    """A process the block ran in ended without a result; the message says how."""


class Runner:
    """Runs a block's variant where it belongs: in this process, in a fresh process (a
    block marked subprocess), or in the process kept for its variant (started at its
    first block, closed with the runner)."""

    def __init__(self) -> None:
        self.kept: dict[str | None, KeptProcess] = {}

    def prepare(self, block: Block, variant: Variant) -> None:
        """Import Keras (or TensorFlow) into this process before the first block that uses
        it, so that each block's time is its own work."""
        if not (block.own_process or variant.kept) and IMPORTS_TENSORFLOW.search(block.code):
            importlib.import_module(variant.preload)

    def run(
        self,
        block: Block,
        variant: Variant,
        snippet: Path,
        timeout: float,
        pictures: Sequence[str] = (),
        keep: Path | None = None,
        columns: str | None = None,
        ran_lines: set[int] | None = None,
    ) -> Result:
        """The block's run; raises RunFailure when its process ended without a result."""
        try:
            if block.own_process:  # a fresh interpreter
                env = dict(variant.env) or None
                return run_in_own_process(snippet, timeout, pictures, keep, env, columns)
            if variant.kept:
                process = self.kept.setdefault(variant.id, KeptProcess(dict(variant.env)))
                preload = [variant.preload] if IMPORTS_TENSORFLOW.search(block.code) else []
                return process.run(snippet, timeout, pictures, keep, columns, preload)
        except ProcessDied as error:
            raise RunFailure(
                f"{block.snippet}, included by {block.where}, ran in its own process"
                f"{variant.under}, which {error}"
            ) from None
        self.prepare(block, variant)
        return run_block(block.code, str(snippet), timeout, ran_lines, pictures, keep, columns)

    def close(self) -> None:
        for process in self.kept.values():
            process.close()
        self.kept.clear()
