"""The built site in a real browser (Playwright driving Debian's headless Chromium).

Served on 127.0.0.1 from the `built_site` of this session (or, for a quick loop, an
already built site: SITE_DIR=/tmp/site pytest tests/test_browser.py). One browser for
the whole session; each test opens its own tab.

- search: each query a page declares (`search_queries:` in its front matter, read by
  site_tools.search_queries.searches) ranks that page first, and its best section is the
  heading that answers it; the result can be clicked, and the page opened at that heading
  shows it (once per page and heading: by the page's visit, below). That every page
  declares well-formed queries is checked without a browser (tests/test_search_queries.py)
- every page in nav, opened once for these checks: each heading a search result leads to
  is on screen when the page is opened there; the copy button of every code block copies
  exactly the file the block includes; axe-core (bundled in axe-playwright-python; no CDN)
  finds no serious or critical accessibility violation, in the light and the dark scheme;
  no request leaves 127.0.0.1, no console error, no broken asset
- the light/dark toggle works and the choice persists across pages and reloads
- the keyboard alone reaches the content, the navigation, the table of contents and search
- screenshots of the home, a recipe and a notebook page at desktop and phone widths,
  written to test-artifacts/screenshots/ (CI uploads them)
"""

from __future__ import annotations

import urllib.parse

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import sync_playwright

from harness import ROOT
from site_tools.browser import (
    RESULT_ITEMS,
    Traffic,
    launch,
    open_search,
    search,
    serve,
    wait_for_index,
)
from site_tools.search_queries import searches
from verify.pages import page_blocks
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


@pytest.fixture(scope="session")
def site_url(site_dir):
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


def new_context(browser, **options):
    """A browser context (a fresh profile) whose traffic is recorded."""
    options = {"viewport": DESKTOP, "color_scheme": "light", **options}
    context = browser.new_context(**options)
    context.traffic = Traffic().attach(context)
    return context


@pytest.fixture(scope="session")
def context(browser):
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    yield context
    context.close()


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


@pytest.fixture
def tab(context, site_url):
    tab = Tab(context, site_url)
    yield tab
    tab.page.close()


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


# --- search ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def search_page(context, site_url):
    """The home page with its search open and its index loaded, for all the queries."""
    tab = Tab(context, site_url)
    open_search(tab.open("index.md"))
    yield tab.page
    tab.page.close()


@pytest.mark.parametrize("query", SEARCHES, ids=str)
def test_search_ranks_the_answer_first(search_page, query):
    require_page(query.page)
    page = search_page
    result = search(page, query.query)
    assert result.items, f"no result for {query.query!r}"
    first = result.items[0]
    ranking = "\n".join(
        f"  {urllib.parse.urlsplit(link['href']).path.lstrip('/') or '(home)'}"
        f"#{urllib.parse.urlsplit(link['href']).fragment} {link['score']:.1f}"
        for item in result.items[:5]
        for link in item[:3]
    )
    first_page = urllib.parse.urlsplit(first[0]["href"]).path.lstrip("/")
    assert first_page == page_path(query.page), (
        f"{query.query!r}: first result is {first_page or 'the home page'}, "
        f"not {query.page}. Ranking (page, best sections, score):\n{ranking}"
    )
    sections = [link for link in first[1:] if urllib.parse.urlsplit(link["href"]).fragment]
    best = urllib.parse.urlsplit(sections[0]["href"]).fragment if sections else None
    assert best == query.heading, (
        f"{query.query!r}: the best section of {query.page} is #{best}, not #{query.heading}."
        f" Ranking:\n{ranking}"
    )
    if LANDINGS[query.page, query.heading] != query:
        return  # the same result is checked by an earlier query
    # The reader can click the result (Playwright's checks before a click: shown, still, not
    # covered) and its link leads to the page and the heading (Material adds ?h=, the words
    # to highlight). That the page opened there shows the heading: the page's visit checks
    # it (search landings), where a click here would load the page once more per heading.
    item = page.locator(".md-search-result__item").first
    link = item.locator(f'a.md-search-result__link[href$="#{query.heading}"]').first
    if not link.is_visible():  # under "N more on this page": open it, as a reader would
        item.locator("summary").click()
    link.click(trial=True)
    where = urllib.parse.urlsplit(link.get_attribute("href"))
    assert (where.path.lstrip("/"), urllib.parse.unquote(where.fragment)) == (
        page_path(query.page),
        query.heading,
    )


