"""The APIs the site's code really called (recorded while each block ran, verify/api_calls.py,
kept with its passing run in .cache/blocks/): an index page of them, each page's list, and
a link from each name to its reference.

    keras.*  keras.io, through site_tools/data/keras_io_api.json (made from keras-io's API
             master file by scripts/keras_io_api.py: keras.io's URLs are not mechanical)
    tf.*     tensorflow.org/api_docs/python/tf/..., from the name
    np.*     numpy.org/doc/stable/reference/generated/numpy.<name>.html

A name without a reference gets no link; `unlinked` lists them for the build's log.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from site_tools.headings import heading_id
from verify import block_cache
from verify.fences import fences_of
from verify.plan import Run, plan
from verify.project import Project

KERAS_IO = Path(__file__).with_name("data") / "keras_io_api.json"
HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*$")
PAGE = "api.md"  # the generated index page


@dataclass
class BlockCalls:
    page: str  # docs-relative source
    heading: str  # the section's id ("" above the first section)
    title: str  # the section's text
    calls: set[str] = field(default_factory=set)


@cache
def keras_io() -> dict[str, str]:
    if not KERAS_IO.is_file():
        return {}
    return json.loads(KERAS_IO.read_text(encoding="utf-8")).get("symbols", {})


def reference_url(name: str) -> str | None:
    """The reference page of a recorded name, or None when the mapping lacks it."""
    if name.startswith("keras."):
        # The canonical name, or its other export (keras.Layer is keras.layers.Layer,
        # keras.layers.Input is keras.Input); a method without a page: its class's page.
        rest = name.removeprefix("keras.")
        names = [name, f"keras.layers.{rest}", f"keras.{rest.removeprefix('layers.')}"]
        names += [n.rsplit(".", 1)[0] for n in names if n.count(".") > 1]
        return next((keras_io()[n] for n in names if n in keras_io()), None)
    if name.startswith("tf."):
        parts = name.split(".")
        if parts[-1][:1].islower() and len(parts) > 2 and parts[-2][:1].isupper():
            return (
                "https://www.tensorflow.org/api_docs/python/"
                + "/".join(parts[:-1])
                + f"#{parts[-1]}"
            )
        return "https://www.tensorflow.org/api_docs/python/" + "/".join(parts)
    if name.startswith("np."):
        return f"https://numpy.org/doc/stable/reference/generated/numpy.{name[3:]}.html"
    return None


def page_calls(project: Project, page: Path) -> list[BlockCalls]:
    """Each block of the page that ran, with its section and the APIs its runs called."""
    source = project.rel(page).as_posix()
    docs_source = page.relative_to(project.docs_dir).as_posix()
    lines = page.read_text(encoding="utf-8").splitlines()
    inside = {at for fence in fences_of(lines) for at in fence.span}
    found: dict[int, BlockCalls] = {}
    for test in plan(project, page):
        if not isinstance(test, Run):
            continue
        block, variant = test.block, test.variant
        if block.line not in found:
            title = _section(lines, inside, block.line)
            anchor = heading_id(project, title) if title else ""
            found[block.line] = BlockCalls(docs_source, anchor, _plain(title))
        key = block_cache.key(project.root, block, variant, project.root / block.snippet)
        data = block_cache.stored(project.root, f"{source}::{test.name}", key)
        if data:
            found[block.line].calls.update(data.get("calls", ()))
    return [entry for entry in found.values() if entry.calls]


def _section(lines: list[str], inside: set[int], line: int) -> str:
    """The title of the last heading above line `line` (from 1), outside the fences (the
    indices `inside` them)."""
    title = ""
    for at, text in enumerate(lines[: line - 1]):
        match = None if at in inside else HEADING.match(text)
        if match:
            title = match.group(2)
    return title


def _plain(title: str) -> str:
    title = re.sub(r"\{[^}]*\}\s*$", "", title).strip()
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)


def link(name: str) -> str:
    url = reference_url(name)
    code = f"<code>{html.escape(name)}</code>"
    return f'<a href="{html.escape(url)}">{code}</a>' if url else code


def index_markdown(project: Project, entries: list[BlockCalls]) -> str:
    """The API index page: every recorded API, grouped by module, with the sections whose
    blocks call it."""
    by_name: dict[str, list[BlockCalls]] = defaultdict(list)
    for entry in entries:
        for name in entry.calls:
            if entry not in by_name[name]:
                by_name[name].append(entry)
    groups: dict[str, list[str]] = defaultdict(list)
    for name in sorted(by_name):
        groups[_module(name)].append(name)
    out = [
        "---",
        "title: API index",
        "search:",
        "  boost: 0.5",
        "description: Every Keras, TensorFlow and NumPy API the cookbook's code calls, "
        "recorded while it ran, with the recipes that call it.",
        "---",
        "",
        "# API index",
        "",
        "Every public Keras, TensorFlow and NumPy API that the code on these pages calls, "
        "recorded while the code ran (calls through a variable or a method included), "
        "with the recipes whose code calls it. Each name links to its reference page.",
        "",
    ]
    url = project.page_url(PAGE)  # api/ (a folder) or api.html, where the links start
    here = url.rstrip("/") if url.endswith("/") else posixpath.dirname(url)
    for module in sorted(groups):
        out += [f"## `{module}`", ""]
        for name in groups[module]:
            where = ", ".join(_where(project, here, e) for e in by_name[name])
            # The recipes' titles stay out of the search index: a reader's question about
            # a recipe finds the recipe, not this list; the API names are searched.
            out.append(f'- {link(name)}: <span data-search-exclude="where">{where}</span>')
        out.append("")
    return "\n".join(out)


def _where(project: Project, here: str, entry: BlockCalls) -> str:
    url = project.page_url(entry.page)
    href = posixpath.relpath(url or ".", here or ".") + (
        "/" if url.endswith("/") or not url else ""
    )
    title = html.escape(_title_of(project, entry.page))
    if entry.heading:
        return f'<a href="{href}#{entry.heading}">{title} \u203a {html.escape(entry.title)}</a>'
    return f'<a href="{href}">{title}</a>'


def page_box(entries: list[BlockCalls]) -> str:
    """A collapsed box listing the APIs a page's code calls. It stays out of the search
    index: a reader's query about an API finds the recipe that explains it (and the API
    index), not every page whose code happens to call it."""
    names = sorted({name for entry in entries for name in entry.calls})
    if not names:
        return ""
    items = ", ".join(link(name) for name in names)
    return (
        '\n\n<details class="info" data-search-exclude markdown>\n'
        f"<summary>APIs this page's code calls ({len(names)})</summary>\n\n"
        f"Recorded while the code ran ([API index](api.md)): {items}\n\n"
        "</details>\n"
    )


def link_inline_code(page_html: str, names: set[str]) -> str:
    """`<code>keras.layers.LSTM</code>` in the page's text, where the page's code called
    that API and it has a reference, becomes a link to it (code blocks are left alone)."""

    known = {alias: name for name in names for alias in aliases(name)}

    def linked(match: re.Match) -> str:
        text = html.unescape(match.group(1)).removesuffix("()")
        url = reference_url(known[text]) if text in known else None
        if url is None:
            return match.group(0)
        return f'<a href="{html.escape(url)}">{match.group(0)}</a>'

    # Inline code only: not inside <pre> (code blocks) and not already in a link.
    parts = re.split(r"(<pre.*?</pre>|<a\b.*?</a>)", page_html, flags=re.S)
    for index in range(0, len(parts), 2):
        parts[index] = re.sub(r"<code>([\w.]+(?:\(\))?)</code>", linked, parts[index])
    return "".join(parts)


# A dotted name as Pygments writes it in a Python block: `keras.layers.Dense` is
# <span class="n">keras</span><span class="o">.</span><span class="n">layers</span>...; one
# that follows a dot (`x.keras.layers`) is the tail of another name and is left alone.
NAME_PART = r'<span class="n">(\w+)</span>'
DOTTED_NAME = re.compile(
    rf'(?<!<span class="o">\.</span>){NAME_PART}(?:<span class="o">\.</span>{NAME_PART})+'
)
PART = re.compile(NAME_PART)
CODE_BLOCK = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre>)", re.S)


def link_code_names(page_html: str, names: set[str]) -> str:
    """In the page's Python code blocks, a dotted name that the page's code called
    (`keras.layers.Dense`, `tf.data.Dataset.from_tensor_slices`, `np.expand_dims`) becomes a
    link to its reference: its longest leading part that was called and has one. The text,
    and so what the copy button copies, is unchanged; a name reached through a variable
    (`model.fit`) is not linked, its type being unknown to the page."""
    known = {alias: name for name in names for alias in aliases(name)}

    def linked(match: re.Match) -> str:
        spans = match.group(0)
        parts = PART.findall(spans)
        for length in range(len(parts), 1, -1):
            name = known.get(".".join(parts[:length]))
            url = reference_url(name) if name else None
            if url:
                # The end of the length-th part's span: the link holds exactly those parts.
                end = [m.end() for m in PART.finditer(spans)][length - 1]
                return (
                    f'<a class="api-link" href="{html.escape(url)}">{spans[:end]}</a>{spans[end:]}'
                )
        return spans

    def block(match: re.Match) -> str:
        return match.group(1) + DOTTED_NAME.sub(linked, match.group(2)) + match.group(3)

    return CODE_BLOCK.sub(block, page_html)


def aliases(name: str) -> set[str]:
    """The names a page may write for a recorded API: keras.layers.Input is keras.Input,
    keras.Layer is keras.layers.Layer, np is numpy."""
    found = {name}
    if name.startswith("keras.layers."):
        found.add("keras." + name.removeprefix("keras.layers."))
    elif name.startswith("keras."):
        found.add("keras.layers." + name.removeprefix("keras."))
    if name.startswith("np."):
        found.add("numpy." + name.removeprefix("np."))
    return found


def unlinked(entries: list[BlockCalls]) -> list[str]:
    return sorted({n for e in entries for n in e.calls if reference_url(n) is None})


def _module(name: str) -> str:
    """keras.layers for keras.layers.Dense, keras for keras.Model.fit, np for np.ones."""
    parts = name.split(".")
    upper = next((i for i, part in enumerate(parts) if part[:1].isupper()), len(parts) - 1)
    return ".".join(parts[: max(upper, 1)])


@cache
def _titles(config_file: Path) -> dict[str, str]:
    return {}


def _title_of(project: Project, source: str) -> str:
    titles = _titles(project.config_file)
    if source not in titles:
        text = (project.docs_dir / source).read_text(encoding="utf-8")
        match = re.search(r"^title:\s*(.+)$", text, re.M) or re.search(r"^# (.+)$", text, re.M)
        titles[source] = match.group(1).strip().strip('"') if match else source
    return titles[source]
