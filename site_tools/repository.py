"""Where the site is built from, and so where its links point: the repository's URLs.

Nothing is typed into mkdocs.yml: `site_url`, `repo_url` (hence "Edit this page",
"View source") and the "Open in Colab" links come from the repository being built, in
this order of precedence:

1. `SITE_URL` / `REPO_URL` from the environment (a custom domain, a mirror);
2. inside GitHub Actions, `GITHUB_SERVER_URL` and `GITHUB_REPOSITORY`: the repository
   `https://github.com/<owner>/<repo>` and its Pages site `https://<owner>.github.io/<repo>/`;
3. `git remote get-url origin`, when it is a GitHub URL (https or ssh);
4. none: the site builds without edit, source and Colab links rather than wrong ones.

A repository that is not on GitHub (GitLab, a local path) gives no GitHub links: Colab
and the Pages URL only exist for GitHub repositories. Used by hooks/repository_urls.py
(the build) and by the tests that check the built links.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

GITHUB = "https://github.com"
# https://github.com/owner/repo(.git), git@github.com:owner/repo(.git), ssh://git@github.com/...
GITHUB_REMOTE = re.compile(
    r"^(?:https://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"(?P<owner>[A-Za-z0-9-]+)/(?P<repo>[A-Za-z0-9._-]+?)(?:\.git)?/?$"
)


@dataclass(frozen=True)
class Urls:
    site_url: str | None  # where the site is published, ending in /
    repo_url: str | None  # the repository's web page
    source: str  # what they were read from, for the build log


def pages_url(owner: str, repo: str) -> str:
    """GitHub Pages' URL of a project site (a repo named <owner>.github.io is the root)."""
    owner = owner.lower()
    if repo.lower() == f"{owner}.github.io":
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{repo}/"


def origin(root: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", "remote", "get-url", "origin"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def from_github(owner: str, repo: str, source: str) -> Urls:
    return Urls(pages_url(owner, repo), f"{GITHUB}/{owner}/{repo}", source)


def discover(root: Path, env: Mapping[str, str] | None = None) -> Urls:
    """The URLs of the repository at `root`, as the build should link to it."""
    env = os.environ if env is None else env
    found = Urls(None, None, "no GitHub repository: no edit, source or Colab links")
    repository = env.get("GITHUB_REPOSITORY", "")
    server = env.get("GITHUB_SERVER_URL", "").rstrip("/")
    remote = GITHUB_REMOTE.match(origin(root) or "")
    if server == GITHUB and re.fullmatch(r"[A-Za-z0-9-]+/[A-Za-z0-9._-]+", repository):
        found = from_github(*repository.split("/"), "GITHUB_REPOSITORY")
    elif remote:
        found = from_github(remote["owner"], remote["repo"], "git remote origin")
    site_url = env.get("SITE_URL") or found.site_url
    repo_url = env.get("REPO_URL") or found.repo_url
    if env.get("SITE_URL") or env.get("REPO_URL"):
        found = Urls(site_url, repo_url, f"SITE_URL / REPO_URL over {found.source}")
    return Urls(
        site_url.rstrip("/") + "/" if site_url else None,
        repo_url.rstrip("/") if repo_url else None,
        found.source,
    )


def github_path(repo_url: str | None) -> str | None:
    """`owner/repo` of a GitHub repository URL, or None (Colab needs GitHub)."""
    match = GITHUB_REMOTE.match(repo_url or "")
    return f"{match['owner']}/{match['repo']}" if match else None


def branch(edit_uri: str | None) -> str:
    """The branch the edit links point at (`edit/<branch>/docs/`), `main` by default."""
    match = re.match(r"(?:edit|blob)/([^/]+)/", edit_uri or "")
    return match.group(1) if match else "main"
