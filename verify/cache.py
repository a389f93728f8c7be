"""Results that passed, kept under .cache/ and reused only while nothing they depend on changed.

One mechanism for everything the engine runs more than once: the passing runs of code
blocks (reused by the next `make test`), the notebooks' executed copies and the pictures
that blocks draw (reused by the build). An entry's key is a hash of every input that can
change it: the caller's own inputs (a snippet's bytes, its expected outputs, marks and
environment; a notebook's bytes; the pictures' names), plus what every entry depends on:
requirements.txt, the Python version, the platform and the engine's own code (every
file of this package, verify/; not the site's tools in site_tools/). Only a passing run
is stored; a failure never is.

    .cache/<kind>/<name>/<key>/...   one folder per entry; a newer entry replaces the older
    .cache/<kind>/<name>/.lock         held while a process makes or reuses an entry of name

The location is `<project>/.cache`, or $VERIFY_CACHE_DIR (`make bench` points it at an
empty folder to measure a build that runs everything). Delete the folder to start afresh.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import platform
import re
import shutil
import sys
import tempfile
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@cache
def engine_digest(package: Path = PACKAGE) -> str:
    """A hash of the engine's own code (this package, verify/, and nothing else: the site's
    tools in site_tools/ cannot change what a block prints): a change to how blocks run
    invalidates every entry."""
    digest = hashlib.sha256()
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@cache
def installed_packages(requirements: Path) -> str:
    """The installed version of every package requirements.txt pins and of everything
    they require, installed: one upgraded by hand, or a dependency left unpinned, changes
    every key. (A backend's own packages, in .venv-backends, are not in it: the keys of
    its runs are the same there and in the build.)"""
    from importlib import metadata

    def name_of(text: str) -> str | None:
        match = REQUIREMENT.match(text)
        return match.group(1).lower().replace("_", "-") if match else None

    lines = requirements.read_text(encoding="utf-8").splitlines() if requirements.is_file() else []
    todo = [
        name
        for line in lines
        if not line.lstrip().startswith(("#", "-")) and (name := name_of(line))
    ]
    found: dict[str, str] = {}
    while todo:
        name = todo.pop()
        if name in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
            continue
        found[name] = dist.version
        todo += [
            required
            for text in dist.requires or ()
            if "extra ==" not in text and (required := name_of(text))
        ]
    return "\n".join(f"{name}=={version}" for name, version in sorted(found.items()))


def key(root: Path, *inputs: bytes | str) -> str:
    """The key of an entry made from `inputs`, in the project at `root`."""
    digest = hashlib.sha256()
    requirements = root / "requirements.txt"
    shared = [
        requirements.read_bytes() if requirements.is_file() else b"",
        installed_packages(requirements),
        sys.version,
        platform.platform(),
        engine_digest(),
    ]
    for part in [*shared, *inputs]:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:24]


def cache_dir(root: Path) -> Path:
    return Path(os.environ.get("VERIFY_CACHE_DIR") or root / ".cache")


class Store:
    """The entries of one kind (`notebooks`, `pictures`) in the project at `root`."""

    def __init__(self, root: Path, kind: str):
        self.root = root
        self.folder = cache_dir(root) / kind

    def entry(self, name: str, entry_key: str) -> Path:
        return self.folder / name / entry_key

    def get(self, name: str, entry_key: str) -> Path | None:
        """The folder of the entry, if one was stored under this key."""
        folder = self.entry(name, entry_key)
        return folder if folder.is_dir() else None

    @contextlib.contextmanager
    def lock(self, name: str):
        """Hold `name` alone (an exclusive lock, released when the process ends however it
        ends): one process checks for an entry and makes it while another that wants the
        same one waits, then finds it made instead of making it again."""
        folder = self.folder / name
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    def put(self, name: str, entry_key: str, files: dict[str, bytes]) -> Path:
        """Store `files` as the entry; older entries of `name` are removed.

        Safe with other processes (xdist workers, a build beside the tests): the entry is
        written aside and renamed into place whole, so a reader sees all of it or none; two
        writers of the same entry both write it whole, and the last rename wins.
        """
        target = self.entry(name, entry_key)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix=".partial-", dir=target.parent))
        for file_name, content in files.items():
            (partial / file_name).write_bytes(content)
        try:
            partial.rename(target)  # whole or not at all
        except OSError:  # an entry is already there (another writer): replace it
            old = Path(tempfile.mkdtemp(prefix=".old-", dir=target.parent))
            with contextlib.suppress(OSError):  # another writer may have moved it first
                target.rename(old / "entry")
            try:
                partial.rename(target)
            except OSError:  # another writer put its whole entry first: keep that one
                shutil.rmtree(partial, ignore_errors=True)
            shutil.rmtree(old, ignore_errors=True)
        for stale in target.parent.iterdir():
            if stale.name != entry_key and not stale.name.startswith("."):  # .lock, .partial-
                shutil.rmtree(stale, ignore_errors=True)
        return target
