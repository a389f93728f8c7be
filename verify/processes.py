"""No process a block starts may outlive it: found, stopped and reported.

A block that starts a process and does not wait for it (a `Popen` never waited for, a
command sent to the background, a daemon that detaches with a double fork) could change
files after its run was checked, or after the test session ended. While a block runs, this
process is made a "child subreaper" (Linux's prctl PR_SET_CHILD_SUBREAPER): a process the
block starts stays among this process's descendants even when its parent exits, instead
of being handed to init. After the block, every descendant that was not there before it
ran and is still alive is stopped (SIGKILL) and named in the block's failure:

    with left_running(name) as problem:   # around one block, in verify/run.py
        exec(...)
    problem[0]   # None, or "x.py left a process running after it ended: ..."

Dead children it left (zombies) are reaped. Linux only, as the project (its /proc).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36
PR_GET_CHILD_SUBREAPER = 37


def _prctl(option: int, value) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(option, value, 0, 0, 0) != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"prctl({option}): {os.strerror(error)}")


def _subreaper() -> bool:
    value = ctypes.c_int(0)
    _prctl(PR_GET_CHILD_SUBREAPER, ctypes.byref(value))
    return bool(value.value)


def _table() -> dict[int, tuple[int, str]]:
    """Every process of the machine: pid -> (its parent's pid, its state letter)."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        table[int(entry.name)] = (int(ppid), state)
    return table


def descendants(pid: int | None = None) -> dict[int, str]:
    """The processes under `pid` (this one by default), children's children included:
    pid -> state ("Z" for a dead one not yet reaped)."""
    table = _table()
    found, todo = {}, [pid or os.getpid()]
    while todo:
        parent = todo.pop()
        for child, (ppid, state) in table.items():
            if ppid == parent and child not in found:
                found[child] = state
                todo.append(child)
    return found


def command_line(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "?"
    return " ".join(part.decode("utf-8", "replace") for part in raw.split(b"\0") if part)


def _stop_all_but(before: set[int], stopped: dict[int, str], seconds: float = 3.0) -> None:
    """Kill every descendant not in `before` (noted in `stopped`: pid -> command line) and
    reap the dead, until two scans in a row find none: a process may be starting another
    while it is killed, and what its parent leaves comes to this process (the subreaper)."""
    deadline, quiet = time.monotonic() + seconds, 0
    while quiet < 2 and time.monotonic() < deadline:
        new = {pid: state for pid, state in descendants().items() if pid not in before}
        alive = [pid for pid, state in new.items() if state != "Z"]
        for pid in alive:
            stopped.setdefault(pid, command_line(pid))
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        for pid in new:
            with contextlib.suppress(ChildProcessError):  # not this process's child
                os.waitpid(pid, os.WNOHANG)
        quiet = 0 if alive else quiet + 1
        if alive:
            time.sleep(0.005)  # let the killed end, and hand over what they started


@contextlib.contextmanager
def left_running(name: str) -> Iterator[list[str | None]]:
    """Around a block: yields a one-item list that holds, once the block has ended, the
    problem to report (or None): the processes it started that were still running."""
    problem: list[str | None] = [None]
    before = set(descendants())
    was_subreaper = _subreaper()
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    try:
        yield problem
    finally:
        running: dict[int, str] = {}
        try:
            _stop_all_but(before, running)
        finally:
            _prctl(PR_SET_CHILD_SUBREAPER, int(was_subreaper))
        if running:
            listed = "; ".join(f"pid {pid}: {cmd}" for pid, cmd in sorted(running.items()))
            problem[0] = (
                f"{name} left a process running after it ended ({listed}; stopped now). "
                "A block must wait for every process it starts (subprocess.run, or "
                "Popen(...).wait()), and start none in the background: a process that "
                "outlives the block could change files after the block was checked.\n"
            )
