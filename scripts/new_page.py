"""Scaffold a new page: `make new-page TITLE="Custom losses" [SECTION="Training"]`.

Creates, for the title "Custom losses":

    docs/custom-losses.md                the page: front matter (with placeholder search
                                         queries), one example, Further reading
    snippets/custom-losses/example.py    a runnable, seeded example that prints
    snippets/custom-losses/example.out   what it prints (true by construction: shapes only)
    mkdocs.yml                           a nav entry, at the end or in SECTION
    notebooks/custom-losses.ipynb        the page's notebook (site_tools/recipe_notebooks.py),
                                         as `make notebooks` writes it

from the files in scripts/templates/, so that `make test` passes right away. mkdocs.yml
is edited as text (one line, or a section and a line, inserted), so its comments, layout
and tags stay as they are.
A bad title (empty, no letters, a page that exists) is an error that changes nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import string
import sys
import unicodedata
from pathlib import Path

from site_tools import recipe_notebooks
from site_tools.headings import heading_id
from site_tools.search_queries import KEY
from verify.project import Project, load_project, nav_pages, read_yaml

ROOT = Path(__file__).resolve().parent.parent
USAGE = 'make new-page TITLE="Custom losses" [SECTION="Training"]'


class NewPageError(Exception):
    """A reason not to create the page; nothing has been written."""


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def yaml_string(value: str) -> str:
    """`value` as a YAML scalar: plain when that is unambiguous, else double-quoted."""
    plain = re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 _.,()'&+/-]*", value) and not value.endswith(" ")
    if plain and read_yaml(f"k: {value}") == {"k": value}:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def block_end(lines: list[str], start: int, parent_indent: int) -> int:
    """Index after the last line (not blank, not comment) nested deeper than parent_indent."""
    last = start
    for i in range(start + 1, len(lines)):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if indent_of(lines[i]) <= parent_indent:
            break
        last = i
    return last + 1


def add_to_nav(text: str, title: str, page: str, section: str | None) -> str:
    """mkdocs.yml with `- title: page` appended to nav (or to the nav section `section`)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    starts = [i for i, line in enumerate(lines) if re.match(r"nav:\s*(#.*)?$", line)]
    if len(starts) != 1:
        raise NewPageError("mkdocs.yml has no top-level `nav:` list to add the page to")
    start = starts[0]
    end = start + 1  # after the last nav line: indented, or a `- ` item at column 0
    for i in range(start + 1, len(lines)):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if indent_of(lines[i]) == 0 and not stripped.startswith("- "):
            break
        end = i + 1
    items = [i for i in range(start + 1, end) if lines[i].lstrip().startswith("- ")]
    if not items:
        raise NewPageError("mkdocs.yml's `nav:` is not a list of `- Title: page.md` items")
    top = indent_of(lines[items[0]])
    entry = f"- {yaml_string(title)}: {page}\n"
    if section is None:
        return "".join([*lines[:end], " " * top + entry, *lines[end:]])
    for i in items:
        match = re.match(r"- (.+):\s*(#.*)?$", lines[i].strip())
        if indent_of(lines[i]) == top and match and read_yaml(match.group(1)) == section:
            section_end = block_end(lines, i, top)
            children = [j for j in range(i + 1, section_end) if lines[j].lstrip().startswith("- ")]
            child = indent_of(lines[children[0]]) if children else top + 4
            return "".join([*lines[:section_end], " " * child + entry, *lines[section_end:]])
    # A new section at the end of nav, indented like the others.
    nested = [j for j in range(start + 1, end) if indent_of(lines[j]) > top]
    step = min((indent_of(lines[j]) - top for j in nested), default=4)
    new = [" " * top + f"- {yaml_string(section)}:\n", " " * (top + step) + entry]
    return "".join(lines[:end] + new + lines[end:])


FIRST_SECTION = "A first recipe"  # the template's first section, where the queries land


def search_queries(project: Project, title: str) -> list[dict[str, str]]:
    """Placeholder queries that find the new page first: its title, and words the page uses
    around it (a keyword, a name, a question), each landing on the first section."""
    first = heading_id(project, FIRST_SECTION)
    return [
        {"query": title, "heading": first},
        {"query": f"{title} recipe", "heading": first},
        {"query": f"how to use {title}", "heading": first},
    ]


TEMPLATES = Path(__file__).resolve().parent / "templates"  # a new page's files


