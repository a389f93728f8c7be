"""What a block read while it ran, recorded, so that its cached run is reused only while
those are unchanged (verify/block_cache.py).

A Python audit hook (PEP 578: installed once per process, never removed) notes, while a
block runs, every file under the project that it opens or imports (a data file beside
the snippet, a helper module) and every program it starts (Graphviz's `dot`, say). The
recording is a list of paths; `fingerprint` turns it into the hashes a cache entry keeps.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

_RECORDING: list[tuple[Path, set[str]]] = []  # (the project root, what was read) while a block runs
_SKIPPED_PARTS = {".cache", ".venv", ".venv-next", ".venv-backends", "__pycache__", ".git"}


def _hook(event: str, args: tuple) -> None:
    if not _RECORDING:
        return
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        _note(os.fsdecode(args[0]))
    elif event == "import" and len(args) > 1 and isinstance(args[1], str):
        _note(args[1])  # the module's file
    elif event == "subprocess.Popen" and len(args) > 1:
        program = args[0] or (args[1][0] if isinstance(args[1], (list, tuple)) else args[1])
        found = shutil.which(os.fsdecode(program)) if program else None
        if found:
            _RECORDING[-1][1].add(f"program:{found}")


def _note(name: str) -> None:
    root, found = _RECORDING[-1]
    try:
        path = Path(name).resolve()
    except (OSError, ValueError):
        return
    if root in path.parents and not _SKIPPED_PARTS & set(path.relative_to(root).parts):
        found.add(str(path))


_installed = False


@contextlib.contextmanager
def recorded(root: Path, snippet: str) -> Iterator[set[str]]:
    """Record what the block reads inside the `with` (the snippet file itself left out)."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    found: set[str] = set()
    _RECORDING.append((root.resolve(), found))
    try:
        yield found
    finally:
        _RECORDING.pop()
        found.discard(str(Path(snippet).resolve()))


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
