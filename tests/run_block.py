"""Run one code block the way a reader would run the snippet file.

Used in the test process for ordinary blocks, and as a script for blocks
marked `pytest.mark.subprocess` (which need a fresh interpreter, e.g. legacy
Keras for tensorflow-model-optimization):

    python tests/run_block.py SNIPPET.py RESULT.json TIMEOUT_SECONDS
        [--produces NAME ...] [--keep-into DIR]

Each run gets a fresh temporary working directory, reset seeds, a blocked
network, a time limit and its stdout captured at the file-descriptor level
(so `tf.print` to stdout is captured too). A block that declares pictures
(`pytest.mark.produces`) must leave them, valid, in that directory; with
`--keep-into` they are copied out before it is removed (hooks/pictures.py).
The lines of the snippet that ran are recorded (tests/line_marks.py).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import traceback
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest_socket

import line_marks

SEED = 42
COLUMNS = "100"  # model.summary() and friends follow $COLUMNS


class BlockTimeout(Exception):
    pass


@dataclass
class Result:
    stdout: str
    error: str | None  # the traceback, from the snippet's first frame on
    seconds: float
    lines: list[int]  # the snippet's lines that ran (empty when not recorded)


def reset_seeds() -> None:
    random.seed(SEED)
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed(SEED)
    if "keras" in sys.modules:  # imported once per process, then reset per block
        keras = sys.modules["keras"]
        # Layer names restart at dense, dense_1, ... free_memory=False: no gc.collect()
        # per block, which took 0.23 s a block with TensorFlow loaded (make bench).
        keras.backend.clear_session(free_memory=False)
        keras.utils.set_random_seed(SEED)
        keras.config.enable_interactive_logging()  # a block may have turned it off


@contextlib.contextmanager
def captured_stdout():
    """Send fd 1 and sys.stdout to one file; yield a function reading it."""
    sys.stdout.flush()
    sink = tempfile.TemporaryFile()
    saved_fd, saved_stdout = os.dup(1), sys.stdout
    os.dup2(sink.fileno(), 1)
    sys.stdout = open(os.dup(1), "w", encoding="utf-8", buffering=1)
    try:
        yield lambda: (sink.seek(0), sink.read().decode("utf-8", "replace"))[1]
    finally:
        sys.stdout.close()
        sys.stdout = saved_stdout
        os.dup2(saved_fd, 1)
        os.close(saved_fd)


@contextlib.contextmanager
def time_limit(seconds: float, name: str):
    def expire(signum, frame):
        raise BlockTimeout(
            f"{name} ran longer than {seconds:g} s: make it quicker (smaller data, "
            "fewer epochs) or raise snippet_timeout in pyproject.toml"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def offline():
    pytest_socket.disable_socket(allow_unix_socket=True)
    try:
        yield
    finally:
        pytest_socket.enable_socket()


@contextlib.contextmanager
def scratch_directory():
    here, saved_env = os.getcwd(), dict(os.environ)
    work = tempfile.mkdtemp(prefix="snippet-")
    os.chdir(work)
    os.environ["COLUMNS"] = COLUMNS
    try:
        yield
    finally:
        os.chdir(here)
        os.environ.clear()
        os.environ.update(saved_env)
        shutil.rmtree(work, ignore_errors=True)


def snippet_traceback(error: BaseException, filename: str) -> str:
    """The traceback from the snippet's own first frame on, not the runner's."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    text = "".join(traceback.format_exception(type(error), error, tb or error.__traceback__))
    if isinstance(error, pytest_socket.SocketBlockedError):
        text += (
            "\nThe snippet tried to use the network. Snippets run offline: "
            "make the data in the snippet or use data a package ships.\n"
        )
    return text


def picture_problem(path: Path) -> str | None:
    """What is wrong with a picture a block wrote (PNG or SVG), or None."""
    data = path.read_bytes()
    if path.suffix == ".png":
        return None if data.startswith(b"\x89PNG\r\n\x1a\n") else "not a PNG file"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return f"not an SVG file ({error})"
    return None if root.tag == "{http://www.w3.org/2000/svg}svg" else "not an SVG file"


def check_pictures(names: list[str], keep_into: str | None) -> str | None:
    """Check the pictures the block declares in its working directory; copy them out."""
    for name in names:
        path = Path(name)
        if not path.is_file():
            return f"the block is marked produces({name!r}) but wrote no {name}\n"
        problem = picture_problem(path)
        if problem:
            return f"{name}, written by the block, is {problem}\n"
        if keep_into is not None:
            shutil.copyfile(path, Path(keep_into) / name)
    return None


def run_block(
    code: str,
    filename: str,
    timeout: float,
    ran_lines: set[int] | None = None,
    produces: Sequence[str] = (),
    keep_into: str | None = None,
) -> Result:
    """Execute `code` as `__main__`, compiled with the snippet's file name.

    `ran_lines`: a set that receives the lines of the snippet that ran (the
    code is then compiled with line marks). `produces`: pictures the block must
    write into its working directory (checked, then copied into `keep_into` if given).
    """
    import time

    namespace = {"__name__": "__main__", "__file__": filename, "__builtins__": __builtins__}
    if ran_lines is None:
        compiled = compile(code, filename, "exec")
    else:
        compiled, marks = line_marks.compile_marked(code, filename, ran_lines)
        namespace.update(marks)
    error = None
    saved_argv = sys.argv
    with scratch_directory(), warnings.catch_warnings(), captured_stdout() as read_stdout:
        reset_seeds()
        sys.argv = [filename]
        start = time.perf_counter()
        try:
            with offline(), time_limit(timeout, Path(filename).name):
                exec(compiled, namespace)
        except BaseException as raised:  # SystemExit and timeouts included
            if isinstance(raised, SystemExit) and raised.code in (None, 0):
                pass
            elif isinstance(raised, KeyboardInterrupt):
                raise
            else:
                error = snippet_traceback(raised, filename)
        finally:
            sys.argv = saved_argv
        seconds = time.perf_counter() - start
        if error is None and produces:
            error = check_pictures(list(produces), keep_into)
        sys.stdout.flush()
        stdout = read_stdout()
    return Result(stdout, error, seconds, sorted(ran_lines or ()))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Run one snippet as a code block.")
    parser.add_argument("snippet")
    parser.add_argument("result_file")
    parser.add_argument("timeout", type=float)
    parser.add_argument("--produces", nargs="+", default=[], metavar="NAME")
    parser.add_argument("--keep-into", metavar="DIR")
    args = parser.parse_args(argv)
    snippet = str(Path(args.snippet).resolve())
    code = Path(snippet).read_text(encoding="utf-8")
    result = run_block(code, snippet, args.timeout, set(), args.produces, args.keep_into)
    Path(args.result_file).write_text(json.dumps(result.__dict__), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
