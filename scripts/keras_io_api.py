"""Refresh site_tools/data/keras_io_api.json: every Keras symbol keras.io documents, with the
URL of its page, from keras-io's API master file (scripts/api_master.py in the keras-io
repository, a nested dict of page paths and the symbols each page generates).

    python scripts/keras_io_api.py PATH/TO/keras-io/scripts/api_master.py COMMIT

keras.io's URLs follow its site's layout, not the symbols' names, so they are read from
the file that builds that layout, never guessed. The JSON keeps where it came from (the
repository, the commit) and when.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "site_tools" / "data" / "keras_io_api.json"
BASE = "https://keras.io/"


def symbols(master: dict, prefix: str = "") -> dict[str, str]:
    """{symbol: the URL of its page} from the API master's tree (the first page wins)."""
    found: dict[str, str] = {}
    path = prefix + master.get("path", "")
    for name in master.get("generate", ()):
        found.setdefault(name, BASE + path.rstrip("/") + "/")
    for child in master.get("children", ()):
        for name, url in symbols(child, path if path.endswith("/") else path + "/").items():
            found.setdefault(name, url)
    return found


def read_master(path: Path) -> dict:
    """The API_MASTER literal of the file, read without running it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "API_MASTER" for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise SystemExit(f"{path}: no API_MASTER = {{...}} in it")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("master", type=Path, help="keras-io's scripts/api_master.py")
    parser.add_argument("commit", help="the keras-io commit the file comes from")
    args = parser.parse_args(argv)
    data = {
        "origin": f"github.com/keras-team/keras-io, scripts/api_master.py at {args.commit}",
        "date": datetime.date.today().isoformat(),
        "symbols": dict(sorted(symbols(read_master(args.master)).items())),
    }
    DATA.parent.mkdir(parents=True, exist_ok=True)
    DATA.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"{DATA}: {len(data['symbols'])} symbols")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
