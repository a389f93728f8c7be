"""What a page publishes as code is what ran (site_tools/published_code.py): code or output
shown without a verified block fails the build, however the Markdown made it."""

from __future__ import annotations

import pytest

from harness import ROOT, build_site, copy_fixture
from site_tools import published_code

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
    element, line, first = problems[0]
    assert (element, line) == ("pre", 2)  # the line of the HTML it starts on
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
