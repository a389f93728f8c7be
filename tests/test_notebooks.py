"""The notebook pages: clean sources, real outputs on the site, links, a small search index.

Running every cell is the test `docs/notebooks/<name>.ipynb::every cell runs`
(verify/notebooks.py, collected by verify/pytest_plugin.py).
"""

from __future__ import annotations

import base64
import json
import re
import struct
from pathlib import Path

import nbformat
import pytest

from harness import ROOT
from site_tools import notebook_pages
from site_tools.repository import discover, github_path
from verify import notebooks, processes
from verify.project import load_project, load_settings

PROJECT = load_project(ROOT / "mkdocs.yml")
NOTEBOOKS = PROJECT.notebooks()
# The whole search index (search/search_index.json) and each notebook page's share of it.
# A notebook page indexes its headings, prose and code; its outputs (logs, tables, images),
# prompts and copy-button text are kept out by hooks/notebook_pages.py.
# The site's index grows with its pages: 25 kB per page on average (a recipe page with its
# code is 15 to 55 kB; About, References and the API index far less): 675 kB for 27 pages.
SEARCH_INDEX_BUDGET = 25_000 * len(PROJECT.sources())  # bytes
NOTEBOOK_PAGE_BUDGET = 16_000  # bytes of index entries per notebook page
# Text that only outputs or notebook chrome carry, never a notebook's prose or code.
NOT_IN_INDEX = ("data:image", "base64,", "In [", "Out[", "Copied!", "Total params", "Found 1797")


def page_dir(site, notebook):
    return site / PROJECT.page_url(notebook.relative_to(PROJECT.docs_dir).as_posix())


def page_html(site, notebook) -> str:
    return (page_dir(site, notebook) / "index.html").read_text(encoding="utf-8")


def test_there_are_notebook_pages():
    assert len(NOTEBOOKS) >= 2, "expected the notebook pages under docs/"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(notebook):
    """One source of truth: the notebook as written, no outputs, no execution counts."""
    nb = nbformat.read(notebook, as_version=4)
    nbformat.validate(nb)
    dirty = notebooks.cells_with_outputs(nb)
    assert not dirty, (
        f"{notebook.relative_to(ROOT)}: cells {dirty} carry outputs or execution counts. "
        "Commit notebooks cleared: Jupyter's 'Clear All Outputs' then save, or "
        f"jupyter nbconvert --clear-output --inplace {notebook.relative_to(ROOT)}"
    )
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_page_shows_real_outputs_and_a_plot(built_site, notebook):
    html = page_html(built_site, notebook)
    nb = nbformat.read(notebook, as_version=4)
    code_cells = sum(cell.cell_type == "code" for cell in nb.cells)
    # Every code cell ran, in order: In [1] ... In [n].
    counts = [int(n) for n in re.findall(r"In\xa0?(?:&nbsp;)?\s?\[(\d+)\]:", html)]
    assert counts == list(range(1, code_cells + 1)), f"execution counts on the page: {counts}"
    assert "jp-OutputArea-output" in html, "no cell output on the page"
    plots = re.findall(r'<img[^>]+src="(output-\d+\.png)"', html)
    assert plots, "no plot (PNG image) on the page"


def test_image_classification_accuracy_is_shown(built_site):
    html = page_html(built_site, ROOT / "docs/notebooks/image-classification.ipynb")
    shown = re.search(r"validation accuracy after \d+ epochs: (\d\.\d+)\n", html)
    assert shown, "the printed validation accuracy is not on the page"
    assert float(shown.group(1)) > 0.9


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_download_and_colab_links(built_site, notebook):
    html = page_html(built_site, notebook)
    repo = github_path(discover(ROOT).repo_url)  # this build's (tests/test_repository.py)
    path = notebook.relative_to(ROOT).as_posix()
    colab = f"https://colab.research.google.com/github/{repo}/blob/main/{path}"
    if repo is None:  # no GitHub repository: no Colab link rather than a wrong one
        assert "colab.research.google.com" not in html
    else:
        assert f'href="{colab}"' in html, f"no Open in Colab link to {colab}"
    download = re.search(rf'<a [^>]*href="({re.escape(notebook.name)})" download', html)
    assert download, "no download link to the notebook"
    published = page_dir(built_site, notebook) / download.group(1)
    assert published.read_bytes() == notebook.read_bytes(), "the download is not the committed file"


