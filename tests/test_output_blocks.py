"""site_tools/output_blocks.py: a block's expected output is built as output (labelled, no
line numbers) and each code block is titled with its file; the pages' fences stay as
written. How it looks in Chromium is measured by tests/browser/test_page_layout.py."""

from __future__ import annotations

import re

import pytest

from harness import ROOT
from site_tools.output_blocks import finish, mark
from verify.pages import page_blocks
from verify.project import load_project

PROJECT = load_project(ROOT / "mkdocs.yml")
MARK = "<!--pytest-codeblocks:expected-output-->"
OUTPUT = '``` { .text .output title="Output" linenums="0" }'
TAB_OUTPUT = '    ``` { .text .output linenums="0" }'


BLOCK_AND_OUTPUT = [
    "```python",
    '--8<-- "shapes/none_batch.py"',
    "```",
    "",
    MARK,
    "",
    "```text",
    '--8<-- "shapes/none_batch.out"',
    "```",
]


def test_an_output_fence_is_marked_and_titled_and_a_snippet_fence_titled():
    page = "\n".join([*BLOCK_AND_OUTPUT, "", "```text", "a fence that is not an output", "```"])
    lines = mark(page).split("\n")
    assert lines[0] == '``` { .python title="none_batch.py" }'
    assert lines[6] == OUTPUT
    assert lines[10] == "```text"  # not after the mark: left as written
    assert [line for n, line in enumerate(lines) if n not in (0, 6)] == [
        line for n, line in enumerate(page.split("\n")) if n not in (0, 6)
    ]


def test_each_output_tab_is_marked_without_a_title_of_its_own():
    page = "\n".join(
        [
            MARK,
            "",
            '=== "Output — Keras 3"',
            "",
            "    ```text",
            '    --8<-- "saving/x.out"',
            "    ```",
            "",
            '=== "Output — tf.keras 2"',
            "",
            "    ```text",
            '    --8<-- "saving/x.tf_keras.out"',
            "    ```",
            "",
            "Prose after the tabs.",
            "",
            "```text",
            "not an output",
            "```",
        ]
    )
    lines = mark(page).split("\n")
    assert lines[4] == TAB_OUTPUT
    assert lines[10] == TAB_OUTPUT
    assert lines[16] == "```text"


def test_a_fence_keeps_its_own_options():
    page = f'{MARK}\n\n```text hl_lines="2"\na\nb\n```'
    assert mark(page).split("\n")[2] == (
        '``` { .text .output hl_lines="2" title="Output" linenums="0" }'
    )


@pytest.mark.parametrize("source", [p for p in PROJECT.nav if p.endswith(".md")])
def test_every_output_of_every_page_is_marked(source):
    """As many output fences marked as the engine finds expected outputs on the page."""
    path = ROOT / "docs" / source
    blocks = page_blocks(PROJECT, path)
    outputs = sum(b.expected_output is not None for b in blocks)
    outputs += sum(b.legacy_output is not None for b in blocks)
    marked = mark(path.read_text(encoding="utf-8"))
    fences = re.findall(r"^ *``` \{ \.\w+ \.output\b.*\}$", marked, re.MULTILINE)
    assert len(fences) == outputs, source
    tabs = sum(b.legacy_output is not None for b in blocks)
    assert sum('title="Output"' in fence for fence in fences) == outputs - 2 * tabs, source


def test_finish_drops_the_empty_line_links_of_output_only():
    link = '<a id="__codelineno-3-1" name="__codelineno-3-1" href="#__codelineno-3-1"></a>'
    code = '<a id="__codelineno-0-1" name="__codelineno-0-1"></a>'
    page = (
        '<div class="highlight"><table><tr><th class="filename"><span class="filename">a.py'
        f"</span></th></tr><tr><td><pre><code>{code}x = 1</code></pre></td></tr></table></div>"
        '<div class="output highlight"><span class="filename">Output</span><pre><code>'
        f"{link}1\n</code></pre></div>"
    )
    done = finish(page)
    assert link not in done
    assert code in done
    assert done.count('<span class="filename" data-search-exclude>') == 2


def test_the_built_recipe_page_shows_output_as_output(site_dir):
    html = (site_dir / "shapes" / "index.html").read_text(encoding="utf-8")
    blocks = page_blocks(PROJECT, ROOT / "docs" / "shapes.md")
    outputs = re.findall(r'<div class="output highlight">(.*?)</div>', html, re.DOTALL)
    expected = sum(b.expected_output is not None for b in blocks)
    expected += sum(b.legacy_output is not None for b in blocks)
    assert len(outputs) == expected
    for output in outputs:
        assert "linenos" not in output
        assert "href=" not in output  # no empty line links
    code = re.findall(r'<div class="highlight"><table class="highlighttable">', html)
    assert len(code) == sum(1 for _ in blocks), "every code block keeps its line numbers"
    assert html.count('<span class="filename" data-search-exclude>Output</span>') == sum(
        b.expected_output is not None and b.legacy_output is None for b in blocks
    ), "a title 'Output' (kept out of search) over each output outside the tabs"


@pytest.mark.parametrize(
    "mark_line",
    [
        '<!--pytest.mark.skip(reason="downloads weights")-->',
        '<p class="runs-on not-run" data-search-exclude>Not run here: downloads weights</p>',
    ],
)
def test_a_skipped_fence_is_titled_so_its_copy_button_covers_no_code(mark_line):
    page = f"Text.\n\n{mark_line}\n\n```python\nbase = load(weights='imagenet')\n```\n"
    assert '``` { .python title="Not run here" }' in mark(page)
    plain = "Text.\n\n```python\nx = 1\n```\n"  # a fence the engine refuses anyway: untouched
    assert mark(plain) == plain


def test_fences_shown_inside_a_longer_fence_are_left_as_written():
    """A page that shows Markdown (a ````markdown fence) shows its fences and marks as
    written: only the fences of the page itself are marked and titled."""
    shown = ["````markdown", *BLOCK_AND_OUTPUT, "````"]
    page = [*shown, "", MARK, "", "```text", "an output", "```"]
    assert mark("\n".join(page)).split("\n") == [
        *shown,
        "",
        MARK,
        "",
        OUTPUT,
        "an output",
        "```",
    ]
