"""The links a page gets to its notebook: "Download the notebook" and "Open in Colab".

Shared by the notebook pages (hooks/notebook_pages.py, docs/**/*.ipynb) and the recipe
pages (hooks/recipe_notebooks.py, notebooks/<page>.ipynb). Colab opens a notebook from
its path in a GitHub repository: the repository is the site's `repo_url` (set from the
repository the site is built in, site_tools/repository.py, so a fork links to the fork) and
the branch the one of `edit_uri`. No GitHub repository: no Colab link, the download stays.
"""

from __future__ import annotations

import html
from pathlib import Path

from site_tools.repository import branch, github_path

COLAB = "https://colab.research.google.com/github"


def colab_url(config, notebook: Path) -> str | None:
    """https://colab.research.google.com/github/<owner>/<repo>/blob/<branch>/<path>, for a
    notebook under the project of an mkdocs `config` (or None without a GitHub repo_url)."""
    repo = github_path(config.get("repo_url"))
    if repo is None:  # Colab opens notebooks from GitHub only
        return None
    root = Path(config["config_file_path"]).resolve().parent
    path = notebook.resolve().relative_to(root).as_posix()
    return f"{COLAB}/{repo}/blob/{branch(config.get('edit_uri'))}/{path}"


def links_html(download: str, colab: str | None) -> str:
    """The two links, one compact row of small icon links (docs/stylesheets/extra.css draws
    the icons): `download` is the notebook's URL relative to the page."""
    links = [
        f'<a class="notebook-link notebook-link--download" href="{html.escape(download)}" '
        "download>Download the notebook</a>"
    ]
    if colab:
        links.append(
            f'<a class="notebook-link notebook-link--colab" href="{html.escape(colab)}">'
            "Open in Colab</a>"
        )
    # Kept out of the search index: a result's preview starts with the section's text.
    return f'<p class="notebook-links" data-search-exclude>{" ".join(links)}</p>'


def under_title(page_html: str, links: str) -> str:
    """`links` right after the page's <h1> (or first, when the page has none)."""
    title_end = page_html.find("</h1>")
    if title_end == -1:
        return links + page_html
    title_end += len("</h1>")
    return page_html[:title_end] + links + page_html[title_end:]
