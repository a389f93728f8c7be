"""A block's passing run, kept in .cache/blocks/ and reused while its inputs are the same.

The key holds every input that can change what the block prints: the snippet's bytes,
its expected-output files and the outputs the page shows, its marks, the variant it runs
as (its environment), the inherited environment variables that steer Keras, TensorFlow
and Python, and what every cache key holds (verify/cache.py: requirements.txt, Python,
the platform, the engine's code). `--fresh` and `--update-outputs` reuse nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from verify import cache, pictures
from verify.blocks import Block
from verify.run import Result
from verify.variants import Variant

KIND = "blocks"
# Inherited environment variables that can change what a block prints: part of its key.
ENV_PREFIXES = ("KERAS_", "TF_", "PYTHON", "CUDA_", "OMP_", "COLUMNS", "LINES")


def key(root: Path, block: Block, variant: Variant, snippet: Path) -> str:
    outputs = [block.output_file, block.legacy_output_file]
    inherited = {
        name: value
        for name, value in sorted(os.environ.items())
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


def cached_run(
    root: Path, name: str, entry_key: str, block: Block, variant: Variant, snippet: Path
) -> Result | None:
    """The passing run stored under `entry_key`, if whole (anything else: run again)."""
    found = cache.Store(root, KIND).get(name, entry_key)
    names = variant.pictures(block)
    if found is None or (names and pictures.cached(root, snippet, names) is None):
        return None
    try:
        data = json.loads((found / "result.json").read_text(encoding="utf-8"))
        result = Result(**data)
        if result.error is not None or not isinstance(result.lines, list):
            return None
    except (OSError, ValueError, TypeError):
        return None  # a truncated or corrupt entry: the block runs
    return result


def store(root: Path, name: str, entry_key: str, result: Result) -> None:
    """Keep a run that passed every check."""
    cache.Store(root, KIND).put(
        name, entry_key, {"result.json": json.dumps(result.__dict__).encode()}
    )
