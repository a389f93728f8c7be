"""MkDocs hook: the site's URLs come from the repository it is built in (site_tools/repository.py).

`site_url` and `repo_url` are not typed into mkdocs.yml: on GitHub Actions they come from
GITHUB_REPOSITORY, elsewhere from `git remote get-url origin` (a GitHub URL), and
SITE_URL / REPO_URL override both. A fork's build links to the fork; a copy with no
GitHub repository builds without edit, source and Colab links instead of wrong ones.

Registered first under `hooks:` in mkdocs.yml, so every later step sees the URLs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from site_tools.repository import discover, github_path

log = logging.getLogger("mkdocs.hooks.repository_urls")


def on_config(config):
    urls = discover(Path(config["config_file_path"]).parent)
    config["site_url"] = urls.site_url
    config["repo_url"] = urls.repo_url
    config["repo_name"] = urls.repo_url.rsplit("/", 1)[-1] if urls.repo_url else None
    if github_path(urls.repo_url) is None:
        config["edit_uri"] = None  # no GitHub repository: no edit or source links
    log.info("site_url %s, repo_url %s (from %s)", urls.site_url, urls.repo_url, urls.source)
    return config