def test_search_index_budget(built_site, request, capsys):
    """Reports the index size and holds it to the budget; no outputs in it."""
    index_file = built_site / "search" / "search_index.json"
    size = index_file.stat().st_size
    docs = json.loads(index_file.read_text(encoding="utf-8"))["docs"]
    shares = {}
    for notebook in NOTEBOOKS:
        prefix = notebook.relative_to(ROOT / "docs").with_suffix("").as_posix() + "/"
        entries = [d for d in docs if d["location"].startswith(prefix)]
        assert entries, f"{prefix} is not in the search index"
        text = " ".join(d["title"] + " " + d["text"] for d in entries)
        leaked = [marker for marker in NOT_IN_INDEX if marker in text]
        assert not leaked, f"{prefix}: outputs or cell chrome in the search index: {leaked}"
        shares[prefix] = len(json.dumps(entries, ensure_ascii=False).encode())
    report = (
        f"search index: {size / 1000:.1f} kB (budget {SEARCH_INDEX_BUDGET / 1000:.0f} kB); "
        + ", ".join(f"{page} {share / 1000:.1f} kB" for page, share in shares.items())
        + f" (budget {NOTEBOOK_PAGE_BUDGET / 1000:.0f} kB each)"
    )
    with capsys.disabled():
        print(f"\n{report}")
    request.node.user_properties.append(("search_index_bytes", size))
    assert size <= SEARCH_INDEX_BUDGET, report
    for page, share in shares.items():
        assert share <= NOTEBOOK_PAGE_BUDGET, f"{page}: {share} bytes of search index. {report}"


def test_mkdocs_jupyter_keeps_search_and_renders_only_notebooks():
    plugins = load_settings(ROOT / "mkdocs.yml")["plugins"]
    names = [p if isinstance(p, str) else next(iter(p)) for p in plugins]
    assert names[0] == "search", "list search first: mkdocs-jupyter would otherwise replace it"
    jupyter = next(
        p["mkdocs-jupyter"] for p in plugins if isinstance(p, dict) and "mkdocs-jupyter" in p
    )
    assert jupyter["include"] == ["*.ipynb"], "only notebooks are pages; *.py stay snippets"


def test_outputs_are_wrapped_whole_for_search_exclusion():
    """An output area ends at its own </div>, even with nested and unclosed elements."""
    html = (
        '<div class="jp-Cell"><div class="jp-InputPrompt x">In [1]:</div>'
        '<div class="jp-Cell-outputWrapper"><div><p>log<br>line</div><div>'
        '<img src="data:image/png;base64,AAAA"></div></div><p>after</p></div>'
    )
    wrapped = notebook_pages.exclude_from_search(html)
    assert wrapped == (
        '<div class="jp-Cell"><div data-search-exclude="prompt" class="jp-InputPrompt x">'
        'In [1]:</div><section data-search-exclude="output"><div class="jp-Cell-outputWrapper">'
        '<div><p>log<br>line</div><div><img src="data:image/png;base64,AAAA"></div></div>'
        "</section><p>after</p></div>"
    )


# The first view of a notebook page: its HTML and the stylesheets and scripts it loads (the
# output images load lazily, as they scroll into view). The budget the other pages meet.
FIRST_VIEW_BUDGET = 500_000  # bytes
PNG = b"\x89PNG\r\n\x1a\n"


