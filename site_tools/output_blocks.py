"""Output shown as output, code blocks named after their file: the page's fences as built.

The pages are not changed (the engine parses their fences as written, verify/pages.py);
the build rewrites a page's Markdown before it is rendered (hooks/output_blocks.py), its
fences as the engine reads them (verify/fences.py: what a fence shows, even a fence or a
mark, is left as written):

- the expected output of a block (the fence after `<!--pytest-codeblocks:expected-output-->`,
  or each fence of the "Output — Keras 3" / "Output — tf.keras 2" tabs there) gets the
  class `output` and no line numbers; a fence of its own is titled "Output" (the tabs'
  labels already say it), so that output does not read as more code;
- a fence that includes a snippet (`--8<-- "shapes/none_batch.py"`) is titled with the
  file's name (`none_batch.py`): the bar that title draws holds the copy button, which then
  covers no line of code (docs/stylesheets/extra.css); a fence under a skip mark (code shown,
  not run) is titled "Not run here";

    ```text                      ``` { .text .output title="Output" linenums="0" }
    --8<-- "shapes/x.out"   ->   --8<-- "shapes/x.out"
    ```                          ```

and the rendered HTML is finished (`finish`): the empty line anchors that pymdownx.highlight
leaves in a block without line numbers (links with no text) are dropped, and the titles are
kept out of the search index (a search for "output" should not find every block).
"""

from __future__ import annotations

import html
import re

from verify.fences import Fence, fences_of

OUTPUT_MARK = re.compile(r"^<!--\s*pytest-codeblocks:expected-output\s*-->\s*$")
INCLUDE = re.compile(r'^[ ]*--8<--[ ]+"(?P<path>[^"]+)"[ ]*$')
TAB = re.compile(r'^===[+!]*[ ]+"')
OUTPUT_TITLE = "Output"


def _braced(fence: Fence, classes: list[str], options: dict[str, str]) -> str:
    """The fence's opening line in superfences' brace form, with `classes` and `options`
    added to its own."""
    lang, own = fence.attributes()
    attributes = [f".{lang or 'text'}", *(f".{name}" for name in classes)]
    attributes += [f'{key}="{html.escape(value)}"' for key, value in {**own, **options}.items()]
    return f"{fence.indent}{fence.ticks} {{ {' '.join(attributes)} }}"


def _output_fences(lines: list[str], fences: dict[int, Fence], start: int) -> list[Fence]:
    """The output fences that follow the mark at `start`: one fence, or one per tab of the
    tabs that follow it (each tab's content indented under it). `fences`: the page's fences
    written as the pages write them, by their opening line."""
    at = start + 1
    while at < len(lines) and not lines[at].strip():
        at += 1
    if at >= len(lines):
        return []
    if at in fences:
        return [fences[at]]
    found = []
    while at < len(lines) and TAB.match(lines[at]):
        at += 1
        while at < len(lines) and (not lines[at].strip() or lines[at].startswith((" ", "\t"))):
            if at in fences and fences[at].indent.startswith(" "):
                found.append(fences[at])
                at = fences[at].body.stop
            at += 1
    return found


def mark(markdown: str) -> str:
    """The page's Markdown with its output fences marked and its snippet fences titled."""
    lines = markdown.split("\n")
    read = fences_of(lines)
    fences = {fence.open: fence for fence in read if fence.attributes() is not None}
    inside = {at for fence in read for at in fence.span}
    outputs: dict[int, Fence] = {}  # by opening line
    for number, line in enumerate(lines):
        if number not in inside and OUTPUT_MARK.match(line):
            outputs.update((fence.open, fence) for fence in _output_fences(lines, fences, number))
    for at, fence in outputs.items():
        in_tabs = fence.indent.startswith(" ")
        options = {"linenums": "0"} if in_tabs else {"title": OUTPUT_TITLE, "linenums": "0"}
        lines[at] = _braced(fence, ["output"], options)
    for at, fence in fences.items():
        if at in outputs or at + 1 == len(lines):
            continue
        include = INCLUDE.match(lines[at + 1])
        if include and include.group("path").endswith(".py"):
            name = include.group("path").rsplit("/", 1)[-1]
            lines[at] = _braced(fence, [], {"title": name})
        elif _after_skip_mark(lines, at):
            lines[at] = _braced(fence, [], {"title": NOT_RUN_TITLE})
    return "\n".join(lines)


NOT_RUN_TITLE = "Not run here"
# The mark of a skipped block, or the line hooks/runs_on.py makes of it.
SKIPPED = re.compile(r"^\s*(<!--\s*pytest\.mark\.skip\(|<p class=\"runs-on not-run\")")


def _after_skip_mark(lines: list[str], at: int) -> bool:
    """A code fence under a skip mark (code shown, not run): titled too, so that its copy
    button sits in the title's bar, not over its first line."""
    before = at - 1
    while before >= 0 and not lines[before].strip():
        before -= 1
    return before >= 0 and bool(SKIPPED.match(lines[before]))


# pymdownx.highlight, with anchor_linenums and no line numbers, leaves an empty link at the
# start of each line (`<a id=.. name=.. href=..></a>`): no text, nothing to click.
EMPTY_LINE_LINK = re.compile(r'<a id="(__codelineno-[\w-]+)" name="\1" href="#\1"></a>')
OUTPUT_BLOCK = re.compile(r'<div class="output highlight">.*?</div>', re.DOTALL)
TITLE = re.compile(r'<span class="filename">')


def finish(page_html: str) -> str:
    """The rendered page: output blocks without empty line links; titles out of search."""
    page_html = OUTPUT_BLOCK.sub(lambda m: EMPTY_LINE_LINK.sub("", m.group(0)), page_html)
    return TITLE.sub('<span class="filename" data-search-exclude>', page_html)
