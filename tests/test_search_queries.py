"""The search queries each page declares (site_tools/search_queries.py), checked without a browser.

- every page of the site declares at least three well-formed queries, each landing on a
  section heading the page really has (tests/browser/test_search.py then runs them)
- bad declarations fail with the page and what to write: none, too few, no question in
  plain words, a malformed entry, a heading id the page does not have, a query two pages
  claim; in a Markdown page's front matter and in a notebook's metadata
- mkdocs.yml's search separator splits code the way readers type it (`np.expand_dims(x, 0)`
  holds the token `expand_dims`), and keeps the tokens readers type whole
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from harness import ROOT
from site_tools.headings import headings, sections
from site_tools.search_queries import KEY, problems, searches
from verify.project import load_project, load_settings

PROJECT = load_project(ROOT / "mkdocs.yml")


def test_every_page_declares_queries_that_can_land():
    found = problems(PROJECT)
    assert not found, "\n\n".join(found)


def test_the_queries_are_read_from_the_pages():
    declared = searches(PROJECT)
    pages = {search.page for search in declared}
    assert set(PROJECT.nav) - {"index.md"} <= pages
    assert any(page.endswith(".ipynb") for page in pages), "no notebook's metadata was read"
    assert len(declared) >= 3 * len(pages)


def test_heading_ids_are_the_ones_mkdocs_gives():
    ids = [heading.id for heading in headings(PROJECT, "rnns.md")]
    assert ids[0] == "recurrent-networks-rnns"  # the page title, not a section
    assert "output-shapes-return_sequences-and-return_state" in ids
    assert "recurrent-networks-rnns" not in [h.id for h in sections(PROJECT, "rnns.md")]
    notebook = [h.id for h in sections(PROJECT, "notebooks/image-classification.ipynb")]
    assert "load-them-with-image_dataset_from_directory" in notebook


# --- bad input, in a small project of its own --------------------------------------

CONFIG = """\
site_name: t
nav:
  - Home: index.md
  - A: a.md
  - B: b.md
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
  - pymdownx.snippets:
      base_path: [snippets]
      check_paths: true
"""
GOOD = """\
  - query: first keyword
    heading: first-section
  - query: first_api
    heading: second-section
  - query: how do I do the first thing
    heading: first-section