def page_text(project: Project, title: str, slug: str) -> str:
    queries = "".join(
        f"  - query: {yaml_string(entry['query'])}\n    heading: {entry['heading']}\n"
        for entry in search_queries(project, title)
    )
    template = string.Template((TEMPLATES / "page.md.tmpl").read_text(encoding="utf-8"))
    return template.substitute(
        title=title,
        title_yaml=yaml_string(title),
        slug=slug,
        key=KEY,
        queries=queries,
        first_section=FIRST_SECTION,
    )


def example_text(slug: str) -> str:
    """The example snippet (templates/example.py, linted like any code), for page `slug`."""
    return (TEMPLATES / "example.py").read_text(encoding="utf-8").replace("SLUG", slug, 1)


def plan(title: str, section: str | None, root: Path) -> dict[Path, str]:
    """Every file to write, with its new text; raises NewPageError if the title is bad."""
    title = title.strip()
    if not title:
        raise NewPageError(f"the title is empty. Usage: {USAGE}")
    if "\n" in title or "\r" in title or (section and "\n" in section):
        raise NewPageError("the title (and section) must be one line")
    slug = slugify(title)
    if not slug:
        raise NewPageError(f'the title "{title}" has no letter or digit to name the page after')
    config_file = root / "mkdocs.yml"
    config_text = config_file.read_text(encoding="utf-8")
    project = load_project(config_file)
    docs, snippets = project.docs_dir, project.snippet_dirs[0]
    page_name = f"{slug}.md"
    for taken in (docs / page_name, snippets / slug):
        if taken.exists():
            raise NewPageError(
                f"{project.rel(taken)} already exists: edit that page, or choose another title"
            )
    if page_name in project.nav:
        raise NewPageError(f"mkdocs.yml's nav already lists {page_name}: choose another title")
    new_config = add_to_nav(config_text, title, page_name, section)
    listed = nav_pages(read_yaml(new_config).get("nav"))
    if page_name not in listed:  # the insertion went wrong: write nothing
        raise NewPageError("could not add the page to mkdocs.yml's nav; add it by hand")
    return {
        docs / page_name: page_text(project, title, slug),
        snippets / slug / "example.py": example_text(slug),
        snippets / slug / "example.out": (TEMPLATES / "example.out").read_text("utf-8"),
        config_file: new_config,
    }


def write_notebook(root: Path, page_name: str) -> Path:
    """Write the new page's notebook (the page, its snippets and nav entry are written),
    linking to the site URL the other notebooks record; returns its path under `root`."""
    load_project.cache_clear()  # mkdocs.yml has just changed
    project = load_project(root / "mkdocs.yml")
    recipes = recipe_notebooks.recipe_pages(project)
    nb = recipe_notebooks.notebook(
        project, page_name, recipe_notebooks.site_url(project), set(recipes)
    )
    path = recipe_notebooks.notebook_path(project, page_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(recipe_notebooks.dumps(nb), encoding="utf-8")
    return path.relative_to(root)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], usage=USAGE)
    parser.add_argument("title", help='the page title, e.g. "Custom losses"')
    parser.add_argument("--section", default=None, help="the nav section to list it in")
    args = parser.parse_args(argv)
    section = (args.section or "").strip() or None
    try:
        files = plan(args.title, section, ROOT)
    except NewPageError as error:
        print(f"make new-page: {error}", file=sys.stderr)
        return 1
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    page, example, _, _ = (path.relative_to(ROOT) for path in files)
    notebook = write_notebook(ROOT, page.name)
    where = f'in section "{section}"' if section else "at the end"
    rows = [
        ("Created:", ""),
        (f"  {page}", "the page: replace its TODO lines and placeholder search queries"),
        (f"  {example}", "a runnable recipe (rename it after what it does)"),
        (f"  {example.with_suffix('.out')}", "what it prints, shown under it on the page"),
        ("  mkdocs.yml", f"the nav entry, {where}"),
        (f"  {notebook}", "its notebook: make notebooks after changing the page"),
        ("Next:", ""),
        (f"  make check PAGE={page}", "verify this page only"),
        ("  make serve", f"read it at http://127.0.0.1:8000/{page.stem}/"),
        ("  make update-outputs", "after changing what a snippet prints"),
        ("  make test", "everything, before you open the pull request (see CONTRIBUTING.md)"),
    ]
    width = max(len(left) for left, _ in rows) + 2
    print("\n".join(f"{left:<{width}}{right}".rstrip() for left, right in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
