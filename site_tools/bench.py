"""`make bench`: what verification and the built site cost, measured side by side.

    python scripts/bench.py [--page docs/rnns.md] [--no-write]     (scripts/bench.py: an adapter)

Measures, in one run on this machine:

1. Every code block of every page (not the notebooks), three ways:
   - the plugin:  python -m pytest docs mkdocs.yml   (one process, TensorFlow imported once,
     coverage.py measuring the snippets' lines; the blocks' own seconds come from its junit
     XML, `seconds` property)
   - the naive baseline: `python snippets/<page>/<recipe>.py`, one process per block
   - the floor: one TensorFlow import (`python -c "import keras"`, median of 3) plus every
     block's own run time, measured bare (verify/run.py without coverage, all in one
     process). A block marked `pytest.mark.subprocess` must have a Python of its own: its
     floor is its whole naive process (its own import included). The legacy runs of
     then_vs_now blocks count too (the plugin runs them): one tf_keras import and each
     one's own time, bare, in a process under TF_USE_LEGACY_KERAS=1 (or, for a block of
     its own process, its whole naive process under it); the naive baseline runs them as
     `TF_USE_LEGACY_KERAS=1 python snippets/...py`.
   - the cost of the coverage check: the same blocks in a second process with coverage.py
     measuring their lines (verify/coverage_check.py); the ratio of the sums is checked.
   - in parallel (PARALLEL, as `make test`), every block run (`--fresh`), then again with
     nothing changed (the passing runs reused from .cache/blocks/): the warm re-run against
     the cold one.
   - the whole suite as `make test` runs it: serial and in parallel, every block and
     notebook run (`--fresh`, in this tree, not a clone: the build reuses the pictures and
     notebook runs its cache holds), then in parallel again with nothing changed
     (`--no-whole-suite` skips it: it is the longest part).
2. One page (the contributor's loop, `make check PAGE=...`) against that page's floor.
3. The notebook pages' verification, and `mkdocs build` with the notebooks executed
   (no saved run) and with their saved runs (no execution).
4. In Chromium, on the built site served from 127.0.0.1: the bytes of the first view of the
   home page, of a recipe page and of each notebook page (cold cache), the search index, and
   the time from the last keystroke of each search query the pages declare
   (site_tools/search_queries.py) to its results on screen.
5. Lighthouse (site_tools/lighthouse.py) on the same pages, every category, at its mobile and
   desktop settings.

Targets (the script exits 1 when one is missed; absolute times are only reported):
the plugin >= 4x faster than the naive baseline and <= 1.2x the floor; the blocks with the
coverage check <= 1.05x without it; the warm re-run <= 15 % of the cold one; the whole suite
in parallel <= 270 s; each first view
< 500 KB, all of it from 127.0.0.1; median search time < 150 ms; Lighthouse performance
>= 90 on mobile and >= 98 on desktop, accessibility, best practices and SEO 100, on every
measured page (a miss names the page, the category and the audits that cost points).

The report (Markdown) is printed and written into docs/about.md between the
`<!-- bench:start -->` and `<!-- bench:end -->` markers (unless --no-write); the raw numbers
go to test-artifacts/bench.json.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from site_tools import browser, lighthouse
from site_tools.search_queries import searches as declared_searches
from verify import environment
from verify.pages import page_blocks
from verify.project import load_project
from verify.variants import LEGACY

ROOT = Path(__file__).resolve().parent.parent

PYTHON = sys.executable
ABOUT = ROOT / "docs" / "about.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
ARTIFACTS = ROOT / "test-artifacts"
RECIPE_PAGE = "shapes.md"
TIMEOUT = 600  # seconds for one naive snippet process

# Targets
MIN_SPEEDUP = 4.0
MAX_FLOOR_RATIO = 1.2
MAX_WARM_RATIO = 0.15  # a re-run with nothing changed, against the cold run
MAX_SUITE_SECONDS = 270  # the whole suite in parallel, every block run (issue: make test time)
# How `make test` runs pytest in parallel (the Makefile's `test` target; tests/test_bench.py):
# one worker per core, and a worker that runs out of tests takes some of the other's.
PARALLEL = ("-n", "auto", "--dist", "worksteal")
MAX_COVERAGE_COST = 1.05  # the blocks with the coverage check against without
MAX_FIRST_VIEW_BYTES = 500 * 1000
MAX_SEARCH_MS = 150.0

ENV = environment.quiet({**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def log(message: str):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def timed(command: list[str], **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    kwargs.setdefault("env", ENV)
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    return time.perf_counter() - start, done


# --- the blocks --------------------------------------------------------------------


def all_blocks() -> list[dict]:
    """Every run of a runnable Python block of every page, in the order pytest runs them: a
    then_vs_now block's legacy run (`legacy`: under LEGACY.env) right after its own."""
    project = load_project(ROOT / "mkdocs.yml")
    blocks = []
    for page in project.pages():
        for block in page_blocks(project, page):
            if not block.runs:
                continue
            run = {
                "page": str(block.page),
                "snippet": str(block.snippet),
                "subprocess": block.own_process,
                "produces": list(block.pictures),
                "legacy": False,
            }
            blocks.append(run)
            if block.then_vs_now:
                blocks.append({**run, "produces": [], "legacy": True})
    return blocks