"""
OTHER = GOOD.replace("query: first", "query: other").replace("first thing", "other thing")


def page(queries: str | None, title: str = "A page") -> str:
    """A page with two sections (`first-section`, `second-section`) and `queries` declared."""
    front = f"{KEY}:\n{queries}" if queries is not None else ""
    body = (
        f"# {title}\n\nIntro.\n\n## First section\n\nText.\n\n"
        "## Second section {#second-section}\n\n```python\n# Not a heading\n```\n"
    )
    return f"---\ntitle: {title}\n{front}---\n\n{body}"


@pytest.fixture
def site(tmp_path):
    """A project with Home (no queries) and two pages, a.md and b.md, that are correct."""
    (tmp_path / "snippets").mkdir()
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n## Topics\n", encoding="utf-8")
    (docs / "a.md").write_text(page(GOOD), encoding="utf-8")
    (docs / "b.md").write_text(page(OTHER), encoding="utf-8")
    return tmp_path


def check(site: Path) -> list[str]:
    return problems(load_project(site / "mkdocs.yml"))


def write(site: Path, name: str, text: str) -> None:
    (site / "docs" / name).write_text(text, encoding="utf-8")


def test_a_correct_project_has_no_problem_and_home_is_exempt(site):
    assert check(site) == []
    assert len(searches(load_project(site / "mkdocs.yml"))) == 6


@pytest.mark.parametrize(
    ("queries", "expected"),
    [
        (None, ["docs/a.md declares no search queries: add to its front matter", "heading:"]),
        (
            "  - query: one\n    heading: first-section\n",
            ["declares 1 search queries", "at least 3"],
        ),
        ("  just text\n", ["`search_queries` must be a list"]),
        (
            GOOD + "  - query: no heading\n",
            ["entry 4 is {'query': 'no heading'}", "two keys, `query:", "and `heading:"],
        ),
        (GOOD + "  - a string\n", ["entry 4 is 'a string'"]),
        (
            GOOD + "  - query: q\n    heading: first-section\n    extra: 1\n",
            ["entry 4 is", "two keys"],
        ),
        (GOOD + "  - query: 2024\n    heading: first-section\n", ["query 2024 is not text"]),
        (
            GOOD + "  - query: lost\n    heading: no-such-section\n",
            [
                "docs/a.md: search_queries entry 4 ('lost'): heading 'no-such-section' is not",
                "Its section ids: first-section, second-section",
            ],
        ),
        (
            GOOD + "  - query: the title\n    heading: a-page\n",
            ["heading 'a-page' is not the id of a section"],
        ),
        (
            GOOD.replace("how do I do the first thing", "first words"),
            ["docs/a.md: none of its search queries is a question in plain words"],
        ),
        (GOOD + "  - query: first_api\n    heading: first-section\n", ["same query twice"]),
    ],
    ids=[
        "none",
        "too-few",
        "not-a-list",
        "no-heading",
        "not-a-mapping",
        "extra-key",
        "not-text",
        "unknown-heading",
        "page-title",
        "no-question",
        "twice",
    ],
)
def test_bad_declarations_say_which_page_and_what_to_write(site, queries, expected):
    write(site, "a.md", page(queries))
    found = "\n".join(check(site))
    for text in expected:
        assert text in found, f"{text!r} not in:\n{found}"
    assert "docs/b.md" not in found


def test_a_page_not_in_nav_must_declare_too(site):
    write(site, "c.md", page(None, "C"))
    assert any(p.startswith("docs/c.md declares no search queries") for p in check(site))


def test_two_pages_cannot_both_rank_first(site):
    write(site, "b.md", page(OTHER.replace("query: other_api", "query: first_api")))
    found = check(site)
    assert any("docs/b.md and docs/a.md both declare the query 'first_api'" in p for p in found)


def test_a_notebook_declares_in_its_metadata(site):
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# NB\n", "\n", "## Fit it\n"]}]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    write(site, "nb.ipynb", json.dumps(notebook))
    found = "\n".join(check(site))
    message = 'docs/nb.ipynb declares no search queries: add to its metadata ("search_queries"'
    assert message in found
    notebook["metadata"][KEY] = [
        {"query": "fit", "heading": "fit-it"},
        {"query": "nb_api", "heading": "fit-it"},
        {"query": "how do I fit it", "heading": "nb"},
    ]
    write(site, "nb.ipynb", json.dumps(notebook))
    assert check(site) == [
        "docs/nb.ipynb: search_queries entry 3 ('how do I fit it'): heading 'nb' is not the "
        "id of a section of this page. Its section ids: fit-it"
    ]


# --- the separator -------------------------------------------------------------------


def search_separator() -> str:
    for plugin in load_settings(ROOT / "mkdocs.yml")["plugins"]:
        if isinstance(plugin, dict) and "search" in plugin:
            return plugin["search"]["separator"]
    raise AssertionError("mkdocs.yml sets no plugins: search: separator")


def tokens(text: str) -> list[str]:
    """`text` split as Material's search splits it (its zero-width matches included).

    The separator is a JavaScript RegExp; the constructs it uses (classes, lookahead,
    \\b) mean the same in Python's re.
    """
    found, start = [], 0
    for match in re.finditer(search_separator(), text):
        if match.start() > start:
            found.append(text[start : match.start()])
        start = max(start, match.end())
    if start < len(text):
        found.append(text[start:])
    return [token.lower() for token in found]


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("np.expand_dims(x, 0)", "expand_dims"),
        ("keras.ops.matmul(a, b)", "matmul"),
        ("tf.io.parse_single_example(record, features)", "parse_single_example"),
        ("Dropout(noise_shape=(None, 1, 8))", "noise_shape"),
        ("model.fit(x, y, steps_per_epoch=3)", "steps_per_epoch"),
        ('["a", "b"]', "a"),
        ('print(f"{name:&lt;30}")', "name"),
        ("x[[0]]", "x"),
    ],
)
def test_the_separator_splits_code_at_its_punctuation(text, token):
    assert token in tokens(text), f"{text!r} -> {tokens(text)}"


@pytest.mark.parametrize("text", ["expand_dims", "return_sequences", "3.15", "int8", "2.21"])
def test_the_separator_keeps_what_readers_type_whole(text):
    assert tokens(text) == [text.lower()]
