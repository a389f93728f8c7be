"""What one test session learns while its blocks run, for the checks made at its end.

Per process (each pytest-xdist worker has its own), then merged in the controller: the
lines of each snippet that ran, the blocks skipped, the pages collected and those with a
block to run. A worker sends `to_json()`; the controller `merge`s it.
"""

from __future__ import annotations

from pathlib import Path


class Session:
    def __init__(self) -> None:
        self.ran: dict[Path, set[int]] = {}
        self.skipped: list[str] = []
        self.collected_pages: set[Path] = set()
        self.block_pages: set[Path] = set()
        self.coverage_check_collected = False

    def ran_lines(self, snippet: Path) -> set[int]:
        return self.ran.setdefault(snippet.resolve(), set())

    def to_json(self) -> dict:
        return {
            "ran": {str(path): sorted(lines) for path, lines in self.ran.items()},
            "skipped": self.skipped,
            "collected_pages": sorted(map(str, self.collected_pages)),
            "block_pages": sorted(map(str, self.block_pages)),
            "coverage_check_collected": self.coverage_check_collected,
        }

    def merge(self, data: dict) -> None:
        for path, lines in data["ran"].items():
            self.ran_lines(Path(path)).update(lines)
        self.skipped += [line for line in data["skipped"] if line not in self.skipped]
        self.collected_pages |= set(map(Path, data["collected_pages"]))
        self.block_pages |= set(map(Path, data["block_pages"]))
        self.coverage_check_collected |= data["coverage_check_collected"]
