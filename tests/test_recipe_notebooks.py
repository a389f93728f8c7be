"""The recipe notebooks: notebooks/<page>.ipynb, one per recipe page, generated from it.

What they hold (site_tools/recipe_notebooks.py), that the committed ones are up to date
(`make notebooks`), the links on the built site (hooks/recipe_notebooks.py) and that one
really runs (verify/notebooks.py; every one runs in `make test-notebooks`, weekly).
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import nbformat
import pytest

from harness import ROOT
from site_tools import recipe_notebooks
from site_tools.notebook_links import colab_url
from site_tools.repository import discover, github_path
from verify import notebooks
from verify.pages import page_blocks
from verify.project import load_project, project_of

PROJECT = load_project(ROOT / "mkdocs.yml")
RECIPES = recipe_notebooks.recipe_pages(PROJECT)
NOT_RECIPES = ["index.md", "references.md", "about.md"]


def committed(source: str) -> dict:
    return json.loads(recipe_notebooks.notebook_path(PROJECT, source).read_text(encoding="utf-8"))


def test_every_page_but_home_references_and_about_is_a_recipe_page():
    pages = [p for p in PROJECT.nav if p.endswith(".md")]
    assert [p for p in pages if p not in NOT_RECIPES] == RECIPES
    assert sorted((ROOT / "notebooks").glob("*.ipynb")) == sorted(
        recipe_notebooks.notebook_path(PROJECT, source) for source in RECIPES
    )


@pytest.mark.parametrize("source", RECIPES)
def test_the_notebook_holds_the_pages_snippets_in_order(source):
    """After the title and the install cell, the code cells are the page's blocks that
    run, each the text of its snippet; a block that needs a process of its own starts
    with %%python (and only such a block)."""
    nb = nbformat.reads(json.dumps(committed(source)), as_version=4)
    nbformat.validate(nb)
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith("# ")
    assert nb.cells[1].cell_type == "code"
    assert "%pip install" in nb.cells[1].source
    blocks = [b for b in page_blocks(PROJECT, PROJECT.docs_dir / source) if b.runs]
    cells = [cell for cell in nb.cells[2:] if cell.cell_type == "code"]
    snippets = [(ROOT / b.snippet).read_text(encoding="utf-8").rstrip("\n") for b in blocks]
    magic = recipe_notebooks.OWN_PROCESS_MAGIC + "\n"
    assert [cell.source.removeprefix(magic) for cell in cells] == snippets
    assert [cell.source.startswith(magic) for cell in cells] == [b.own_process for b in blocks]
    # What the page shows under each block is the cell's output; nothing was run here.
    assert [cell.outputs[0].text if cell.outputs else None for cell in cells] == [
        b.expected_output for b in blocks
    ]
    assert all(cell.execution_count is None for cell in cells)
    assert nb.metadata[recipe_notebooks.META]["page"] == f"docs/{source}"


@pytest.mark.parametrize("source", RECIPES)
def test_the_prose_is_plain_markdown(source):
    """No MkDocs-only syntax left: front matter, admonitions, tabs, runner comments,
    attribute lists, snippet includes or links to .md pages."""
    prose = "\n".join(
        c["source"] for c in committed(source)["cells"] if c["cell_type"] == "markdown"
    )
    page = (PROJECT.docs_dir / source).read_text(encoding="utf-8")
    if page.startswith("---\n"):  # the front matter's own `# ...` lines are YAML comments
        page = page.split("\n---\n", 1)[1]
    title = re.search(r"^# (.+)$", page, re.M).group(1)
    assert prose.startswith(f"# {title}\n")
    assert prose.count(f"# {title}\n") == 1
    for leftover in ("search_queries:", "description:", "<!--", "--8<--", "!!! ", "??? ", "=== "):
        assert leftover not in prose, f"notebooks/{source}: {leftover!r} left in the Markdown"
    assert not re.search(r"\{\s*#[\w-]+\s*\}", prose), "a heading's {#id} is left"
    # A page link is the site's page, another notebook, or the page's source under docs/.
    assert not re.search(r"\]\((?!\.\./docs/|https?://)[^)]*\.md(#[^)]*)?\)", prose), (
        "a .md link is left"
    )
    if "\n!!! " in page:
        assert "\n> **" in prose, "an admonition did not become a blockquote"


@pytest.mark.parametrize("source", RECIPES)
def test_a_block_not_run_is_labelled_with_its_reason_as_on_the_page(source):
    prose = "\n".join(
        c["source"] for c in committed(source)["cells"] if c["cell_type"] == "markdown"
    )
    for block in page_blocks(PROJECT, PROJECT.docs_dir / source):
        if block.skip_reason:
            first = block.code.strip().splitlines()[0]
            label = f"*Not run here: {block.skip_reason}*\n\n```{block.syntax}\n{first}"
            assert label in prose, f"notebooks/{source}: {first!r} is not labelled as not run"


def test_the_install_cell_pins_what_requirements_txt_pins():
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    section = lines[lines.index("# What the recipes run") + 1 :]
    section = section[: section.index("")] if "" in section else section
    pinned = [line.split("#")[0].strip() for line in section if line.split("#")[0].strip()]
    assert pinned
    assert all(re.fullmatch(r"[\w.-]+==[\w.]+", pin) for pin in pinned)
    versions = dict(pin.split("==") for pin in pinned)
    for source in RECIPES:
        cells = committed(source)["cells"]
        install = re.search(r"^%pip install -q (.+)$", cells[1]["source"], re.M)
        assert install, f"notebooks/{source}: no install cell"
        assert install.group(1).split() == pinned, f"notebooks/{source}"
        assert (
            f"TensorFlow {versions['tensorflow']} and Keras {versions['keras']}"
            in cells[0]["source"]
        )


def test_the_committed_notebooks_are_up_to_date():
    """Each committed notebook is what `make notebooks` writes from its page today."""
    problems = recipe_notebooks.problems(PROJECT)
    assert not problems, "\n".join(problems)


def test_they_are_byte_stable():
    """The same bytes twice, keys sorted, ids from content, no execution counts."""
    url = recipe_notebooks.recorded_site_url(PROJECT)[1]
    once, again = (recipe_notebooks.expected(PROJECT, url) for _ in range(2))
    assert once == again
    for text in once.values():
        nb = json.loads(text)
        assert text == json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
        ids = [cell["id"] for cell in nb["cells"]]
        assert len(set(ids)) == len(ids)


@pytest.fixture
def copy(tmp_path) -> Path:
    """The project's pages, snippets, notebooks and settings, in a temporary folder."""
    project = tmp_path / "project"
    for name in ("docs", "snippets", "notebooks", "hooks", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    for name in ("mkdocs.yml", "requirements.txt", "pyproject.toml"):  # pyproject: backends
        shutil.copy(ROOT / name, project / name)
    return project


def copy_project(copy: Path):
    load_project.cache_clear()
    return load_project(copy / "mkdocs.yml")


def test_a_changed_page_or_notebook_is_stale_and_names_make_notebooks(copy):
    snippet = copy / "snippets" / "shapes" / "none_batch.py"
    snippet.write_text(snippet.read_text(encoding="utf-8") + "print('new')\n", encoding="utf-8")
    edited = copy / "notebooks" / "numpy-indexing.ipynb"
    edited.write_text(edited.read_text(encoding="utf-8").replace("NumPy", "Numpy"), "utf-8")
    (copy / "notebooks" / "rnns.ipynb").unlink()
    (copy / "notebooks" / "old-page.ipynb").write_text("{}", encoding="utf-8")
    project = copy_project(copy)
    assert recipe_notebooks.problems(project) == [
        "docs/shapes.md: its notebook notebooks/shapes.ipynb is out of date; run make notebooks",
        "docs/numpy-indexing.md: its notebook notebooks/numpy-indexing.ipynb is out of date; "
        "run make notebooks",
        "docs/rnns.md: its notebook notebooks/rnns.ipynb is missing; run make notebooks",
        "notebooks/old-page.ipynb: no recipe page in nav makes this notebook; "
        "run make notebooks (it removes it)",
    ]
    written, removed = recipe_notebooks.write(project)
    assert {p.name for p in written} == {"shapes.ipynb", "numpy-indexing.ipynb", "rnns.ipynb"}
    assert [p.name for p in removed] == ["old-page.ipynb"]
    assert recipe_notebooks.problems(project) == []
    assert "print('new')" in (copy / "notebooks" / "shapes.ipynb").read_text(encoding="utf-8")


def test_the_site_url_is_the_recorded_one_unless_site_url_is_given(copy, monkeypatch):
    """A clone, a fork or CI regenerates the same bytes: the URL the notebooks record wins
    over the repository's; SITE_URL (a custom domain) replaces it on purpose."""
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "someone/a-fork")
    monkeypatch.delenv("SITE_URL", raising=False)
    project = copy_project(copy)
    recorded = recipe_notebooks.recorded_site_url(project)
    assert recorded[0]
    assert recipe_notebooks.site_url(project) == recorded[1]
    assert recipe_notebooks.problems(project) == []
    monkeypatch.setenv("SITE_URL", "https://cookbook.example.org")
    assert recipe_notebooks.site_url(project) == "https://cookbook.example.org/"
    recipe_notebooks.write(project)
    nb = json.loads((copy / "notebooks" / "shapes.ipynb").read_text(encoding="utf-8"))
    text = "\n".join(cell["source"] for cell in nb["cells"])
    assert "https://cookbook.example.org/shapes/" in nb["cells"][0]["source"]
    assert "(https://cookbook.example.org/numpy-indexing/#on-a-tftensor-t0-is-t0)" in text
    monkeypatch.delenv("SITE_URL")
    assert recipe_notebooks.problems(project) == []  # the new URL is now the recorded one
    for path in (copy / "notebooks").glob("*.ipynb"):  # no notebook at all yet: the fork's
        path.unlink()
    assert recipe_notebooks.site_url(project) == "https://someone.github.io/a-fork/"


