"""No process a block starts may outlive it: found, stopped and reported.

A block that starts a process and does not wait for it (a `Popen` never waited for, a
command sent to the background, a daemon that detaches with a double fork or `nohup`)
could change files after its run was checked, or after the test session ended. While a
block runs, its environment holds a mark of its own ($VERIFY_BLOCK_RUN, a random token
added to any mark already there); every process it starts inherits it, and keeps it
wherever it moves in the process tree. An environment the block hands a new process
itself (`Popen(env={...})`) gets the mark too (an audit hook adds it); a process started
with an environment of its own by os.posix_spawn or os.execve, or by a shell command that
empties it (`env -i`), is not found. After the block, every process that carries the
mark and is still alive is stopped (SIGKILL) and named in the block's failure:

    with left_running(name) as found:     # around one block, in verify/run.py
        exec(...)
    found[0]     # None, or "x.py left a process running after it ended: ..."

A block run in a process of its own gets that process's mark from outside too
(verify/own_process.py: a one-off process, or a kept one), so what a crashed or hung
process left is found and stopped, and the site build's parallel picture runs do not see
each other's processes. A process another thread of the test's process starts while an
in-process block runs carries that block's mark (tests/harness.py builds the site without
one). A notebook's kernel does the same around each cell (verify/notebook_kernel.py).
Linux only, as the project (its /proc).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

VARIABLE = "VERIFY_BLOCK_RUN"


def new_mark(environ: dict[str, str] | os._Environ = os.environ) -> tuple[str, str]:
    """A fresh mark, and the value of $VERIFY_BLOCK_RUN that adds it to `environ`'s."""
    mark = secrets.token_hex(8)
    return mark, f"{environ.get(VARIABLE, '')} {mark}".strip()


def marked(mark: str) -> dict[int, str]:
    """Every live process whose environment carries `mark`: pid -> its command line."""
    needle = f"{VARIABLE}=".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # ended meanwhile, or not ours to read
            continue
        for variable in environ.split(b"\0"):
            if variable.startswith(needle) and mark.encode() in variable.split(b"=", 1)[1]:
                found[int(entry.name)] = command_line(int(entry.name))
                break
    return found


def command_line(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "?"
    return " ".join(part.decode("utf-8", "replace") for part in raw.split(b"\0") if part)


def stop_marked(mark: str, seconds: float = 3.0) -> dict[int, str]:
    """Kill every process that carries `mark`, until two scans in a row find none (a
    process may be starting another while it is killed), and reap those that were this
    process's children. Returns those it stopped: pid -> command line."""
    stopped: dict[int, str] = {}
    deadline, quiet = time.monotonic() + seconds, 0
    while quiet < 2 and time.monotonic() < deadline:
        alive = marked(mark)
        for pid, command in alive.items():
            stopped.setdefault(pid, command)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        quiet = 0 if alive else quiet + 1
        if alive:
            time.sleep(0.005)  # let the killed end, and hand over what they started
    for pid in stopped:
        with contextlib.suppress(ChildProcessError):  # not this process's child
            os.waitpid(pid, 0)  # killed: it ends at once
    return stopped


def is_running(pid: int) -> bool:
    """The process exists and has not ended (a zombie has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def problem(name: str, stopped: dict[int, str]) -> str | None:
    """The failure to report for the processes `name` left running, or None."""
    if not stopped:
        return None
    listed = "; ".join(f"pid {pid}: {cmd}" for pid, cmd in sorted(stopped.items()))
    return (
        f"{name} left a process running after it ended ({listed}; stopped now). "
        "A block must wait for every process it starts (subprocess.run, or "
        "Popen(...).wait()), and start none in the background; a library's worker pool "
        "counts too (n_jobs=1, no spawn or forkserver multiprocessing): a process that "
        "outlives the block could change files after the block was checked.\n"
    )


# The marks of the blocks running in this process (the innermost last), and the audit hook
# (PEP 578) that adds the current one to an environment a block hands subprocess.Popen
# itself (env={...}; its audit event comes before the environment is read, unlike
# os.posix_spawn's and os.execve's): installed once, never removed.
_RUNNING: list[str] = []
_hooked = False


def _mark_given_environment(event: str, args: tuple) -> None:
    if event != "subprocess.Popen" or not _RUNNING or not isinstance(args[3], dict):
        return
    env, mark = args[3], _RUNNING[-1]
    if mark not in env.get(VARIABLE, "").split():
        env[VARIABLE] = f"{env.get(VARIABLE, '')} {mark}".strip()


@contextlib.contextmanager
def left_running(name: str) -> Iterator[list[str | None]]:
    """Around a block run in this process: yields a one-item list that holds, once the
    block has ended, the problem to report (or None)."""
    global _hooked
    if not _hooked:
        sys.addaudithook(_mark_given_environment)
        _hooked = True
    found: list[str | None] = [None]
    mark, value = new_mark()
    saved = os.environ.get(VARIABLE)
    os.environ[VARIABLE] = value
    _RUNNING.append(mark)
    try:
        yield found
    finally:
        _RUNNING.remove(mark)
        if saved is None:
            os.environ.pop(VARIABLE, None)
        else:
            os.environ[VARIABLE] = saved
        found[0] = problem(name, stop_marked(mark))
