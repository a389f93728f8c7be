"""site_tools/bench.py: its figures, its checks of the targets, and its table in MAINTAINING.md."""

import copy

import pytest

from harness import ROOT
from site_tools import bench_figures, bench_report
from site_tools.lighthouse import median_run, misses


def view(bytes_, outside=()):
    return {"bytes": bytes_, "requests": 7, "search_bytes": 255_000, "outside": list(outside)}


def lighthouse_scores(performance, **others):
    scores = {"performance": performance, "accessibility": 100, "best-practices": 100, "seo": 100}
    return {**scores, **{name.replace("_", "-"): score for name, score in others.items()}}


# The shape of test-artifacts/bench.json, numbers close to a real run.
MEASURED = {
    "when": "2026-11-29 04:12",
    "machine": "2 CPU cores, Python 3.13.0",
    "load": (0.4, 1.5),
    "full": {
        "blocks": 64,
        "legacy_runs": 7,
        "legacy_import": 6.0,
        "legacy_bare": 5.0,
        "failed": [],
        "plugin": 115.8,
        "naive": 537.7,
        "import": 6.2,
        "bare": 45.7,
        "measured": 46.4,
        "coverage_cost": 1.015,
        "unrecorded": 45.2,
        "recorder_cost": 1.011,
        "subprocess_blocks": 5,
        "subprocess_naive": 58.6,
        "floor": 110.5,
        "breakdown": {
            "outside_tests": 4.9,
            "import_setup": 5.8,
            "legacy_import": 6.0,
            "recorded": 45.1,
            "coverage": -0.5,
            "around": 0.5,
            "subprocess": 59.4,
            "coverage_check": 0.1,
        },
    },
    "page": {"page": "rnns.md", "blocks": 12, "failed": [], "plugin": 20.6, "floor": 22.0},
    "parallel": {"cold": 70.0, "warm": 8.0, "workers": 2, "failed": []},
    "suite": {"serial": 540.0, "parallel": 260.0, "warm": 135.0},
    "notebooks": {"count": 2, "verify": 41.5},
    "build": {"executed": 61.7, "saved": 19.3},
    "browser": {
        "home": view(341_000),
        "recipe": view(379_000),
        "notebooks": {"notebooks/x.ipynb": view(447_000)},
        "searches": [{"query": "Dense", "ms": 27.0}, {"query": "save weights", "ms": 31.0}],
    },
    "index_bytes": 255_000,
    "lighthouse": {
        page: {
            form: {"scores": lighthouse_scores(perf), "failed": {}}
            for form, perf in (("mobile", 93), ("desktop", 100))
        }
        for page in ("index.md", "shapes.md", "notebooks/x.ipynb")
    },
}


def target_cells(table: str) -> list[str]:
    return [
        line.rsplit("|", 2)[-2].strip()
        for line in table.splitlines()
        if "| met |" in line or "| **missed** |" in line
    ]


def test_a_run_that_meets_every_target_passes():
    table, ok = bench_report.report(MEASURED)
    assert ok
    assert target_cells(table) == ["met"] * (10 + 3)  # 10 figures, then 3 pages in Lighthouse
    assert "nothing changed: passing runs reused from `.cache/blocks/` | 8.0 s (11 % of" in table
    assert (
        "| … in parallel (`pytest -n auto --dist worksteal`), every block and notebook run "
        "(`--fresh`, in this tree: the build reuses its cached pictures) | 260.0 s (0.48x serial) |"
    ) in table
    assert "| … `make test` again, nothing changed (passing block runs, notebook runs and " in table
    assert "pictures reused) | 135.0 s (0.25x serial) |" in table
    assert "| notebooks/x.ipynb | 93 / 100 | 100 / 100 | 100 / 100 | 100 / 100 | met |" in table
    assert "| … speed-up of the plugin over the baseline | 4.6x | ≥ 4x | met |" in table
    assert "| … the plugin against the floor | 1.05x | ≤ 1.2x | met |" in table
    assert "against without, side by side (46.4 s / 45.7 s) | 1.015x | ≤ 1.05x | met |" in table
    assert (
        "the API recorder (verify/api_calls.py) against without, side by side "
        "(45.7 s / 45.2 s) | 1.011x | ≤ 1.05x | met |"
    ) in (table)


