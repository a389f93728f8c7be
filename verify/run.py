"""Run one code block in this process, the way a reader runs the snippet file.

Each run gets a fresh temporary working directory, reset seeds, a blocked network, a
time limit and its stdout captured at the file-descriptor level (so `tf.print` to stdout
is captured too). A process it starts may not outlive it (verify/processes.py).

The reader's run is the page's run: the block sees the environment a reader's
`python snippets/x.py | less` has, without COLUMNS or LINES (a pipe: 80 columns). A block
that asks for the terminal's size (model.summary() does) is reported as such, and the
plugin runs it again as in a 200-column terminal: its output must not change. A block
must also leave the process's global settings as it found them (`global_state`): the
next block runs in the same process, a reader's run does not.

A block that declares pictures (`pytest.mark.produces`) must leave them, valid, in its
working directory; they are copied out before it is removed. The lines of the snippet
that ran are measured by coverage.py (verify/coverage_check.py).

verify/own_process.py runs the same function in a Python process of its own.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sys
import tempfile
import traceback
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy  # noqa: F401  (loaded first, so its print options are watched from the start)
import pytest_socket

from verify import api_calls, coverage_check, pictures, processes, reads

SEED = 42
WIDE = "200"  # the terminal width of the second run of a block that asks for it


class BlockTimeout(Exception):
    pass


@dataclass
class Result:
    stdout: str
    error: str | None  # the traceback, from the snippet's first frame on
    seconds: float
    lines: list[int]  # the snippet's lines that ran (empty when not recorded)
    asks_terminal_size: bool = False  # it asked how wide the terminal is
    reads: list[str] = field(default_factory=list)  # project files and programs it used
    calls: list[str] = field(default_factory=list)  # the public APIs it called (api_calls)


def global_state() -> dict[str, object]:
    """The process-wide settings a block may change and must restore."""
    state: dict[str, object] = {}
    if "numpy" in sys.modules:
        state["NumPy's print options (np.set_printoptions)"] = sys.modules[
            "numpy"
        ].get_printoptions()
    if "keras" in sys.modules:
        config = sys.modules["keras"].config
        state["keras.config.floatx()"] = config.floatx()
        state["keras.config.dtype_policy()"] = config.dtype_policy().name
        state["keras.config.image_data_format()"] = config.image_data_format()
    if "tf_keras" in sys.modules:
        backend = sys.modules["tf_keras"].backend
        state["tf_keras.backend.floatx()"] = backend.floatx()
        state["tf_keras.backend.image_data_format()"] = backend.image_data_format()
    if "tensorflow" in sys.modules:
        tf_config = sys.modules["tensorflow"].config
        state["tf.config.functions_run_eagerly()"] = tf_config.functions_run_eagerly()
    return state


def restore(state: dict[str, object]) -> None:
    """Put back the settings of `global_state()`, so that the next block is not affected."""
    for name, value in state.items():
        if name.startswith("NumPy"):
            sys.modules["numpy"].set_printoptions(**value)
        elif name == "keras.config.floatx()":
            sys.modules["keras"].config.set_floatx(value)
        elif name == "keras.config.dtype_policy()":
            sys.modules["keras"].config.set_dtype_policy(value)
        elif name == "keras.config.image_data_format()":
            sys.modules["keras"].config.set_image_data_format(value)
        elif name == "tf_keras.backend.floatx()":
            sys.modules["tf_keras"].backend.set_floatx(value)
        elif name == "tf_keras.backend.image_data_format()":
            sys.modules["tf_keras"].backend.set_image_data_format(value)
        elif name.startswith("tf.config"):
            sys.modules["tensorflow"].config.run_functions_eagerly(value)


def leaked(before: dict[str, object], filename: str) -> str | None:
    """What a block changed in the process and did not restore (then restored here)."""
    after = global_state()
    changed = [n for n in before if n in after and after[n] != before[n]]
    if not changed:
        return None
    restore(before)
    return "".join(
        f"{Path(filename).name} changed {name} and did not set it back "
        f"(it was {before[name]!r}, it ended {after[name]!r}): the next block would run "
        "under it. Set it back at the end of the snippet (e.g. in a try/finally).\n"
        for name in changed
    )


@contextlib.contextmanager
def watch_terminal_size(asked: list[bool]):
    """Notes whether the block asks for the terminal's size (the answers are unchanged)."""
    real_shutil, real_os = shutil.get_terminal_size, os.get_terminal_size

    def shutil_size(*args, **kwargs):
        asked.append(True)
        return real_shutil(*args, **kwargs)

    def os_size(*args, **kwargs):
        asked.append(True)
        return real_os(*args, **kwargs)

    shutil.get_terminal_size, os.get_terminal_size = shutil_size, os_size
    try:
        yield
    finally:
        shutil.get_terminal_size, os.get_terminal_size = real_shutil, real_os


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
    if "tf_keras" in sys.modules:  # legacy tf.keras, in the kept process of legacy runs
        tf_keras = sys.modules["tf_keras"]
        tf_keras.backend.clear_session()  # layer names restart at dense, dense_1, ...
        tf_keras.utils.set_random_seed(SEED)


