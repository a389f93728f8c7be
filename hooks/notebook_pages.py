"""MkDocs hook for the notebook pages (docs/**/*.ipynb, rendered by mkdocs-jupyter).

- Executed for real: the page shows the run of the notebook that `make test` saved
  (verify/notebooks.py), or the hook runs the notebook now when there is no saved run.
  A failing cell fails the build, naming the notebook and the cell.
- Under the page title: a link to download the notebook as committed (no outputs) and
  an "Open in Colab" link to its path in the repository, from `repo_url` (set by
  hooks/repository_urls.py from the repository the site is built in; and the branch
  in `edit_uri`) in mkdocs.yml.
- What it shows as code is what ran: a code cell, its output, or code a Markdown cell marks
  as not run (site_tools/published_code.py); anything else fails the build.
- Its HTML rewritten for search, light pages and the keyboard (site_tools/notebook_pages.py),
  styled by hooks/notebook_pages.css; its output images published as files (on_post_build).

Registered under `hooks:` in mkdocs.yml.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from site_tools import published_code
from site_tools.notebook_links import colab_url, links_html, under_title
from site_tools.notebook_pages import TemplateChanged, image_alts, rewrite
from verify import notebooks

log = logging.getLogger("mkdocs.hooks.notebook_pages")
EXECUTED: dict[str, Path] = {}  # a notebook page's src_uri -> the executed copy
IMAGES: dict[str, bytes] = {}  # an output image's path in the site -> its bytes
NOTEBOOK_CSS = Path(__file__).with_suffix(".css").read_text(encoding="utf-8")


def on_files(files, config):
    EXECUTED.clear()
    IMAGES.clear()
    for file in files:
        if not file.src_uri.endswith(".ipynb") or file.abs_src_path is None:
            continue
        try:
            executed, ran = notebooks.executed_copy(Path(file.abs_src_path))
        except notebooks.CellFailure as error:
            raise PluginError(f"a notebook page failed to run:\n{error}") from None
        log.info("%s: %s", file.src_uri, "executed now" if ran else "the run saved by make test")
        EXECUTED[file.src_uri] = executed
    return files


@event_priority(-100)  # after mkdocs-jupyter has set up the page's rendering
def on_pre_page(page, config, files):
    executed = EXECUTED.get(page.file.src_uri)
    if executed is None:
        return page
    render = page.render

    def render_executed(config, files):
        # mkdocs-jupyter reads the notebook at page.file.abs_src_path. For the rendering
        # only, that is the executed copy; everything else (the git date, the edit and
        # download links) keeps seeing the committed notebook.
        committed = page.file.abs_src_path
        page.file.abs_src_path = str(executed)
        try:
            render(config, files)
        finally:
            page.file.abs_src_path = committed

    page.render = render_executed
    return page


def on_page_content(html, page, config, files):
    if page.file.src_uri not in EXECUTED:
        return html
    executed = nbformat.read(EXECUTED[page.file.src_uri], as_version=4)
    # What the page shows as code is what ran (site_tools/published_code.py).
    problems = published_code.unverified_code(html, published_code.notebook_texts(executed))
    if problems:
        raise PluginError(
            published_code.report(page.file.src_uri, problems, published_code.NOTEBOOK_ADVICE)
        )
    try:
        html = rewrite(
            html, NOTEBOOK_CSS, page.file.dest_uri, page.url, IMAGES, image_alts(executed)
        )
    except TemplateChanged as error:
        raise PluginError(str(error)) from None
    # The trust line's date (hooks/page_facts.py): the day of the run the page shows.
    page.meta["verified_on"] = EXECUTED[page.file.src_uri].stat().st_mtime
    notebook = Path(page.file.abs_src_path)
    return under_title(html, links_html(notebook.name, colab_url(config, notebook)))


def on_post_build(config):
    """Publish each committed notebook beside its page, for the download link."""
    for src_uri in EXECUTED:
        notebook = Path(config["docs_dir"]) / src_uri
        page_dir = Path(config["site_dir"]) / Path(src_uri).with_suffix("")
        if not config["use_directory_urls"]:
            page_dir = page_dir.parent
        page_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, page_dir / notebook.name)
    for path, content in IMAGES.items():
        target = Path(config["site_dir"]) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