# Held out (no page declares them): identifiers that a page shows only glued to
# punctuation, `np.expand_dims(x, 0)`, `tf.io.TFRecordWriter(path)`. Typed alone, they find
# that page first because mkdocs.yml's search separator splits code as readers type it.
# (`expand_dims`, the first of the class, is a query shapes.md declares.)
GLUED = [
    ("matmul", "tf-functions.md"),
    ("TFRecordWriter", "data.md"),
    ("parse_single_example", "data.md"),
    ("reduce_sum", "keras-and-tensorflow.md"),
]


@pytest.mark.parametrize(("query", "source"), GLUED, ids=[query for query, _ in GLUED])
def test_search_finds_an_identifier_glued_to_punctuation(search_page, query, source):
    require_page(source)
    assert query not in {s.query for s in SEARCHES}, f"{query!r} is declared: not held out"
    text = (ROOT / "docs" / source).read_text(encoding="utf-8")
    assert f" {query} " not in text, f"{query!r} stands alone"
    assert f"`{query}`" not in text, f"{query!r} stands alone"
    result = search(search_page, query)
    pages = [urllib.parse.urlsplit(item[0]["href"]).path.lstrip("/") for item in result.items]
    assert pages[:1] == [page_path(source)], f"{query!r} ranks {pages[:3]}, not {source} first"


# --- copy buttons ------------------------------------------------------------------


def shown_files(source: str) -> list[str]:
    """The text of each code block of a page, in order: the files its fences include."""
    texts = []
    for block in page_blocks(PROJECT, ROOT / "docs" / source):
        texts.append(block.code)
        if block.expected_output is not None:
            texts.append(block.expected_output)
        if block.legacy_output is not None:  # the "tf.keras 2 (legacy)" tab
            texts.append(block.legacy_output)
    return texts


def copy_problems(page, source: str) -> list[str]:
    """Click every copy button of the open page, in order: each copies the file its block
    shows (a button in a tab not shown is reached by opening that tab, as a reader would)."""
    buttons = page.locator('article button[data-md-type="copy"]')
    expected = shown_files(source)
    targets = buttons.evaluate_all("all => all.map((b) => b.dataset.clipboardTarget)")
    if len(targets) != len(expected):
        return [f"{len(targets)} copy buttons for {len(expected)} code blocks"]
    problems = []
    page.evaluate("() => navigator.clipboard.writeText('')")
    for index, (text, target) in enumerate(zip(expected, targets, strict=True)):
        if target != f"#__code_{index} > code":
            problems.append(f"block {index + 1}: the button copies {target}")
            continue
        button = buttons.nth(index)
        if not button.is_visible():  # in a tab not shown: open that tab, as a reader would
            panel = button.locator("xpath=ancestor::div[contains(@class,'tabbed-block')][1]")
            number = panel.evaluate("p => [...p.parentElement.children].indexOf(p) + 1")
            set_ = panel.locator("xpath=ancestor::div[contains(@class,'tabbed-set')][1]")
            set_.locator(f".tabbed-labels > label:nth-child({number})").click()
        button.click()
        copied = page.evaluate(READ_CLIPBOARD)
        if copied.rstrip("\n") != text.rstrip("\n"):
            problems.append(f"block {index + 1} copies something else than the file it shows")
    # Material shows "Copied to clipboard" for 2 s: dismissed now, as its timer would, so
    # that the checks after these see the page, not a dialog fading out meanwhile.
    page.evaluate(DISMISS_DIALOG)
    return problems


# What the click copied; the clipboard is emptied again for the next button.
READ_CLIPBOARD = """async () => {
  for (let tries = 0; tries < 100; tries++) {
    const text = await navigator.clipboard.readText();
    if (text) {
      await navigator.clipboard.writeText("");
      return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return "";
}"""


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


