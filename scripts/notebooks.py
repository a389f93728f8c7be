"""The recipe notebooks (notebooks/<page>.ipynb), one per recipe page: an adapter over
site_tools/recipe_notebooks.py (what they hold) and verify/notebooks.py (running them).

    python scripts/notebooks.py write    make notebooks: regenerate them from the pages
    python scripts/notebooks.py check    which ones differ from their pages (make test checks it)
    python scripts/notebooks.py run      make test-notebooks: run each, top to bottom, in one
                                         kernel of this Python, in a temporary directory
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from site_tools import recipe_notebooks
from verify import notebooks
from verify.project import load_project

ROOT = Path(__file__).resolve().parent.parent


def write(project) -> int:
    written, removed = recipe_notebooks.write(project)
    for path in written:
        print(f"wrote   {project.rel(path)}")
    for path in removed:
        print(f"removed {project.rel(path)} (no recipe page makes it)")
    total = len(recipe_notebooks.recipe_pages(project))
    print(f"{total} recipe notebooks under {recipe_notebooks.FOLDER}/, {len(written)} changed")
    return 0


def check(project) -> int:
    found = recipe_notebooks.problems(project)
    print("\n".join(found) or "every recipe notebook is up to date")
    return 1 if found else 0


def run(project, names: list[str]) -> int:
    pages = recipe_notebooks.recipe_pages(project)
    paths = [recipe_notebooks.notebook_path(project, source) for source in pages]
    if names:
        paths = [p for p in paths if p.stem in names or project.rel(p).as_posix() in names]
    failures, rows = [], []
    for path in paths:
        rel = project.rel(path).as_posix()
        again = f"make test-notebooks NOTEBOOK={path.stem}"
        start = time.monotonic()
        try:
            notebooks.execute(path, again=again)
            status = "passed"
        except notebooks.CellFailure as error:
            failures.append(str(error))
            status = "FAILED"
        rows.append((rel, time.monotonic() - start, status))
        print(f"{rel:<40} {rows[-1][1]:6.1f} s  {status}", flush=True)
    print(
        f"{len(rows) - len(failures)} of {len(rows)} notebooks ran top to bottom, "
        f"{sum(seconds for _, seconds, _ in rows):.0f} s in all"
    )
    for failure in failures:
        print(f"\n{failure}", file=sys.stderr)
    return 1 if failures or not rows else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["write", "check", "run"])
    parser.add_argument("names", nargs="*", help="run: only these notebooks (e.g. shapes)")
    args = parser.parse_args(argv)
    project = load_project(ROOT / "mkdocs.yml")
    if args.command == "write":
        return write(project)
    if args.command == "check":
        return check(project)
    return run(project, args.names)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
