"""What a built Markdown page publishes as code is what ran: each preformatted element of its
HTML (`<pre>`, how every code block and output is shown) must show a verified block's code,
its expected output (either one of a then-vs-now pair) or a skipped block's code (labelled
"Not run here" by hooks/runs_on.py). An inline `<code>` is not a block: its line breaks
render as spaces. The engine's list of the page's blocks
(verify.pages.page_blocks) is the reference, so a construct that renders code without a fence
the engine reads (an indented block, a fence in a blockquote, raw `<pre>` in the
Markdown) is caught on the built page, whatever Markdown made it.

A notebook page is held to the same rule against the run the build rendered
(`notebook_texts`): each `<pre>` shows a code cell, one of its outputs, or code a Markdown
cell marks as not run (verify.notebooks.unmarked_code: the page labels it).

Behind hooks/published_code.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from verify import notebooks
from verify.pages import page_blocks
from verify.project import Project


def published_texts(project: Project, page: Path) -> set[str]:
    """The texts the page may publish as code: its blocks' code and outputs."""
    texts = set()
    for block in page_blocks(project, page):
        for text in (block.code, block.expected_output, block.legacy_output):
            if text is not None:
                texts.add(normalized(text))
    return texts


def notebook_texts(nb) -> set[str]:
    """The texts a notebook page may publish as code, from the executed notebook `nb`: each
    code cell's source, its outputs' text (the <pre>s of an HTML output, as Keras's
    summary() tables), and the code of each Markdown cell that marks it as not run."""
    texts = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            html = notebooks.markdown_html(cell.source)
            if not notebooks.unmarked_code(html):
                texts |= pre_texts(html)
            continue
        texts.add(normalized(cell.source))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for text in (output.get("text"), data.get("text/plain")):
                if text is not None:
                    texts.add(normalized(text))
            if "text/html" in data:
                texts |= pre_texts(data["text/html"])
    return texts


def pre_texts(html: str) -> set[str]:
    parser = CodeElements()
    parser.feed(html)
    parser.close()
    return {normalized(text) for text, _, _ in parser.found}


def normalized(text: str) -> str:
    """Text as compared: trailing spaces and blank lines at either end left out."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


class CodeElements(HTMLParser):
    """Each `<pre>` of the page: its text, the line of the HTML it starts on, and whether it
    is a code block's line-number column (inside `.linenodiv`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, int, bool]] = []
        self._open: list[tuple[list[str], int, bool]] = []
        self._classes: list[tuple[str, set[str]]] = []  # the open elements with a class

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if tag not in VOID:
            self._classes.append((tag, classes))
        if tag == "pre":
            numbers = any("linenodiv" in c for _, c in self._classes)
            self._open.append(([], self.getpos()[0], numbers))

    def handle_endtag(self, tag):
        while self._classes and self._classes[-1][0] != tag:  # an element left unclosed
            self._classes.pop()
        if self._classes:
            self._classes.pop()
        if tag == "pre" and self._open:
            parts, line, numbers = self._open.pop()
            self.found.append(("".join(parts), line, numbers))
            if self._open:  # a <pre> in a <pre>: the outer one keeps the text too
                self._open[-1][0].append("".join(parts))

    def handle_data(self, data):
        if self._open:
            self._open[-1][0].append(data)


VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
LINE_NUMBERS = re.compile(r"[\d\s]*")


def unverified_code(page_html: str, allowed: set[str]) -> list[tuple[int, str]]:
    """Each `<pre>` of the page whose text is none of `allowed` (a line-number column, only
    numbers, excepted): (line of the HTML, its first line)."""
    parser = CodeElements()
    parser.feed(page_html)
    parser.close()
    problems = []
    for text, line, numbers in parser.found:
        if numbers and LINE_NUMBERS.fullmatch(text):
            continue
        if normalized(text) not in allowed:
            first = next((x for x in text.splitlines() if x.strip()), "").strip()
            problems.append((line, first[:80]))
    return problems


NOTEBOOK_ADVICE = (
    "A notebook page shows its code cells, their outputs from the run the build renders, "
    "and code a Markdown cell marks as not run "
    '(<!-- pytest.mark.skip(reason="...") --> on the line right above it); this text is none '
    "of them. Mark the Markdown code, or run the notebook again: make check PAGE=docs/<page>."
)


def report(source: str, problems: list[tuple[int, str]], advice: str | None = None) -> str:
    listed = "\n".join(
        f"  <pre> at line {line} of the page's HTML, starting {first!r}" for line, first in problems
    )
    return f"{source}: code is published that no verified block ran:\n{listed}\n" + (
        advice
        or "Show code only as a fenced block that includes a file of snippets/ "
        '(```python + --8<-- "page/file.py"), and output only from its .out file; '
        "an indented block, a fence in a blockquote or raw <pre>/<code> HTML is not run. "
        "Code that cannot run here goes in a fence marked "
        '<!--pytest.mark.skip(reason="...")--> (CONTRIBUTING.md).'
    )
