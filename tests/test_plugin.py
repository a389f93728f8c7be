"""The page plugin itself: fed bad input, the run fails and names the right file.

Each test copies the small project in tests/fixtures/project, breaks one thing,
and runs pytest with the plugin on it in a subprocess. A test of many variants of one bad
input (fences, marks) puts each variant on a page of its own and runs them all at once:
each variant's test then finds its page named in a failure of that run.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from harness import FIXTURE, PLUGIN, copy_fixture, run_plugin

INCLUDE = '```python\n--8<-- "page/{}"\n```\n'


@pytest.fixture
def project(pytester, monkeypatch):
    shutil.copytree(FIXTURE, pytester.path, dirs_exist_ok=True)
    return pytester.path


def verify(pytester, *args):
    """Run the plugin on the copied project; return the result and its whole output."""
    result = pytester.runpytest_subprocess(*PLUGIN, "-rs", "docs", "mkdocs.yml", *args)
    return result, result.stdout.str()


def verify_pages(folder: Path, pages: dict[str, str]) -> dict:
    """One run of the plugin on a copy of the small project with `pages` added ({name:
    text}, each with its own bad input): what each page's failures say, and the run's end.

    For the tests of one kind of bad input in many variants: one process, not one per
    variant, while each variant, on a page of its own, is still checked by its own test
    (its failure must name its page)."""
    copy_fixture(folder)
    for name, text in pages.items():
        (folder / "docs" / name).write_text(text)
    done = run_plugin(folder)
    # pytest's report: one section per failure, under a "____ name ____" line.
    sections = re.split(r"^_{3,} .* _{3,}$", done.stdout, flags=re.M)[1:]
    failures = {
        name: [s for s in sections if s.lstrip().startswith(f"docs/{name}:")] for name in pages
    }
    last = done.stdout.splitlines()[-1] if done.stdout else done.stderr
    return {"exit": done.returncode, "failures": failures, "last": last, "output": done.stdout}


def failures_of(run: dict, name: str) -> list[str]:
    """The failures of `run` that name the page `name`; there must be one."""
    assert run["exit"] != 0
    assert run["failures"][name], f"no failure names docs/{name}: {run['last']}"
    return run["failures"][name]


def add_snippet(project: Path, name: str, code: str, fence: str = INCLUDE) -> None:
    (project / "snippets" / "page" / name).write_text(code)
    with (project / "docs" / "page.md").open("a") as page:
        page.write("\n" + fence.format(name))


def test_a_good_project_passes_with_one_test_per_block(project, pytester):
    result, output = verify(pytester, "-v")
    result.assert_outcomes(passed=3)  # the block, the orphan check, the coverage check
    assert "docs/page.md::snippets/page/hello.py PASSED" in output
    assert "mkdocs.yml::every snippet is included PASSED" in output
    assert "mkdocs.yml::snippets are fully covered PASSED" in output


def test_a_snippet_that_raises_names_its_file_line_and_page(project, pytester):
    add_snippet(project, "boom.py", "x = 1\nraise ValueError('boom')\n")
    result, output = verify(pytester)
    result.assert_outcomes(passed=3, failed=1)
    assert "snippets/page/boom.py failed, included by docs/page.md:13" in output
    assert 'page/boom.py", line 2, in <module>' in output
    assert "ValueError: boom" in output
    assert "Run it alone with: python snippets/page/boom.py" in output


def test_a_missing_include_names_the_path(project, pytester):
    with (project / "docs" / "page.md").open("a") as page:
        page.write('\n```python\n--8<-- "page/missing.py"\n```\n')
    result, output = verify(pytester)
    assert result.ret != 0
    assert "docs/page.md" in output
    assert "page/missing.py" in output


def test_an_orphan_snippet_fails_with_its_path(project, pytester):
    (project / "snippets" / "page" / "stray.py").write_text("print('nobody includes me')\n")
    result, output = verify(pytester)
    assert result.ret != 0
    assert "orphan snippet(s), included by no page" in output
    assert "snippets/page/stray.py" in output


def test_an_output_mismatch_shows_a_diff_and_update_outputs_fixes_it(project, pytester):
    out = project / "snippets" / "page" / "hello.out"
    out.write_text("hello 1\nrun as __main__\n")
    result, output = verify(pytester)
    result.assert_outcomes(passed=2, failed=1)
    assert "--- expected (snippets/page/hello.out)" in output
    assert "-hello 1" in output
    assert "+hello 654" in output
    assert "make update-outputs" in output

    verify(pytester, "--update-outputs")[0].assert_outcomes(passed=3)
    assert out.read_text() == "hello 654\nrun as __main__\n"
    verify(pytester)[0].assert_outcomes(passed=3)


FENCES_CODEBLOCKS_WOULD_SKIP = [
    '```python title="x.py"\n--8<-- "page/hello.py"\n```\n',
    '```python hl_lines="1"\n--8<-- "page/hello.py"\n```\n',
    '```py\n--8<-- "page/hello.py"\n```\n',
    '```pycon\n--8<-- "page/hello.py"\n```\n',
    '~~~python\n--8<-- "page/hello.py"\n~~~\n',
]


@pytest.fixture(scope="module")
def fence_pages(tmp_path_factory):
    """Each fence on a page of its own (fence_N.md), line 3; one run for all."""
    fences = FENCES_CODEBLOCKS_WOULD_SKIP
    pages = {f"fence_{n}.md": f"# Fence {n}\n\n{fence}" for n, fence in enumerate(fences)}
    return verify_pages(tmp_path_factory.mktemp("fences"), pages)


@pytest.mark.parametrize("fence", FENCES_CODEBLOCKS_WOULD_SKIP)
def test_a_fence_pytest_codeblocks_would_skip_fails(fence_pages, fence):
    name = f"fence_{FENCES_CODEBLOCKS_WOULD_SKIP.index(fence)}.md"
    found = failures_of(fence_pages, name)
    assert f"docs/{name}:3" in found[0]
    assert "fence" in found[0]
    assert "--8<-- include" in found[0]


def test_a_skip_needs_a_reason_and_is_reported(project, pytester):
    fence = '<!--pytest.mark.skip(reason="shows a shell session")-->\n```console\n$ make\n```\n'
    add_snippet(project, "unused.txt", "", fence)
    (project / "snippets" / "page" / "unused.txt").unlink()
    result, output = verify(pytester)
    result.assert_outcomes(passed=3, skipped=1)
    assert "shows a shell session" in output

    page = project / "docs" / "page.md"
    page.write_text(page.read_text().replace('(reason="shows a shell session")', ""))
    result, output = verify(pytester)
    assert result.ret != 0
    assert "a skipped block needs a reason" in output


def test_code_typed_into_a_page_must_come_from_snippets(project, pytester):
    with (project / "docs" / "page.md").open("a") as page:
        page.write("\n```python\nprint('typed in the page')\n```\n")
    result, output = verify(pytester)
    assert result.ret != 0
    assert "docs/page.md:13: code on the site comes from snippets/" in output


def test_a_snippet_that_opens_a_socket_fails_offline(project, pytester):
    code = "import socket\n\nsocket.create_connection(('127.0.0.1', 9))\n"
    add_snippet(project, "online.py", code)
    result, output = verify(pytester)
    assert result.ret != 0
    assert "snippets/page/online.py failed" in output
    assert 'page/online.py", line 3' in output
    assert "The snippet tried to use the network" in output


def test_a_snippet_that_hangs_is_stopped_with_a_clear_message(project, pytester):
    add_snippet(project, "hang.py", "import time\n\ntime.sleep(120)\n")
    result, output = verify(pytester)
    assert result.ret != 0
    assert "snippets/page/hang.py failed" in output
    assert 'page/hang.py", line 3' in output
    assert "hang.py ran longer than 3 s" in output


def test_a_subprocess_block_runs_in_its_own_process(project, pytester):
    code = "import sys\n\nprint('plugin loaded here:', 'verify.pytest_plugin' in sys.modules)\n"
    fence = '<!--pytest.mark.subprocess-->\n```python\n--8<-- "page/{}"\n```\n'
    fence += "\n<!--pytest-codeblocks:expected-output-->\n\n"
    fence += "```text\nplugin loaded here: False\n```\n"
    add_snippet(project, "alone.py", code, fence)
    verify(pytester)[0].assert_outcomes(passed=4)

    (project / "snippets" / "page" / "alone.py").write_text("import sys\n\nsys.exit(3)\n")
    result, output = verify(pytester)
    assert result.ret != 0
    assert "snippets/page/alone.py failed" in output
    assert "SystemExit: 3" in output


def test_uncovered_snippet_lines_fail_the_coverage_check(project, pytester):
    add_snippet(project, "branch.py", "if 1 > 2:\n    print('never')\nprint('always')\n")
    result, output = verify(pytester)
    result.assert_outcomes(passed=3, failed=1)
    assert "line coverage of snippets/ is" in output
    assert "snippets/page/branch.py" in output
    assert "1 of 3 lines never ran: 2" in output


def test_a_block_writes_only_into_its_own_directory(project, pytester):
    code = "from pathlib import Path\n\nPath('out.txt').write_text('x')\n"
    add_snippet(project, "writes.py", code)
    verify(pytester)[0].assert_outcomes(passed=4)
    assert not list(project.rglob("out.txt"))


# --- then-vs-now: Keras 3 and legacy tf.keras, both shown, both checked ----------------

CHANGE = (
    "import os\n\n"
    'legacy = os.environ.get("TF_USE_LEGACY_KERAS") == "1"\n'
    'print("tf.keras 2" if legacy else "Keras 3")\n'
)
PAIR = (
    '<!--pytest.mark.then_vs_now-->\n\n```python\n--8<-- "page/{}"\n```\n\n'
    "<!--pytest-codeblocks:expected-output-->\n\n"
    '=== "Output — Keras 3"\n\n    ```text\n    --8<-- "page/change.out"\n    ```\n\n'
    '=== "Output — tf.keras 2"\n\n    ```text\n    --8<-- "page/change.tf_keras.out"\n    ```\n'
)


def add_pair(project: Path, code: str, keras3: str, legacy: str) -> None:
    (project / "snippets" / "page" / "change.out").write_text(keras3)
    (project / "snippets" / "page" / "change.tf_keras.out").write_text(legacy)
    add_snippet(project, "change.py", code, PAIR)


def test_a_then_vs_now_pair_runs_both_ways_and_shows_both(project, pytester):
    add_pair(project, CHANGE, "Keras 3\n", "tf.keras 2\n")
    result, output = verify(pytester, "-v")
    result.assert_outcomes(passed=5)
    assert "docs/page.md::snippets/page/change.py PASSED" in output
    assert "docs/page.md::snippets/page/change.py[tf_keras] PASSED" in output


def test_a_then_vs_now_pair_that_prints_the_same_fails(project, pytester):
    add_pair(project, "print('same')\n", "same\n", "same\n")
    result, output = verify(pytester)
    assert result.ret != 0
    same = "snippets/page/change.out and snippets/page/change.tf_keras.out are the same"
    assert f"docs/page.md:15: {same}" in output
    assert "must show a change" in output


def test_a_legacy_run_that_prints_what_keras_3_printed_fails(project, pytester):
    add_pair(project, "print('Keras 3')\n", "Keras 3\n", "tf.keras 2\n")
    result, output = verify(pytester)
    result.assert_outcomes(passed=4, failed=1)
    assert "printed the same under legacy tf.keras as under Keras 3" in output


def test_a_legacy_run_that_raises_names_the_file(project, pytester):
    code = CHANGE.replace('"tf.keras 2" if legacy', "1 / 0 if legacy")
    add_pair(project, code, "Keras 3\n", "tf.keras 2\n")
    result, output = verify(pytester)
    result.assert_outcomes(passed=4, failed=1)
    assert "snippets/page/change.py failed under legacy tf.keras (TF_USE_LEGACY_KERAS=1)" in output
    assert "ZeroDivisionError" in output
    assert 'page/change.py", line 4' in output
    assert "Run it alone with: TF_USE_LEGACY_KERAS=1 python snippets/page/change.py" in output


def test_legacy_runs_share_a_process_and_one_that_dies_names_its_block(project, pytester):
    """The legacy runs run one after another in one kept process (verify/own_process.py);
    a block that ends it fails under its own name, and the next legacy run gets a new one."""
    dies = CHANGE.replace('print("tf.keras 2" if legacy else "Keras 3")', "legacy and os._exit(3)")
    dies += 'print("Keras 3")\n'
    for name, code, keras3, legacy in [
        ("change", dies, "Keras 3\n", "tf.keras 2\n"),
        ("after", CHANGE, "Keras 3\n", "tf.keras 2\n"),
    ]:
        (project / "snippets" / "page" / f"{name}.out").write_text(keras3)
        (project / "snippets" / "page" / f"{name}.tf_keras.out").write_text(legacy)
        add_snippet(project, f"{name}.py", code, PAIR.replace("change", name))
    result, output = verify(pytester, "-v")
    result.assert_outcomes(passed=6, failed=1)
    assert "docs/page.md::snippets/page/change.py[tf_keras] FAILED" in output
    assert "docs/page.md::snippets/page/after.py[tf_keras] PASSED" in output
    assert (
        "snippets/page/change.py, included by docs/page.md:15, ran in its own process under "
        "legacy tf.keras (TF_USE_LEGACY_KERAS=1), which died (exit 3)"
    ) in output


def test_a_then_vs_now_block_without_its_legacy_output_fails(project, pytester):
    (project / "snippets" / "page" / "change.out").write_text("Keras 3\n")
    fence = PAIR.split('\n\n=== "Output — tf.keras 2')[0] + "\n"
    add_snippet(project, "change.py", CHANGE, fence)
    result, output = verify(pytester)
    assert result.ret != 0
    assert "docs/page.md:15: a then_vs_now block shows what legacy tf.keras prints too" in output
    assert "change.tf_keras.out" in output


# --- nothing a page says can turn a failure into a pass --------------------------------

RAISES = "raise ValueError('broken')\n"


MARKS_OUTSIDE_THE_ALLOW_LIST = [
    "<!--pytest.mark.xfail-->",
    "<!--pytest.mark.xfail(reason='known', strict=False)-->",
    "<!--pytest.mark.skipif(True, reason='never here')-->",
    "<!--pytest.mark.filterwarnings('error')-->",
    "<!--pytest.mark.skip-->",
    "<!--pytest.mark.skip(reason='todo')-->",
    "<!--pytest-codeblocks:expect-exception-->",
    "<!--pytest-codeblocks:skip-->",
    "<!--pytest-codeblocks:skipif(True)-->",
    "<!--pytest-codeblocks:importorskip(no_such_module)-->",
    "<!-- pytest-codeblocks:expected-output-ignore-whitespace -->",
]


@pytest.fixture(scope="module")
def mark_pages(tmp_path_factory):
    """Each mark, line 3, before a block that raises (line 4), on a page of its own
    (mark_N.md); one run for all."""
    folder = tmp_path_factory.mktemp("marks")
    snippets = folder / "snippets" / "page"
    snippets.mkdir(parents=True)
    pages = {}
    for n, comment in enumerate(MARKS_OUTSIDE_THE_ALLOW_LIST):
        (snippets / f"broken_{n}.py").write_text(RAISES)
        pages[f"mark_{n}.md"] = f"# Mark {n}\n\n{comment}\n{INCLUDE.format(f'broken_{n}.py')}"
    return verify_pages(folder, pages)


@pytest.mark.parametrize("comment", MARKS_OUTSIDE_THE_ALLOW_LIST)
def test_a_mark_outside_the_allow_list_fails_naming_the_page(mark_pages, comment):
    name = f"mark_{MARKS_OUTSIDE_THE_ALLOW_LIST.index(comment)}.md"
    found = failures_of(mark_pages, name)
    assert re.match(rf"docs/{name}:[34]: ", found[0].lstrip())
    assert any("What a page may say to the runner:" in failure for failure in found)
    assert "xfail" not in mark_pages["last"]
    assert "XPASS" not in mark_pages["output"]


def test_a_continued_block_fails_naming_the_page(project, pytester):
    (project / "snippets" / "page" / "part.py").write_text("print('part')\n")
    fence = '<!--pytest-codeblocks:cont-->\n\n```python\n--8<-- "page/{}"\n```\n'
    add_snippet(project, "part.py", "print('part')\n", fence)
    result, output = verify(pytester)
    assert result.ret != 0
    assert "docs/page.md:13: <!--pytest-codeblocks:cont-->" in output


def test_a_page_that_skips_its_whole_file_fails(project, pytester):
    page = project / "docs" / "page.md"
    page.write_text("<!--pytest-codeblocks:skipfile-->\n" + page.read_text())
    result, output = verify(pytester)
    assert result.ret != 0
    assert "docs/page.md:1: <!--pytest-codeblocks:skipfile-->" in output


def test_every_skipped_block_is_listed_with_its_page_line_and_reason(project, pytester):
    fence = '<!--pytest.mark.skip(reason="shows a shell session")-->\n```console\n$ make\n```\n'
    add_snippet(project, "unused.txt", "", fence)
    (project / "snippets" / "page" / "unused.txt").unlink()
    result, output = verify(pytester)
    result.assert_outcomes(passed=3, skipped=1)
    assert "1 block(s) not run, and why" in output
    assert "docs/page.md:14: shows a shell session" in output


def test_a_page_whose_blocks_all_skip_fails(project, pytester):
    page = project / "docs" / "page.md"
    skip = '<!--pytest.mark.skip(reason="needs a GPU, which CI does not have")-->\n'
    page.write_text(page.read_text().replace("```python", skip + "```python", 1))
    result, output = verify(pytester)
    assert result.ret != 0
    assert "docs/page.md: every block of this page is skipped" in output
    # ...and the coverage check does not skip itself: the published snippet never ran.
    assert "publish code from snippets/ but ran no block" in output


def test_the_coverage_check_skips_only_when_pages_were_left_out(project, pytester):
    (project / "snippets" / "other").mkdir()
    (project / "snippets" / "other" / "x.py").write_text("print('other')\n")
    (project / "docs" / "other.md").write_text('# Other\n\n```python\n--8<-- "other/x.py"\n```\n')
    verify(pytester)[0].assert_outcomes(passed=4)  # every page: the check runs
    result = pytester.runpytest_subprocess(
        "-p", "verify.pytest_plugin", "-p", "no:cacheprovider", "-rs", "docs/page.md", "mkdocs.yml"
    )  # fmt: skip
    result.assert_outcomes(passed=2, skipped=1)
    assert "not every page was collected in this session" in result.stdout.str()


# --- the reader's run: same output in any terminal, no settings left behind -----------


def test_a_block_that_prints_to_the_terminal_s_width_fails(project, pytester):
    code = "import shutil\n\nprint('-' * (shutil.get_terminal_size().columns // 10))\n"
    add_snippet(project, "ruler.py", code, INCLUDE.replace("```\n", "```\n", 1))
    result, output = verify(pytester)
    assert result.ret != 0
    assert "snippets/page/ruler.py, included by docs/page.md:13, prints something else" in output
    assert "+" + "-" * 20 in output
    assert "-" + "-" * 8 in output


def test_a_block_that_asks_the_width_but_prints_the_same_passes(project, pytester):
    code = "import shutil\n\nprint(min(shutil.get_terminal_size().columns, 80))\n"
    add_snippet(project, "fits.py", code)
    verify(pytester)[0].assert_outcomes(passed=4)


def test_a_block_that_leaves_a_global_setting_changed_fails(project, pytester):
    code = "import numpy as np\n\nnp.set_printoptions(precision=2)\nprint(np.pi * np.ones(1))\n"
    add_snippet(project, "leaks.py", code)
    result, output = verify(pytester)
    result.assert_outcomes(passed=3, failed=1)
    assert "leaks.py changed NumPy's print options (np.set_printoptions)" in output
    assert "did not set it back" in output
    assert "try/finally" in output


def test_a_block_that_restores_a_global_setting_passes(project, pytester):
    code = (
        "import numpy as np\n\n"
        "with np.printoptions(precision=2):\n"
        "    print(np.pi * np.ones(1))\n"
        "print(np.pi * np.ones(1))\n"
    )
    add_snippet(project, "restores.py", code)
    verify(pytester)[0].assert_outcomes(passed=4)


# --- the cache of passing block runs (.cache/blocks/) -------------------------------

COUNTED = (
    "import os\n\n"
    "with open(os.environ['RUNS_LOG'], 'a') as log:\n"
    "    log.write('ran\\n')\n"
    "print('hi')\n"
)


COUNTED_ENTRIES = "blocks/**/counted.py/*/result.json"


def runs(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


@pytest.fixture
def counted(project, pytester, monkeypatch, tmp_path_factory):
    """A block that notes in a log each time it really runs."""
    log = tmp_path_factory.mktemp("log") / "runs.log"
    monkeypatch.setenv("RUNS_LOG", str(log))
    (project / "snippets" / "page" / "counted.out").write_text("hi\n")
    fence = (
        INCLUDE
        + "\n<!--pytest-codeblocks:expected-output-->\n\n"
        + ('```text\n--8<-- "page/counted.out"\n```\n')
    )
    add_snippet(project, "counted.py", COUNTED, fence)
    return log


def test_an_unchanged_block_is_reused_and_any_change_runs_it_again(
    project, pytester, counted, monkeypatch
):
    verify(pytester)[0].assert_outcomes(passed=4)
    assert runs(counted) == 1
    result, output = verify(pytester, "-v")  # nothing changed: the passing run is reused
    result.assert_outcomes(passed=4)
    assert runs(counted) == 1
    assert "mkdocs.yml::snippets are fully covered PASSED" in output  # its lines were kept
    snippet = project / "snippets" / "page" / "counted.py"
    snippet.write_text(COUNTED + "# changed\n")  # the snippet's bytes
    verify(pytester)[0].assert_outcomes(passed=4)
    assert runs(counted) == 2
    (project / "snippets" / "page" / "counted.out").write_text("hello\n")  # its output
    verify(pytester)[0].assert_outcomes(passed=3, failed=1)
    assert runs(counted) == 3
    (project / "snippets" / "page" / "counted.out").write_text("hi\n")
    verify(pytester)[0].assert_outcomes(passed=4)
    assert runs(counted) == 3  # the failure was not stored: the last passing run is reused
    (project / "requirements.txt").write_text("numpy==0.0\n")  # a pinned version
    verify(pytester)[0].assert_outcomes(passed=4)
    assert runs(counted) == 4
    verify(pytester, "--fresh")[0].assert_outcomes(passed=4)  # make test-all
    assert runs(counted) == 5
    monkeypatch.setenv("KERAS_BACKEND", "numpy")  # an environment variable it sees
    verify(pytester)[0].assert_outcomes(passed=4)
    assert runs(counted) == 6


def test_a_failing_block_is_never_reused(project, pytester, counted):
    (project / "snippets" / "page" / "counted.out").write_text("not what it prints\n")
    for expected_runs in (1, 2):
        verify(pytester)[0].assert_outcomes(passed=3, failed=1)
        assert runs(counted) == expected_runs
    assert not list((project / ".cache").glob(COUNTED_ENTRIES))
    assert list((project / ".cache").glob("blocks/**/hello.py/*/result.json"))  # it passed


@pytest.mark.parametrize("damage", ["truncated", "not json", "a failure", "missing"])
def test_a_damaged_entry_runs_the_block_again(project, pytester, counted, damage):
    verify(pytester)[0].assert_outcomes(passed=4)
    [entry] = (project / ".cache").glob(COUNTED_ENTRIES)
    text = entry.read_text()
    if damage == "truncated":
        entry.write_text(text[: len(text) // 2])
    elif damage == "not json":
        entry.write_text("<html>")
    elif damage == "a failure":
        entry.write_text(text.replace('"error": null', '"error": "Traceback"'))
    else:
        entry.unlink()
    verify(pytester)[0].assert_outcomes(passed=4)
    assert runs(counted) == 2


# --- parallel workers (pytest-xdist) -------------------------------------------------


def test_in_parallel_the_coverage_check_runs_once_over_every_worker_s_lines(project, pytester):
    for name in ("one", "two", "three"):
        add_snippet(project, f"{name}.py", f"def f():\n    return '{name}'\n\n\nprint(f())\n")
    result, output = verify(pytester, "-n", "2", "-v")
    result.assert_outcomes(passed=3 + 3)
    assert output.count("snippets are fully covered PASSED") == 1
    assert re.search(r"\[gw0\].*PASSED", output)
    assert re.search(r"\[gw1\].*PASSED", output)
    assert "100 % (" in output


def test_in_parallel_a_line_that_never_ran_still_fails_under_its_test_id(project, pytester):
    add_snippet(project, "branch.py", "if 1 > 2:\n    print('never')\nprint('always')\n")
    result, output = verify(pytester, "-n", "2", "-v")
    assert result.ret == 1
    result.assert_outcomes(passed=3, failed=1)
    assert "mkdocs.yml::snippets are fully covered FAILED" in output
    assert "snippets/page/branch.py: 1 of 3 lines never ran: 2" in output


@pytest.mark.parametrize(
    ("options", "refused"),
    [
        (["--update-outputs"], "--update-outputs rewrites the expected outputs"),
        (["-k", "hello"], "-k, -m and --deselect leave blocks out"),
        (["--deselect", "docs/page.md::snippets/page/hello.py"], "-k, -m and --deselect"),
    ],
    ids=["update-outputs", "-k", "--deselect"],
)
def test_a_full_run_refuses_options_that_change_what_is_verified(project, options, refused):
    done = run_plugin(project, "--full-run", *options, "docs", "mkdocs.yml")
    assert done.returncode == pytest.ExitCode.USAGE_ERROR
    assert "a full run (make test, as CI runs it) verifies everything; it refuses" in done.stderr
    assert refused in done.stderr


def test_addopts_cannot_switch_checks_off_in_a_full_run(project):
    (project / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\naddopts = "--update-outputs"\n'
        "[tool.verify]\nsnippet_timeout = 3\n"
    )
    done = run_plugin(project, "--full-run", "docs", "mkdocs.yml")
    assert done.returncode == pytest.ExitCode.USAGE_ERROR
    assert "addopts holds '--update-outputs'" in done.stderr


def test_a_full_run_that_leaves_pages_out_fails(project):
    (project / "docs" / "other.md").write_text("# Other\n\nNo code here.\n")
    done = run_plugin(project, "--full-run", "docs/page.md", "mkdocs.yml")
    assert done.returncode == 1
    assert "not every page under docs/ was collected in this full run" in done.stdout
    without = run_plugin(project, "--full-run", "docs")
    assert without.returncode == 1
    assert "mkdocs.yml was not collected in this full run" in without.stdout