# --- every page: network, console, accessibility -----------------------------------


# axe-core ships inside axe-playwright-python (axe.min.js): nothing is fetched.
# Each page is checked whole in the light scheme, and for contrast and touch targets in the
# dark scheme (the other rules do not depend on colours). Before that, in the code blocks, only one
# span of each kind (each syntax colour) is kept: the others become plain text of the
# same block. The text and the layout do not change, and axe, whose contrast rule is
# slow on a span per token, checks each colour once instead of a thousand times.
SIMPLIFY_CODE = """() => {
  const seen = new Set();
  for (const span of document.querySelectorAll(
      "article .highlight code span, article .highlight-ipynb pre span")) {
    const kind = span.className + "|" + (span.getAttribute("style") || "");
    if (!seen.has(kind) && span.textContent.trim()) seen.add(kind);
    else span.replaceWith(...span.childNodes);
  }
}"""
# Until no animation runs: after the next frame (which starts the transitions that a change
# calls for), each one running is awaited (one cancelled, replaced by another, is over too).
ANIMATIONS_OVER = """(async () => {
  for (let frames = 0; frames < 100; frames++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const running = document.getAnimations().filter((a) => a.playState === "running");
    if (!running.length) return;
    await Promise.all(running.map((a) => a.finished.catch(() => {})));
  }
})()"""
DISMISS_DIALOG = f"""async () => {{
  document.querySelector(".md-dialog")?.classList.remove("md-dialog--active");
  await {ANIMATIONS_OVER};
}}"""
SET_SCHEME = f"""async (scheme) => {{
  document.body.setAttribute("data-md-color-scheme", scheme);
  await {ANIMATIONS_OVER};
}}"""


# The line numbers of a code block are alike (one colour, one size, one line apart): axe
# checks the first two of each block (so their spacing too, against the third), not all of
# them, which were half the elements of a page with many blocks and most of axe's time.
SAME_AS_ABOVE = ".linenodiv pre > span.normal ~ span.normal ~ span.normal"
# What makes them alike, compared (the line numbers that differ from the second of their
# block), and what the selector leaves out against what it should (all but two a block).
LINE_NUMBERS_ALIKE = """(selector) => {
  const look = (number) => {
    const target = number.querySelector("a") || number;
    const style = getComputedStyle(target), box = target.getBoundingClientRect();
    return [style.color, style.fontSize, style.backgroundColor, box.width, box.height].join();
  };
  const unlike = [];
  let expected = 0;
  for (const pre of document.querySelectorAll(".linenodiv pre")) {
    const numbers = [...pre.querySelectorAll(":scope > span.normal")];
    expected += Math.max(0, numbers.length - 2);
    const second = numbers[1] && look(numbers[1]);
    for (const number of numbers.slice(2)) {
      if (look(number) !== second) unlike.push(number.textContent.trim());
    }
  }
  return { unlike, expected, excluded: document.querySelectorAll(selector).length };
}"""


def axe_violations(page, options: dict, include: str = "html") -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate(
        "([context, options]) => axe.run(context, options)",
        [
            {"include": [[include]], "exclude": [[SAME_AS_ABOVE]]},
            {"resultTypes": ["violations"], **options},
        ],
    )
    return [v for v in results["violations"] if v["impact"] in SERIOUS]


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"  {v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        + (f" and {len(v['nodes']) - 5} more" if len(v["nodes"]) > 5 else "")
        for v in violations
    )


# The tab open in each set of tabs (its position), and: open the tab at `position` in every
# set that has one there and did not have it open for the whole-page check, marking those
# sets (TAB_CHECKED) for a check of their own. A click on the label, as a reader opens it.
OPEN_TABS = """() => [...document.querySelectorAll(".tabbed-set")].map(
  (set) => [...set.querySelectorAll(":scope > input")].findIndex((input) => input.checked))"""
