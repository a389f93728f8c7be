"""The reader queries each page declares, and the checks they must pass before a browser runs.

Every page says which searches must find it first, and where a reader should land:

    ---
    title: Recurrent networks (RNNs)
    search_queries:
      - query: return_sequences
        heading: output-shapes-return_sequences-and-return_state
    ---

A notebook page (mkdocs-jupyter gives it no front matter) holds the same list in its
metadata, `metadata["search_queries"]` (written with nbformat, so it stays committed
without outputs). `searches(project)` reads them all, in nav order; tests/browser/
types each one into Material's search box and site_tools/bench.py times them. There is no
other list of queries.

`problems(project)` is what tests/test_search_queries.py fails on, each naming the page and
what to write: a page that declares fewer than MIN_QUERIES queries, none in plain words,
an entry that is not `{query: ..., heading: ...}`, a heading id the page does not have, a
query two pages claim. Heading ids are computed as mkdocs computes them: the page rendered
with the project's own Markdown extensions (toc's slugify, attr_list's `{#id}`); a
notebook's Markdown cells with toc, as mkdocs-jupyter builds its table of contents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from mkdocs.utils.meta import get_data

from site_tools.headings import sections
from verify.project import Project

KEY = "search_queries"  # the front-matter key (Material's own keys: title, search, tags...)
MIN_QUERIES = 3
QUESTION_WORDS = 4  # a query of this many words or more counts as one in plain words
# Home is exempt: its topic map repeats every page's words, and a reader's query that
# finds Home first is one whose answer is on a recipe page. It may still declare queries.
EXEMPT = frozenset({"index.md"})
EXAMPLE = f"""{KEY}:
  - query: a keyword readers type
    heading: the-id-of-the-section-that-answers
  - query: an.api_name
    heading: ...
  - query: a question in the reader's own words
    heading: ..."""


@dataclass(frozen=True)
class Search:
    query: str
    page: str  # the source under docs/ that answers it
    heading: str  # the id of the heading a reader should land on

    def __str__(self):
        return self.query


def declared(project: Project, source: str) -> object:
    """What the page declares under KEY, as written (None when it declares nothing)."""
    path = project.docs_dir / source
    if source.endswith(".ipynb"):
        metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        return metadata.get(KEY)
    _, meta = get_data(path.read_text(encoding="utf-8-sig"))  # mkdocs' front-matter reader
    return meta.get(KEY)


def page_problems(project: Project, source: str) -> list[str]:
    """What is wrong with the queries `source` declares, each message saying what to write."""
    where = f"docs/{source}"
    place = (
        f'its metadata ("{KEY}": [{{"query": ..., "heading": ...}}], with nbformat)'
        if source.endswith(".ipynb")
        else "its front matter"
    )
    entries = declared(project, source)
    if entries is None:
        if source in EXEMPT:
            return []
        return [
            f"{where} declares no search queries: add to {place} the {MIN_QUERIES} or more "
            f"searches that must find it first, e.g.\n{EXAMPLE}"
        ]
    if not isinstance(entries, list):
        return [f"{where}: `{KEY}` must be a list of {{query, heading}} entries, e.g.\n{EXAMPLE}"]
    ids = {heading.id for heading in sections(project, source)}
    listing = ", ".join(sorted(ids)) or "(none: add a ## heading)"
    problems, queries = [], []
    for number, entry in enumerate(entries, 1):
        what = f"{where}: {KEY} entry {number}"
        if not isinstance(entry, dict) or set(entry) != {"query", "heading"}:
            problems.append(
                f"{what} is {entry!r}: write it as two keys, `query: <what a reader types>` "
                "and `heading: <the id of the section that answers>`"
            )
            continue
        query, heading = entry["query"], entry["heading"]
        if not isinstance(query, str) or not query.strip():
            problems.append(
                f"{what}: query {query!r} is not text: write the words a reader types "
                '(quote it, "...", if YAML reads it as a number, a date or yes/no)'
            )
            continue
        queries.append(query.strip())
        if not isinstance(heading, str) or heading not in ids:
            problems.append(
                f"{what} ({query!r}): heading {heading!r} is not the id of a section of this "
                f"page. Its section ids: {listing}"
            )
    if len(entries) < MIN_QUERIES:
        problems.append(
            f"{where} declares {len(entries)} search queries: declare at least {MIN_QUERIES} "
            "(a keyword, an API name, a question in plain words), each with the heading id "
            "it should land on"
        )
    if queries and not any(len(query.split()) >= QUESTION_WORDS for query in queries):
        problems.append(
            f"{where}: none of its search queries is a question in plain words "
            f'({QUESTION_WORDS} words or more, e.g. "how do I ..."): add one'
        )
    twice = sorted({query for query in queries if queries.count(query) > 1})
    if twice:
        problems.append(f"{where} declares the same query twice: {', '.join(twice)}")
    return problems


def problems(project: Project) -> list[str]:
    """Every problem of every page's queries, and queries that two pages claim."""
    found: list[str] = []
    owner: dict[str, str] = {}
    for source in project.sources():
        found += page_problems(project, source)
        entries = declared(project, source)
        for entry in entries if isinstance(entries, list) else []:
            query = entry.get("query") if isinstance(entry, dict) else None
            if not isinstance(query, str):
                continue
            key = " ".join(query.lower().split())
            if key in owner and owner[key] != source:
                found.append(
                    f"docs/{source} and docs/{owner[key]} both declare the query {query!r}: "
                    "only one page can rank first for it; keep it on the page that answers"
                )
            owner.setdefault(key, source)
    return found


def searches(project: Project) -> list[Search]:
    """Every well-formed query the pages declare, in nav order (problems() lists the rest)."""
    found = []
    for source in project.sources():
        entries = declared(project, source)
        for entry in entries if isinstance(entries, list) else []:
            if (
                isinstance(entry, dict)
                and isinstance(entry.get("query"), str)
                and entry["query"].strip()
                and isinstance(entry.get("heading"), str)
            ):
                found.append(Search(entry["query"].strip(), source, entry["heading"]))
    return found