@contextlib.contextmanager
def captured_stdout():
    """Send fd 1 and sys.stdout to one file; yield a function reading it."""
    sys.stdout.flush()
    with tempfile.TemporaryFile() as sink:
        saved_fd, saved_stdout = os.dup(1), sys.stdout
        os.dup2(sink.fileno(), 1)
        # Closed in the finally below, once the block has run.
        sys.stdout = open(os.dup(1), "w", encoding="utf-8", buffering=1)  # noqa: SIM115
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
            "fewer epochs) or raise [tool.verify] snippet_timeout in pyproject.toml"
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
def scratch_directory(columns: str | None = None):
    """A fresh working directory, and the terminal a reader has: a pipe (no COLUMNS or
    LINES), or a terminal `columns` wide."""
    here, saved_env = os.getcwd(), dict(os.environ)
    work = tempfile.mkdtemp(prefix="snippet-")
    os.chdir(work)
    os.environ.pop("LINES", None)
    os.environ.pop("COLUMNS", None)
    if columns is not None:
        os.environ["COLUMNS"] = columns
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


def run_block(
    code: str,
    filename: str,
    timeout: float,
    ran_lines: set[int] | None = None,
    produces: Sequence[str] = (),
    keep_into: str | Path | None = None,
    columns: str | None = None,
    record_calls: bool = True,
) -> Result:
    """Execute `code` as `__main__`, compiled with the snippet's file name.

    `ran_lines`: a set that receives the lines of the snippet that ran (measured by
    coverage.py while the block runs). `produces`: pictures the block must
    write into its working directory (checked, then copied into `keep_into` if given).
    `columns`: run as in a terminal this wide (default: as in a pipe). `record_calls`:
    record the public APIs it calls (verify/api_calls.py; off only to measure its cost).
    """
    import time

    namespace = {"__name__": "__main__", "__file__": filename, "__builtins__": __builtins__}
    compiled = compile(code, filename, "exec")
    measured = (
        coverage_check.lines_that_run(filename, ran_lines)
        if ran_lines is not None
        else contextlib.nullcontext()
    )
    error = None
    seen = reads.Seen()
    called: set[str] = set()
    asked: list[bool] = []
    still_running: list[str | None] = [None]
    saved_argv = sys.argv
    with (
        scratch_directory(columns),
        warnings.catch_warnings(),
        captured_stdout() as read_stdout,
    ):
        reset_seeds()
        before = global_state()
        sys.argv = [filename]
        start = time.perf_counter()
        try:
            with (
                # Outermost: its clean-up runs once the time limit is off.
                processes.left_running(Path(filename).name) as still_running,
                offline(),
                time_limit(timeout, Path(filename).name),
                watch_terminal_size(asked),
                measured,
                reads.recorded(reads.root_of(filename), filename) as seen,
                api_calls.recording(compiled, called) if record_calls else contextlib.nullcontext(),
            ):
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
        changed = leaked(before, filename)
        if error is None:
            error = still_running[0]
        if error is None:
            error = changed
        if error is None:
            error = seen.change_problem(reads.root_of(filename))
        if error is None and produces:
            error = pictures.collect(list(produces), keep_into)
        sys.stdout.flush()
        stdout = read_stdout()
    return Result(
        stdout,
        error,
        seconds,
        sorted(ran_lines or ()),
        bool(asked),
        sorted(seen.reads),
        sorted(called),
    )
