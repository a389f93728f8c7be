"""Lighthouse (pinned in .ci/package.json) on every kind of page of the built site.

Accessibility and best practices must score 100 on the home page, a recipe page and each
notebook page, at Lighthouse's mobile settings (its default). These two categories do not
depend on the machine's speed; performance and SEO, at mobile and desktop settings, are
measured by `make bench` (site_tools/bench.py). A page that loses a point fails with the page,
the category and the audits that cost it.

Served on 127.0.0.1 from the `built_site` of this session (or an already built site:
SITE_DIR=/tmp/site pytest tests/test_lighthouse.py). About 10 s a page, two at a time.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from harness import ROOT
from site_tools import lighthouse
from site_tools.browser import serve
from verify.project import load_project

PROJECT = load_project(ROOT / "mkdocs.yml")
RECIPE_PAGE = "shapes.md"  # as tests/browser/
PAGES = ["index.md", RECIPE_PAGE] + [
    path.relative_to(PROJECT.docs_dir).as_posix() for path in PROJECT.notebooks()
]
CATEGORIES = ["accessibility", "best-practices"]
# Lighthouse waits through most of a run (Chromium's start, the page's load, network and CPU
# quiet), and these two categories do not depend on the machine's speed: two runs at a
# time overlap their waits (4 pages: 24 s against 37 s one by one, side by side).
AT_ONCE = 2


@pytest.fixture(scope="module")
def site_url(site_dir):
    with serve(site_dir, compress=True) as url:  # as GitHub Pages serves it
        yield url


def test_every_page_kind_is_measured():
    assert len(PAGES) >= 4, f"home, a recipe page and the notebook pages: {PAGES}"
    assert all((PROJECT.docs_dir / page).is_file() for page in PAGES), PAGES


def problems(reports: dict[str, dict]) -> list[str]:
    """Each category under 100: the page, the category, its score and the audits that cost it."""
    return [
        f"{page}: {category} {scores.get(category)}/100: "
        + "; ".join(lighthouse.failed_audits(found, category))
        for page, found in reports.items()
        for scores in [lighthouse.scores(found)]
        for category in CATEGORIES
        if scores.get(category) != 100
    ]


def test_lighthouse_accessibility_and_best_practices_on_every_page_kind(site_url):
    def report(page: str) -> dict:
        return lighthouse.run(site_url + PROJECT.page_url(page), CATEGORIES, "mobile")

    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        reports = dict(zip(PAGES, pool.map(report, PAGES), strict=True))
    found = problems(reports)
    assert not found, "Lighthouse:\n  " + "\n  ".join(found)


@pytest.mark.browser
def test_a_page_that_regresses_is_named_with_its_category_and_audit(tmp_path):
    """A page with an unnamed button and an image without a text alternative (the kind of
    regression a new control or a new notebook brings): the failure says where and why."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,"><title>Regressed</title></head>'
        "<body><main><h1>Regressed</h1>"
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1">'
        "<button></button></main></body></html>",
        encoding="utf-8",
    )
    with serve(tmp_path) as url:
        found = problems({"regressed.md": lighthouse.run(url, CATEGORIES, "mobile")})
    assert len(found) == 1, found
    assert found[0].startswith("regressed.md: accessibility "), found
    assert "image-alt: " in found[0], found
    assert "button-name: " in found[0], found