def first_view_bytes(site: Path, page: Path, html: str) -> dict[str, int]:
    """The HTML and each local stylesheet and script it loads, with their sizes."""
    sizes = {"the page's HTML": len(html.encode())}
    links = re.findall(r'<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)
    scripts = re.findall(r'<script\b[^>]*src="([^"]+)"', html)
    for href in links + scripts:
        if "://" in href:
            continue  # tests/browser/ holds every page to this site's own files
        path = (page / href.split("?")[0].split("#")[0]).resolve()
        sizes[path.relative_to(site).as_posix()] = path.stat().st_size
    return sizes


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_are_image_files_and_the_first_view_is_light(site_dir, notebook):
    html = page_html(site_dir, notebook)
    inlined = re.findall(r"data:image/[\w.+-]+;base64,", html)
    assert not inlined, f"{len(inlined)} images inlined as base64: publish them as files"
    images = re.findall(r"<img\b[^>]*>", html)
    assert images, "no image output on the page"
    for tag in images:
        src = re.search(r'\ssrc="([^"]+)"', tag).group(1)
        content = (page_dir(site_dir, notebook) / src).read_bytes()
        assert content[:8] == PNG, f"{src} is not a PNG"
        assert content[12:16] == b"IHDR", f"{src} is not a PNG"
        width, height = struct.unpack(">II", content[16:24])
        assert f'width="{width}"' in tag, f"{tag}: no width"
        assert f'height="{height}"' in tag, f"{tag}: no height"
        assert 'loading="lazy"' in tag, f"{tag}: not lazy-loaded"
    sizes = first_view_bytes(site_dir, page_dir(site_dir, notebook), html)
    total = sum(sizes.values())
    report = ", ".join(f"{name} {size / 1000:.0f} kB" for name, size in sizes.items())
    assert total <= FIRST_VIEW_BUDGET, (
        f"first view {total / 1000:.0f} kB > {FIRST_VIEW_BUDGET / 1000:.0f} kB: {report}"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_the_notebook_is_styled_by_the_site_s_own_css(site_dir, notebook):
    """hooks/notebook_pages.css, not the JupyterLab CSS (its ~600 KB, its custom properties)
    and not mkdocs-jupyter's MathJax and Mermaid loaders; code cells take Material's colours."""
    html = page_html(site_dir, notebook)
    css = (ROOT / "hooks/notebook_pages.css").read_text(encoding="utf-8")
    inline = re.findall(r"<style[^>]*>(.*?)</style>", html, re.S)
    assert css in inline, "hooks/notebook_pages.css is not inlined in the page"
    # After the notebook, it would move the cells painted before it (layout shift).
    assert html.index(css) < html.index('<div class="jupyter-wrapper">'), "CSS after notebook"
    others = [style[:80] for style in inline if style != css and style.strip()]
    assert not others, f"other inline CSS on the page: {others}"
    for left in ("--jp-", "jp-Mermaid", "text/x-mathjax-config", "cdnjs"):
        assert left not in html, f"{left!r} is still on the page: mkdocs-jupyter's template?"
    cells = re.findall(r'<div class="highlight-ipynb[^"]*"', html)
    assert cells, "no code cell"
    assert all(" highlight" in cell for cell in cells), cells[:3]


def test_inlined_images_become_lazy_files():
    png = PNG + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 640, 480) + b"rest"
    data = base64.b64encode(png).decode()
    html = f'<div><img alt="plot" class="" src="data:image/png;base64,{data}"/></div>'
    images: dict[str, bytes] = {}
    shown = notebook_pages.images_to_files(html, "notebooks/x/index.html", "notebooks/x/", images)
    assert shown == (
        '<div><img alt="plot" class="" src="output-1.png" width="640" height="480" '
        'loading="lazy" decoding="async"/></div>'
    )
    assert images == {"notebooks/x/output-1.png": png}
    images.clear()
    shown = notebook_pages.images_to_files(html, "notebooks/x.html", "notebooks/x.html", images)
    assert 'src="x/output-1.png"' in shown  # use_directory_urls: false
    assert images == {"notebooks/x/output-1.png": png}


@pytest.mark.parametrize("tag", ["raises-exception", "skip-execution", "execution: skip"])
def test_a_cell_tagged_to_fail_or_be_skipped_fails_the_notebook(tmp_path, tag):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("assert False")]
    if tag == "execution: skip":  # the cell's metadata, not a tag
        nb.cells[1].metadata["execution"] = {"skip": True}
    else:
        nb.cells[1].metadata["tags"] = [tag]
    path = tmp_path / "tagged.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(notebooks.CellFailure, match=f"cell 2 \\(assert False\\) is tagged {tag}"):
        notebooks.execute(path)


