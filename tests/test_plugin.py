"""The page plugin itself: fed bad input, the run fails and names the right file.

Each test copies the small project in tests/fixtures/project, breaks one thing,
and runs pytest with the plugin on it in a subprocess.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
FIXTURE = TESTS / "fixtures" / "project"
INCLUDE = '```python\n--8<-- "page/{}"\n```\n'


@pytest.fixture
def project(pytester, monkeypatch):
    shutil.copytree(FIXTURE, pytester.path, dirs_exist_ok=True)
    monkeypatch.setenv("PYTHONPATH", str(TESTS))
    return pytester.path


def verify(pytester, *args):
    """Run the plugin on the copied project; return the result and its whole output."""
    result = pytester.runpytest_subprocess(
        "-p", "pages_plugin", "-p", "no:cacheprovider", "-o", "snippet_timeout=3", "-rs",
        "docs", "mkdocs.yml", *args,
    )  # fmt: skip
    return result, result.stdout.str()


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
    assert "docs/page.md" in output and "page/missing.py" in output


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
    assert "-hello 1" in output and "+hello 654" in output
    assert "make update-outputs" in output

    verify(pytester, "--update-outputs")[0].assert_outcomes(passed=3)
    assert out.read_text() == "hello 654\nrun as __main__\n"
    verify(pytester)[0].assert_outcomes(passed=3)


@pytest.mark.parametrize(
    "fence",
    [
        '```python title="x.py"\n--8<-- "page/{}"\n```\n',
        '```python hl_lines="1"\n--8<-- "page/{}"\n```\n',
        '```py\n--8<-- "page/{}"\n```\n',
        '```pycon\n--8<-- "page/{}"\n```\n',
        '~~~python\n--8<-- "page/{}"\n~~~\n',
    ],
)
def test_a_fence_pytest_codeblocks_would_skip_fails(project, pytester, fence):
    add_snippet(project, "extra.py", "print('shown but never run?')\n", fence)
    result, output = verify(pytester)
    assert result.ret != 0
    assert "docs/page.md:13" in output
    assert "fence" in output and "--8<-- include" in output


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
    assert result.ret != 0 and "a skipped block needs a reason" in output


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
    code = "import sys\n\nprint('plugin loaded here:', 'pages_plugin' in sys.modules)\n"
    fence = '<!--pytest.mark.subprocess-->\n```python\n--8<-- "page/{}"\n```\n'
    fence += "\n<!--pytest-codeblocks:expected-output-->\n\n"
    fence += "```text\nplugin loaded here: False\n```\n"
    add_snippet(project, "alone.py", code, fence)
    verify(pytester)[0].assert_outcomes(passed=4)

    (project / "snippets" / "page" / "alone.py").write_text("import sys\n\nsys.exit(3)\n")
    result, output = verify(pytester)
    assert result.ret != 0
    assert "snippets/page/alone.py failed" in output and "SystemExit: 3" in output


def test_uncovered_snippet_lines_fail_the_coverage_check(project, pytester):
    add_snippet(project, "branch.py", "if 1 > 2:\n    print('never')\nprint('always')\n")
    result, output = verify(pytester)
    result.assert_outcomes(passed=3, failed=1)
    assert "line coverage of snippets/ is" in output
    assert "snippets/page/branch.py" in output and "1 of 3 lines never ran: 2" in output


def test_a_block_writes_only_into_its_own_directory(project, pytester):
    code = "from pathlib import Path\n\nPath('out.txt').write_text('x')\n"
    add_snippet(project, "writes.py", code)
    verify(pytester)[0].assert_outcomes(passed=4)
    assert not list(project.rglob("out.txt"))