def run_key(block: dict) -> tuple[str, bool]:
    return block["snippet"], block.get("legacy", False)


def tensorflow_import_seconds(repeat: int = 3) -> list[float]:
    times = []
    for _ in range(repeat):
        seconds, done = timed([PYTHON, "-c", "import keras"])
        if done.returncode:
            raise SystemExit(f"import keras failed:\n{done.stderr[-2000:]}")
        times.append(seconds)
    return times


def plugin_run(paths: list[str], junit: Path, *options: str) -> dict:
    """Run the plugin on `paths` (with pytest `options`); wall time and each test's time and
    own seconds."""
    command = [PYTHON, "-m", "pytest", *paths, *options, "-q", "-p", "no:cacheprovider"]
    command += ["--ignore-glob=*.ipynb", f"--junitxml={junit}", "--durations=0"]
    wall, done = timed(command, cwd=ROOT)
    failed = re.findall(r"^FAILED (.+?)(?: - .*)?$", done.stdout, re.MULTILINE)
    if done.returncode and not failed:
        raise SystemExit(f"pytest {' '.join(paths)} did not run:\n{done.stdout[-4000:]}")
    for name in failed:
        log(f"FAILED {name} (measured anyway; the bench will exit 1)")
    tests = []
    for case in ElementTree.parse(junit).iter("testcase"):
        seconds = [p.get("value") for p in case.iter("property") if p.get("name") == "seconds"]
        tests.append(
            {
                "name": f"{case.get('classname')}::{case.get('name')}",
                "time": float(case.get("time")),
                "seconds": float(seconds[0]) if seconds else None,
            }
        )
    setup = re.search(r"([\d.]+)s setup\s+\S+", done.stdout)  # the slowest setup: TF import
    return {
        "wall": wall,
        "failed": failed,
        "tests": tests,
        "slowest_setup": float(setup.group(1)) if setup else 0.0,
    }


def bare_main(blocks: list[dict], with_coverage: bool) -> None:
    """In a process of its own: one TensorFlow import, then each block, bare (no coverage)
    or with coverage.py measuring its lines (which, once started, measures the process).
    Legacy runs (under LEGACY.env) import tf_keras first, as the plugin's kept process does."""
    start = time.perf_counter()
    importlib.import_module("tf_keras" if any(b["legacy"] for b in blocks) else "keras")
    imported = time.perf_counter() - start
    from verify.run import run_block

    seconds = []
    for block in blocks:
        code = Path(block["path"]).read_text(encoding="utf-8")
        ran = set() if with_coverage else None
        result = run_block(code, block["path"], 600, ran, block["produces"])
        if result.error:
            sys.exit(f"{block['snippet']} failed:\n{result.error}")
        seconds.append(result.seconds)
    print(json.dumps({"import": imported, "seconds": seconds}))


