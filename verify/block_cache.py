"""A block's passing run, kept in .cache/blocks/ and reused while its inputs are the same.

The key holds every input that can change what the block prints: the snippet's bytes,
its expected-output files and the outputs the page shows, its marks, the variant it runs
as (its environment), the inherited environment variables that steer Keras, TensorFlow
and Python, and what every cache key holds (verify/cache.py: requirements.txt, every
installed package's version, Python, the platform, the engine's code). What the run read
besides (project files it opened or imported, programs it started: verify/reads.py) is
kept with the entry, hashed, and the entry is reused only while they hash the same.
`--fresh` and `--update-outputs` reuse nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from verify import cache, environment, pictures, reads
from verify.blocks import Block
from verify.run import Result
from verify.variants import Variant

KIND = "blocks"
# Inherited environment variables that can change what a block prints: part of its key.
# COLUMNS and LINES are not: a block runs without them, as in a pipe (run.py); pytest-xdist's
# workers set them, and with them in the key a build outside the workers (make build, make
# serve) found none of the runs that make test kept.
ENV_PREFIXES = ("KERAS_", "TF_", "PYTHON", "CUDA_", "OMP_")


def key(root: Path, block: Block, variant: Variant, snippet: Path) -> str:
    outputs = [block.output_file, block.legacy_output_file, variant.own_output_file(block)]
    # As the runs see it (the test process quiets TensorFlow; a build reading the key may not).
    seen = environment.quiet(dict(os.environ))
    inherited = {
        name: value
        for name, value in sorted(seen.items())
        if name.startswith(ENV_PREFIXES) and name not in variant.env
    }
    return cache.key(
        root,
        snippet.read_bytes(),
        *(
            (root / name).read_bytes() if name and (root / name).is_file() else b"-"
            for name in outputs
        ),
        block.expected_output or "-",
        block.legacy_output or "-",
        repr(block.marks),
        json.dumps(
            {"env": dict(variant.env), "inherited": inherited, "legacy": variant.id is not None}
        ),
    )


# How a run passed (kept with it, and shown on the page as the block's "Runs on" line).
SAME_OUTPUT = "same-output"  # it printed the output the page shows
OWN_OUTPUT = "own-output"  # a backend's run printed the output kept for it (x.jax.out)
KNOWN_DEFECT = "known-defect"  # it failed on a backend, as its fails_on mark says
OUTCOMES = (SAME_OUTPUT, OWN_OUTPUT, KNOWN_DEFECT)


def cached_run(
    root: Path, name: str, entry_key: str, block: Block, variant: Variant, snippet: Path
) -> tuple[Result, str] | None:
    """The passing run stored under `entry_key` and how it passed, if the entry is whole
    (anything else: run again)."""
    found = cache.Store(root, KIND).get(name, entry_key)
    names = variant.pictures(block)
    if found is None or (names and pictures.cached(root, snippet, names) is None):
        return None
    try:
        data = json.loads((found / "result.json").read_text(encoding="utf-8"))
        outcome = data.pop("outcome")
        if reads.fingerprint(list(data.pop("read"))) != data.get("read_as", {}):
            return None  # a file it read, or a program it ran, changed since: it runs again
        data.pop("read_as")
        result = Result(**data)
        failed = result.error is not None and outcome != KNOWN_DEFECT
        if failed or outcome not in OUTCOMES or not isinstance(result.lines, list):
            return None
    except (OSError, ValueError, TypeError, KeyError):
        return None  # a truncated or corrupt entry, or one from before outcomes: it runs
    return result, outcome


def stored(root: Path, name: str, entry_key: str) -> dict | None:
    """What is kept of the passing run stored under `entry_key` (its result, how it passed,
    what it called), or None when none is stored."""
    found = cache.Store(root, KIND).get(name, entry_key)
    if found is None:
        return None
    try:
        data = json.loads((found / "result.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("outcome") in OUTCOMES else None


def outcome_of(root: Path, name: str, entry_key: str) -> str | None:
    """How the run stored under `entry_key` passed, or None when none is stored."""
    data = stored(root, name, entry_key)
    return data["outcome"] if data else None


def store(root: Path, name: str, entry_key: str, result: Result, outcome: str) -> None:
    """Keep a run that passed every check, with how it passed."""
    read_as = reads.fingerprint(result.reads)
    data = json.dumps(
        {**result.__dict__, "outcome": outcome, "read": list(read_as), "read_as": read_as}
    ).encode()
    cache.Store(root, KIND).put(name, entry_key, {"result.json": data})
