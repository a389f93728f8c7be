"""What a block read while it ran, recorded, so that its cached run is reused only while
those are unchanged (verify/block_cache.py).

A Python audit hook (PEP 578: installed once per process, never removed) notes, while a
block runs, every file under the project that it opens or imports (a data file beside
the snippet, a helper module) and every program it starts (Graphviz's `dot`, say). The
recording is a list of paths; `fingerprint` turns it into the hashes a cache entry keeps.

The same hook notes what the block changes in the project (a file opened for writing, removed,
renamed or made, outside its working directory): a block writes only where it runs, and
one that changes the repository (another block's `.out`, a page, `site/`) fails, naming the
file (verify/run.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# While a block runs: (the project root, what it read, what it changed in the project).
_RECORDING: list[tuple[Path, set[str], set[str]]] = []
# Audit events that change a file (their first argument is the path; os.rename's both are).
_CHANGES = {
    "os.remove",
    "os.rmdir",
    "os.mkdir",
    "os.truncate",
    "shutil.rmtree",
    "os.symlink",
    "os.link",
    "os.chmod",
    "os.utime",
}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_SKIPPED_PARTS = {".cache", ".venv", ".venv-next", ".venv-backends", "__pycache__", ".git"}


def _hook(event: str, args: tuple) -> None:
    if not _RECORDING:
        return
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        mode, flags = (args[1] if len(args) > 1 else None), (args[2] if len(args) > 2 else 0)
        writes = any(c in mode for c in "wax+") if isinstance(mode, str) else False
        if writes or (isinstance(flags, int) and flags & _WRITE_FLAGS):
            _note_change(os.fsdecode(args[0]))
        else:
            _note(os.fsdecode(args[0]))
    elif event in _CHANGES and args and isinstance(args[0], (str, bytes, os.PathLike)):
        _note_change(os.fsdecode(args[0]))
    elif event in ("os.rename", "shutil.move") and len(args) > 1:
        for name in args[:2]:
            if isinstance(name, (str, bytes, os.PathLike)):
                _note_change(os.fsdecode(name))
    elif event == "import" and len(args) > 1 and isinstance(args[1], str):
        _note(args[1])  # the module's file
    elif event == "subprocess.Popen" and len(args) > 1:
        program = args[0] or (args[1][0] if isinstance(args[1], (list, tuple)) else args[1])
        found = shutil.which(os.fsdecode(program)) if program else None
        if found:
            _RECORDING[-1][1].add(f"program:{found}")


def _in_project(name: str) -> Path | None:
    """The resolved path when it is in the project (and not in a venv, .cache, .git...)."""
    root = _RECORDING[-1][0]
    try:
        path = Path(name).resolve()
    except (OSError, ValueError):
        return None
    if root in path.parents and not _SKIPPED_PARTS & set(path.relative_to(root).parts):
        return path
    return None


def _note(name: str) -> None:
    if path := _in_project(name):
        _RECORDING[-1][1].add(str(path))


def _note_change(name: str) -> None:
    # The working directory is a fresh temporary folder, outside the project: its files are
    # the block's own.
    if path := _in_project(name):
        _RECORDING[-1][2].add(str(path))


_installed = False


@dataclass
class Seen:
    reads: set[str] = field(default_factory=set)  # project files read, programs started
    changes: set[str] = field(default_factory=set)  # project files written, removed, made

    def change_problem(self, root: Path) -> str | None:
        """What to tell the contributor when the block changed the project, else None."""
        if not self.changes:
            return None
        names = ", ".join(Path(name).relative_to(root).as_posix() for name in sorted(self.changes))
        return (
            f"the block changed files of the repository: {names}. A snippet writes only "
            "into its working directory (relative paths); it is a fresh temporary folder."
        )


@contextlib.contextmanager
def recorded(root: Path, snippet: str) -> Iterator[Seen]:
    """Record what the block reads (the snippet file itself left out) and what it changes in
    the project inside the `with`."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    seen = Seen()
    _RECORDING.append((root.resolve(), seen.reads, seen.changes))
    try:
        yield seen
    finally:
        _RECORDING.pop()
        seen.reads.discard(str(Path(snippet).resolve()))


def root_of(snippet: str) -> Path:
    """The project a snippet belongs to: the folder holding its snippets/ folder."""
    path = Path(snippet).resolve()
    folder = next((p for p in path.parents if p.name == "snippets"), path.parent)
    return folder.parent


def fingerprint(reads: list[str]) -> dict[str, str]:
    """{path or program: the hash of its bytes now} ('-' for one that is gone)."""
    found = {}
    for name in sorted(reads):
        path = Path(name.removeprefix("program:"))
        try:
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        except OSError:
            found[name] = "-"
    return found
