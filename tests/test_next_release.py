"""The next-release report (site_tools/next_release.py): made-up junit XML, environments, a fixture.

The last test runs the plugin on the fixture project of tests/test_plugin.py and shows that
the report's `output-changed` blocks are exactly the ones `--update-outputs` rewrites.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest

from harness import FIXTURE, ROOT
from site_tools import next_release, next_release_report
from site_tools.next_release import CannotRun
from site_tools.next_release_report import CHANGED, FAILED, SAME, Report, parse_junit

VERSIONS = {"tensorflow": "2.23.0.dev20261026", "keras": "3.16.0.dev2026102704", "python": "3.11.7"}
DISTRIBUTIONS = {"tensorflow": "tf-nightly", "keras": "keras-nightly"}

CHANGED_MESSAGE = """snippets/shapes/x.py printed something else than docs/shapes.md:12 shows:

--- expected (snippets/shapes/x.out)
+++ actual
@@ -1,2 +1,2 @@
 loss
-0.123
+0.124

If the new output is right, run: make update-outputs"""

FAILED_MESSAGE = (
    "snippets/saving/h5.py failed, included by docs/saving.md:40\n\n"
    + "\n".join(f"  line {n}" for n in range(30))
    + "\nValueError: no longer raises\nRun it alone with: python snippets/saving/h5.py"
)

WIDTH_MESSAGE = (
    "snippets/shapes/s.py, included by docs/shapes.md:30, prints something else in a "
    "200-column terminal than in a pipe"
)


def case(
    file: str,
    name: str,
    inner: str = "",
    seconds: float | None = None,
    outcome: str = "",
    calls: str = "",
) -> str:
    """A test case as pytest's junit XML writes it, with the properties the plugin sets."""
    found = {"seconds": seconds, "outcome": outcome or None, "calls": calls or None}
    props = "".join(
        f'<property name="{key}" value="{value}"/>' for key, value in found.items() if value
    )
    props = f"<properties>{props}</properties>" if props else ""
    return f'<testcase classname="x" file="{file}" name="{name}" time="1">{props}{inner}</testcase>'


def failure(message: str, tag: str = "failure") -> str:
    return f"<{tag} message={quoteattr(message)}>{escape(message)}</{tag}>"


def junit(*cases: str) -> str:
    suite = f'<testsuite name="pytest">{"".join(cases)}</testsuite>'
    return f'<?xml version="1.0"?><testsuites>{suite}</testsuites>'


RUN = junit(
    case("docs/shapes.md", "snippets/shapes/none_batch.py", seconds=0.5),
    case("docs/shapes.md", "snippets/shapes/x.py", failure(CHANGED_MESSAGE), outcome=CHANGED),
    case("docs/saving.md", "snippets/saving/h5.py", failure(FAILED_MESSAGE)),
    case("docs/saving.md", "snippets/saving/h5.py[tf_keras]"),
    case(
        "docs/shapes.md", "snippets/shapes/s.py", failure(WIDTH_MESSAGE), outcome="terminal-width"
    ),
    case("docs/data.md", "snippets/data/setup.py", failure("import died", tag="error")),
    case("docs/shapes.md", "line 40", '<skipped message="shows a shell session"/>'),
    case("docs/notebooks/a.ipynb", "every cell runs"),
    case("docs/notebooks/b.ipynb", "every cell runs", failure("cell 3 failed\nKeyError: x")),
    case("mkdocs.yml", "every snippet is included"),
    case("mkdocs.yml", "snippets are fully covered", failure("line coverage is 99.0 %")),
)


@pytest.fixture
def report() -> Report:
    return parse_junit(RUN, dict(VERSIONS), DISTRIBUTIONS)


def statuses(report: Report) -> dict[str, str]:
    return {block.test: block.status for block in report.blocks}


def test_each_block_is_same_output_changed_or_failed(report):
    assert statuses(report) == {
        "snippets/shapes/none_batch.py": SAME,
        "snippets/shapes/x.py": CHANGED,
        "snippets/saving/h5.py": FAILED,
        "snippets/saving/h5.py[tf_keras]": SAME,
        "snippets/shapes/s.py": FAILED,  # it prints something else in a wide terminal
        "snippets/data/setup.py": FAILED,  # an <error>, not a <failure>
    }
    first = report.blocks[0]
    assert (first.page, first.snippet, first.seconds) == ("docs/shapes.md", first.test, 0.5)
    legacy = report.blocks[3]
    assert legacy.snippet == "snippets/saving/h5.py"