@pytest.mark.parametrize(
    ("change", "row"),
    [
        (lambda m: m["full"].update(naive=400.0), "speed-up of the plugin over the baseline"),
        (lambda m: m["full"].update(floor=80.0), "the plugin against the floor"),
        (lambda m: m["full"].update(coverage_cost=1.27), "the blocks with the coverage check"),
        (lambda m: m["full"].update(recorder_cost=1.2), "the blocks with the API recorder"),
        (lambda m: m["parallel"].update(warm=20.0), "again with nothing changed"),
        (lambda m: m["suite"].update(parallel=400.0), "in parallel (`pytest -n auto --dist"),
        (lambda m: m["browser"].update(home=view(520_000)), "First view of the home page"),
        (
            lambda m: m["browser"].update(recipe=view(300_000, ["https://fonts.gstatic.com/x"])),
            "First view of a recipe page",
        ),
        (
            lambda m: m["browser"]["notebooks"].update({"notebooks/x.ipynb": view(875_000)}),
            "First view of a notebook page (notebooks/x.ipynb)",
        ),
        (
            lambda m: m["browser"].update(searches=[{"query": "Dense", "ms": 180.0}]),
            "Search: last keystroke to results shown",
        ),
        (
            lambda m: m["full"].update(failed=["docs/shapes.md::snippets/shapes/x.py"]),
            "Tests that failed during the measurement",
        ),
    ],
)
def test_a_missed_target_fails_the_bench_and_says_where(change, row):
    measured = copy.deepcopy(MEASURED)
    change(measured)
    table, ok = bench_report.report(measured)
    assert not ok
    missed = [line for line in table.splitlines() if "**missed**" in line]
    assert len(missed) == 1
    assert row in missed[0]


@pytest.mark.parametrize(
    ("page", "form", "scores", "failed", "miss"),
    [
        (
            "notebooks/x.ipynb",
            "mobile",
            lighthouse_scores(48),
            {"performance": ["largest-contentful-paint: Largest Contentful Paint (0.05)"]},
            "notebooks/x.ipynb, mobile: performance 48 < 90 "
            "(largest-contentful-paint: Largest Contentful Paint (0.05))",
        ),
        ("index.md", "desktop", lighthouse_scores(97), {}, "index.md, desktop: performance 97"),
        (
            "shapes.md",
            "mobile",
            lighthouse_scores(95, accessibility=96),
            {"accessibility": ["target-size: Touch targets (0.00)"]},
            "shapes.md, mobile: accessibility 96 < 100 (target-size: Touch targets (0.00))",
        ),
        ("shapes.md", "desktop", lighthouse_scores(99, seo=None), {}, "seo not measured < 100"),
    ],
)
def test_a_missed_lighthouse_target_names_the_page_category_and_audit(
    page, form, scores, failed, miss
):
    measured = copy.deepcopy(MEASURED)
    measured["lighthouse"][page][form] = {"scores": scores, "failed": failed}
    table, ok = bench_report.report(measured)
    assert not ok
    rows = [line for line in table.splitlines() if line.startswith("| ") and "**missed**" in line]
    assert len(rows) == 1
    assert rows[0].startswith(f"| {page} |")
    notes = [line for line in table.splitlines() if line.startswith("- **missed**")]
    assert len(notes) == 1
    assert miss in notes[0]


def test_lighthouse_targets_from_made_up_scores():
    assert misses({"a": {"mobile": lighthouse_scores(90), "desktop": lighthouse_scores(98)}}) == []
    assert misses({"a": {"mobile": lighthouse_scores(89, seo=99)}}) == [
        ("a", "mobile", "performance", 89, 90),
        ("a", "mobile", "seo", 99, 100),
    ]
    assert misses({"a": {"desktop": {"performance": 100}}}) == [
        ("a", "desktop", "accessibility", None, 100),
        ("a", "desktop", "best-practices", None, 100),
        ("a", "desktop", "seo", None, 100),
    ]


