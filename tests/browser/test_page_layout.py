"""What a reader sees, measured in Chromium: at a phone's width (390 by 844) and a desktop's
(1280 by 800), in the light and the dark scheme, on a page of each kind (home, a recipe, a
notebook, About). Layout is measured, not compared with approved screenshots (those break
on another machine's fonts):

- no element is wider than the viewport unless a scroll container holds it;
- no button covers a line of code or output (every tab of the output tabs opened);
- every table fits its column or scrolls, with a visible cue that it does, and code in a
  table does not break inside a name;
- a block that scrolls sideways shows a cue (a shadow at the edge with more text);
- output reads as output: each labelled, without line numbers, styled apart from code;
  code keeps its line numbers and copy button;
- "Download the notebook" and "Open in Colab" are one row of links, 24px targets at least;
- the trust line is right under the title, whole on the first screen; two lines at most
  on a phone.
"""

from __future__ import annotations

import pytest

from browser_harness import (
    DESKTOP,
    NAV,
    PHONE,
    RECIPE_PAGE,
    Tab,
    assert_no_problems,
    new_context,
)

NOTEBOOK_PAGE = next(page for page in NAV if page.endswith(".ipynb"))
PAGES = {"home": "index.md", "recipe": RECIPE_PAGE, "notebook": NOTEBOOK_PAGE, "about": "about.md"}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
SCHEMES = {"light": "light", "dark": "dark"}

# A short description of an element for a failure message: tag, id, classes, text.
DESCRIBE = """
const describe = (el) => {
  const classes = [...el.classList].slice(0, 3).map((c) => "." + c).join("");
  const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40);
  return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${classes}> "${text}"`;
};
const shown = (el) => {
  for (let at = el; at; at = at.parentElement) {
    const style = getComputedStyle(at);
    if (style.display === "none" || style.visibility === "hidden" || style.opacity === "0") {
      return false;
    }
  }
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
};
const scrollsX = (el) => /(auto|scroll)/.test(getComputedStyle(el).overflowX);
const clipsX = (el) => getComputedStyle(el).overflowX !== "visible";
"""

# Elements wider than the viewport, or reaching past its edge, that no scroll (or clipping)
# container fitting the viewport holds. The navigation drawer and the search dialog are
# off-screen until opened (Material moves them out with a transform): they are left out.
OVERFLOWING = (
    "() => {"
    + DESCRIBE
    + """
  const width = document.documentElement.clientWidth;
  const inside = (box) => box.left >= -1 && box.right <= width + 1;
  const found = [];
  const offCanvas = ".md-sidebar--primary, .md-search, .md-skip, .md-dialog, .md-tooltip";
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(offCanvas)) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || inside(box) || !shown(el)) continue;
    let held = false;
    for (let at = el.parentElement; at && at !== document.body; at = at.parentElement) {
      if (clipsX(at) && inside(at.getBoundingClientRect())) { held = true; break; }
    }
    const span = `${Math.round(box.left)}..${Math.round(box.right)}px`;
    if (!held) found.push(`${describe(el)} spans ${span}`);
  }
  const page = document.documentElement.scrollWidth - width;
  if (page > 0) found.push(`the page scrolls sideways by ${page}px`);
  return found.slice(0, 10);
}"""
)

# Each visible button of the article against each line of code or output it may cover: the
# rectangles of the text (a Range over each text node), clipped to what its scroll
# container shows. Touching is not covering: a 1px overlap is allowed.
COVERED_LINES = (
    "() => {"
    + DESCRIBE
    + """
  const found = [];
  const buttons = [...document.querySelectorAll("article button, article .md-code__nav")]
    .filter(shown);
  const blocks = [...document.querySelectorAll("article pre")].filter(shown);
  const overlap = (a, b) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  for (const pre of blocks) {
    const view = (pre.querySelector(":scope > code") || pre).getBoundingClientRect();
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    const lines = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || node.parentElement.closest("button, nav")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        const left = Math.max(rect.left, view.left), right = Math.min(rect.right, view.right);
        if (right - left > 1) lines.push({ left, right, top: rect.top, bottom: rect.bottom,
                                           text: node.textContent.trim().slice(0, 30) });
      }
    }
    for (const button of buttons) {
      const box = button.getBoundingClientRect();
      const hit = lines.find((line) => overlap(box, line));
      if (hit) found.push(`${describe(button)} covers "${hit.text}" in ${describe(pre)}`);
    }
  }
  return found.slice(0, 10);
}"""
)