def test_an_output_change_keeps_the_diff_and_a_failure_its_last_lines(report):
    changed = report.blocks[1]
    assert changed.detail.splitlines() == CHANGED_MESSAGE.splitlines()[2:8]
    assert "make update-outputs" not in changed.detail
    failed = report.blocks[2]
    assert failed.detail.splitlines()[-2:] == [
        "ValueError: no longer raises",
        "Run it alone with: python snippets/saving/h5.py",
    ]
    assert len(failed.detail.splitlines()) == next_release_report.ERROR_LINES
    assert "line 0" not in failed.detail


def test_notebooks_checks_and_skipped_blocks_are_apart(report):
    assert [(n.page, n.status) for n in report.notebooks] == [
        ("docs/notebooks/a.ipynb", SAME),
        ("docs/notebooks/b.ipynb", FAILED),
    ]
    assert "KeyError: x" in report.notebooks[1].detail
    assert [(c.test, c.status) for c in report.checks] == [
        ("every snippet is included", SAME),
        ("snippets are fully covered", FAILED),
    ]
    assert [(s.page, s.detail) for s in report.skipped] == [
        ("docs/shapes.md", "shows a shell session")
    ]


def test_the_title_and_summary_count_the_blocks_and_name_the_versions(report):
    assert report.title == "Next TensorFlow/Keras: 4 of 6 block runs differ"
    assert report.summary == (
        "Against TensorFlow 2.23.0.dev20261026 (tf-nightly), Keras 3.16.0.dev2026102704 "
        "(keras-nightly): 4 of 6 block runs differ (1 output-changed, 3 failed); "
        "differ by run: Keras 3 on TensorFlow 4 of 5, legacy tf.keras 0 of 1; "
        "1 of 2 notebooks ran; failed check(s): snippets are fully covered."
    )
    same = parse_junit(junit(case("docs/a.md", "snippets/a/a.py")), dict(VERSIONS))
    assert same.title == "Next TensorFlow/Keras: 0 of 1 block runs differ"


def test_both_files_are_written(report, tmp_path):
    report.date = "2026-12-01 06:00 UTC"
    next_release_report.write(report, tmp_path)
    data = json.loads((tmp_path / "report.json").read_text())
    assert data["versions"] == VERSIONS
    assert data["title"] == report.title
    assert data["summary"] == report.summary
    assert data["counts"] == {
        "blocks": 6, "differ": 4, SAME: 2, CHANGED: 1, FAILED: 3,
        "notebooks": 2, "notebooks_failed": 1, "checks_failed": 1, "skipped": 1,
        "by_run": {
            "Keras 3 on TensorFlow": {"blocks": 5, "differ": 4},
            "legacy tf.keras": {"blocks": 1, "differ": 0},
        },
    }  # fmt: skip
    assert data["blocks"][1] == {
        "page": "docs/shapes.md",
        "test": "snippets/shapes/x.py",
        "status": CHANGED,
        "detail": report.blocks[1].detail,
        "snippet": "snippets/shapes/x.py",
        "seconds": None,
        "calls": [],
    }
    markdown = (tmp_path / "report.md").read_text()
    assert markdown.startswith(f"# {report.title}\n\n**{report.summary}**")
    assert "```diff\n--- expected (snippets/shapes/x.out)" in markdown
    assert "### docs/saving.md `snippets/saving/h5.py`: failed" in markdown
    assert "### docs/notebooks/b.ipynb `every cell runs`: failed" in markdown
    assert "| TensorFlow | 2.23.0.dev20261026 | tf-nightly |" in markdown
    assert "- docs/shapes.md `snippets/shapes/none_batch.py`" in markdown  # the same ones
    assert next_release_report.summary_line(tmp_path) == (
        f"Latest report (2026-12-01 06:00 UTC): {report.summary}"
    )


def test_without_a_report_the_about_page_says_so(tmp_path):
    assert next_release_report.summary_line(tmp_path) == next_release_report.NO_REPORT
    (tmp_path / "report.json").write_text("{not json")
    assert next_release_report.summary_line(tmp_path) == next_release_report.NO_REPORT


def test_the_classname_gives_the_page_without_xunit1():
    xml = junit(
        '<testcase classname="docs.keras-and-tensorflow.md" name="snippets/k/a.py"/>'
        '<testcase classname="docs.notebooks.rnn-sequences.ipynb" name="every cell runs"/>'
    )
    parsed = parse_junit(xml, {})
    assert parsed.blocks[0].page == "docs/keras-and-tensorflow.md"
    assert parsed.notebooks[0].page == "docs/notebooks/rnn-sequences.ipynb"


# The environment ----------------------------------------------------------------

NEXT = {
    "tensorflow": [("tf-nightly", "2.23.0.dev20261026")],
    "keras": [("keras-nightly", "3.16.0.dev2026102704")],
    "tf_keras": [("tf-keras-nightly", "2.23.0.dev2026102618")],
    "tensorboard": [("tb-nightly", "2.21.0a20251023")],
}


