"""MkDocs hook: output shown as output, and each code block titled with its file
(site_tools/output_blocks.py): the pages' fences are marked at build time, never in docs/.

Registered under `hooks:` in mkdocs.yml.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from site_tools import output_blocks


@event_priority(-60)  # after hooks/runs_on.py has found the blocks by their fences
def on_page_markdown(markdown, page, config, files):
    if not page.file.src_uri.endswith(".md"):
        return markdown
    return output_blocks.mark(markdown)


def on_page_content(html, page, config, files):
    if not page.file.src_uri.endswith(".md"):
        return html
    return output_blocks.finish(html)
