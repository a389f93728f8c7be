"""MkDocs hook: in the site's search, a recipe page ranks above a notebook on its topic.

The notebooks (docs/notebooks/*.ipynb) walk through the same topics as the recipe
pages, at length: searching `return_sequences`, a reader wants the Recurrent networks
page first, and the notebook's section about it next. Material's search takes a
page's `search: boost` from its metadata (front matter for a Markdown page); notebook
pages have none, so this hook gives them a lower boost. The search tests
(tests/browser/, with the queries each page declares) hold the ranking to that.

Registered under `hooks:` in mkdocs.yml.
"""

from __future__ import annotations

NOTEBOOK_BOOST = 0.5  # Material's default for a page is 1


def on_page_content(html, page, config, files):
    # After the page is rendered (mkdocs-jupyter sets a notebook's metadata when it
    # renders it) and before Material's search plugin reads it (on_page_context).
    if page.file.src_uri.endswith(".ipynb"):
        search = page.meta.setdefault("search", {})
        search.setdefault("boost", NOTEBOOK_BOOST)
    return html
