"""Every page in nav, opened once for these checks: each heading a search result leads to
is on screen when the page is opened there; the copy button of every code block copies
exactly the file the block includes; axe-core (bundled in axe-playwright-python; no CDN)
finds no serious or critical accessibility violation, in the light and the dark scheme;
no request leaves 127.0.0.1, no console error, no broken asset."""

from __future__ import annotations

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from browser_harness import LANDINGS_ON, NAV, PROJECT, SERIOUS, assert_no_problems, in_viewport
from harness import ROOT
from verify.pages import page_blocks

# --- copy buttons ------------------------------------------------------------------


def shown_files(source: str) -> list[str]:
    """The text of each code block of a page, in order: the files its fences include."""
    texts = []
    for block in page_blocks(PROJECT, ROOT / "docs" / source):
        texts.append(block.code)
        if block.expected_output is not None:
            texts.append(block.expected_output)
        if block.legacy_output is not None:  # the "Output — tf.keras 2" tab
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
    if running := page.evaluate(DISMISS_DIALOG):
        problems.append(f"still animating 10 s after the dialog closed: {running}")
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
# Until no animation runs: checked at each frame (a change starts its transitions on the next
# one), for at most 10 s; the ones still running then are returned, described. Their
# `finished` promises are not awaited: after a scheme switch with a tab opened, Chromium
# 156 left some unsettled although the transitions were over, and the check hung.
ANIMATIONS_OVER = """(async () => {
  const start = performance.now();
  let running;
  do {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    running = document.getAnimations().filter((a) => a.playState === "running");
  } while (running.length && performance.now() - start < 10000);
  return running.slice(0, 5).map((a) => `${a.animationName || a.transitionProperty} of `
    + `${a.effect?.target?.tagName}.${a.effect?.target?.className}`);
})()"""
DISMISS_DIALOG = f"""async () => {{
  document.querySelector(".md-dialog")?.classList.remove("md-dialog--active");
  return await {ANIMATIONS_OVER};
}}"""
SET_SCHEME = f"""async (scheme) => {{
  document.body.setAttribute("data-md-color-scheme", scheme);
  return await {ANIMATIONS_OVER};
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
    if running := page.evaluate(SET_SCHEME, "default"):
        return [f"still animating 10 s after the switch to the light scheme: {running}"]
    # target-size (WCAG 2.2 AA touch targets, which Lighthouse checks) is turned on explicitly.
    if found := axe_violations(page, {"rules": {"target-size": {"enabled": True}}}, include):
        problems.append(f"light scheme:\n{describe(found)}")
    if running := page.evaluate(SET_SCHEME, "slate"):
        return [*problems, f"still animating 10 s after the switch to the dark scheme: {running}"]
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
    found = {}
    for name, check in checks.items():
        try:
            found[name] = check()
        except Exception as error:  # a check that cannot finish: the others still run
            found[name] = [f"{type(error).__name__}: {error}"]
    assert_no_problems(source, found)


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