def bare_run(blocks: list[dict]) -> dict:
    """The in-process blocks in one process bare, then in another with the coverage check;
    the in-process legacy runs bare in a third, under LEGACY.env (as in the plugin's kept
    process)."""
    todo = [
        {**b, "path": str((ROOT / b["snippet"]).resolve())} for b in blocks if not b["subprocess"]
    ]
    keras3 = [b for b in todo if not b["legacy"]]
    legacy = [b for b in todo if b["legacy"]]
    runs = [  # (name, mode, runs, environment)
        ("bare", "--bare", keras3, ENV),
        ("measured", "--measured", keras3, ENV),
        ("legacy", "--bare", legacy, {**ENV, **LEGACY.env}),
    ]
    found = {"legacy": {"import": 0.0, "seconds": []}}
    for name, mode, chosen, env in runs:
        if not chosen:
            continue
        command = [PYTHON, "-m", "site_tools.bench", mode, json.dumps(chosen)]
        wall, done = timed(command, cwd=ROOT, env=env)
        if done.returncode:
            raise SystemExit(f"the {name} run failed:\n{done.stderr[-4000:]}")
        found[name] = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "import": found["bare"]["import"],
        "seconds": found["bare"]["seconds"],
        "measured": found["measured"]["seconds"],
        "legacy_import": found["legacy"]["import"],
        "legacy_seconds": found["legacy"]["seconds"],
    }


def naive_run(blocks: list[dict]) -> list[float]:
    """Each block as `python snippets/...py`, in a fresh directory, one process each."""
    times = []
    for block in blocks:
        env = {**ENV, **LEGACY.env} if block["legacy"] else ENV  # as the reader runs it
        with tempfile.TemporaryDirectory(prefix="bench-naive-") as work:
            command = [PYTHON, str(ROOT / block["snippet"])]
            seconds, done = timed(command, cwd=work, timeout=TIMEOUT, env=env)
        if done.returncode:
            raise SystemExit(f"python {block['snippet']} failed:\n{done.stderr[-3000:]}")
        times.append(seconds)
    return times


# --- the builds --------------------------------------------------------------------


