"""verify/blocks.py and verify/pages.py: what a page says to the runner, parsed once."""

from __future__ import annotations

import pytest

from verify.blocks import MarkError, Marks
from verify.pages import directive_problems, directives


def test_no_marks_is_an_ordinary_block():
    assert Marks.parse([]) == Marks()


def test_each_allowed_mark_becomes_a_typed_property():
    marks = Marks.parse(
        ["pytest.mark.subprocess", 'pytest.mark.produces("model.svg", "model.png")']
    )
    assert marks.own_process
    assert marks.pictures == ("model.svg", "model.png")
    assert not marks.then_vs_now
    assert marks.skip_reason is None
    assert Marks.parse(["pytest.mark.then_vs_now"]).then_vs_now
    reason = Marks.parse(['pytest.mark.skip(reason="shows a shell session")']).skip_reason
    assert reason == "shows a shell session"


@pytest.mark.parametrize(
    ("mark", "message"),
    [
        ("pytest.mark.xfail", "pytest.mark.xfail is not a mark this site allows"),
        ("pytest.mark.xfail(strict=False)", "not a mark this site allows"),
        ("pytest.mark.skipif(True, reason='never')", "not a mark this site allows"),
        ("pytest.mark.filterwarnings('ignore')", "not a mark this site allows"),
        ("pytest.mark.skip", "needs a reason that says why"),
        ("pytest.mark.skip(reason='')", "needs a reason that says why"),
        ("pytest.mark.skip(reason='TODO')", "needs a reason that says why"),
        ("pytest.mark.skip(reason=REASON)", "give literal values only"),
        ("pytest.mark.subprocess(True)", "takes no arguments"),
        ("pytest.mark.produces", "name the pictures"),
        ("pytest.mark.produces('out/plot.png')", "name a .png or .svg file"),
        ("pytest.mark.produces('plot.pdf')", "name a .png or .svg file"),
        ("pytest.mark.produces(__import__('os').system('x'))", "give literal values only"),
        ("pytest.mark.subprocess; import os", "not a pytest mark"),
        ("os.mark.skip", "not a pytest mark"),
    ],
)
def test_anything_else_is_refused_without_running_it(mark, message):
    with pytest.raises(MarkError, match=message.replace(".", r"\.").replace("(", r"\(")):
        Marks.parse([mark])


def test_a_mark_given_twice_is_refused():
    with pytest.raises(MarkError, match="given twice"):
        Marks.parse(["pytest.mark.subprocess", "pytest.mark.subprocess"])


PAGE = """# A page

<!--pytest-codeblocks:expected-output-->

```markdown
<!--pytest-codeblocks:skipfile-->
```

<!-- pytest-codeblocks:cont -->
<!--pytest.mark.xfail-->
"""


def test_directives_are_found_where_pytest_codeblocks_reads_them():
    # Comments inside a fence are text the page shows, not instructions.
    assert directives(PAGE) == [
        (3, "<!--pytest-codeblocks:expected-output-->"),
        (9, "<!-- pytest-codeblocks:cont -->"),
        (10, "<!--pytest.mark.xfail-->"),
    ]
    problems = directive_problems("docs/page.md", PAGE)
    assert [line for line, _ in problems] == [9]
    assert "docs/page.md:9: <!-- pytest-codeblocks:cont -->" in problems[0][1]
    assert "<!--pytest.mark.then_vs_now-->" in problems[0][1]  # the allowed list
