"""What a page publishes as code is what ran (site_tools/published_code.py): code or output
shown without a verified block fails the build, however the Markdown made it."""

from __future__ import annotations

import nbformat
import pytest

from harness import ROOT, build_site, copy_fixture
from site_tools import published_code
from verify import notebooks

BLOCK = (
    '<div class="highlight"><table class="highlighttable"><tr><td class="linenos">'
    '<div class="linenodiv"><pre><span class="normal">1</span></pre></div></td>'
    '<td class="code"><div><pre><span></span><code><span class="nb">print</span>'
    '<span class="p">(</span><span class="s2">&quot;hi&quot;</span><span class="p">)</span>'
    "\n</code></pre></div></td></tr></table></div>"
)
ALLOWED = {published_code.normalized('print("hi")\n'), "hi"}


def test_a_verified_block_and_its_line_numbers_pass():
    output = '<div class="highlight"><pre><span></span><code>hi\n</code></pre></div>'
    assert published_code.unverified_code(BLOCK + output, ALLOWED) == []


@pytest.mark.parametrize(
    "html",
    [
        "<pre><code>accuracy: 0.99\n</code></pre>",  # raw, or an indented block as rendered
        '<div class="linenodiv"><pre>print("forged")</pre></div>',  # posing as line numbers
        '<div class="x"><pre>42</pre></div>',  # digits alone, outside a line-number column
    ],
)
def test_a_pre_that_no_block_ran_is_reported_with_its_first_line(html):
    problems = published_code.unverified_code(BLOCK + html, ALLOWED)
    assert len(problems) == 1, problems
    line, first = problems[0]
    assert line == 2  # the line of the HTML it starts on
    assert first


# Each way Markdown renders code without a fence the engine reads, added to a page whose
# only block is verified (tests/fixtures/project).
UNFENCED = {
    "an indented block": "\nSome text.\n\n    print('never ran')\n",
    "a fence in a blockquote": "\n> ```python\n> print('never ran')\n> ```\n",
    "raw HTML": "\n<pre><code>accuracy: 0.99</code></pre>\n",
}


@pytest.mark.inner
@pytest.mark.parametrize("way", [None, *UNFENCED])
def test_a_build_fails_on_code_no_block_ran(tmp_path, way):
    project = copy_fixture(tmp_path / "project")
    config = project / "mkdocs.yml"
    hook = ROOT / "hooks" / "published_code.py"
    config.write_text(config.read_text() + f"hooks:\n  - {hook}\n")
    if way:
        page = project / "docs" / "page.md"
        page.write_text(page.read_text() + UNFENCED[way])
    build = build_site(project, tmp_path / "site")
    if way is None:
        assert build.returncode == 0, build.stderr
        return
    assert build.returncode != 0
    assert "page.md: code is published that no verified block ran" in build.stderr
    assert "never ran" in build.stderr or "accuracy: 0.99" in build.stderr
    assert "--8<--" in build.stderr  # says what to do


def executed_notebook(markdown: str) -> nbformat.NotebookNode:
    """A notebook as the build renders it: a Markdown cell, and a code cell with a printed
    output and an HTML output holding a <pre> (as Keras's summary() in a notebook)."""
    code = nbformat.v4.new_code_cell('print("hi")\nmodel.summary()')
    code.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="hi\n"),
        nbformat.v4.new_output(
            "display_data",
            data={"text/html": "<pre>Total params: 3</pre>", "text/plain": "summary"},
        ),
    ]
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(markdown), code])


def notebook_page(nb) -> str:
    """The <pre>s of the page mkdocs-jupyter makes of `nb`: the Markdown as it renders
    it, the cell's code, its outputs."""
    markdown = notebooks.markdown_html(nb.cells[0].source)
    return (
        markdown
        + f'<div class="highlight-ipynb"><pre>{nb.cells[1].source}</pre></div>'
        + '<div class="jp-OutputArea"><pre>hi</pre><pre>Total params: 3</pre></div>'
    )


MARKED = '<!-- pytest.mark.skip(reason="a listing of the folders") -->\n```\ndigits/\n```'


@pytest.mark.parametrize(
    ("markdown", "unverified"),
    [
        ("Text and `inline code`.", []),
        (MARKED, []),
        ("A listing:\n\n```\ndigits/\n```", ["digits/"]),
        ("An indented block:\n\n    accuracy: 0.99", ["accuracy: 0.99"]),
        ("<pre>accuracy: 0.99</pre>", ["accuracy: 0.99"]),
    ],
    ids=["prose", "marked-not-run", "fence", "indented", "raw-pre"],
)
def test_a_notebook_page_shows_only_cells_their_outputs_and_code_marked_not_run(
    markdown, unverified
):
    nb = executed_notebook(markdown)
    problems = published_code.unverified_code(notebook_page(nb), published_code.notebook_texts(nb))
    assert [first for _, first in problems] == unverified


def test_a_notebook_page_s_report_says_what_a_notebook_may_show():
    text = published_code.report(
        "notebooks/x.ipynb", [(12, "val_accuracy: 0.999")], published_code.NOTEBOOK_ADVICE
    )
    assert text.startswith("notebooks/x.ipynb: code is published that no verified block ran")
    assert "<pre> at line 12 of the page's HTML, starting 'val_accuracy: 0.999'" in text
    assert "make check PAGE=docs/<page>" in text
    assert "--8<--" not in text  # the advice for Markdown pages is not given


def test_a_notebook_page_with_an_output_no_run_printed_is_reported(site_dir):
    """The built notebook pages pass (the build checks them); a <pre> added to one is caught."""
    for notebook in ROOT.glob("docs/notebooks/*.ipynb"):
        run = notebooks.saved_run(notebook)
        assert run is not None, f"{notebook.name}: no saved run after the build"
        html = (site_dir / "notebooks" / notebook.stem / "index.html").read_text("utf-8")
        allowed = published_code.notebook_texts(nbformat.read(run, as_version=4))
        assert published_code.unverified_code(html, allowed) == []
        forged = html.replace("</h1>", "</h1><pre>val_accuracy: 0.999</pre>", 1)
        assert [first for _, first in published_code.unverified_code(forged, allowed)] == [
            "val_accuracy: 0.999"
        ]
