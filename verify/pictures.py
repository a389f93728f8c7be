"""Pictures drawn by a page's code: checked when the block runs, published by the build.

A block marked <!--pytest.mark.produces("model.svg")--> must write that file, a valid
PNG or SVG, into its working directory (`collect`, called by verify/run.py before the
directory is removed). The pictures are never committed: the site shows the ones the
code drew. `make test` stores each block's passing pictures in the cache
(verify/cache.py); the build (site_tools/pictures.py, behind hooks/pictures.py) reuses
them while nothing that could change them has changed.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

from verify import cache

KIND = "pictures"


def problem(path: Path) -> str | None:
    """What is wrong with a picture a block wrote (PNG or SVG), or None."""
    data = path.read_bytes()
    if path.suffix == ".png":
        return None if data.startswith(b"\x89PNG\r\n\x1a\n") else "not a PNG file"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return f"not an SVG file ({error})"
    return None if root.tag == "{http://www.w3.org/2000/svg}svg" else "not an SVG file"


def collect(names: list[str], keep_into: str | Path | None) -> str | None:
    """Check the declared pictures in the working directory; copy them into `keep_into`.

    Returns what is wrong (the block then fails with it), or None.
    """
    for name in names:
        path = Path(name)
        if not path.is_file():
            return f"the block is marked produces({name!r}) but wrote no {name}\n"
        what = problem(path)
        if what:
            return f"{name}, written by the block, is {what}\n"
        if keep_into is not None:
            shutil.copyfile(path, Path(keep_into) / name)
    return None


def cache_key(root: Path, snippet: Path, names: tuple[str, ...]) -> str:
    """Everything that can change the pictures: the snippet's bytes and the names
    (plus the requirements, Python, platform and engine code that every key holds)."""
    return cache.key(root, snippet.read_bytes(), "\0".join(names))


def entry_name(root: Path, snippet: Path) -> str:
    return snippet.resolve().relative_to(root).with_suffix("").as_posix()


def store(root: Path, snippet: Path, names: tuple[str, ...], folder: Path) -> None:
    """Keep the pictures a passing run left in `folder`."""
    files = {name: (folder / name).read_bytes() for name in names}
    cache.Store(root, KIND).put(entry_name(root, snippet), cache_key(root, snippet, names), files)


def cached(root: Path, snippet: Path, names: tuple[str, ...]) -> dict[str, bytes] | None:
    found = cache.Store(root, KIND).get(entry_name(root, snippet), cache_key(root, snippet, names))
    if found is None or not all((found / name).is_file() for name in names):
        return None
    return {name: (found / name).read_bytes() for name in names}