def run_cells(tmp_path, *cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    path = tmp_path / "cells.ipynb"
    nbformat.write(nb, path)
    return notebooks.execute(path)


@pytest.mark.parametrize(
    ("code", "never_ran"),
    [
        ("x = 1\nif x > 2:\n    print('big')\nprint(x)", "line 3 never ran"),
        ("def twice(a):\n    return 2 * a\n\nprint('defined')", "line 2 never ran"),
        ("if False:\n    print('gone')\nprint(1)", "line 2 never ran"),  # removed by compile
        ("def one():\n    return 1\n    print('never')\n\nprint(one())", "line 3 never ran"),
        ("x = 1\nif x > 2:  # pragma: no cover\n    print('big')", "line 3 never ran"),
    ],
    ids=["if-body", "uncalled-function", "if-false", "after-return", "pragma"],
)
def test_a_cell_line_that_never_runs_fails_the_notebook(tmp_path, code, never_ran):
    with pytest.raises(notebooks.CellFailure, match=f"cell 2 \\(.*\\): {never_ran}"):
        run_cells(
            tmp_path, nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_code_cell(code)
        )


def test_lines_run_by_a_later_cell_a_loop_or_a_cell_magic_count_as_run(tmp_path):
    nb = run_cells(
        tmp_path,
        nbformat.v4.new_code_cell("def twice(a):\n    return 2 * a"),
        nbformat.v4.new_code_cell("for i in range(3):\n    y = twice(i)\nprint(y)"),
        nbformat.v4.new_code_cell("%%python\nprint('in a process of its own')"),
    )
    assert [cell.execution_count for cell in nb.cells] == [1, 2, 3]  # the recorder adds none
    assert nb.cells[1].outputs[0]["text"] == "4\n"


def test_a_cell_line_is_numbered_as_in_the_cell_and_shown(tmp_path):
    code = "\n\nx = 1\nif x > 2:\n    print('big')"  # IPython drops the leading blank lines
    with pytest.raises(notebooks.CellFailure) as failure:
        run_cells(tmp_path, nbformat.v4.new_code_cell(code))
    assert "cell 1 (In [1]: x = 1): line 5 never ran: print('big')" in str(failure.value)


def test_a_cell_that_leaves_a_process_running_fails_and_the_process_is_stopped(tmp_path):
    start = "import subprocess\nsubprocess.Popen(['sleep', '30'], start_new_session=True)"
    with pytest.raises(notebooks.CellFailure) as failure:
        run_cells(tmp_path, nbformat.v4.new_code_cell(start))
    message = str(failure.value)
    assert "cell 1 (In [1]: import subprocess): the cell left a process running" in message
    pid = int(re.search(r"pid (\d+)", message).group(1))
    assert not processes.is_running(pid)


def test_a_cell_that_changes_the_repository_fails_naming_the_file(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")  # the project: tmp_path
    target = tmp_path / "snippets" / "x.out"
    target.parent.mkdir()
    target.write_text("3\n")
    with pytest.raises(
        notebooks.CellFailure, match=r"changed files of the repository: snippets/x\.out"
    ):
        run_cells(tmp_path, nbformat.v4.new_code_cell(f"open({str(target)!r}, 'w').write('4')"))


def test_a_cell_runs_offline(tmp_path):
    connect = "import socket\nsocket.create_connection(('example.com', 80), timeout=5)"
    with pytest.raises(notebooks.CellFailure, match="SocketBlockedError"):
        run_cells(tmp_path, nbformat.v4.new_code_cell(connect))


def test_a_cell_magic_other_than_python_fails(tmp_path):
    not_run = "the cell magic %%writefile does not run its body as the cell's own code"
    with pytest.raises(notebooks.CellFailure, match=not_run):
        run_cells(tmp_path, nbformat.v4.new_code_cell("%%writefile train.py\nprint('never run')"))


def test_a_notebook_without_code_passes(tmp_path):
    assert run_cells(tmp_path, nbformat.v4.new_markdown_cell("# Only prose"))


NOT_RUN = '<!-- pytest.mark.skip(reason="a listing of the folders the next cell writes") -->'


@pytest.mark.parametrize(
    "markdown",
    [
        "A listing:\n\n```\ndigits/\n```",
        "```python\nx = 1\n```",
        "An indented block:\n\n    x = 1",
        "> ```python\n> x = 1\n> ```",
        "<pre><code>x = 1</code></pre>",
        f"{NOT_RUN}\n```\ndigits/\n```\n\nAnd then:\n\n```\nunmarked/\n```",
        '<!-- pytest.mark.skip(reason="TODO") -->\n```\ndigits/\n```',
    ],
    ids=["fence", "python-fence", "indented", "blockquote", "raw-pre", "second-fence", "todo"],
)
def test_code_in_a_markdown_cell_must_be_marked_not_run(tmp_path, markdown):
    with pytest.raises(notebooks.CellFailure, match=r"cell 1 .*put it in a code cell"):
        run_cells(tmp_path, nbformat.v4.new_markdown_cell(markdown))


@pytest.mark.parametrize("fence", ["```", "```python"])
def test_code_a_markdown_cell_marks_not_run_passes(tmp_path, fence):
    cell = nbformat.v4.new_markdown_cell(f"Text `inline code`.\n\n{NOT_RUN}\n{fence}\nx\n```")
    assert notebooks.code_in_markdown(nbformat.v4.new_notebook(cells=[cell])) == []


def test_the_page_shows_why_a_markdown_cell_s_code_did_not_run(site_dir):
    html = page_html(site_dir, PROJECT.docs_dir / "notebooks" / "image-classification.ipynb")
    label = re.search(r'<p class="runs-on not-run"[^>]*>([^<]*)</p>\s*(?:<div[^>]*>)?<pre', html)
    assert label is not None, "no visible 'Not run here' label right above the listing"
    assert label.group(1).startswith("Not run here: a sketch of the folder tree, not code")
    assert "pytest.mark.skip" not in html


def test_each_image_gets_its_alt_text_from_its_cell():
    nb = nbformat.v4.new_notebook()
    png = {"image/png": "iVBOR"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title\n\n## Training `curves`"),
        nbformat.v4.new_code_cell('plt.title("confusion matrix")\nax.set(title="loss")'),
        nbformat.v4.new_code_cell("# Nine augmentations of one image\nplt.imshow(x)"),
        nbformat.v4.new_code_cell('ax.set_title(f"{key}")\nplt.show()'),
        nbformat.v4.new_code_cell("print(1)"),
    ]
    for number in (1, 2, 3):
        nb.cells[number].outputs = [nbformat.v4.new_output("display_data", data=png)]
    assert notebook_pages.image_alts(nb) == [
        "Plot: confusion matrix; loss",
        "Plot: Nine augmentations of one image",
        "Plot for “Training curves”",
    ]
    data = base64.b64encode(PNG).decode()
    nbconvert = "No description has been provided for this image"
    html = f'<img alt="{nbconvert}" src="data:image/png;base64,{data}"/>'
    shown = notebook_pages.images_to_files(html, "x/index.html", "x/", {}, ["Plot: a & b"])
    assert shown.startswith('<img alt="Plot: a &amp; b" src="output-1.png"')
    with pytest.raises(notebook_pages.TemplateChanged, match="1 inlined images"):
        notebook_pages.images_to_files(html, "x/index.html", "x/", {}, ["one", "two"])


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_no_image_is_left_without_a_description(site_dir, notebook):
    html = page_html(site_dir, notebook)
    alts = re.findall(r'<img\b[^>]*\balt="([^"]*)"', html)
    assert alts, "no image on the page"
    assert all(alt and "No description has been provided" not in alt for alt in alts), alts
