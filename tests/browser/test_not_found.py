"""The page for an address the site does not have (overrides/404.html), served as GitHub
Pages serves it (site_tools/browser.py): it says so, opens the search, and links home, at
any depth, on a phone and on a desktop; built as a fork's or a copy's site (at /) and as a
project site on GitHub Pages (under /<repo>/, as the workflow builds it)."""

from __future__ import annotations

import pytest

from browser_harness import DESKTOP, PHONE, new_context
from site_tools.browser import SEARCH_INPUT, published_path, search


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_a_missing_page_offers_the_search_and_a_link_home(browser, site_url, site_dir, width):
    context = new_context(
        browser, viewport=PHONE if width == "phone" else DESKTOP, is_mobile=width == "phone"
    )
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        response = page.goto(site_url + "no/such/page/", wait_until="networkidle")
        assert response.status == 404
        assert page.locator("article h1").inner_text() == "Page not found"
        header = page.evaluate(
            "() => getComputedStyle(document.querySelector('.md-header')).position"
        )
        assert header == "sticky", "Material's stylesheet did not load at this depth"
        page.get_by_role("button", name="Search the cookbook").click()
        page.locator(SEARCH_INPUT).wait_for(state="visible")
        assert page.evaluate(
            "() => document.activeElement?.matches('[data-md-component=search-query]')"
        )
        assert search(page, "return_sequences").items, "the search finds nothing from here"
        page.keyboard.press("Escape")
        page.get_by_role("link", name="Go to the home page").click()
        # The home page where the site is published: / here, /<repo>/ for a project site.
        page.wait_for_url(site_url.rstrip("/") + published_path(site_dir))
        assert page.locator("article h1").inner_text().startswith("Keras & TensorFlow Cookbook")
        assert not errors, errors
        assert not context.traffic.outside, context.traffic.outside
    finally:
        context.close()
