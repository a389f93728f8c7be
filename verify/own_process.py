"""Run a block in a Python process of its own: one function for the tests and the build.

Blocks marked `pytest.mark.subprocess` need a fresh interpreter (legacy Keras for
tensorflow-model-optimization flips a process-wide switch); the legacy run of a
`then_vs_now` block does too (TF_USE_LEGACY_KERAS=1 before TensorFlow is imported); the
site build draws the pictures in one. Both sides of the protocol are here:

    run_in_own_process(snippet, ...)  ->  python -m verify.own_process SNIPPET RESULT.json
                                          TIMEOUT [--produces NAME ...] [--keep-into DIR]
                                          [--columns N]

The child runs the snippet with verify.run.run_block (scratch directory, seeds, no network,
time limit, coverage of its lines) and writes the Result as JSON; a child that dies before writing
it is reported as "died (exit N)" with the end of its stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from verify.run import Result, run_block


class ProcessDied(Exception):
    """The process ended without a result; the message says how."""


def run_in_own_process(
    snippet: Path,
    timeout: float,
    pictures: Sequence[str] = (),
    keep_into: Path | None = None,
    env: dict[str, str] | None = None,
    columns: str | None = None,
) -> Result:
    """Run `snippet` in a new Python (this interpreter) with `env` added to os.environ.

    Raises ProcessDied when the process ends without a result (a crash, or a hang past
    the block's own time limit plus a minute for the interpreter and its imports).
    """
    with tempfile.TemporaryDirectory(prefix="own-process-") as scratch:
        result_file = Path(scratch) / "result.json"
        command = [sys.executable, "-m", "verify.own_process", str(snippet), str(result_file)]
        command += [str(timeout)]
        command += ["--produces", *pictures] if pictures else []
        command += ["--keep-into", str(keep_into)] if keep_into is not None else []
        command += ["--columns", columns] if columns is not None else []
        try:
            finished = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=timeout + 60,
                env={**os.environ, **(env or {})},
            )
        except subprocess.TimeoutExpired:
            raise ProcessDied(f"hung: no result after {timeout + 60:g} s") from None
        if not result_file.exists():
            raise ProcessDied(f"died (exit {finished.returncode}):\n{finished.stderr[-3000:]}")
        return Result(**json.loads(result_file.read_text(encoding="utf-8")))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Run one snippet as a code block.")
    parser.add_argument("snippet")
    parser.add_argument("result_file")
    parser.add_argument("timeout", type=float)
    parser.add_argument("--produces", nargs="+", default=[], metavar="NAME")
    parser.add_argument("--keep-into", metavar="DIR")
    parser.add_argument("--columns", help="run as in a terminal this wide (default: a pipe)")
    args = parser.parse_args(argv)
    snippet = str(Path(args.snippet).resolve())
    code = Path(snippet).read_text(encoding="utf-8")
    result = run_block(
        code, snippet, args.timeout, set(), args.produces, args.keep_into, args.columns
    )
    Path(args.result_file).write_text(json.dumps(result.__dict__), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
