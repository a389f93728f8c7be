"""MkDocs hook for the notebook pages (docs/**/*.ipynb, rendered by mkdocs-jupyter).

- Executed for real: the page shows the run of the notebook that `make test` saved
  (verify/notebooks.py), or the hook runs the notebook now when there is no saved run.
  A failing cell fails the build, naming the notebook and the cell.
- Under the page title: a link to download the notebook as committed (no outputs) and
  an "Open in Colab" link to its path in the repository, from `repo_url` (set by
  hooks/repository_urls.py from the repository the site is built in; and the branch
  in `edit_uri`) in mkdocs.yml.
- Search: the outputs of the cells (logs, tables, images), their In [n] prompts and the
  hidden text of the copy buttons are kept out of the search index; the notebook's
  headings, prose and code stay in.
- Light: each image output is published as a file beside the page (`<page>/output-<n>.png`)
  and lazy-loaded with its width and height, instead of inlined as base64; of the notebook
  CSS that mkdocs-jupyter inlines (~600 KB), only the rules whose classes the page uses stay,
  and the custom properties that those rules, the page or Material's stylesheets use.

Registered under `hooks:` in mkdocs.yml.
"""

from __future__ import annotations

import base64
import logging
import posixpath
import re
import shutil
import struct
from html.parser import HTMLParser
from pathlib import Path

import tinycss2  # pinned in requirements.txt (nbconvert needs it too)
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from verify import notebooks
from verify.notebook_links import colab_url, links_html, under_title

log = logging.getLogger("mkdocs.hooks.notebook_pages")
EXECUTED: dict[str, Path] = {}  # a notebook page's src_uri -> the executed copy
IMAGES: dict[str, bytes] = {}  # an output image's path in the site -> its bytes


def on_files(files, config):
    EXECUTED.clear()
    IMAGES.clear()
    for file in files:
        if not file.src_uri.endswith(".ipynb") or file.abs_src_path is None:
            continue
        try:
            executed, ran = notebooks.executed_copy(Path(file.abs_src_path))
        except notebooks.CellFailure as error:
            raise PluginError(f"a notebook page failed to run:\n{error}") from None
        log.info("%s: %s", file.src_uri, "executed now" if ran else "the run saved by make test")
        EXECUTED[file.src_uri] = executed
    return files


@event_priority(-100)  # after mkdocs-jupyter has set up the page's rendering
def on_pre_page(page, config, files):
    executed = EXECUTED.get(page.file.src_uri)
    if executed is None:
        return page
    render = page.render

    def render_executed(config, files):
        # mkdocs-jupyter reads the notebook at page.file.abs_src_path. For the rendering
        # only, that is the executed copy; everything else (the git date, the edit and
        # download links) keeps seeing the committed notebook.
        committed = page.file.abs_src_path
        page.file.abs_src_path = str(executed)
        try:
            render(config, files)
        finally:
            page.file.abs_src_path = committed

    page.render = render_executed
    return page