def test_one_nightly_tensorflow_and_keras_pass():
    assert next_release.environment_problem(NEXT) is None
    assert next_release.versions_of(NEXT)["tensorflow"] == "2.23.0.dev20261026"
    assert next_release.distributions_of(NEXT)["keras"] == "keras-nightly"


def test_two_tensorflows_fail_in_one_line():
    two = {**NEXT, "tensorflow": [("tensorflow", "2.21.0"), ("tf-nightly", "2.23.0.dev20261026")]}
    problem = next_release.environment_problem(two)
    assert problem is not None
    assert "\n" not in problem
    assert "2 distributions provide `tensorflow` (tensorflow 2.21.0, tf-nightly" in problem
    assert "make test-next REBUILD=1" in problem


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"keras": [("keras", "3.15.1")]}, "`keras` comes from keras 3.15.1, not from a nightly"),
        ({"tensorflow": []}, "no distribution provides `tensorflow`"),
        ({"tf_keras": [("tf-keras", "2.21.0"), ("tf-keras-nightly", "2.23")]}, "`tf_keras`"),
    ],
)
def test_a_stable_or_missing_or_doubled_package_fails(change, words):
    assert words in (next_release.environment_problem({**NEXT, **change}) or "")


def test_this_environment_is_inspected_for_real():
    found = next_release.providers(("pytest", "no_such_module_here"))
    assert found["no_such_module_here"] == []
    assert [name.lower() for name, _ in found["pytest"]] == ["pytest"]


# Exit status: a report, not a gate ------------------------------------------------


def fake_environment(monkeypatch, found=NEXT):
    monkeypatch.setattr(next_release, "providers", lambda modules=(): found)


