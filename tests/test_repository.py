"""site_tools/repository.py and hooks/repository_urls.py: the site links to where it is built.

No URL is typed into mkdocs.yml. A fork's build links to the fork (its whole build, every
page: tests/test_new_page.py, whose newcomer works in a fork); a copy with no GitHub
repository builds without edit, source and Colab links rather than with wrong ones.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from harness import PLACEHOLDER, ROOT, build_site
from site_tools.repository import Urls, discover, pages_url
from verify.cache import cache_dir
from verify.project import load_settings

ACTIONS = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/keras-cookbook"}


def git_folder(tmp_path: Path, remote: str | None) -> Path:
    folder = tmp_path / "clone"
    folder.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    if remote:
        subprocess.run(["git", "remote", "add", "origin", remote], cwd=folder, check=True)
    return folder


def test_mkdocs_yml_types_no_url_of_its_own():
    settings = load_settings(ROOT / "mkdocs.yml")
    assert "site_url" not in settings
    assert "repo_url" not in settings
    assert not PLACEHOLDER.search((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def test_on_github_actions_the_urls_are_the_running_repository_s(tmp_path):
    urls = discover(git_folder(tmp_path, "https://github.com/someone/else.git"), ACTIONS)
    assert urls.site_url == "https://acme.github.io/keras-cookbook/"
    assert urls.repo_url == "https://github.com/acme/keras-cookbook"


@pytest.mark.parametrize(
    "remote",
    [
        "https://github.com/Acme/keras-cookbook.git",
        "https://github.com/Acme/keras-cookbook",
        "git@github.com:Acme/keras-cookbook.git",
        "ssh://git@github.com/Acme/keras-cookbook.git",
    ],
)
def test_elsewhere_the_urls_come_from_a_github_origin(tmp_path, remote):
    urls = discover(git_folder(tmp_path, remote), {})
    assert urls == Urls(
        "https://acme.github.io/keras-cookbook/",
        "https://github.com/Acme/keras-cookbook",
        "git remote origin",
    )


@pytest.mark.parametrize("remote", [None, "https://gitlab.com/acme/keras-cookbook.git", "/srv/x"])
def test_no_github_repository_gives_no_urls(tmp_path, remote):
    urls = discover(git_folder(tmp_path, remote), {})
    assert urls.site_url is None
    assert urls.repo_url is None


def test_site_url_and_repo_url_override_everything(tmp_path):
    env = {**ACTIONS, "SITE_URL": "https://cookbook.example.org", "REPO_URL": "https://x.org/r/"}
    urls = discover(git_folder(tmp_path, None), env)
    assert urls.site_url == "https://cookbook.example.org/"
    assert urls.repo_url == "https://x.org/r"


def test_a_user_site_repository_is_served_at_the_root():
    assert pages_url("Acme", "acme.github.io") == "https://acme.github.io/"


@pytest.mark.inner
def test_a_copy_without_a_github_repository_builds_and_claims_no_links(tmp_path, monkeypatch):
    for name in ("SITE_URL", "REPO_URL", "GITHUB_REPOSITORY", "GITHUB_SERVER_URL"):
        monkeypatch.delenv(name, raising=False)
    copy = tmp_path / "copy"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(copy)], check=True)
    subprocess.run(["git", "remote", "remove", "origin"], cwd=copy, check=True)
    # The clone shares this project's cache: the notebook runs and pictures of this session
    # are reused under the same keys (or made once, under their lock), not made again.
    build = build_site(copy, tmp_path / "site", env={"VERIFY_CACHE_DIR": str(cache_dir(ROOT))})
    assert build.returncode == 0, build.stderr[-3000:]
    for page in (tmp_path / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not PLACEHOLDER.search(html)
        assert 'title="Edit this page"' not in html
        assert "colab.research.google.com" not in html
        assert 'rel="canonical"' not in html
