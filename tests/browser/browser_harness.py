"""What the browser tests share: the pages and searches they visit, and a tab that
records what a page requested and logged (site_tools/browser.py drives Chromium)."""

from __future__ import annotations

import urllib.parse

import pytest

from harness import ROOT
from site_tools.browser import (
    Traffic,
)
from site_tools.search_queries import searches
from verify.project import load_project

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PROJECT = load_project(ROOT / "mkdocs.yml")
NAV = list(PROJECT.nav)
page_path = PROJECT.page_url
MARKDOWN_NAV = [page for page in NAV if page.endswith(".md")]
RECIPE_PAGE = "shapes.md"  # a finished recipe page: code, expected output, admonition
SERIOUS = ("serious", "critical")
SEARCHES = searches(PROJECT)  # what each page declares in its front matter (or metadata)
# Where a result lands depends on the page and the heading, not on the query that found it:
# the first query declared for each (page, heading) stands for the others. Each page's
# landings, in the order declared (checked by the page's visit: test_every_page_in_the_browser).
LANDINGS = {(s.page, s.heading): s for s in reversed(SEARCHES)}
LANDINGS_ON = {
    source: [s for s in SEARCHES if s.page == source and LANDINGS[s.page, s.heading] == s]
    for source in {s.page for s in SEARCHES}
}


def new_context(browser, **options):
    """A browser context (a fresh profile) whose traffic is recorded."""
    options = {"viewport": DESKTOP, "color_scheme": "light", **options}
    context = browser.new_context(**options)
    context.traffic = Traffic().attach(context)
    return context


class Tab:
    """A page (tab) that records console errors, uncaught exceptions and failed loads."""

    def __init__(self, context, site_url: str):
        self.page = context.new_page()
        self.site_url = site_url
        self.errors: list[str] = []
        self.page.on(
            "console",
            lambda message: (
                message.type == "error"
                and self.errors.append(f"console error: {message.text} ({message.location})")
            ),
        )
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        self.page.on(
            "response",
            lambda response: (
                response.status >= 400
                and self.errors.append(f"HTTP {response.status}: {response.url}")
            ),
        )

    def open(self, source: str, wait_until: str = "load", fragment: str = ""):
        url = self.site_url + page_path(source) + fragment
        response = self.page.goto(url, wait_until=wait_until)
        assert response, f"{source}: no response"
        assert response.ok, f"{source}: HTTP {response.status}"
        return self.page

    def path(self) -> str:
        """The current URL's path, relative to the site."""
        return urllib.parse.urlsplit(self.page.url).path.lstrip("/")

    def fragment(self) -> str:
        return urllib.parse.unquote(urllib.parse.urlsplit(self.page.url).fragment)


def assert_no_problems(title: str, problems: dict[str, list]) -> None:
    """Fail with every check that found something, each under its name (a check that found
    nothing is left out)."""
    failed = {name: found for name, found in problems.items() if found}
    assert not failed, f"{title}:\n" + "\n".join(
        f"- {name}:\n" + "\n".join(f"    {line}" for line in found)
        for name, found in failed.items()
    )


def require_page(source: str):
    if not (ROOT / "docs" / source).is_file():
        pytest.fail(f"docs/{source} does not exist (yet): this test needs it", pytrace=False)


def in_viewport(page, element_id: str) -> bool:
    return page.evaluate(
        """(id) => {
             const box = document.getElementById(id)?.getBoundingClientRect();
             return !!box && box.top >= 0 && box.top < window.innerHeight;
           }""",
        element_id,
    )
