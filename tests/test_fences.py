"""verify/fences.py: a page's code fences, read once, as pytest-codeblocks reads them."""

from __future__ import annotations

import pytest

from verify.fences import Fence, fences_of, tilde_lines
from verify.pages import parse


def lines(text: str) -> list[str]:
    return text.split("\n")


def test_a_fence_has_its_lines_indentation_ticks_and_info_string():
    page = lines('Text.\n\n```python title="x.py"\n--8<-- "shapes/x.py"\n```\n\nMore text.')
    assert fences_of(page) == [
        Fence(
            open=2,
            close=4,
            indent="",
            ticks="```",
            info='python title="x.py"',
            tab=None,
            body=range(3, 4),
        )
    ]
    (fence,) = fences_of(page)
    assert fence.span == range(2, 5)
    assert fence.attributes() == ("python", {"title": "x.py"})


PAGE = """# Every kind of fence

```python
--8<-- "shapes/x.py"
```

````markdown
```python
--8<-- "shapes/shown.py"
```
````

!!! note

    ```bash
    pip install keras
    ```

=== "Output — Keras 3"

    ```text
    printed
    ```

=== "Nested"

    !!! tip

        ```text
        in a box in a tab
        ```

```text
closed by a longer run
`````

```text
closed by a line with more after its ticks
```python

<!--
```text
in a comment
```
-->
"""


def test_fences_are_the_ones_pytest_codeblocks_reads():
    """Same opening lines, same content, as the engine's own parser (the reference)."""
    page = lines(PAGE)
    fences = fences_of(page)
    blocks = parse(PAGE)
    assert [fence.open + 1 for fence in fences] == [block.lineno for block in blocks]
    for fence, block in zip(fences, blocks, strict=True):
        assert fence.info == block.syntax
        body = [page[at][len(fence.indent) :] for at in fence.body]
        assert "".join(f"{line}\n" for line in body) == block.code


def test_a_longer_fence_shows_shorter_ones_and_holds_none():
    (outer,) = [f for f in fences_of(lines(PAGE)) if f.ticks == "````"]
    assert outer.info == "markdown"
    assert [lines(PAGE)[at] for at in outer.body] == [
        "```python",
        '--8<-- "shapes/shown.py"',
        "```",
    ]
    assert lines(PAGE)[outer.close] == "````"
    # a ``` line does not close a ```` fence
    (fence,) = fences_of(lines("````text\n```\n````"))
    assert (fence.close, fence.body) == (2, range(1, 2))


def test_fences_in_tabs_and_boxes_keep_their_indentation_and_know_their_tab():
    fences = fences_of(lines(PAGE))
    assert [(f.indent, f.info, f.tab) for f in fences if f.indent] == [
        ("    ", "bash", None),  # in an admonition, in no tab
        ("    ", "text", "Output — Keras 3"),
        (" " * 8, "text", "Nested"),  # in an admonition in a tab
    ]
    assert [f.tab for f in fences if not f.indent] == [None] * 5


def test_a_closing_line_may_have_more_ticks_or_more_after_them():
    page = lines(PAGE)
    closes = {page[f.open + 1]: page[f.close] for f in fences_of(page)}
    assert closes["closed by a longer run"] == "`````"
    assert closes["closed by a line with more after its ticks"] == "```python"


def test_a_fence_never_closed_runs_to_the_end_of_the_page():
    page = lines('```python\n--8<-- "a.py"\n```\n\n````text\nnever closed\n\n```python\n```')
    first, unclosed = fences_of(page)
    assert (first.close, unclosed.open, unclosed.close) == (2, 4, None)
    assert unclosed.body == range(5, 9)  # the ``` lines after it are its content
    assert unclosed.span == range(4, 9)
    with pytest.raises(RuntimeError, match="end-of-file"):  # the engine refuses such a page
        parse("\n".join(page))


def test_a_fence_in_an_html_comment_is_a_fence_as_pytest_codeblocks_reads_it():
    page = lines(PAGE)
    last = fences_of(page)[-1]
    assert page[last.open - 1] == "<!--"
    assert parse(PAGE)[-1].lineno == last.open + 1


def test_tilde_fences_are_no_fences_and_each_of_their_lines_is_found():
    page = lines(
        '~~~python\n--8<-- "a.py"\n~~~\n\n~~~\n```python\nx\n```\n~~~\n\n```text\n~~~\n```'
    )
    assert [(f.open, f.close) for f in fences_of(page)] == [(5, 7), (10, 12)]
    assert [f.open + 1 for f in fences_of(page)] == [b.lineno for b in parse("\n".join(page))]
    assert tilde_lines(page) == [0, 2, 4, 8, 11]  # the one inside a ``` fence too


@pytest.mark.parametrize(
    ("opening", "attributes"),
    [
        ("```text", ("text", {})),
        ("```", (None, {})),
        ('```text hl_lines="2" title="a b"', ("text", {"hl_lines": "2", "title": "a b"})),
        ('``` linenums="1"', (None, {"linenums": "1"})),
        ("    ````python  ", ("python", {})),
        ("``` { .text .output }", None),  # the brace form
        ("```python title", None),  # a word that is no option
        ("\t```text", None),  # indented with a tab
    ],
)
def test_attributes_are_read_from_a_language_and_options_only(opening, attributes):
    (fence,) = fences_of([opening, "x", "`````"])
    assert fence.attributes() == attributes