def report_scoring(performance):
    """A Lighthouse JSON report's shape (lhr): its categories with their 0-1 scores."""
    score = None if performance is None else performance / 100
    return {"categories": {"performance": {"score": score}}, "performance": performance}


def test_the_bench_runs_the_suite_in_parallel_as_make_test_does():
    recipe = (ROOT / "Makefile").read_text().split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert f"pytest {' '.join(bench_figures.PARALLEL)}" in recipe, recipe


def test_performance_is_the_median_run():
    runs = [report_scoring(score) for score in (91, 78, 95, 88, 90)]
    assert median_run(runs)["performance"] == 90
    assert median_run(runs[:4])["performance"] == 88  # even: the lower middle
    assert median_run([report_scoring(None), report_scoring(92)])["performance"] is None
    with pytest.raises(ValueError, match="no report"):
        median_run([])


def test_the_table_shows_every_performance_run():
    measured = copy.deepcopy(MEASURED)
    measured["lighthouse"]["index.md"]["mobile"]["performance_runs"] = [93, 88, 95, 94, 91]
    table, _ = bench_report.report(measured)
    assert "performance is the median of 5 runs" in table
    assert "index.md mobile 93 88 95 94 91" in table


def test_the_table_goes_between_the_markers_of_the_maintainers_guide(tmp_path, monkeypatch):
    guide = tmp_path / "MAINTAINING.md"
    guide.write_text(
        f"# Guide\n\nbefore\n{bench_report.START}\nold table\n{bench_report.END}\nafter\n"
    )
    monkeypatch.setattr(bench_report, "MAINTAINING", guide)
    bench_report.write_into_maintaining("| new | table |")
    assert guide.read_text() == (
        f"# Guide\n\nbefore\n{bench_report.START}\n| new | table |\n{bench_report.END}\nafter\n"
    )
    guide.write_text("# Guide, without markers\n")
    with pytest.raises(SystemExit, match="no <!-- bench:start -->"):
        bench_report.write_into_maintaining("| new | table |")


