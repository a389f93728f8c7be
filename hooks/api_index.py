"""MkDocs hook: the API index page (api.md, generated from the calls each block made
while it ran, recorded with its passing run), each page's list of the APIs its code calls,
and links from API names in a page's text and code blocks to their reference
(site_tools/api_index.py).

Registered under `hooks:` in mkdocs.yml.
"""

from __future__ import annotations

import logging

from mkdocs.structure.files import File
from mkdocs.structure.nav import Page

from site_tools import api_index
from verify.project import project_of

log = logging.getLogger("mkdocs.hooks.api_index")
CALLS: dict[str, list[api_index.BlockCalls]] = {}  # a page's src_uri -> its blocks' calls


def on_files(files, config):
    CALLS.clear()
    project = project_of(config)
    for path in project.pages():
        source = path.relative_to(project.docs_dir).as_posix()
        found = api_index.page_calls(project, path)
        if found:
            CALLS[source] = found
    entries = [entry for found in CALLS.values() for entry in found]
    files.append(
        File.generated(config, api_index.PAGE, content=api_index.index_markdown(project, entries))
    )
    lacking = api_index.unlinked(entries)
    if lacking:
        log.info("API names without a reference link (%d): %s", len(lacking), ", ".join(lacking))
    return files


def on_nav(nav, config, files):
    page = files.get_file_from_path(api_index.PAGE)
    if page is not None and not any(getattr(item, "file", None) is page for item in nav.items):
        nav.items.append(Page("API index", page, config))
    return nav


def on_page_markdown(markdown, page, config, files):
    found = CALLS.get(page.file.src_uri)
    return markdown + api_index.page_box(found) if found else markdown


def on_page_content(html, page, config, files):
    found = CALLS.get(page.file.src_uri)
    if not found:
        return html
    names = {name for entry in found for name in entry.calls}
    return api_index.link_code_names(api_index.link_inline_code(html, names), names)
