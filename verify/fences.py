"""A page's code fences, read in one place: where each opens and closes, its indentation,
ticks and info string, and the content tab it sits in.

A fence is what pytest-codeblocks' parser takes for one (pages.py reads the blocks with
that very parser; the walkers that read or rewrite a page's Markdown around its blocks
find the same fences here): a line that starts, after its indentation, with three or more
backticks opens a fence, and the next line that starts, after its indentation, with as
many backticks closes it, whatever follows them (```` closes a ``` fence). What lies
between is the fence's content, lines that look like fences included: a ````markdown
fence shows ``` fences, it does not hold any. A fence that the page never closes runs to
the page's end (`close` is None): pytest-codeblocks refuses such a page (pages.py says
so), and every walker reads on to the end.

    ```python title="x.py"        Fence(open=0, close=2, indent="", ticks="```",
    --8<-- "shapes/x.py"                info='python title="x.py"', tab=None,
    ```                                 body=range(1, 2))

`~~~` fences are no fences to pytest-codeblocks, so nothing in them is ever run:
`tilde_lines` finds each of their lines, for the page's checks to refuse them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TICK = "`"
OPENING = TICK * 3
# A content tab: === "label" (pymdownx.tabbed), its content indented under it.
TAB = re.compile(r'^(\s*)===\+?\s+"(.*)"\s*$')
# An info string as the pages write it: a language, then pymdownx options (key="value").
INFO = re.compile(r'^[ ]*(?P<lang>[\w+-]+)?(?P<options>(?:[ ]+[\w-]+="[^"]*")*)[ ]*$')
OPTION = re.compile(r'([\w-]+)="([^"]*)"')


@dataclass(frozen=True)
class Fence:
    open: int  # the index of its opening line in the page's lines
    close: int | None  # the index of its closing line; None: the page ends inside it
    indent: str  # what stands before the ticks on the opening line
    ticks: str  # "```", or more backticks
    info: str  # what follows the ticks on the opening line, as written
    tab: str | None  # the label of the content tab that holds the fence, if any
    body: range  # the indices of its content lines

    @property
    def span(self) -> range:
        """The indices of all its lines: opening, content and closing."""
        return range(self.open, self.body.stop + (self.close is not None))

    def attributes(self) -> tuple[str | None, dict[str, str]] | None:
        """(language, options) when the info string is a language and pymdownx options
        (`text hl_lines="2"`) and the indentation is spaces; None for anything else (the
        brace form `{ .text }`, words that are not options)."""
        match = INFO.match(self.info)
        if match is None or self.indent.strip(" "):
            return None
        return match.group("lang"), dict(OPTION.findall(match.group("options")))


def fences_of(lines: list[str]) -> list[Fence]:
    """Every backtick fence of a page (its lines, without their line ends), in order."""
    found = []
    at = 0
    while at < len(lines):
        line = lines[at]
        text = line.lstrip()
        if not text.startswith(OPENING):
            at += 1
            continue
        ticks = TICK * (len(text) - len(text.lstrip(TICK)))
        indent = line[: len(line) - len(text)]
        close = next(
            (n for n in range(at + 1, len(lines)) if lines[n].lstrip().startswith(ticks)), None
        )
        stop = len(lines) if close is None else close
        info = text[len(ticks) :]
        found.append(
            Fence(at, close, indent, ticks, info, tab_above(lines, at), range(at + 1, stop))
        )
        at = stop + 1
    return found


def tab_above(lines: list[str], at: int) -> str | None:
    """The label of the content tab (=== "label") that holds line `at`: the nearest tab
    line above it indented less than it, unless a line indented more than a level less
    than it comes first (the line is then in no tab)."""
    line = lines[at]
    indent = len(line) - len(line.lstrip())
    if indent == 0:
        return None  # no tab line is indented less
    for above in reversed(lines[:at]):
        tab = TAB.match(above)
        if tab and len(tab.group(1)) < indent:
            return tab.group(2)
        if above.strip() and len(above) - len(above.lstrip()) < indent - 4:
            return None
    return None


def tilde_lines(lines: list[str]) -> list[int]:
    """The index of each line that starts (after its indentation) with `~~~`: a tilde
    fence's opening or closing line, inside a backtick fence or not."""
    return [at for at, line in enumerate(lines) if line.lstrip().startswith("~~~")]
