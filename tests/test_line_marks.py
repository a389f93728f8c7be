"""verify/line_marks.py: which lines of a snippet ran, recorded without a tracer."""

import traceback

import pytest

from verify import line_marks

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
    raise KeyError("k")
except KeyError:
    total += 1
else:
    total -= 1
'''


def run(source: str) -> tuple[set[int], dict]:
    ran: set[int] = set()
    code, marks = line_marks.compile_marked(source, "snippet.py", ran)
    namespace = {"__name__": "__main__", **marks}
    exec(code, namespace)
    return ran, namespace


def test_the_lines_that_never_ran_are_exactly_the_dead_ones():
    ran, namespace = run(SNIPPET)
    assert namespace["total"] == 5
    never = line_marks.statement_lines(SNIPPET) - ran
    assert never == {14, 33}  # unused()'s body and the else branch
    statements = line_marks.statement_lines(SNIPPET)
    assert not {1, 3, 7} & statements  # docstrings and the __future__ import
    assert {6, 8, 9, 10, 13, 17, 18, 20, 21, 24, 28, 29, 31} <= ran


def test_a_traceback_keeps_the_snippet_s_own_line_numbers():
    source = "x = 1\n\n\ndef fail():\n    return 1 / 0\n\n\nfail()\n"
    with pytest.raises(ZeroDivisionError) as raised:
        run(source)
    frames = traceback.extract_tb(raised.value.__traceback__)
    assert [(f.filename, f.lineno) for f in frames[-2:]] == [("snippet.py", 8), ("snippet.py", 5)]


def test_line_ranges_are_compact():
    assert line_marks.line_ranges({3, 4, 5, 9, 11, 12}) == "3-5, 9, 11-12"