TABS_IN_A_SET = """() => Math.max(0, ...[...document.querySelectorAll(".tabbed-set")].map(
  (set) => set.querySelectorAll(":scope > .tabbed-labels > label").length))"""
TAB_CHECKED = "data-tab-checked"
OPEN_TAB_AT = f"""([position, checked]) => {{
  let opened = 0;
  document.querySelectorAll(".tabbed-set").forEach((set, index) => {{
    const label = set.querySelectorAll(":scope > .tabbed-labels > label")[position];
    const open = label && position !== checked[index];
    set.toggleAttribute("{TAB_CHECKED}", !!open);
    if (open) {{ label.click(); opened++; }}
  }});
  return opened;
}}"""


def axe_problems(page, include: str = "html") -> list[str]:
    """axe-core on `include`: everything in the light scheme; contrast and touch targets in
    the dark one."""
    problems = []
    page.evaluate(SET_SCHEME, "default")
    # target-size (WCAG 2.2 AA touch targets, which Lighthouse checks) is turned on explicitly.
    if found := axe_violations(page, {"rules": {"target-size": {"enabled": True}}}, include):
        problems.append(f"light scheme:\n{describe(found)}")
    page.evaluate(SET_SCHEME, "slate")
    if found := axe_violations(page, {"runOnly": ["color-contrast", "target-size"]}, include):
        problems.append(f"dark scheme:\n{describe(found)}")
    return problems


def accessibility_problems(page, source: str) -> list[str]:
    """axe-core on the open page; then on each tab that was not open, opened."""
    page.evaluate(SIMPLIFY_CODE)
    alike = page.evaluate(LINE_NUMBERS_ALIKE, SAME_AS_ABOVE)
    if alike["unlike"] or alike["excluded"] != alike["expected"]:
        return [f"line numbers unlike the ones above, or {SAME_AS_ABOVE!r} is wrong: {alike}"]
    checked = page.evaluate(OPEN_TABS)
    problems = axe_problems(page)
    for position in range(page.evaluate(TABS_IN_A_SET)):
        if page.evaluate(OPEN_TAB_AT, [position, checked]):
            page.evaluate(SIMPLIFY_CODE)
            found = axe_problems(page, f"[{TAB_CHECKED}]")
            problems += [f"with tab {position + 1} of its sets open, {line}" for line in found]
    return problems


def landing_problems(page, source: str) -> list[str]:
    """The page was opened at its first search landing; each other one is reached from it
    as a link to the page's heading is followed (the browser scrolls to it)."""
    problems = []
    for index, query in enumerate(LANDINGS_ON.get(source, [])):
        if index:
            page.goto(f"{page.url.split('#')[0]}#{query.heading}")
        if not in_viewport(page, query.heading):
            problems.append(f"#{query.heading} (the result of {query.query!r}) is not on screen")
    return problems


@pytest.mark.parametrize("source", NAV)
def test_every_page_in_the_browser(context, tab, source):
    """Each page in nav, opened once (at its first search landing) for these checks, each
    reported under its name:
    - search landings: each heading a declared query's result leads to is on screen when
      the page is opened there;
    - its copy buttons (a Markdown page: one per code block);
    - accessibility: axe-core finds no serious or critical problem;
    - its requests: none leaves 127.0.0.1, none fails, and no console error or uncaught
      exception (while it loads, and while the checks above click through it)."""
    context.traffic.clear()
    landings = LANDINGS_ON.get(source, [])
    fragment = f"#{landings[0].heading}" if landings else ""
    page = tab.open(source, wait_until="networkidle", fragment=fragment)
    checks = {"search landings": lambda: landing_problems(page, source)}
    if source.endswith(".md"):  # a page without code has no button, and none is expected
        checks["copy buttons"] = lambda: copy_problems(page, source)
    checks["accessibility (axe-core: serious or critical)"] = lambda: accessibility_problems(
        page, source
    )
    checks["requests leaving 127.0.0.1"] = lambda: list(context.traffic.outside)
    checks["console errors and failed loads"] = lambda: tab.errors
    failed = {}
    for name, check in checks.items():
        try:
            if found := check():
                failed[name] = found
        except Exception as error:  # a check that cannot finish: the others still run
            failed[name] = [f"{type(error).__name__}: {error}"]
    assert not failed, f"{source}:\n" + "\n".join(
        f"- {name}:\n" + "\n".join(f"    {line}" for line in found)
        for name, found in failed.items()
    )