def test_the_maintainers_guide_shows_a_table_that_make_bench_wrote():
    assert bench_report.MAINTAINING == ROOT / "MAINTAINING.md"
    assert bench_report.START not in (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    text = (ROOT / "MAINTAINING.md").read_text(encoding="utf-8")
    table = text.split("<!-- bench:start -->", 1)[1].split("<!-- bench:end -->", 1)[0]
    assert table.lstrip().startswith("Measured by `make bench` on ")
    assert "| … speed-up of the plugin over the baseline |" in table


# --- the derived figures, from made-up timings --------------------------------------

BLOCKS = [
    {"page": "docs/a.md", "snippet": "snippets/a/one.py", "subprocess": False},
    {"page": "docs/a.md", "snippet": "snippets/a/two.py", "subprocess": False},
    {"page": "docs/b.md", "snippet": "snippets/b/own.py", "subprocess": True},
]


def plugin_test(name, time, seconds=None):
    return {"name": name, "time": time, "seconds": seconds}


PLUGIN = {
    "wall": 40.0,
    "failed": [],
    "slowest_setup": 5.0,  # the TensorFlow import, in the first block's setup
    "tests": [
        plugin_test("docs.a.md::snippets/a/one.py", 5.0 + 2.5, 2.0),
        plugin_test("docs.a.md::snippets/a/two.py", 3.5, 3.0),
        plugin_test("docs.b.md::snippets/b/own.py", 20.0, 9.0),
        plugin_test("mkdocs.yml::every snippet is included", 0.25),
        plugin_test("mkdocs.yml::snippets are fully covered", 0.75),
    ],
}


def test_the_floor_is_one_import_the_bare_blocks_and_whole_own_processes():
    full = bench_figures.derive_full(
        BLOCKS, [6.0, 4.0, 5.0], PLUGIN, [1.5, 2.5], [8.0, 9.0, 18.0], [1.5, 2.6]
    )
    assert full["import"] == 5.0  # the median of the three imports
    assert full["bare"] == 4.0
    assert full["subprocess_blocks"] == 1
    assert full["subprocess_naive"] == 18.0
    assert full["floor"] == 5.0 + 4.0 + 18.0
    assert full["naive"] == 35.0
    assert full["measured"] == 4.1
    assert full["coverage_cost"] == pytest.approx(4.1 / 4.0)


def test_the_breakdown_adds_up_to_the_wall_time():
    full = bench_figures.derive_full(
        BLOCKS, [5.0], PLUGIN, [1.5, 2.5], [8.0, 9.0, 18.0], [1.5, 2.6]
    )
    b = full["breakdown"]
    assert b["recorded"] == 5.0  # the in-process blocks' own seconds (coverage on)
    assert b["coverage"] == 1.0  # recorded - bare
    assert b["import_setup"] == 5.0
    assert b["around"] == (7.5 + 3.5) - 5.0 - 5.0  # their test time minus own time and import
    assert b["subprocess"] == 20.0
    assert b["coverage_check"] == 0.75
    assert b["outside_tests"] == 40.0 - 32.0
    parts = [b["outside_tests"], b["import_setup"], b["recorded"], b["around"]]
    parts += [b["subprocess"], 0.25, b["coverage_check"]]  # + the orphan check
    assert sum(parts) == pytest.approx(full["plugin"])


# A then_vs_now block in the test's process and one of its own process, each with its
# legacy run (under TF_USE_LEGACY_KERAS=1) right after it.
LEGACY_BLOCKS = [
    {"page": "docs/a.md", "snippet": "snippets/a/one.py", "subprocess": False},
    {"page": "docs/a.md", "snippet": "snippets/a/one.py", "subprocess": False, "legacy": True},
    {"page": "docs/b.md", "snippet": "snippets/b/own.py", "subprocess": True},
    {"page": "docs/b.md", "snippet": "snippets/b/own.py", "subprocess": True, "legacy": True},
]


def test_the_floor_counts_the_legacy_runs():
    """The plugin runs them: one tf_keras import and each one's own time (in its kept
    process), or the whole naive process of a block that needs a process of its own."""
    full = bench_figures.derive_full(
        LEGACY_BLOCKS, [5.0], PLUGIN, [1.5], [8.0, 9.0, 18.0, 19.0], [1.6], 6.0, [2.0]
    )
    assert full["blocks"] == 2
    assert full["legacy_runs"] == 2
    assert full["subprocess_blocks"] == 2
    assert full["subprocess_naive"] == 18.0 + 19.0
    assert full["floor"] == 5.0 + 1.5 + (6.0 + 2.0) + (18.0 + 19.0)
    assert full["naive"] == 8.0 + 9.0 + 18.0 + 19.0
    page = bench_figures.derive_page(LEGACY_BLOCKS, "a.md", {"wall": 20.0, "failed": []}, full)
    assert page["blocks"] == 1
    assert page["floor"] == 5.0 + 1.5 + 6.0 + 2.0


def test_one_page_against_its_own_floor():
    full = bench_figures.derive_full(
        BLOCKS, [5.0], PLUGIN, [1.5, 2.5], [8.0, 9.0, 18.0], [1.5, 2.6]
    )
    page = bench_figures.derive_page(BLOCKS, "a.md", {"wall": 12.0, "failed": []}, full)
    assert page == {"page": "a.md", "blocks": 2, "failed": [], "plugin": 12.0, "floor": 9.0}
    own = bench_figures.derive_page(BLOCKS, "b.md", {"wall": 30.0, "failed": []}, full)
    assert own["floor"] == 5.0 + 18.0  # a block of its own process counts whole
