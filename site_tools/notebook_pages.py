"""A notebook page's HTML (rendered by mkdocs-jupyter), rewritten for the site; the hook
hooks/notebook_pages.py calls `rewrite` on each notebook page.

- Search: the outputs of the cells (logs, tables, images), their In [n] prompts and the
  hidden text of the copy buttons are kept out of the search index; the notebook's
  headings (without nbconvert's "¶" permalinks), prose and code stay in.
- Described: each image output's alt text comes from its cell (the plot's title, or the
  cell's first comment, or its section's heading), not nbconvert's "No description has
  been provided for this image".
- Light: each image output is published as a file beside the page (`<page>/output-<n>.png`)
  and lazy-loaded with its width and height, instead of inlined as base64; the notebook is
  styled by hooks/notebook_pages.css (~3 KB, Material's fonts and colours) instead of the
  JupyterLab CSS that mkdocs-jupyter inlines (~600 KB).
"""

from __future__ import annotations

import base64
import posixpath
import re
import struct
from html import escape as html_escape
from html.parser import HTMLParser

from site_tools import runs_on


class TemplateChanged(Exception):
    """mkdocs-jupyter's page no longer looks as this module expects."""


class OutputAreas(HTMLParser):
    """Where the output areas (`jp-Cell-outputWrapper`) of nbconvert's HTML start and end."""

    VOID = frozenset(
        ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source")
    )

    def __init__(self, html: str):
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]  # as getpos()
        self.open: list[tuple[str, int | None]] = []  # (tag, start if an output area)
        self.spans: list[tuple[int, int]] = []
        self.feed(html)
        self.close()

    def here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            classes = (dict(attrs).get("class") or "").split()
            self.open.append((tag, self.here() if "jp-Cell-outputWrapper" in classes else None))

    def handle_endtag(self, tag):
        # Pop to the matching start tag: elements left open inside it end with it.
        if tag in self.VOID or tag not in (t for t, _ in self.open):
            return
        while True:
            open_tag, start = self.open.pop()
            if open_tag == tag:
                break
        if start is not None:
            self.spans.append((start, self.html.index(">", self.here()) + 1))


# Elements that hold no element of their own tag: marking them is enough.
NOT_SEARCHED = re.compile(r'<(div|span) class="(jp-InputPrompt|clipboard-copy-txt|notice)\b')


def exclude_from_search(html: str) -> str:
    """Keep outputs, prompts and the copy buttons' text out of the search index.

    Material's search skips an element marked `data-search-exclude`, but it tracks open
    elements by tag name: inside an excluded <div>, the first nested </div> would end the
    exclusion. So each output area (nested <div>s) is wrapped in a <section>, which holds
    no other <section>; the In [n] prompts and the hidden copy of the code (for the copy
    button) hold no element of their own tag and are marked as they are. Material removes
    the marks from the published page.
    """
    parts, last = [], 0
    for start, end in OutputAreas(html).spans:
        parts += [html[last:start], '<section data-search-exclude="output">', html[start:end]]
        parts.append("</section>")
        last = end
    html = "".join(parts) + html[last:]
    return NOT_SEARCHED.sub(r'<\1 data-search-exclude="prompt" class="\2', html)


# What mkdocs-jupyter inlines and is dropped. Before the notebook (`<div class=
# "jupyter-wrapper">`), from its template: the JupyterLab and Pygments CSS (hooks/
# notebook_pages.css replaces them), MathJax (no math here, and no MathJax URL) and the
# Mermaid loader (no diagram; it would load from a CDN); the copy buttons' script stays.
# After it (nbconvert2.py): the Pygments CSS again, as a Python list in a <style>. Styles
# inside the notebook (outputs) stay.
NOTEBOOK_START = '<div class="jupyter-wrapper">'
INLINED = re.compile(
    r'<style[^>]*>.*?</style>|<script src="">\s*</script>'
    r'|<script type="text/x-mathjax-config">.*?</script>'
    r'|<script type="module">\s*document\.addEventListener\("DOMContentLoaded", async \(\) => \{'
    r'\s*const diagrams = document\.querySelectorAll\("\.jp-Mermaid.*?</script>',
    re.S,
)
APPENDED = re.compile(r"(<!-- jupyter-wrapper -->)\s*<style>\s*\[.*?\]\s*</style>", re.S)


def without_template_css(html: str) -> str:
    before, start, notebook = html.partition(NOTEBOOK_START)
    if not start:
        raise TemplateChanged(f"no {NOTEBOOK_START} in mkdocs-jupyter's page: template changed?")
    return INLINED.sub("", before) + start + APPENDED.sub(r"\1", notebook)


ALT = re.compile(r'alt="[^"]*"')
INLINE_IMAGE = re.compile(r'<img\b([^>]*?)\ssrc="data:image/(png|jpeg|gif);base64,([^"]+)"([^>]*)>')
EXTENSIONS = {"png": "png", "jpeg": "jpg", "gif": "gif"}


