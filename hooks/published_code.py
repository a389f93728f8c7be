"""MkDocs hook: a Markdown page whose HTML shows code or output that no verified block ran
fails the build, naming the page and the element (site_tools/published_code.py).

The notebook pages get the same check in hooks/notebook_pages.py, against the run they show.

Registered under `hooks:` in mkdocs.yml, after the hooks that add to a page's HTML.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from site_tools import published_code
from verify.project import project_of


def on_page_content(html, page, config, files):
    if not page.file.src_uri.endswith(".md") or page.file.generated_by:
        return html
    project = project_of(config)
    path = project.docs_dir / page.file.src_uri
    if not path.is_file():
        return html
    problems = published_code.unverified_code(html, published_code.published_texts(project, path))
    if problems:
        raise PluginError(published_code.report(page.file.src_uri, problems))
    return html