class OutputAreas(HTMLParser):
    """Where the output areas (`jp-Cell-outputWrapper`) of nbconvert's HTML start and end."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

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


# nbconvert's code colours and faint prompts fail WCAG contrast (axe-core, tests/test_browser.py),
# worst in the dark scheme. The notebook's code takes the colours of Material's own code
# blocks instead (the token classes Material styles, and its code background), the prompts
# lose their transparency, and in the light scheme the colours rich gives model.summary()
# tables give way to the text colour. `.md-typeset` outranks the notebook's inline styles.
NOTEBOOK_CSS = """
.md-typeset .jupyter-wrapper .highlight-ipynb,
.md-typeset .jupyter-wrapper .highlight-ipynb pre {
  background-color: var(--md-code-bg-color); color: var(--md-code-fg-color);
}
.md-typeset .jupyter-wrapper .highlight-ipynb pre span { color: var(--md-code-fg-color); }
%s
[data-md-color-scheme="default"]
  .md-typeset .jupyter-wrapper .jp-RenderedHTML span[style*="color"] {
  color: inherit !important;  /* rich's pale cyan and green (model.summary()) on white */
}
.md-typeset .jupyter-wrapper .jp-Notebook .jp-Cell:not(.jp-mod-active) .jp-InputPrompt,
.md-typeset .jupyter-wrapper .jp-Notebook .jp-Cell:not(.jp-mod-active) .jp-OutputPrompt {
  opacity: 1; color: var(--md-default-fg-color--light);
}
"""
TOKEN_COLOURS = {  # Material's pygments token classes -> its --md-code-hl-*-color
    "operator": "o ow",
    "punctuation": "p",
    "string": "cpf l s s1 s2 sa sb sc si ss",
    "special": "cp se sh sr sx",
    "number": "il m mb mf mh mi mo",
    "keyword": "k kd kn kp kr kt nd ni nl nt",
    "name": "kc n",
    "constant": "bp nb no vm",
    "function": "nc ne nf nn fm",
    "comment": "c c1 ch cm cs sd",
    "variable": "na nv vc vg vi",
    "generic": "ge gh go gp gr gs gt gu",
}
TOKEN_CSS = "\n".join(
    ", ".join(f".md-typeset .jupyter-wrapper .highlight-ipynb .{token}" for token in tokens.split())
    + f" {{ color: var(--md-code-hl-{kind}-color); }}"
    for kind, tokens in TOKEN_COLOURS.items()
)


CODE_CELL = re.compile(r'(<div class="highlight-ipynb[^"]*")><pre>')


def on_page_content(html, page, config, files):
    if page.file.src_uri not in EXECUTED:
        return html
    html = exclude_from_search(html)
    html = images_to_files(html, page.file.dest_uri, page.url)
    # mkdocs-jupyter adds <script src=""> for MathJax, which has no URL here: no math.
    html = re.sub(r'<script src="">\s*</script>', "", html)
    # A block that may scroll must take the keyboard focus, as Material's code blocks do: the
    # code cell's <div> (it scrolls, not its <pre>), and the <pre> of outputs and Markdown.
    html = CODE_CELL.sub(r'\1 tabindex="0"><pre>', html)
    html = re.sub(r'(?<!tabindex="0">)<pre(?=[\s>])(?![^>]*tabindex)', '<pre tabindex="0"', html)
    html += f"<style>{NOTEBOOK_CSS % TOKEN_CSS}</style>"
    notebook = Path(page.file.abs_src_path)
    return under_title(html, links_html(notebook.name, colab_url(config, notebook)))


INLINE_IMAGE = re.compile(r'<img\b([^>]*?)\ssrc="data:image/(png|jpeg|gif);base64,([^"]+)"([^>]*)>')
EXTENSIONS = {"png": "png", "jpeg": "jpg", "gif": "gif"}


def image_size(content: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG or GIF (from its header), else None."""
    if content[:8] == b"\x89PNG\r\n\x1a\n" and content[12:16] == b"IHDR":
        return struct.unpack(">II", content[16:24])
    if content[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", content[6:10])
    return None


def images_to_files(html: str, dest_uri: str, url: str) -> str:
    """Each inlined image output becomes a file in a folder named after the page (added to
    IMAGES, written by on_post_build) and an <img> that loads it lazily, sized."""
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
        IMAGES[path] = content
        src = posixpath.relpath(path, page_folder.strip("/") or ".")
        size = image_size(content)
        attrs = f' width="{size[0]}" height="{size[1]}"' if size else ""
        return f'<img{before} src="{src}"{attrs} loading="lazy" decoding="async"{after}>'

    return INLINE_IMAGE.sub(publish, html)


def css_classes(html: str) -> set[str]:
    return {name for value in re.findall(r'\sclass="([^"]*)"', html) for name in value.split()}


def selector_classes(tokens) -> set[str] | None:
    """The classes a selector requires (not those inside :not(...) or other functions), or
    None when it can match nothing: `.jupyter-wrapper :root` (the root has no ancestor)."""
    found = set()
    for at, (before, token) in enumerate(zip(tokens, tokens[1:], strict=False)):
        if before.type == "literal" and before.value == "." and token.type == "ident":
            found.add(token.value)
        if before.type == "literal" and before.value == ":" and token.type == "ident":
            if token.lower_value == "root" and at > 0:
                return None
    return found


def split_selectors(prelude) -> list[list]:
    selectors = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        elif token.type not in ("comment",):
            selectors[-1].append(token)
    return selectors


def used_rules(rules, classes: set[str]) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [
                tinycss2.serialize(selector).strip()
                for selector in split_selectors(rule.prelude)
                if (required := selector_classes(selector)) is not None and required <= classes
            ]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports"):
            inner = tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True)
            if body := used_rules(inner, classes):
                prelude = tinycss2.serialize(rule.prelude).strip()
                kept.append(f"@{rule.at_keyword} {prelude}{{{''.join(body)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword != "charset":
            kept.append(rule.serialize())
    return kept


def unused_css_removed(css: str, classes: set[str]) -> str:
    """`css` with only the selectors whose classes are all in `classes`."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    return "".join(used_rules(rules, classes))


VARIABLE_USE = re.compile(r"var\(\s*(--[\w-]+)")


def declarations(rules):
    """Every declaration of `rules`, inside @media and @supports too."""
    for rule in rules:
        if rule.type == "qualified-rule":
            yield from (
                d
                for d in tinycss2.parse_declaration_list(
                    rule.content, skip_whitespace=True, skip_comments=True
                )
                if d.type == "declaration"
            )
        elif rule.type == "at-rule" and rule.content is not None:
            inner = tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True)
            yield from declarations(r for r in inner if r.type != "error")


def without_variables(rules, unused: set[str]) -> str:
    """`rules` serialized without the declarations of the custom properties `unused`."""
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [
                f"{d.name}:{tinycss2.serialize(d.value).strip()}"
                + ("!important" if d.important else "")
                for d in tinycss2.parse_declaration_list(
                    rule.content, skip_whitespace=True, skip_comments=True
                )
                if d.type == "declaration" and d.name not in unused
            ]
            if kept:
                out.append(f"{tinycss2.serialize(rule.prelude).strip()}{{{';'.join(kept)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports"):
            inner = tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True)
            if body := without_variables(inner, unused):
                prelude = tinycss2.serialize(rule.prelude).strip()
                out.append(f"@{rule.at_keyword} {prelude}{{{body}}}")
        else:
            out.append(rule.serialize())
    return "".join(out)


def unused_variables_removed(
    styles: list[str], html: str, linked: tuple[str, ...] = (), prefix: str = "--"
) -> list[str]:
    """`styles` (the CSS inlined in one page) without the custom properties named `prefix`...
    that nothing uses: not the page's other CSS, not the stylesheets it links (`linked`:
    Material's own), not its `html`, not a used custom property. Hundreds of unused ones
    (the notebook CSS declares a whole colour palette on .jupyter-wrapper) are inherited by
    every element of the notebook and made style and layout ~4x slower on a phone."""
    parsed = [tinycss2.parse_stylesheet(css, skip_whitespace=True) for css in styles]
    values: dict[str, list[str]] = {}
    used = set(VARIABLE_USE.findall(html))
    for css in linked:
        used.update(VARIABLE_USE.findall(css))
    for rules in parsed:
        for d in declarations(rules):
            value = tinycss2.serialize(d.value)
            if d.name.startswith(prefix):
                values.setdefault(d.name, []).append(value)
            else:
                used.update(VARIABLE_USE.findall(value))
    todo = list(used)
    while todo:
        for value in values.get(todo.pop(), []):
            new = set(VARIABLE_USE.findall(value)) - used
            used |= new
            todo += new
    unused = set(values) - used
    return [without_variables(rules, unused) for rules in parsed]


STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)


STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def linked_stylesheets(output: str, page, config) -> tuple[str, ...]:
    """The text of the site's own stylesheets the page links (copied before pages are built)."""
    folder = Path(config["site_dir"]) / posixpath.dirname(page.file.dest_uri)
    found = []
    for href in STYLESHEET.findall(output):
        path = folder / href
        if "://" not in href and path.is_file():
            found.append(path.read_text(encoding="utf-8"))
    return tuple(found)


def on_post_page(output, page, config):
    """Of the notebook CSS inlined in the page, keep the rules the page's classes use, and
    the custom properties these rules, the page or its stylesheets use."""
    if page.file.src_uri not in EXECUTED:
        return output
    outside = STYLE.sub("", output)
    classes = css_classes(outside)
    styles = [unused_css_removed(m.group(2), classes) for m in STYLE.finditer(output)]
    linked = linked_stylesheets(output, page, config)
    styles = iter(unused_variables_removed(styles, outside, linked))
    return STYLE.sub(lambda m: m.group(1) + next(styles) + m.group(3), output)


def on_post_build(config):
    """Publish each committed notebook beside its page, for the download link."""
    for src_uri in EXECUTED:
        notebook = Path(config["docs_dir"]) / src_uri
        page_dir = Path(config["site_dir"]) / Path(src_uri).with_suffix("")
        if not config["use_directory_urls"]:
            page_dir = page_dir.parent
        page_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, page_dir / notebook.name)
    for path, content in IMAGES.items():
        target = Path(config["site_dir"]) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