# Every table: it fits the article's column, or a scroll container around it (inside the
# column) scrolls it, with a cue (the shadow at the edge); code in a table keeps a name
# whole (no break inside an identifier).
TABLES = (
    "() => {"
    + DESCRIBE
    + """
  const found = [];
  const column = document.querySelector("article").getBoundingClientRect();
  for (const table of document.querySelectorAll("article table:not(.highlighttable)")) {
    if (!shown(table) || table.closest(".jupyter-wrapper .jp-OutputArea")) continue;
    const box = table.getBoundingClientRect();
    const wide = table.scrollWidth > table.clientWidth + 1 || box.right > column.right + 1;
    if (wide) {
      let scroller = null;
      for (let at = table; at && at.tagName !== "ARTICLE"; at = at.parentElement) {
        if (scrollsX(at) && at.scrollWidth > at.clientWidth) { scroller = at; break; }
      }
      if (!scroller) found.push(`${describe(table)} is wider than the column and does not scroll`);
      else if (!getComputedStyle(scroller).backgroundImage.includes("gradient")) {
        found.push(`${describe(table)} scrolls with no cue (no shadow at its edge)`);
      }
    }
    for (const code of table.querySelectorAll("code")) {
      const style = getComputedStyle(code);
      if (style.wordBreak === "break-all" || style.overflowWrap === "anywhere" ||
          style.wordBreak === "break-word" || style.overflowWrap === "break-word") {
        found.push(`${describe(code)} in a table may break inside a name`);
      }
    }
  }
  return found.slice(0, 10);
}"""
)

# Every block of code or output that scrolls sideways shows the cue: the shadows (a
# background that stays, `scroll`) and the covers that hide them at either end (`local`).
SCROLL_CUES = (
    "() => {"
    + DESCRIBE
    + """
  const found = [];
  for (const code of document.querySelectorAll("article pre > code")) {
    if (!shown(code) || code.scrollWidth <= code.clientWidth + 1) continue;
    const style = getComputedStyle(code);
    const cue = (style.backgroundImage.match(/gradient/g) || []).length >= 4 &&
      style.backgroundAttachment.includes("local") &&
      style.backgroundAttachment.includes("scroll");
    if (!cue) found.push(`${describe(code)} scrolls with no cue at its edge`);
  }
  return found.slice(0, 10);
}"""
)

# Output and code, as a reader tells them apart: each output has a visible label ("Output",
# or the tab's "Output — ..."), no line numbers and a background of its own; each code block
# keeps its line numbers and its copy button.
BLOCKS = (
    "() => {"
    + DESCRIBE
    + """
  const found = [];
  const outputs = [...document.querySelectorAll("article .output.highlight")];
  const code = [...document.querySelectorAll("article .highlight:not(.output)")]
    .filter((block) => block.closest(".md-typeset") && !block.closest(".jupyter-wrapper"));
  const background = (block) => getComputedStyle(block.querySelector("pre > code")).backgroundColor;
  for (const output of outputs) {
    const tab = output.closest(".tabbed-block");
    let label;
    if (tab) {
      const index = [...tab.parentElement.children].indexOf(tab);
      label = tab.closest(".tabbed-set").querySelectorAll(".tabbed-labels > label")[index];
    } else label = output.querySelector(":scope > .filename");
    const text = label ? label.textContent.trim() : "";
    if (!label || !text.startsWith("Output") || (shown(output) && !shown(label))) {
      found.push(`${describe(output)} has no visible "Output" label (${JSON.stringify(text)})`);
    }
    if (output.querySelector(".linenos")) found.push(`${describe(output)} has line numbers`);
    if (shown(output) && code.length && background(output) === background(code[0])) {
      found.push(`${describe(output)} has the background of code (${background(output)})`);
    }
  }
  for (const block of code) {
    if (!block.querySelector(".linenos")) found.push(`${describe(block)} has no line numbers`);
    if (!block.querySelector("button[data-md-type=copy]")) {
      found.push(`${describe(block)} has no copy button`);
    }
  }
  return { found: found.slice(0, 10), outputs: outputs.length, code: code.length };
}"""
)

# The trust line: right under the title, on the first screen, inside the viewport; its
# height in lines (less its padding and border).
TRUST_LINE = (
    "() => {"
    + DESCRIBE
    + """
  const line = document.querySelector("article .trust-line");
  if (!line) return null;
  const box = line.getBoundingClientRect(), style = getComputedStyle(line);
  const inner = box.height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)
    - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth);
  return {
    shown: shown(line),
    text: line.textContent.trim(),
    afterTitle: line.previousElementSibling?.tagName === "H1",
    top: box.top, bottom: box.bottom, left: box.left, right: box.right,
    screen: [document.documentElement.clientWidth, window.innerHeight],
    lines: Math.round(inner / parseFloat(style.lineHeight)),
  };
}"""
)

