"""Run a block in a Python process other than the test's: for the tests and the build.

Blocks marked `pytest.mark.subprocess` need a fresh interpreter (legacy Keras for
tensorflow-model-optimization flips a process-wide switch); the site build draws the
pictures in one. The legacy runs of `then_vs_now` blocks need TF_USE_LEGACY_KERAS=1 before
TensorFlow is imported, so not the test's process, but not a fresh one each: they run one
after another in a `KeptProcess` (one per test process), as the Keras 3 runs do in the
test's process. Both sides of each protocol are here:

    run_in_own_process(snippet, ...)  ->  python -m verify.own_process SNIPPET RESULT.json
                                          TIMEOUT [--produces NAME ...] [--keep-into DIR]
                                          [--columns N]
    KeptProcess(env).run(snippet, ...)  ->  python -m verify.own_process --serve
                                          (one JSON request and one JSON reply per line,
                                          on its stdin and stdout)

The child runs the snippet with verify.run.run_block (scratch directory, seeds, no network,
time limit, coverage of its lines) and returns the Result as JSON; a child that dies before
returning it is reported as "died (exit N)" with the end of its stderr, one that outlives
the block's time limit by a minute as "hung"; a kept process that died or hung is replaced
by a new one for the next block.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from verify import environment, processes
from verify.run import Result, run_block

# Beyond the block's own time limit, for the interpreter and its imports.
GRACE = 60  # seconds


class ProcessDied(Exception):
    """The process ended without a result; the message says how."""

    @classmethod
    def hung(cls, timeout: float, left: str | None = None) -> ProcessDied:
        return cls(f"hung: no result after {timeout + GRACE:g} s" + (f"\n{left}" if left else ""))

    @classmethod
    def died(cls, code: int, stderr: str, left: str | None = None) -> ProcessDied:
        return cls(f"died (exit {code}):\n{stderr[-3000:]}" + (left or ""))


def run_snippet(
    snippet: str,
    timeout: float,
    produces: Sequence[str],
    keep_into: str | None,
    columns: str | None,
) -> Result:
    """The child's side: run the snippet file as a block, its lines measured."""
    path = str(Path(snippet).resolve())
    code = Path(path).read_text(encoding="utf-8")
    return run_block(code, path, timeout, set(), produces, keep_into, columns)


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
        # The child checks what the block starts; this finds what a crashed child left, by
        # a mark of this run's own (verify/processes.py). Its stderr goes to a file, not a
        # pipe: a process it left would hold a pipe open.
        child_env = environment.quiet({**os.environ, **(env or {})})
        mark, child_env[processes.VARIABLE] = processes.new_mark(child_env)
        with tempfile.TemporaryFile() as stderr:
            try:
                finished = subprocess.run(
                    command,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                    timeout=timeout + GRACE,
                    env=child_env,
                )
            except subprocess.TimeoutExpired:
                finished = None
            left = processes.problem(snippet.name, processes.stop_marked(mark))
            stderr.seek(0)
            errors = stderr.read().decode("utf-8", "replace")
        if finished is None:
            raise ProcessDied.hung(timeout, left)
        if not result_file.exists():
            raise ProcessDied.died(finished.returncode, errors, left)
        result = Result(**json.loads(result_file.read_text(encoding="utf-8")))
        result.error = result.error or left
        return result


class KeptProcess:
    """One Python (this interpreter, `env` added to os.environ) that runs blocks one after
    another, started at the first block."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.process: subprocess.Popen | None = None
        self.stderr = None  # the process's stderr, a file (read when it dies)
        self.mark = ""  # carried by every process it starts (verify/processes.py)

    def start(self):
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 (kept open: closed by close())
        env = environment.quiet({**os.environ, **self.env})
        # Its own mark (verify/processes.py): what a block left when this process died.
        self.mark, env[processes.VARIABLE] = processes.new_mark(env)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "verify.own_process", "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            env=env,
        )

    def run(
        self,
        snippet: Path,
        timeout: float,
        pictures: Sequence[str] = (),
        keep_into: Path | None = None,
        columns: str | None = None,
        preload: Sequence[str] = (),
    ) -> Result:
        """As run_in_own_process, in this kept process, after importing the modules
        `preload` (once: as the test's process imports Keras before the first block that
        uses it, so that the block's seeds are reset like every later block's).
        Raises ProcessDied likewise."""
        if self.process is None or self.process.poll() is not None:
            self.start()
        request = {
            "snippet": str(snippet),
            "timeout": timeout,
            "produces": list(pictures),
            "keep_into": None if keep_into is None else str(keep_into),
            "columns": columns,
            "preload": list(preload),
        }
        self.stderr.seek(0, os.SEEK_END)
        since = self.stderr.tell()
        try:
            self.process.stdin.write(json.dumps(request).encode() + b"\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            pass  # it died: reported below
        # The first block waits for the imports too, as a process of its own would.
        deadline = time.monotonic() + timeout + GRACE
        while True:
            ready, _, _ = select.select([self.process.stdout], [], [], 1.0)
            if ready:
                line = self.process.stdout.readline()
                break
            if time.monotonic() > deadline:
                self.close()
                raise ProcessDied.hung(timeout, self.left_behind(snippet))
        if not line:  # end of file: the process ended
            code = self.process.wait()
            self.stderr.seek(since)
            stderr = self.stderr.read().decode("utf-8", "replace")
            self.close()
            raise ProcessDied.died(code, stderr, self.left_behind(snippet))
        return Result(**json.loads(line))

    def left_behind(self, snippet: Path) -> str | None:
        """Once this process is gone: the processes its last block left, stopped."""
        return processes.problem(snippet.name, processes.stop_marked(self.mark))

    def close(self):
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            for stream in (self.process.stdin, self.process.stdout, self.stderr):
                stream.close()
            self.process = None


def serve() -> int:
    """The kept process: run each request of stdin; reply on the stdout it started with
    (what a block prints is captured, and anything printed outside a block goes to stderr,
    so that each line of that stdout is a reply)."""
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    while line := sys.stdin.readline():
        request = json.loads(line)
        for module in request["preload"]:
            importlib.import_module(module)
        result = run_snippet(
            request["snippet"],
            request["timeout"],
            request["produces"],
            request["keep_into"],
            request["columns"],
        )
        replies.write(json.dumps(result.__dict__) + "\n")
    return 0


def main(argv: list[str]) -> int:
    if argv == ["--serve"]:
        return serve()
    parser = argparse.ArgumentParser(description="Run one snippet as a code block.")
    parser.add_argument("snippet")
    parser.add_argument("result_file")
    parser.add_argument("timeout", type=float)
    parser.add_argument("--produces", nargs="+", default=[], metavar="NAME")
    parser.add_argument("--keep-into", metavar="DIR")
    parser.add_argument("--columns", help="run as in a terminal this wide (default: a pipe)")
    args = parser.parse_args(argv)
    result = run_snippet(args.snippet, args.timeout, args.produces, args.keep_into, args.columns)
    Path(args.result_file).write_text(json.dumps(result.__dict__), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
