"""A page's headings and their ids, computed as the site computes them: the page rendered
with the project's own Markdown extensions (toc's slugify, attr_list's `{#id}`); a
notebook's Markdown cells with toc, as mkdocs-jupyter builds its table of contents.
The one definition of a heading id: the search queries' landings, the recipe notebooks'
anchors and a new page's first section all ask `headings` or `heading_id`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import markdown
from mkdocs.utils.meta import get_data

from verify.project import Project, read_config


@dataclass(frozen=True)
class Heading:
    id: str
    level: int
    name: str


def _page_markdown(project: Project) -> markdown.Markdown:
    extensions, configs = _markdown_settings(project.config_file)
    configs = {**configs, "pymdownx.snippets": project.snippet_config}
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


@cache
def _markdown_settings(config_file: Path) -> tuple[list, dict]:
    config = read_config(config_file)
    return list(config["markdown_extensions"]), dict(config["mdx_configs"])


def headings(project: Project, source: str) -> list[Heading]:
    """The page's headings with their ids, as mkdocs (or mkdocs-jupyter) renders them."""
    path = project.docs_dir / source
    if source.endswith(".ipynb"):
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        text = "\n\n".join(
            "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for cell in cells
            if cell.get("cell_type") == "markdown"
        )
        md = markdown.Markdown(extensions=["toc"])
    else:
        text, _ = get_data(path.read_text(encoding="utf-8-sig"))
        md = _page_markdown(project)
    md.convert(text)
    found: list[Heading] = []

    def walk(tokens):
        for token in tokens:
            found.append(Heading(token["id"], token["level"], token["name"]))
            walk(token["children"])

    walk(md.toc_tokens)
    return found


def sections(project: Project, source: str) -> list[Heading]:
    """The headings a search result can land on: all but the page title (the first h1),
    which Material indexes as the page itself, with no #id."""
    found = headings(project, source)
    if found and found[0].level == 1:
        found = found[1:]
    return found


def heading_id(project: Project, text: str) -> str:
    """The id the site gives a heading of this text (written as on the page, Markdown and
    `{#id}` included), when no earlier heading of the page has the same id."""
    md = _page_markdown(project)
    md.convert(f"## {text}")
    return md.toc_tokens[0]["id"]