# "Download the notebook" and "Open in Colab": one row (the same top), each link a touch
# target of 24px at least.
NOTEBOOK_LINKS = """() => [...document.querySelectorAll("article .notebook-links a")].map((a) => {
  const box = a.getBoundingClientRect();
  return { text: a.textContent.trim(), top: Math.round(box.top), width: box.width,
           height: box.height };
})"""

# Open tab `position` of every set of tabs that has one (a click on its label).
OPEN_TAB = """(position) => {
  let opened = 0;
  for (const set of document.querySelectorAll("article .tabbed-set")) {
    const label = set.querySelectorAll(":scope > .tabbed-labels > label")[position];
    if (label) { label.click(); opened++; }
  }
  return opened;
}"""


def trust_line_problems(line: dict | None, where: str) -> list[str]:
    """Under the title, on the first screen, whole; on a phone two lines at most."""
    if line is None:
        return ["no trust line (.trust-line) in the article"]
    problems = []
    width, height = line["screen"]
    if not line["shown"] or not line["text"].startswith("Verified with "):
        problems.append(f"not shown, or not 'Verified with ...': {line['text']!r}")
    if not line["afterTitle"]:
        problems.append("not right under the page's title (<h1>)")
    if line["top"] < 0 or line["bottom"] > height or line["left"] < 0 or line["right"] > width:
        problems.append(f"not whole on the first screen ({width}x{height}): {line}")
    if where.startswith("phone") and line["lines"] > 2:
        problems.append(f"{line['lines']} lines on a phone (two at most): {line['text']!r}")
    return problems


@pytest.fixture(scope="module", params=[(v, s) for v in VIEWPORTS for s in SCHEMES])
def looks(request, browser):
    viewport, scheme = request.param
    context = new_context(
        browser,
        viewport=VIEWPORTS[viewport],
        is_mobile=viewport == "phone",
        color_scheme=SCHEMES[scheme],
    )
    yield context, f"{viewport}, {scheme}"
    context.close()


@pytest.mark.parametrize("kind", list(PAGES))
def test_layout(looks, site_url, kind):
    context, where = looks
    source = PAGES[kind]
    tab = Tab(context, site_url)
    try:
        page = tab.open(source, wait_until="networkidle")
        dark = page.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
        assert dark == where.endswith("dark"), f"{source} ({where}): the scheme was not applied"
        problems = {
            "wider than the viewport": page.evaluate(OVERFLOWING),
            "tables": page.evaluate(TABLES),
            "blocks that scroll without a cue": page.evaluate(SCROLL_CUES),
        }
        blocks = page.evaluate(BLOCKS)
        problems["output and code"] = blocks["found"]
        covered = page.evaluate(COVERED_LINES)
        for position in (1, 2):  # the other tabs of the output tabs, opened
            if page.evaluate(OPEN_TAB, position):
                covered += [f"(tab {position + 1}) {line}" for line in page.evaluate(COVERED_LINES)]
        problems["buttons covering code or output"] = covered
        problems["the trust line"] = trust_line_problems(page.evaluate(TRUST_LINE), where)
        links = page.evaluate(NOTEBOOK_LINKS)
        if kind in ("recipe", "notebook") and not links:
            problems["notebook links"] = ["no 'Download the notebook' link"]
        elif len({link["top"] for link in links}) > 1 or any(
            link["height"] < 24 or link["width"] < 24 for link in links
        ):
            problems["notebook links"] = [f"not one row of 24px targets: {links}"]
        if kind == "recipe" and not (blocks["outputs"] and blocks["code"]):
            problems["output and code"].append(
                f"{blocks['outputs']} outputs, {blocks['code']} code"
            )
        assert_no_problems(f"{source} at {where}", problems)
    finally:
        tab.page.close()


@pytest.fixture(scope="module")
def phone(browser):
    context = new_context(browser, viewport=PHONE, is_mobile=True)
    yield context
    context.close()


@pytest.mark.parametrize("source", NAV)
def test_every_page_on_a_phone(phone, site_url, source):
    """Every page of the navigation at a phone's width: nothing wider than the screen outside
    a scroll container, every table fitting or scrolling with a cue, no button on code."""
    tab = Tab(phone, site_url)
    try:
        page = tab.open(source, wait_until="networkidle")
        problems = {
            "wider than the viewport": page.evaluate(OVERFLOWING),
            "tables": page.evaluate(TABLES),
            "blocks that scroll without a cue": page.evaluate(SCROLL_CUES),
            "buttons covering code or output": page.evaluate(COVERED_LINES),
        }
        assert_no_problems(f"{source} on a phone", problems)
    finally:
        tab.page.close()