def build(cache: Path, site: Path) -> float:
    """`mkdocs build` with the cache of passing runs (verify/cache.py) in `cache`."""
    command = [PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
    seconds, done = timed(command, cwd=ROOT, env={**ENV, "VERIFY_CACHE_DIR": str(cache)})
    if done.returncode:
        raise SystemExit(f"mkdocs build failed:\n{done.stderr[-4000:]}")
    return seconds


# --- the browser -------------------------------------------------------------------


def first_view(chromium, url: str, sent: list) -> dict:
    """What a cold browser downloads to show `url`; then what opening the search adds."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    traffic = browser.Traffic().attach(context)
    page = context.new_page()
    sent.clear()
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    view = {"bytes": sum(n for _, n in sent), "requests": len(sent), "files": list(sent)}
    sent.clear()
    browser.open_search(page)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    view["search_bytes"] = sum(n for _, n in sent)
    view["outside"] = list(traffic.outside)
    context.close()
    return view


def browser_measures(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    sent: list = []
    with browser.serve(site, sent) as base, sync_playwright() as playwright:
        chromium = browser.launch(playwright)
        home = first_view(chromium, base, sent)
        recipe_url = base + load_project(ROOT / "mkdocs.yml").page_url(RECIPE_PAGE)
        recipe = first_view(chromium, recipe_url, sent)
        notebooks = {
            source: first_view(
                chromium, base + load_project(ROOT / "mkdocs.yml").page_url(source), sent
            )
            for source in notebook_pages()
        }
        context = chromium.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(base)
        browser.open_search(page)
        searches = []
        for query in declared_searches(load_project(ROOT / "mkdocs.yml")):
            result = browser.search(page, query.query)
            searches.append({"query": query.query, "ms": result.milliseconds})
        context.close()
        chromium.close()
    return {"home": home, "recipe": recipe, "notebooks": notebooks, "searches": searches}


def notebook_pages() -> list[str]:
    project = load_project(ROOT / "mkdocs.yml")
    return [path.relative_to(project.docs_dir).as_posix() for path in project.notebooks()]


def lighthouse_measures(site: Path) -> dict:
    """{page: {form factor: {"scores": {category: score}, "failed": {category: [audit]},
    "performance_runs": [score, ...]}}} for the home page, a recipe page and each notebook
    page. One run scores every category; performance is the median of PERFORMANCE_RUNS runs
    (that one and the runs after it, performance only)."""
    project = load_project(ROOT / "mkdocs.yml")
    measured: dict = {}
    with browser.serve(site, compress=True) as base:  # as GitHub Pages serves it
        for source in ["index.md", RECIPE_PAGE, *notebook_pages()]:
            url = base + project.page_url(source)
            for form_factor in lighthouse.FORM_FACTORS:
                log(f"lighthouse {source} ({form_factor})")
                run = lighthouse.run(url, lighthouse.CATEGORIES, form_factor)
                runs = [run] + [
                    lighthouse.run(url, ["performance"], form_factor)
                    for _ in range(lighthouse.PERFORMANCE_RUNS - 1)
                ]
                median = lighthouse.median_run(runs)
                scores = {
                    **lighthouse.scores(run),
                    "performance": lighthouse.scores(median)["performance"],
                }
                failed = {
                    category: lighthouse.failed_audits(
                        median if category == "performance" else run, category
                    )
                    for category, score in scores.items()
                    if score is None or score < lighthouse.TARGETS[(category, form_factor)]
                }
                measured.setdefault(source, {})[form_factor] = {
                    "scores": scores,
                    "failed": failed,
                    "performance_runs": [lighthouse.scores(r)["performance"] for r in runs],
                }
    return measured


# --- the figures derived from the measurements (tests/test_bench.py) ---------------


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


def seconds(value: float) -> str:
    return f"{value:.1f} s"


def kilobytes(value: float) -> str:
    return f"{value / 1000:.0f} KB"


def check(met: bool) -> str:
    return "met" if met else "**missed**"


def report(m: dict) -> tuple[str, bool]:
    full, page = m["full"], m["page"]
    rows, ok = [], True

    def row(what, value, target="", met=None):
        nonlocal ok
        if met is not None:
            ok &= met
        rows.append(f"| {what} | {value} | {target} | {'' if met is None else check(met)} |")

    speedup = full["naive"] / full["plugin"]
    floor_ratio = full["plugin"] / full["floor"]
    row(
        f"Verify every code block: the plugin ({full['blocks']} blocks, and "
        f"{full['legacy_runs']} legacy runs of then_vs_now blocks; one `pytest` process)",
        seconds(full["plugin"]),
    )
    row("… the naive baseline (`python snippet.py` per run)", seconds(full["naive"]))
    row("… speed-up of the plugin over the baseline", f"{speedup:.1f}x", "≥ 4x", speedup >= 4)
    row(
        f"… the floor: one TensorFlow import ({seconds(full['import'])}) + the blocks' own "
        f"time ({seconds(full['bare'])}) + the legacy runs' tf_keras import and own time "
        f"({seconds(full['legacy_import'] + full['legacy_bare'])}) + "
        f"{full['subprocess_blocks']} run(s) that need a process of their own "
        f"({seconds(full['subprocess_naive'])})",
        seconds(full["floor"]),
    )
    row(
        "… the plugin against the floor",
        f"{floor_ratio:.2f}x",
        "≤ 1.2x",
        floor_ratio <= MAX_FLOOR_RATIO,
    )
    row(
        "… the blocks with the coverage check (coverage.py, `sysmon` core) against without, "
        f"side by side ({seconds(full['measured'])} / {seconds(full['bare'])})",
        f"{full['coverage_cost']:.3f}x",
        "≤ 1.05x",
        full["coverage_cost"] <= MAX_COVERAGE_COST,
    )
    if "parallel" in m:
        par = m["parallel"]
        row(
            f"… in parallel (`{' '.join(PARALLEL)}`, {par['workers']} workers), every block run",
            f"{seconds(par['cold'])} ({par['cold'] / full['plugin']:.2f}x the serial run)",
        )
        warm_ratio = par["warm"] / par["cold"]
        row(
            "… again with nothing changed: passing runs reused from `.cache/blocks/`",
            f"{seconds(par['warm'])} ({100 * warm_ratio:.0f} % of the cold run)",
            "≤ 15 %",
            warm_ratio <= MAX_WARM_RATIO and not par["failed"],
        )
    if m.get("suite", {}).get("serial"):
        suite = m["suite"]
        row(
            "The whole suite (`pytest`, as `make test` runs it), serial, every block run",
            seconds(suite["serial"]),
        )
        row(
            f"… in parallel (`pytest {' '.join(PARALLEL)}`), every block and notebook run "
            "(`--fresh`, in this tree: the build reuses its cached pictures)",
            f"{seconds(suite['parallel'])} ({suite['parallel'] / suite['serial']:.2f}x serial)",
            f"≤ {MAX_SUITE_SECONDS} s",
            suite["parallel"] <= MAX_SUITE_SECONDS and not suite.get("failed"),
        )
        if suite.get("warm"):
            row(
                "… `make test` again, nothing changed (passing block runs, notebook runs and "
                "pictures reused)",
                f"{seconds(suite['warm'])} ({suite['warm'] / suite['serial']:.2f}x serial)",
            )
    row(
        f"One page, `make check PAGE=docs/{page['page']}` ({page['blocks']} blocks)",
        seconds(page["plugin"]),
    )
    row(
        "… against that page's floor",
        f"{page['plugin'] / page['floor']:.2f}x (floor {seconds(page['floor'])})",
    )
    if m["notebooks"]["count"]:
        row(
            f"Run the {m['notebooks']['count']} notebook pages (`pytest docs/**/*.ipynb`)",
            seconds(m["notebooks"]["verify"]),
        )
    row("`mkdocs build`, notebooks executed (no saved run)", seconds(m["build"]["executed"]))
    row("`mkdocs build`, the notebooks' saved runs", seconds(m["build"]["saved"]))
    views = [
        (m["browser"]["home"], "the home page"),
        (m["browser"]["recipe"], f"a recipe page ({RECIPE_PAGE})"),
        *(
            (view, f"a notebook page ({source})")
            for source, view in m["browser"].get("notebooks", {}).items()
        ),
    ]
    for view, label in views:
        within = view["bytes"] < MAX_FIRST_VIEW_BYTES and not view["outside"]
        where = "all from 127.0.0.1" if not view["outside"] else f"{len(view['outside'])} elsewhere"
        row(
            f"First view of {label}: bytes transferred, uncompressed",
            f"{kilobytes(view['bytes'])} in {view['requests']} requests, {where}",
            "< 500 KB, only 127.0.0.1",
            within,
        )
    row(
        "… then opening the search downloads the search index (`search/search_index.json`)",
        f"{kilobytes(m['browser']['home']['search_bytes'])} "
        f"(the file: {kilobytes(m['index_bytes'])})",
    )
    times = [s["ms"] for s in m["browser"]["searches"] if s["ms"] is not None]
    missing = [s["query"] for s in m["browser"]["searches"] if s["ms"] is None]
    median = statistics.median(times) if times else float("inf")
    row(
        f"Search: last keystroke to results shown, median of {len(times)} queries "
        f"(slowest {max(times, default=0):.0f} ms)",
        f"{median:.0f} ms",
        "< 150 ms",
        median < MAX_SEARCH_MS and not missing,
    )
    failed = m["full"]["failed"] + m["page"]["failed"]
    if failed:
        ok = False
        names = ", ".join(failed)
        rows.append(f"| Tests that failed during the measurement | {names} | none | **missed** |")
    when = m["when"]
    lines = [
        f"Measured by `make bench` on {when}: {m['machine']}, load average "
        f"{m['load'][0]:.1f} at the start and {m['load'][1]:.1f} at the end. "
        "Times are one run each (noisy on a shared machine); the ratios are what is checked.",
        "",
        "| measure | result | target | |",
        "| --- | --- | --- | --- |",
        *rows,
    ]
    if missing:
        lines += ["", f"Queries without results: {', '.join(missing)}."]
    if "lighthouse" in m:
        table, met = lighthouse_table(m["lighthouse"])
        lines += ["", table]
        ok &= met
    lines += ["", breakdown(m)]
    return "\n".join(lines), ok


def lighthouse_table(measured: dict) -> tuple[str, bool]:
    """The Lighthouse scores of each page (mobile / desktop) against the targets, and whether
    every target is met; under the table, each miss with the audits that cost points."""
    results = {
        page: {form: run["scores"] for form, run in by_form.items()}
        for page, by_form in measured.items()
    }
    missed = lighthouse.misses(results)
    labels = {"best-practices": "best practices", "seo": "SEO"}
    lines = [
        "Lighthouse 12.2.3 (mobile / desktop settings; targets: performance ≥ 90 / ≥ 98, "
        f"the other categories 100; performance is the median of {lighthouse.PERFORMANCE_RUNS} "
        "runs, as Lighthouse's docs/variability.md advises):",
        "",
        "| page | " + " | ".join(labels.get(c, c) for c in lighthouse.CATEGORIES) + " | |",
        "| --- |" + " --- |" * (len(lighthouse.CATEGORIES) + 1),
    ]
    for page, by_form in results.items():
        cells = [
            " / ".join(
                "–" if by_form.get(form, {}).get(category) is None else str(by_form[form][category])
                for form in lighthouse.FORM_FACTORS
            )
            for category in lighthouse.CATEGORIES
        ]
        met = not any(miss[0] == page for miss in missed)
        lines.append(f"| {page} | " + " | ".join(cells) + f" | {check(met)} |")
    runs = [
        f"{page} {form} {' '.join(str(score) for score in run['performance_runs'])}"
        for page, by_form in measured.items()
        for form, run in by_form.items()
        if run.get("performance_runs")
    ]
    if runs:
        lines += ["", "Every performance run, in order: " + "; ".join(runs) + "."]
    if missed:
        lines.append("")
    for page, form_factor, category, score, target in missed:
        audits = measured[page][form_factor].get("failed", {}).get(category) or []
        shown = "not measured" if score is None else score
        lines.append(
            f"- **missed**: {page}, {form_factor}: {category} {shown} < {target}"
            + (f" ({'; '.join(audits)})" if audits else "")
        )
    return "\n".join(lines), not missed


def breakdown(m: dict) -> str:
    """Where the plugin's time goes, against the floor."""
    full = m["full"]
    b = full["breakdown"]
    parts = [
        ("pytest start, collection (expanding every page), reporting", b["outside_tests"]),
        ("the TensorFlow import (first block's setup)", b["import_setup"]),
        (
            "the legacy runs' tf_keras import (their kept process; as measured bare)",
            b["legacy_import"],
        ),
        ("the blocks' own time, as the plugin measured it (coverage on)", b["recorded"]),
        ("… of which coverage and noise (own time with coverage − bare)", b["coverage"]),
        ("per-block work around the blocks (scratch dir, seeds, output check)", b["around"]),
        ("the runs in a process of their own (whole processes)", b["subprocess"]),
        ("… the same runs, naively (`python snippet.py`)", full["subprocess_naive"]),
        ("the coverage check (which lines never ran)", b["coverage_check"]),
    ]
    lines = [
        "<details><summary>Where the plugin's time goes</summary>",
        "",
        "| part of `pytest docs mkdocs.yml` | time |",
        "| --- | --- |",
        *(f"| {what} | {seconds(value)} |" for what, value in parts),
        f"| total (wall) | {seconds(full['plugin'])} |",
        "",
        "</details>",
    ]
    return "\n".join(lines)


def write_into_about(table: str):
    text = ABOUT.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{ABOUT} has no {START} ... {END} markers for the report")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    ABOUT.write_text(f"{head}{START}\n{table}\n{END}{tail}", encoding="utf-8")


# --- main --------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", default="docs/rnns.md", help="the page of the one-page loop")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/about.md")
    parser.add_argument(
        "--no-whole-suite",
        dest="whole_suite",
        action="store_false",
        help="skip timing the whole suite serial and in parallel (the longest part)",
    )
    args = parser.parse_args(argv)
    page_source = Path(args.page).name
    load_start = os.getloadavg()[0]
    m: dict = {
        "when": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": f"{os.cpu_count()} CPU cores, Python {platform.python_version()}",
    }
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    blocks = all_blocks()
    subprocess_blocks = [b for b in blocks if b["subprocess"]]
    log(f"{len(blocks)} runs of blocks, legacy runs included ({len(subprocess_blocks)} alone)")

    log("TensorFlow import x3")
    imports = tensorflow_import_seconds()
    log("the plugin: pytest docs mkdocs.yml --fresh (serial, every block run)")
    plugin = plugin_run(["docs", "mkdocs.yml"], work / "full.xml", "--fresh")
    # What the plugin is compared with is measured right after it, not minutes later: a
    # shared machine's speed drifts, and the ratios are only fair side by side.
    log("the blocks, bare")
    bare = bare_run(blocks)
    log("the naive baseline (one process per block)")
    naive = naive_run(blocks)
    log(f"the plugin in parallel: pytest docs mkdocs.yml --fresh {' '.join(PARALLEL)} (cold)")
    parallel = plugin_run(["docs", "mkdocs.yml"], work / "parallel.xml", "--fresh", *PARALLEL)
    log(f"the plugin again, nothing changed: pytest docs mkdocs.yml {' '.join(PARALLEL)} (warm)")
    warm = plugin_run(["docs", "mkdocs.yml"], work / "warm.xml", *PARALLEL)
    suite = {}
    if args.whole_suite:
        runs = (("serial", ["--fresh"]), ("parallel", ["--fresh", *PARALLEL]), ("warm", PARALLEL))
        for name, options in runs:
            log(f"the whole suite, as make test runs it: pytest {' '.join(options)}")
            suite[name], done = timed([PYTHON, "-m", "pytest", *options, "-q"], cwd=ROOT)
            if done.returncode:
                log(f"the whole suite ({name}) failed (measured anyway; the bench will exit 1)")
                suite["failed"] = True
    log(f"one page: {args.page}")
    page_run = plugin_run([args.page], work / "page.xml", "--fresh")
    notebooks = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob("*.ipynb"))
    notebook_seconds = 0.0
    if notebooks:
        log("the notebook pages")
        notebook_seconds, done = timed(
            [PYTHON, "-m", "pytest", *notebooks, "--fresh", "-q", "-p", "no:cacheprovider"],
            cwd=ROOT,
        )
        if done.returncode:
            raise SystemExit(f"the notebooks failed:\n{done.stdout[-4000:]}")
    log("mkdocs build, notebooks executed, then from their saved runs")
    cache = work / "notebook-runs"
    executed = build(cache, work / "site-executed")
    saved = build(cache, work / "site")
    site = work / "site"
    log("the browser")
    browser = browser_measures(site)
    log("lighthouse")
    m["lighthouse"] = lighthouse_measures(site)

    m["full"] = derive_full(
        blocks, imports, plugin, bare["seconds"], naive, bare["measured"], bare["legacy_import"],
        bare["legacy_seconds"],
    )  # fmt: skip
    m["page"] = derive_page(blocks, page_source, page_run, m["full"])
    m["parallel"] = {
        "cold": parallel["wall"],
        "warm": warm["wall"],
        "workers": os.cpu_count(),
        "failed": parallel["failed"] + warm["failed"],
    }
    m["suite"] = suite
    m["notebooks"] = {"count": len(notebooks), "verify": notebook_seconds}
    m["build"] = {"executed": executed, "saved": saved}
    m["browser"] = browser
    m["index_bytes"] = (site / "search" / "search_index.json").stat().st_size
    m["load"] = (load_start, os.getloadavg()[0])

    table, ok = report(m)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bench.json").write_text(json.dumps(m, indent=2), encoding="utf-8")
    if not args.no_write:
        write_into_about(table)
    shutil.rmtree(work, ignore_errors=True)
    print(table)
    if not ok:
        print("\nmake bench: a target was missed (see the table).", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":  # python -m site_tools.bench --bare BLOCKS_JSON (see bare_run)
    if sys.argv[1:2] in (["--bare"], ["--measured"]):
        bare_main(json.loads(sys.argv[2]), sys.argv[1] == "--measured")
    else:
        sys.exit(main(sys.argv[1:]))
