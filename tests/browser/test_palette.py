"""The light/dark toggle works, and the choice persists across pages and reloads."""

from __future__ import annotations

from browser_harness import RECIPE_PAGE, Tab, new_context, page_path

# --- light and dark ----------------------------------------------------------------


def scheme(page) -> str:
    return page.evaluate("() => document.body.dataset.mdColorScheme")


def test_palette_toggle_persists_across_pages(browser, site_url):
    context = new_context(browser)
    try:
        tab = Tab(context, site_url)
        page = tab.open("index.md")
        assert scheme(page) == "default"
        page.get_by_title("Switch to dark mode").click()
        assert scheme(page) == "slate"
        stored = page.evaluate(
            "() => Object.keys(localStorage).filter((key) => key.endsWith('__palette'))"
            ".map((key) => localStorage.getItem(key))"
        )
        assert stored, "the choice is not stored"
        assert '"slate"' in stored[0], f"the choice is not stored: {stored}"
        page.locator(f'.md-nav--primary a[href$="{page_path(RECIPE_PAGE)}"]').first.click()
        page.wait_for_url(f"**/{page_path(RECIPE_PAGE)}")
        assert scheme(page) == "slate", "the dark scheme was lost on the next page"
        assert page.get_by_title("Switch to light mode").is_visible()
        page.reload()
        assert scheme(page) == "slate", "the dark scheme was lost on reload"
        page.get_by_title("Switch to light mode").click()
        assert scheme(page) == "default"
        page = tab.open("index.md")
        assert scheme(page) == "default", "the light scheme was not kept"
        assert not tab.errors, "\n".join(tab.errors)
    finally:
        context.close()


def test_dark_system_preference_is_followed(browser, site_url):
    context = new_context(browser, color_scheme="dark")
    try:
        page = Tab(context, site_url).open("index.md")
        assert scheme(page) == "slate"
    finally:
        context.close()
