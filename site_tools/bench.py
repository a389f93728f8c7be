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

The report (Markdown) is printed and written into MAINTAINING.md between the
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
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from site_tools import browser, lighthouse
from site_tools.bench_figures import PARALLEL, RECIPE_PAGE, derive_full, derive_page
from site_tools.bench_report import report, write_into_maintaining
from site_tools.search_queries import searches as declared_searches
from verify import environment
from verify.pages import page_blocks
from verify.project import load_project
from verify.variants import LEGACY

ROOT = Path(__file__).resolve().parent.parent

PYTHON = sys.executable
ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT = 600  # seconds for one naive snippet process


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


def bare_main(blocks: list[dict], with_coverage: bool, record_calls: bool = True) -> None:
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
        result = run_block(
            code, block["path"], 600, ran, block["produces"], record_calls=record_calls
        )
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
        ("unrecorded", "--unrecorded", keras3, ENV),  # the API recorder off: its cost
        ("measured", "--measured", keras3, ENV),
        ("legacy", "--bare", legacy, {**ENV, **LEGACY.env}),
    ]
    found = {"legacy": {"import": 0.0, "seconds": []}}
    for name, mode, chosen, env in runs:
        if not chosen:
            continue
        command = [PYTHON, "-m", "site_tools.bench", mode, json.dumps(chosen)]
        _wall, done = timed(command, cwd=ROOT, env=env)
        if done.returncode:
            raise SystemExit(f"the {name} run failed:\n{done.stderr[-4000:]}")
        found[name] = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "import": found["bare"]["import"],
        "seconds": found["bare"]["seconds"],
        "measured": found["measured"]["seconds"],
        "unrecorded": found["unrecorded"]["seconds"],
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


# --- main --------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", default="docs/rnns.md", help="the page of the one-page loop")
    parser.add_argument("--no-write", action="store_true", help="do not update MAINTAINING.md")
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
    project = load_project(ROOT / "mkdocs.yml")
    notebooks = [str(project.rel(path)) for path in project.notebooks()]
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
    # The API recorder's cost: the same blocks bare, with it against without, side by side.
    unrecorded = sum(bare["unrecorded"])
    m["full"]["unrecorded"] = unrecorded
    m["full"]["recorder_cost"] = m["full"]["bare"] / unrecorded if unrecorded else 1.0
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
        write_into_maintaining(table)
    shutil.rmtree(work, ignore_errors=True)
    print(table)
    if not ok:
        print("\nmake bench: a target was missed (see the table).", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":  # python -m site_tools.bench --bare BLOCKS_JSON (see bare_run)
    if sys.argv[1:2] in (["--bare"], ["--measured"], ["--unrecorded"]):
        mode = sys.argv[1]
        bare_main(json.loads(sys.argv[2]), mode == "--measured", mode != "--unrecorded")
    else:
        sys.exit(main(sys.argv[1:]))
