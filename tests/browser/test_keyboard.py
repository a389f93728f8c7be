"""The keyboard alone reaches the content, the navigation, the table of contents and search."""

from __future__ import annotations

from browser_harness import RECIPE_PAGE, in_viewport, page_path
from site_tools.browser import (
    RESULT_ITEMS,
    open_search,
    wait_for_index,
)

# --- keyboard only -----------------------------------------------------------------


def tab_to(page, selector: str, limit: int = 150) -> int:
    """Press Tab until the focused element matches `selector`; return the presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement?.matches(s)", selector):
            return presses
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def test_skip_link_is_the_first_stop(tab):
    page = tab.open(RECIPE_PAGE)
    tab_to(page, "a.md-skip", limit=1)
    assert page.locator("a.md-skip").is_visible(), "the focused skip link is not shown"
    page.keyboard.press("Enter")
    heading = page.locator("article h1").first.get_attribute("id")
    assert tab.fragment() == heading
    assert in_viewport(page, heading)


def test_keyboard_reaches_a_page_and_its_table_of_contents(tab):
    page = tab.open("index.md")
    tab_to(page, f'.md-nav--primary a[href$="{page_path(RECIPE_PAGE)}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{page_path(RECIPE_PAGE)}")
    target = "predicting-on-a-single-image"
    tab_to(page, f'.md-nav--secondary a[href="#{target}"]')
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => location.hash === '#{target}'")
    assert in_viewport(page, target)
    # the table of contents follows the reader (toc.follow): the entry is marked active
    active = f'.md-nav--secondary a.md-nav__link--active[href="#{target}"] >> visible=true'
    page.wait_for_selector(active)


def test_keyboard_search(tab):
    page = tab.open(RECIPE_PAGE)
    open_search(page)
    wait_for_index(page)
    page.keyboard.type("advanced indexing")
    # The results of the whole query, not of a prefix that Material drew while it was typed
    # (a key pressed while they are replaced focuses nothing).
    page.wait_for_selector(f'{RESULT_ITEMS}:first-child a[href*="numpy-indexing/"]')
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused, "ArrowDown focused nothing"
    assert "numpy-indexing/" in focused, f"ArrowDown focused {focused}"
    page.keyboard.press("Enter")
    page.wait_for_url("**/numpy-indexing/**")