def test_links_without_a_site_url_stay_in_the_repository():
    """No site URL: a link to a recipe page opens its notebook, beside this one; a link to
    another page its Markdown source; a picture is the file the cell above writes."""
    recipes = set(RECIPES)
    shapes = recipe_notebooks.notebook(PROJECT, "shapes.md", None, recipes)
    text = "\n".join(cell["source"] for cell in shapes["cells"])
    assert "(numpy-indexing.ipynb#on-a-tftensor-t0-is-t0)" in text
    assert '<a id="on-a-tftensor-t0-is-t0"></a>' in "\n".join(
        c["source"]
        for c in recipe_notebooks.notebook(PROJECT, "numpy-indexing.md", None, recipes)["cells"]
    )
    visualizing = recipe_notebooks.notebook(PROJECT, "visualizing.md", None, recipes)
    text = "\n".join(cell["source"] for cell in visualizing["cells"])
    assert "](model.svg)" in text
    assert "](history.png)" in text
    converter = recipe_notebooks.Converter(PROJECT, "shapes.md", None, recipes)
    link = recipe_notebooks.LINK.match("[References](references.md#books)")
    assert converter.link(link) == "[References](../docs/references.md#books)"


# The built site (hooks/recipe_notebooks.py)


def page_html(site: Path, source: str) -> str:
    return (site / PROJECT.page_url(source) / "index.html").read_text(encoding="utf-8")


