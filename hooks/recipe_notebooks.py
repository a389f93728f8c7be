"""MkDocs hook: each recipe page links to its notebook (site_tools/recipe_notebooks.py).

Under the title of every recipe page (a page in nav whose blocks run): "Download the
notebook", the page's notebook published beside the page (`shapes/shapes.ipynb`, so the
download works from the site itself), and "Open in Colab", to the committed
`notebooks/shapes.ipynb` in the repository the site is built in (site_tools/notebook_links.py,
shared with the notebook pages; no GitHub repository, no Colab link).

The published notebook is the one generated from the page being built, with the site URL
the committed notebooks record: the committed file itself whenever it is up to date, which
`make test` checks (tests/test_recipe_notebooks.py). A stale or missing committed notebook
is logged (`make notebooks` regenerates them), not a build failure, so `make serve` keeps
showing a page while it is edited.

Registered under `hooks:` in mkdocs.yml; an adapter over the `verify` package.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path, PurePosixPath

from site_tools import recipe_notebooks
from site_tools.notebook_links import colab_url, links_html, under_title
from verify.project import project_of

log = logging.getLogger("mkdocs.hooks.recipe_notebooks")
NOTEBOOKS: dict[str, tuple[Path, str]] = {}  # a recipe page's src_uri -> (committed, text)


def on_files(files, config):
    NOTEBOOKS.clear()
    project = project_of(config)
    recipes = recipe_notebooks.recipe_pages(project)
    known, url = recipe_notebooks.recorded_site_url(project)
    url = url if known else recipe_notebooks.site_url(project)
    for source in recipes:
        nb = recipe_notebooks.notebook(project, source, url, set(recipes))
        committed = recipe_notebooks.notebook_path(project, source)
        text = recipe_notebooks.dumps(nb)
        if not committed.is_file() or committed.read_text(encoding="utf-8") != text:
            log.info(
                "%s is not up to date with docs/%s: run %s",
                project.rel(committed),
                source,
                recipe_notebooks.COMMAND,
            )
        NOTEBOOKS[source] = (committed, text)
    return files


def on_page_content(html, page, config, files):
    found = NOTEBOOKS.get(page.file.src_uri)
    if found is None:
        return html
    committed, _ = found
    return under_title(html, links_html(committed.name, colab_url(config, committed)))


def published_path(src_uri: str, use_directory_urls: bool) -> str:
    """Where the notebook goes in the site: beside the page's index.html."""
    stem = PurePosixPath(src_uri).with_suffix("")
    folder = str(stem) if use_directory_urls else posixpath.dirname(src_uri)
    return posixpath.join(folder, stem.name + ".ipynb")


def on_post_build(config):
    for source, (_, text) in NOTEBOOKS.items():
        target = Path(config["site_dir"]) / published_path(source, config["use_directory_urls"])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
