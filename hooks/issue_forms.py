"""MkDocs hook: About's links to the repository's issue forms and maintainers' guide, from
the repository the site is built in (site_tools/issue_forms.py); never typed.

Registered under `hooks:` in mkdocs.yml, after hooks/repository_urls.py.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from site_tools import issue_forms
from site_tools.repository import branch


def on_page_markdown(markdown, page, config, files):
    root = Path(config["config_file_path"]).resolve().parent
    try:
        return issue_forms.expand(
            markdown, root, config.get("repo_url"), branch(config.get("edit_uri"))
        )
    except ValueError as error:
        raise PluginError(f"hooks/issue_forms.py: {page.file.src_uri}: {error}") from None