def test_each_recipe_page_links_to_its_own_notebook(built_site):
    repo = github_path(discover(ROOT).repo_url)  # this build's repository
    for source in RECIPES:
        html = page_html(built_site, source)
        name = Path(source).with_suffix(".ipynb").name
        download = re.findall(r'<a [^>]*href="([^"]+)" download>Download the notebook</a>', html)
        assert download == [name], f"{source}: download links {download}"
        published = built_site / PROJECT.page_url(source) / download[0]
        assert json.loads(published.read_text(encoding="utf-8")) == committed(source), source
        assert html.index("</h1>") < html.index("Download the notebook"), "not under the title"
        colab = re.findall(r'href="(https://colab\.research\.google\.com/[^"]+)"', html)
        if repo is None:  # no GitHub repository: no Colab link rather than a wrong one
            assert colab == [], source
        else:
            assert colab == [
                f"https://colab.research.google.com/github/{repo}/blob/main/notebooks/{name}"
            ]
    for source in NOT_RECIPES:
        html = page_html(built_site, source)
        assert "Download the notebook" not in html, source
        assert "colab.research" not in html, source


def test_the_colab_link_is_the_forks_own():
    """The same discovery as the notebook pages: a fork links to the fork's notebooks."""
    config = {
        "repo_url": "https://github.com/someone/a-fork",
        "edit_uri": "edit/main/docs/",
        "config_file_path": str(ROOT / "mkdocs.yml"),
    }
    shapes = recipe_notebooks.notebook_path(PROJECT, "shapes.md")
    assert colab_url(config, shapes) == (
        "https://colab.research.google.com/github/someone/a-fork/blob/main/notebooks/shapes.ipynb"
    )
    assert colab_url({**config, "repo_url": "https://gitlab.com/a/b"}, shapes) is None


def test_the_hook_uses_the_project_of_the_build():
    """hooks/recipe_notebooks.py asks verify/ for the pages; the hook holds no logic."""
    from mkdocs.config import load_config

    project = project_of(load_config(str(ROOT / "mkdocs.yml")))
    assert recipe_notebooks.recipe_pages(project) == RECIPES


# Running one (all of them: make test-notebooks)


def test_a_generated_notebook_runs_top_to_bottom():
    """The cheapest page's notebook, install cell included: every requirement is already
    satisfied in .venv, so `%pip install` checks and returns (about a second, offline)."""
    path = recipe_notebooks.notebook_path(PROJECT, "numpy-indexing.md")
    start = time.monotonic()
    nb = notebooks.execute(path, again="make test-notebooks NOTEBOOK=numpy-indexing")
    seconds = time.monotonic() - start
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
    printed = "".join(
        out.get("text", "") for out in code[2].outputs if out.get("output_type") == "stream"
    )
    assert printed.strip(), "the first recipe printed nothing"
    print(f"{path.name}: {len(code)} code cells in {seconds:.1f} s")


def test_a_failing_cell_names_the_notebook_the_cell_and_the_error(tmp_path):
    source = committed("numpy-indexing.md")
    source["cells"] = [
        *source["cells"][:1],
        recipe_notebooks.code_cell("x = 1"),
        recipe_notebooks.code_cell("raise ValueError('a broken recipe')"),
    ]
    for number, cell in enumerate(source["cells"]):
        cell["id"] = f"cell-{number}"
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    path = tmp_path / "notebooks" / "broken.ipynb"
    path.parent.mkdir()
    path.write_text(json.dumps(source), encoding="utf-8")
    with pytest.raises(notebooks.CellFailure) as failure:
        notebooks.execute(path, again="make test-notebooks NOTEBOOK=broken")
    report = str(failure.value)
    assert "notebooks/broken.ipynb: cell 3 of 3 (code cell 2, In [2]) failed" in report
    assert "ValueError: a broken recipe" in report
    assert report.endswith("Run it alone with: make test-notebooks NOTEBOOK=broken")