# Each selector of the notebook pages' own CSS (hooks/notebook_pages.css, inlined by
# hooks/notebook_pages.py), as the browser parsed it, and whether it matches an element of
# the open page (:hover and :focus left out).
NOTEBOOK_CSS_MATCHES = """(marker) => {
  const sheet = [...document.styleSheets].find(
    (sheet) => sheet.ownerNode && sheet.ownerNode.textContent.includes(marker));
  if (!sheet) return null;
  const found = {};
  const walk = (rules) => {
    for (const rule of rules) {
      if (rule.selectorText) {
        for (const selector of rule.selectorText.split(",")) {
          const bare = selector.trim().replace(/:(hover|focus)\\b/g, "");
          found[selector.trim()] = document.querySelector(bare) !== null;
        }
      } else if (rule.cssRules) walk(rule.cssRules);
    }
  };
  walk(sheet.cssRules);
  return found;
}"""


def test_every_rule_of_the_notebook_css_styles_something(tab):
    """Only the notebook CSS the pages use: a rule no notebook page needs is deleted."""
    notebooks = [page for page in NAV if page.endswith(".ipynb")]
    css = (ROOT / "hooks/notebook_pages.css").read_text(encoding="utf-8")
    marker = css.splitlines()[0]
    used: dict[str, bool] = {}
    for source in notebooks:
        found = tab.open(source).evaluate(NOTEBOOK_CSS_MATCHES, marker)
        assert found, f"{source}: hooks/notebook_pages.css is not on the page"
        for selector, matches in found.items():
            used[selector] = used.get(selector, False) or matches
    unused = [selector for selector, matches in used.items() if not matches]
    assert not unused, (
        f"hooks/notebook_pages.css: no element of {', '.join(notebooks)} matches "
        + "; ".join(unused)
        + ". Delete the rule, or add a notebook that needs it."
    )


# --- screenshots -------------------------------------------------------------------


def notebook_page() -> str:
    notebooks = [page for page in NAV if page.endswith(".ipynb")]
    if not notebooks:
        pytest.fail("no notebook page in nav: nothing to take a picture of", pytrace=False)
    return notebooks[0]


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("which", ["home", "recipe", "notebook"])
def test_screenshot(browser, site_url, which, width):
    source = {"home": "index.md", "recipe": RECIPE_PAGE}.get(which) or notebook_page()
    viewport = DESKTOP if width == "desktop" else PHONE
    context = new_context(browser, viewport=viewport, is_mobile=width == "phone")
    try:
        page = Tab(context, site_url).open(source, wait_until="networkidle")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = f"{which}-{width}-{viewport['width']}.png"
        page.screenshot(path=SCREENSHOTS / name, full_page=True)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{source} scrolls sideways by {overflow}px at {width} width"
    finally:
        context.close()


def test_the_server_compresses_text_when_asked_as_github_pages_does(tmp_path):
    import gzip
    import urllib.request

    (tmp_path / "index.html").write_text("<p>" + "hello " * 500 + "</p>")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG" + bytes(2000))

    def fetch(url, encoding):
        request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
        with urllib.request.urlopen(request) as response:
            return response.headers.get("Content-Encoding"), response.read()

    with serve(tmp_path, compress=True) as url:
        encoding, body = fetch(url, "gzip, deflate")
        assert encoding == "gzip"
        assert gzip.decompress(body).startswith(b"<p>hello")
        assert len(body) < 200  # 3 KB of text
        assert fetch(url + "picture.png", "gzip") == (None, b"\x89PNG" + bytes(2000))
        assert fetch(url, "identity")[0] is None  # a client that does not accept it
    with serve(tmp_path) as url:  # the default: as written (the first-view budget's bytes)
        assert fetch(url, "gzip")[0] is None
