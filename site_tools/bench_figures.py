"""`make bench`'s targets, defined once, and the figures derived from what it measured
(site_tools/bench.py measures; site_tools/bench_report.py renders the table)."""

from __future__ import annotations

import statistics
from pathlib import Path

RECIPE_PAGE = "shapes.md"  # the recipe page whose first view is measured

# Targets
MIN_SPEEDUP = 4.0
MAX_FLOOR_RATIO = 1.2
MAX_WARM_RATIO = 0.15  # a re-run with nothing changed, against the cold run
MAX_SUITE_SECONDS = 270  # the whole suite in parallel, every block run (issue: make test time)
# How `make test` runs pytest in parallel (the Makefile's `test` target; tests/test_bench.py):
# one worker per core, and a worker that runs out of tests takes some of the other's.
PARALLEL = ("-n", "auto", "--dist", "worksteal")
MAX_COVERAGE_COST = 1.05  # the blocks with the coverage check against without
MAX_RECORDER_COST = 1.05  # the blocks with the API recorder against without
MAX_FIRST_VIEW_BYTES = 500 * 1000
MAX_SEARCH_MS = 150.0


def run_key(block: dict) -> tuple[str, bool]:
    """A run of a block: its snippet, and whether it is the legacy run."""
    return block["snippet"], block.get("legacy", False)


def derive_full(
    blocks, imports, plugin, bare_seconds, naive, measured_seconds, legacy_import=0.0,
    legacy_seconds=(),
) -> dict:  # fmt: skip
    """The full run's figures: the floor, the speed-up inputs and where the time went.

    `blocks` in pytest's order (each {snippet, subprocess, legacy}: the legacy runs of
    then_vs_now blocks too); `imports` the TensorFlow import times; `plugin` the plugin's
    run (wall, tests with time and own seconds, the slowest setup); `bare_seconds` each
    in-process block's bare time, in order; `naive` each run's whole `python snippet.py`
    time, in order; `measured_seconds` each in-process block's time with the coverage
    check, in order (beside its bare time); `legacy_import` the tf_keras import of the
    in-process legacy runs, and `legacy_seconds` their bare times, in order.
    """
    import_median = statistics.median(imports)
    subprocess_blocks = [b for b in blocks if b["subprocess"]]
    in_process = [b for b in blocks if not b["subprocess"] and not b.get("legacy")]
    legacy_runs = [b for b in blocks if not b["subprocess"] and b.get("legacy")]
    naive_by_run = {run_key(b): t for b, t in zip(blocks, naive, strict=True)}
    bare_by_run = {run_key(b): t for b, t in zip(in_process, bare_seconds, strict=True)}
    bare_by_run |= {run_key(b): t for b, t in zip(legacy_runs, legacy_seconds, strict=True)}
    subprocess_naive = sum(naive_by_run[run_key(b)] for b in subprocess_blocks)
    # The legacy runs: one tf_keras import (their kept process) and each one's own time.
    legacy_import = legacy_import if legacy_runs else 0.0
    legacy_floor = legacy_import + sum(legacy_seconds)
    # A block that must have a process of its own costs at least its whole naive process.
    floor = import_median + sum(bare_seconds) + legacy_floor + subprocess_naive

    tests = plugin["tests"]
    block_tests = [t for t in tests if t["seconds"] is not None]
    sub_names = {b["snippet"] for b in subprocess_blocks}
    in_tests = [t for t in block_tests if t["name"].split("::")[-1].split("[")[0] not in sub_names]
    sub_tests = [t for t in block_tests if t not in in_tests]
    recorded = sum(t["seconds"] for t in in_tests)
    in_time = sum(t["time"] for t in in_tests)
    return {
        "blocks": len([b for b in blocks if not b.get("legacy")]),
        "legacy_runs": len([b for b in blocks if b.get("legacy")]),
        "legacy_import": legacy_import,
        "legacy_bare": sum(legacy_seconds),
        "failed": plugin["failed"],
        "plugin": plugin["wall"],
        "naive": sum(naive),
        "import": import_median,
        "imports": imports,
        "bare": sum(bare_seconds),
        "measured": sum(measured_seconds),
        "coverage_cost": sum(measured_seconds) / sum(bare_seconds) if bare_seconds else 1.0,
        "subprocess_blocks": len(subprocess_blocks),  # runs: a legacy run of one too
        "subprocess_naive": subprocess_naive,
        "floor": floor,
        "breakdown": {
            "outside_tests": plugin["wall"] - sum(t["time"] for t in tests),
            "import_setup": plugin["slowest_setup"],
            "recorded": recorded,
            "coverage": recorded - sum(bare_seconds) - sum(legacy_seconds),
            "legacy_import": legacy_import,
            "around": in_time - recorded - plugin["slowest_setup"] - legacy_import,
            "subprocess": sum(t["time"] for t in sub_tests),
            "coverage_check": sum(t["time"] for t in tests if t["name"].endswith("fully covered")),
        },
        "plugin_tests": tests,
        "per_block": [
            {
                "snippet": b["snippet"],
                "legacy": b.get("legacy", False),
                "naive": naive_by_run[run_key(b)],
                "bare": bare_by_run.get(run_key(b)),
                "subprocess": b["subprocess"],
            }
            for b in blocks
        ],
    }


def derive_page(blocks, page_source: str, page_run: dict, full: dict) -> dict:
    """One page's loop against that page's floor (one import + its blocks' own times)."""
    per_block = {run_key(b): b for b in full["per_block"]}
    page_blocks = [b for b in blocks if Path(b["page"]).name == page_source]
    floor = full["import"] + sum(
        per_block[run_key(b)]["naive" if b["subprocess"] else "bare"] for b in page_blocks
    )
    if any(b.get("legacy") and not b["subprocess"] for b in page_blocks):
        floor += full["legacy_import"]  # the kept process of the page's legacy runs
    return {
        "page": page_source,
        "blocks": len([b for b in page_blocks if not b.get("legacy")]),
        "failed": page_run["failed"],
        "plugin": page_run["wall"],
        "floor": floor,
    }


# --- the report --------------------------------------------------------------------
