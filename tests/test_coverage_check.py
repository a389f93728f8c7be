"""verify/coverage_check.py: the lines of a snippet that ran, measured by coverage.py.

Real coverage.py with its sys.monitoring core, on real files, through the runner the
pages use (verify/run.py).
"""

import contextlib
import sys
import traceback

import pytest

from verify import coverage_check
from verify.run import run_block

SNIPPET = '''"""A docstring is not a line that must run."""

from __future__ import annotations


def used(x):
    """Nor is a function's docstring."""
    if x > 0:
        return x
    return -x


def unused():
    return 0


class Box:
    size = 3

    def __init__(self):
        self.items = [used(-2) for _ in range(2)]


total = (
    used(1)
    + Box().size
)
try:
    {}["k"]  # raises KeyError
except KeyError:
    total += 1
else:
    total -= 1
print(total)
'''


@pytest.fixture
def snippet(tmp_path):
    path = tmp_path / "snippet.py"
    path.write_text(SNIPPET, encoding="utf-8")
    return path


def test_the_lines_that_never_ran_are_exactly_the_dead_ones(snippet):
    ran: set[int] = set()
    result = run_block(SNIPPET, str(snippet), 30, ran)
    assert result.error is None
    assert result.stdout == "5\n"
    assert result.lines == sorted(ran)
    found = coverage_check.never_ran(snippet, ran)
    assert found.missing == [14, 33]  # unused()'s body and the else branch
    assert found.missing_ranges == "14, 33"
    statements = set(coverage_check.never_ran(snippet, ()).missing)
    assert found.statements == len(statements) == 18
    assert not {1, 7} & statements  # docstrings are not lines that must run
    assert {6, 8, 9, 10, 13, 17, 18, 20, 21, 24, 28, 29, 31, 34} <= ran


def test_nothing_ran_reports_every_statement_in_ranges(snippet):
    found = coverage_check.never_ran(snippet, ())
    assert found.statements == len(found.missing) > 10
    assert found.missing_ranges.startswith("3-")  # contiguous statements collapse into ranges


def test_a_traceback_keeps_the_snippet_s_own_line_numbers(tmp_path):
    source = "x = 1\n\n\ndef fail():\n    return 1 / 0\n\n\nfail()\n"
    path = tmp_path / "fails.py"
    path.write_text(source, encoding="utf-8")
    ran: set[int] = set()
    result = run_block(source, str(path), 30, ran)
    assert 'fails.py", line 8, in <module>' in result.error
    assert 'fails.py", line 5, in fail' in result.error
    assert ran == {1, 4, 5, 8}  # a block that fails still reports what it ran


def test_it_watches_the_snippet_alone_with_sys_monitoring(tmp_path, snippet):
    helper = tmp_path / "helper_module.py"
    helper.write_text("def double(x):\n    return 2 * x\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        import helper_module

        with coverage_check.lines_that_run(str(snippet)) as ran:
            tool = sys.monitoring.get_tool(sys.monitoring.COVERAGE_ID)
            code = compile(
                "import helper_module\nprint(helper_module.double(2))\n", str(snippet), "exec"
            )
            exec(code, {"__name__": "__main__"})
        assert tool == "coverage.py"  # the sys.monitoring core, not a settrace tracer
        assert sys.gettrace() is None
        assert ran == {1, 2}
        assert helper_module.double(1) == 2
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("helper_module", None)


def test_traceback_frames_point_into_the_snippet_file(snippet):
    ran: set[int] = set()
    with (
        pytest.raises(ZeroDivisionError) as raised,
        coverage_check.lines_that_run(str(snippet), ran),
    ):
        exec(compile("a = 1\nb = a / 0\n", str(snippet), "exec"), {})
    frames = traceback.extract_tb(raised.value.__traceback__)
    assert (frames[-1].filename, frames[-1].lineno) == (str(snippet), 2)
    assert ran == {1, 2}  # recorded even though the block raised


def test_one_coverage_measures_the_process_across_blocks(tmp_path):
    snippets = tmp_path / "snippets" / "page"
    snippets.mkdir(parents=True)
    first, second = snippets / "first.py", snippets / "second.py"
    first.write_text("a = 1\nif a > 1:\n    a = 2\n")
    second.write_text("b = 2\n")
    for path in (first, second):
        run_block(path.read_text(), str(path), 30, ran := set())
        assert ran == ({1, 2} if path == first else {1})
    assert coverage_check.never_ran(first, {1, 2}).missing == [3]
    assert len(coverage_check._RUNNING) == 1  # started once, for snippets/, and left running


@pytest.mark.parametrize(
    ("code", "hidden"),
    [
        ("x = 1\nif False:\n    print('never')\nprint(x)\n", [3]),  # removed by the compiler
        (
            "def f():\n    raise ValueError\n    print('after')\n\n\n"
            "try:\n    f()\nexcept ValueError:\n    pass\n",
            [3],
        ),  # after an unconditional raise
        ("import sys\n\nprint(1)\nsys.exit(0)\nprint('after exit')\n", [5]),
        ("x = 1\nif x > 5:  # pragma: no cover\n    print('big')\n", [3]),  # no exclusions
    ],
    ids=["if False", "after raise", "after sys.exit", "pragma: no cover"],
)
def test_a_line_a_reader_sees_that_never_runs_is_reported(tmp_path, code, hidden):
    """Lines the compiler drops, and coverage.py's default exclusion, count as never run."""
    snippet = tmp_path / "snippets" / "dead.py"
    snippet.parent.mkdir()
    snippet.write_text(code)
    ran: set[int] = set()
    with contextlib.suppress(SystemExit), coverage_check.lines_that_run(str(snippet), ran):
        exec(compile(code, str(snippet), "exec"), {"__name__": "__main__"})
    assert set(hidden) <= set(coverage_check.never_ran(snippet, ran).missing)