def image_size(content: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG or GIF (from its header), else None."""
    if content[:8] == b"\x89PNG\r\n\x1a\n" and content[12:16] == b"IHDR":
        return struct.unpack(">II", content[16:24])
    if content[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", content[6:10])
    return None


IMAGE_TYPES = tuple(f"image/{kind}" for kind in EXTENSIONS)
# A plot's title as the code writes it: plt.title("..."), plt.suptitle("..."),
# ax.set_title("..."), ax.set(title="..."); a plain string (an f-string's value is unknown).
PLOT_TITLE = re.compile(r"""(?:\b(?:sup)?title\(|\bset_title\(|\btitle=)\s*(["'])([^"'{}\n]+)\1""")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$", re.MULTILINE)


def image_alts(nb: dict) -> list[str]:
    """The alt text of each image output of a notebook, in order: its cell's plot titles,
    or else the cell's first comment, or else the heading of the section it is in."""
    alts, heading = [], ""
    for number, cell in enumerate(nb.get("cells", []), 1):
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            headings = HEADING.findall(source)
            heading = re.sub(r"[`*]", "", headings[-1]) if headings else heading
            continue
        titles = [title.strip() for _, title in PLOT_TITLE.findall(source)]
        comment = next(
            (
                line.strip().lstrip("#").strip()
                for line in source.splitlines()
                if line.strip().startswith("#") and line.strip().lstrip("#").strip()
            ),
            "",
        )
        if titles:
            alt = "Plot: " + "; ".join(titles)
        elif comment:
            alt = f"Plot: {comment}"
        elif heading:
            alt = f"Plot for “{heading}”"
        else:
            alt = f"The image output of code cell {number}"
        for output in cell.get("outputs", []):
            if any(kind in output.get("data", {}) for kind in IMAGE_TYPES):
                alts.append(alt)
    return alts


def images_to_files(
    html: str, dest_uri: str, url: str, images: dict[str, bytes], alts: list[str] | None = None
) -> str:
    """Each inlined image output becomes a file in a folder named after the page (added to
    `images`: {path in the site: bytes}) and an <img> that loads it lazily, sized; with
    `alts` (image_alts, one per image in order), each gets its alt text."""
    if alts is not None and len(alts) != len(INLINE_IMAGE.findall(html)):
        raise TemplateChanged(
            f"{len(INLINE_IMAGE.findall(html))} inlined images on the page for {len(alts)} "
            "image outputs in the notebook: mkdocs-jupyter renders outputs otherwise?"
        )
    folder = posixpath.splitext(dest_uri)[0]  # notebooks/x/index.html -> notebooks/x/index
    if posixpath.basename(folder) == "index":
        folder = posixpath.dirname(folder)
    page_folder = posixpath.dirname(url.rstrip("/")) if not url.endswith("/") else url
    count = 0

    def publish(match):
        nonlocal count
        before, kind, data, after = match.groups()
        content = base64.b64decode(data)
        count += 1
        path = posixpath.join(folder, f"output-{count}.{EXTENSIONS[kind]}")
        images[path] = content
        src = posixpath.relpath(path, page_folder.strip("/") or ".")
        size = image_size(content)
        attrs = f' width="{size[0]}" height="{size[1]}"' if size else ""
        if alts is not None:
            alt = f'alt="{html_escape(alts[count - 1])}"'
            before, after = (ALT.sub(alt, part) for part in (before, after))
            if alt not in before + after:
                before += f" {alt}"
        return f'<img{before} src="{src}"{attrs} loading="lazy" decoding="async"{after}>'

    return INLINE_IMAGE.sub(publish, html)


CODE_CELL = re.compile(r'<div class="(highlight-ipynb[^"]*)"><pre>')
# nbconvert's permalink in each Markdown heading: Material gives the headings its own, and
# the "¶" would end every notebook heading in the search index.
ANCHOR_LINK = re.compile(r'<a class="anchor-link" href="#[^"]*">(?:¶|&para;|&#182;)</a>')


def rewrite(
    html: str,
    css: str,
    dest_uri: str,
    url: str,
    images: dict[str, bytes],
    alts: list[str] | None = None,
) -> str:
    """A notebook page's HTML as published: outputs out of search, images as files, the
    template's CSS replaced by `css`, every block that may scroll reachable by keyboard."""
    html = exclude_from_search(ANCHOR_LINK.sub("", html))
    html = runs_on.label_skipped(html)  # code a Markdown cell shows, not run: its reason
    html = images_to_files(html, dest_uri, url, images, alts)
    html = without_template_css(html)
    # A code cell takes Material's `highlight` class (its token colours). A block that may
    # scroll must take the keyboard focus, as Material's code blocks do: the code cell's
    # <div> (it scrolls, not its <pre>), and the <pre> of outputs and Markdown.
    html = CODE_CELL.sub(r'<div class="\1 highlight" tabindex="0"><pre>', html)
    html = re.sub(r'(?<!tabindex="0">)<pre(?=[\s>])(?![^>]*tabindex)', '<pre tabindex="0"', html)
    # Before the notebook: a style after it would apply once the whole page has arrived, and
    # the cells painted before would move (Lighthouse: cumulative layout shift).
    return f"<style>{css}</style>" + html
