"""`make bench`'s report: the Markdown table of what was measured against the targets
(site_tools/bench_figures.py), written into MAINTAINING.md (the maintainers' guide) between
its markers."""

from __future__ import annotations

import statistics
from pathlib import Path

from site_tools import lighthouse
from site_tools.bench_figures import (
    MAX_COVERAGE_COST,
    MAX_FIRST_VIEW_BYTES,
    MAX_FLOOR_RATIO,
    MAX_RECORDER_COST,
    MAX_SEARCH_MS,
    MAX_SUITE_SECONDS,
    MAX_WARM_RATIO,
    MIN_SPEEDUP,
    PARALLEL,
    RECIPE_PAGE,
)

MAINTAINING = Path(__file__).resolve().parent.parent / "MAINTAINING.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


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
    row(
        "… speed-up of the plugin over the baseline",
        f"{speedup:.1f}x",
        f"≥ {MIN_SPEEDUP:g}x",
        speedup >= MIN_SPEEDUP,
    )
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
    if "recorder_cost" in full:
        row(
            "… the blocks with the API recorder (verify/api_calls.py) against without, side by "
            f"side ({seconds(full['bare'])} / {seconds(full['unrecorded'])})",
            f"{full['recorder_cost']:.3f}x",
            f"≤ {MAX_RECORDER_COST:g}x",
            full["recorder_cost"] <= MAX_RECORDER_COST,
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
                "\u2013"
                if by_form.get(form, {}).get(category) is None
                else str(by_form[form][category])
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
        ("… of which coverage and noise (own time with coverage \u2212 bare)", b["coverage"]),
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


def write_into_maintaining(table: str):
    text = MAINTAINING.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{MAINTAINING} has no {START} ... {END} markers for the report")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    MAINTAINING.write_text(f"{head}{START}\n{table}\n{END}{tail}", encoding="utf-8")
