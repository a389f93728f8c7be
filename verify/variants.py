"""The runs a block gets, and which runner runs each.

    KERAS_3   every block that runs: in the test's process (verify/run.py), or in a fresh
              Python process when it is marked subprocess (verify/own_process.py)
    LEGACY    a then_vs_now block, again under legacy tf.keras (TF_USE_LEGACY_KERAS=1): in
              a process kept for these runs, one block after another
    BACKENDS  a block that does not import TensorFlow (found from its code), again on each
              other Keras backend the project names ([tool.verify] backends: JAX in
              `make test`, PyTorch in `make test-backends`), in a process kept for each

A `Variant` is everything that differs between the runs of one block: its test-id suffix,
the environment it adds, the expected output it is compared with, the pictures it keeps,
and how a reader runs it alone. A `Runner` runs a block's variant where it belongs.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from verify.blocks import LEGACY as LEGACY_ID
from verify.blocks import Block
from verify.own_process import KeptProcess, ProcessDied, run_in_own_process
from verify.run import Result, run_block

# A block that imports Keras or TensorFlow: they are imported before it, once per process.
IMPORTS_TENSORFLOW = re.compile(r"^\s*(?:import|from)\s+(?:keras|tensorflow)\b", re.M)
# A block that needs TensorFlow itself (or what only runs on it): TensorFlow-only.
NEEDS_TENSORFLOW = re.compile(
    r"^\s*(?:import|from)\s+(?:tensorflow|tf_keras|tensorflow_model_optimization|ai_edge_litert)\b",
    re.M,
)


@dataclass(frozen=True)
class Variant:
    """One run of a block."""

    id: str | None  # the test id's suffix: snippets/x.py[tf_keras]; None for Keras 3
    env: Mapping[str, str] = field(default_factory=dict)  # added to the block's environment
    under: str = ""  # how failure messages name it: " under legacy tf.keras (...)"
    preload: str = "keras"  # imported once, before the first block that uses Keras or TF
    kept: bool = False  # runs in a process kept for this variant, not in the test's
    backend: str = "tensorflow"  # the Keras backend it runs on
    requires: str = ""  # the module this run needs, and how to install it: "jax: make"

    @property
    def is_backend(self) -> bool:
        return self.backend != "tensorflow"

    def expected(self, block: Block, root: Path | None = None) -> tuple[str | None, Path | None]:
        """The output this run must print, and the file it is included from: a backend's
        run prints the page's output, or the one kept for it (x.jax.out) when it exists."""
        if self.id == LEGACY_ID:
            return block.legacy_output, block.legacy_output_file
        own = self.own_output_file(block)
        if own is not None and root is not None and (root / own).is_file():
            return (root / own).read_text(encoding="utf-8"), own
        return block.expected_output, block.output_file

    def own_output_file(self, block: Block) -> Path | None:
        """x.jax.out: the output a backend's run prints where it differs from the page's."""
        if not self.is_backend or block.snippet is None:
            return None
        return block.snippet.with_suffix(f".{self.backend}.out")

    def pictures(self, block: Block) -> tuple[str, ...]:
        """The pictures this run must draw: the site shows those of the Keras 3 run."""
        return block.pictures if self.id is None else ()

    def test_name(self, name: str) -> str:
        return name if self.id is None else f"{name}[{self.id}]"

    def known_defect(self, block: Block) -> str | None:
        """The defect a `fails_on` mark names for this backend, or None."""
        return dict(block.marks.fails_on).get(self.backend)

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
BACKENDS = {
    "jax": Variant(
        "jax",
        env={"KERAS_BACKEND": "jax"},
        under=" on the JAX backend (KERAS_BACKEND=jax)",
        kept=True,
        backend="jax",
        requires="jax: make installs it (requirements.txt pins jax and jaxlib)",
    ),
    "torch": Variant(
        "torch",
        env={"KERAS_BACKEND": "torch"},
        under=" on the PyTorch backend (KERAS_BACKEND=torch)",
        kept=True,
        backend="torch",
        requires="torch: make test-backends installs it into .venv-backends",
    ),
}


# A block that chooses its backend itself, before it imports Keras
# (os.environ["KERAS_BACKEND"] = "jax", or setdefault): its run is on that backend.
SETS_BACKEND = re.compile(
    r"""KERAS_BACKEND["']\s*\]\s*=\s*["'](\w+)["']"""
    r"""|setdefault\(\s*["']KERAS_BACKEND["']\s*,\s*["'](\w+)["']"""
)


IMPORTS_KERAS = re.compile(r"^\s*(?:import|from)\s+keras\b", re.M)


def own_backend(block: Block) -> str | None:
    """The backend a block sets for itself before it first imports Keras, or None (set
    after the import, the variable changes nothing in that process)."""
    found = SETS_BACKEND.search(block.code)
    first_import = IMPORTS_KERAS.search(block.code)
    if found is None or first_import is None or found.start() > first_import.start():
        return None
    return found.group(1) or found.group(2)


def runs_on_every_backend(block: Block) -> bool:
    """A block that does not import TensorFlow (nor what only runs on it), does not choose
    its backend itself and shows what it prints: its runs on the other backends can be
    compared with the page."""
    return (
        not NEEDS_TENSORFLOW.search(block.code)
        and own_backend(block) is None
        and block.expected_output is not None
    )


def variants_of(block: Block, backends: tuple[str, ...] = ()) -> tuple[Variant, ...]:
    """The runs a block gets: every block runs under Keras 3 on TensorFlow, a then_vs_now
    block also under legacy tf.keras, a block that can also on each of `backends`."""
    found = [KERAS_3, LEGACY] if block.then_vs_now else [KERAS_3]
    if runs_on_every_backend(block):
        found += [BACKENDS[name] for name in backends]
    return tuple(found)


class UnknownBackend(ValueError):
    """[tool.verify] backends names a backend the engine does not know."""


def check_backends(names: tuple[str, ...]) -> None:
    unknown = [name for name in names if name not in BACKENDS]
    if unknown:
        raise UnknownBackend(
            f"unknown Keras backend(s) {unknown} in [tool.verify] backends or $VERIFY_BACKENDS: "
            f"use {sorted(BACKENDS)}"
        )


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
        if variant.requires and importlib.util.find_spec(variant.requires.split(":")[0]) is None:
            raise RunFailure(
                f"{block.snippet} cannot run{variant.under}: {variant.requires.split(':')[0]} is "
                f"not installed in {sys.executable}. Install it: {variant.requires}"
            )
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