def test_a_completed_run_exits_0_whatever_the_pages_did(monkeypatch, tmp_path, capsys):
    fake_environment(monkeypatch)

    def pages(root, junit_path, cache):
        assert cache == tmp_path / "cache"
        junit_path.write_text(RUN)
        return 1  # some blocks failed

    monkeypatch.setattr(next_release, "run_pages", pages)
    monkeypatch.setattr(next_release, "ARTIFACTS", tmp_path / "next")
    monkeypatch.setattr(next_release, "CACHE", tmp_path / "cache")
    assert next_release.main(["run"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("# Next TensorFlow/Keras: 4 of 6 block runs differ")
    assert (tmp_path / "next" / "report.json").is_file()


@pytest.mark.parametrize("code", [2, 3, 4, 5])
def test_a_run_that_could_not_happen_exits_1_with_one_line(monkeypatch, tmp_path, capsys, code):
    fake_environment(monkeypatch)
    monkeypatch.setattr(next_release, "run_pages", lambda root, junit_path, cache: code)
    monkeypatch.setattr(next_release, "ARTIFACTS", tmp_path / "next")
    assert next_release.main(["run"]) == 1
    error = capsys.readouterr().err
    assert (
        error
        == f"make test-next: pytest could not run the pages under the next release (exit {code})\n"
    )


def test_two_tensorflows_stop_the_run_before_the_pages(monkeypatch, capsys):
    fake_environment(monkeypatch, {**NEXT, "keras": [("keras", "3.15.1")]})
    monkeypatch.setattr(next_release, "run_pages", pytest.fail)
    assert next_release.main(["check"]) == 1
    assert next_release.main(["run"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert all("not from a nightly" in line for line in lines)
    with pytest.raises(CannotRun):
        next_release.run()


# The upgrade path: output-changed blocks are the files `make update-outputs` rewrites ----


def test_output_changed_blocks_are_what_update_outputs_rewrites(pytester):
    shutil.copytree(FIXTURE, pytester.path, dirs_exist_ok=True)
    page = pytester.path / "docs" / "page.md"
    folder = pytester.path / "snippets" / "page"
    blocks = {
        "same.py": ("print('same')\n", "same\n"),
        # a new release's decimals
        "drift.py": ("import numpy as np\nprint(np.round(1 / 3, 4))\n", "0.333\n"),
        "gone.py": ("raise KeyError('no longer there')\n", "anything\n"),  # fails: not rewritten
    }
    for name, (code, out) in blocks.items():
        (folder / name).write_text(code)
        (folder / name).with_suffix(".out").write_text(out)
        with page.open("a") as text:
            stem = Path(name).stem
            text.write(
                f'\n```python\n--8<-- "page/{name}"\n```\n\n'
                "<!--pytest-codeblocks:expected-output-->\n\n"
                f'```text\n--8<-- "page/{stem}.out"\n```\n'
            )
    (folder / "hello.out").write_text("hello 1\nrun as __main__\n")  # seeded: 654
    arguments = ["-p", "verify.pytest_plugin", "-p", "no:cacheprovider"]
    arguments += ["-o", "junit_family=xunit1", "docs", "mkdocs.yml"]

    result = pytester.runpytest_subprocess(*arguments, "--junitxml=next.xml")
    assert result.ret == 1
    report = parse_junit((pytester.path / "next.xml").read_text(), dict(VERSIONS))
    assert statuses(report) == {
        "snippets/page/hello.py": CHANGED,
        "snippets/page/same.py": SAME,
        "snippets/page/drift.py": CHANGED,
        "snippets/page/gone.py": FAILED,
    }

    # The report names the APIs a changed block called (recorded while it ran).
    drift = next(b for b in report.blocks if b.test == "snippets/page/drift.py")
    assert drift.calls == ["np.round"]
    assert "Calls: `np.round`" in report.markdown()

    before = {path.name: path.read_text() for path in folder.glob("*.out")}
    pytester.runpytest_subprocess(*arguments, "--update-outputs")
    rewritten = {p.name for p in folder.glob("*.out") if p.read_text() != before[p.name]}
    changed = {
        Path(b.snippet).with_suffix(".out").name for b in report.blocks if b.status == CHANGED
    }
    assert rewritten == changed == {"hello.out", "drift.out"}


# The About page ------------------------------------------------------------------


def test_the_about_page_shows_the_latest_summary_or_says_there_is_none(tmp_path, report):
    spec = importlib.util.spec_from_file_location("next_hook", ROOT / "hooks" / "next_release.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    assert about.count(hook.MARKER) == 1
    config = {"config_file_path": str(tmp_path / "mkdocs.yml")}

    page = hook.on_page_markdown(about, None, config, None)
    assert hook.MARKER not in page
    assert next_release_report.NO_REPORT in page

    report.date = "2026-12-01 06:00 UTC"
    next_release_report.write(report, tmp_path / "test-artifacts" / "next")
    page = hook.on_page_markdown(about, None, config, None)
    assert f"Latest report (2026-12-01 06:00 UTC): {report.summary}" in page
    assert hook.on_page_markdown("no marker", None, config, None) == "no marker"


def test_the_apis_every_differing_block_called_are_named():
    run = junit(
        case(
            "docs/r.md",
            "snippets/r/a.py",
            failure(CHANGED_MESSAGE),
            outcome=CHANGED,
            calls="keras.layers.LSTM keras.Model.fit",
        ),
        case(
            "docs/r.md",
            "snippets/r/b.py",
            failure(FAILED_MESSAGE),
            calls="keras.layers.LSTM np.ones",
        ),
        case("docs/r.md", "snippets/r/c.py", calls="keras.layers.Dense"),
    )
    report = parse_junit(run, dict(VERSIONS))
    text = report.markdown()
    assert "Every block that differs calls `keras.layers.LSTM`." in text
    assert "Calls: `keras.Model.fit`, `keras.layers.LSTM`" in text
    assert report.to_json()["blocks"][2]["calls"] == ["keras.layers.Dense"]


def test_the_jax_runs_are_reported_as_runs_of_their_own():
    """make test-next runs every block that can on JAX too (jax from requirements.txt):
    its runs are blocks of the report, counted apart, with JAX's version named."""
    run = junit(
        case("docs/shapes.md", "snippets/shapes/a.py"),
        case("docs/shapes.md", "snippets/shapes/a.py[jax]"),
        case(
            "docs/shapes.md",
            "snippets/shapes/b.py[jax]",
            failure(CHANGED_MESSAGE),
            outcome=CHANGED,
        ),
        case("docs/shapes.md", "snippets/shapes/b.py"),
    )
    report = parse_junit(run, {**VERSIONS, "jax": "0.12.0.1"}, DISTRIBUTIONS)
    assert [(block.test, block.run, block.status) for block in report.blocks] == [
        ("snippets/shapes/a.py", "Keras 3 on TensorFlow", SAME),
        ("snippets/shapes/a.py[jax]", "Keras 3 on JAX", SAME),
        ("snippets/shapes/b.py[jax]", "Keras 3 on JAX", CHANGED),
        ("snippets/shapes/b.py", "Keras 3 on TensorFlow", SAME),
    ]
    assert report.by_run() == {"Keras 3 on TensorFlow": (2, 0), "Keras 3 on JAX": (2, 1)}
    assert "differ by run: Keras 3 on TensorFlow 0 of 2, Keras 3 on JAX 1 of 2" in report.summary
    assert report.to_json()["counts"]["by_run"]["Keras 3 on JAX"] == {"blocks": 2, "differ": 1}
    assert "| JAX | 0.12.0.1 |" in report.markdown()
