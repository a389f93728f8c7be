"""The pictures a page shows, for the site build (hooks/pictures.py).

The build reuses the pictures `make test` stored in the cache (verify/pictures.py) while
nothing that could change them has changed, and otherwise runs the block itself in a
process of its own, so each picture block runs once per `make test` + `make build`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from verify import cache
from verify.own_process import ProcessDied, run_in_own_process
from verify.pictures import KIND, cached, entry_name, store


class PictureFailure(Exception):
    """A block could not draw its pictures for the site; the message says where and why."""


def for_site(root: Path, snippet: Path, rel: Path, names: tuple[str, ...], where: str, timeout):
    """{name: bytes} of the pictures a block draws: the cached run's, or a new run's.

    Returns the pictures and whether the block ran now. Raises PictureFailure, naming the
    page's line and the snippet, when it fails.
    """
    # Under the entry's lock: two builds at once (the tests start more than one) draw once.
    with cache.Store(root, KIND).lock(entry_name(root, snippet)):
        found = cached(root, snippet, names)
        if found is not None:
            return found, False
        return draw(root, snippet, rel, names, where, timeout), True


def draw(root: Path, snippet: Path, rel: Path, names: tuple[str, ...], where: str, timeout):
    """Run the block in a process of its own; store and return its pictures."""
    making = ", ".join(names)
    with tempfile.TemporaryDirectory(prefix="pictures-") as keep:
        try:
            result = run_in_own_process(snippet, timeout, names, Path(keep))
        except ProcessDied as error:
            raise PictureFailure(f"{where}: {rel} (making {making} for the site) {error}") from None
        if result.error:
            raise PictureFailure(
                f"{where}: {rel} failed while making {making} for the site:\n\n"
                f"{result.error}\nRun it alone with: python {rel}"
            )
        store(root, snippet, names, Path(keep))
        return {name: (Path(keep) / name).read_bytes() for name in names}
