"""The trust line under each page's title, where a reader sees it:

    Verified with TensorFlow 2.21.0 · Keras 3.15.1 · Python 3.13.0 on December 6, 2026
    · blocks run on TensorFlow 9 · JAX 5

- The versions are those of the environment that ran the snippets and builds the site,
  read from the installed packages and the running interpreter (`versions`), never typed.
- The date is the day of the page's latest verified run: the newest passing run that
  `make test` kept for its blocks (.cache/blocks/, the entries hooks/runs_on.py reads for
  these very inputs) or, for a notebook page, the run of the notebook the page shows. A
  page without such a run (a page without code, or a build with no saved runs) shows the
  day of the build, as the last-change date does without git history.
- The backends: the page's sum of its blocks' "Runs on" lines (site_tools/runs_on.py).

hooks/page_facts.py adds it to the finished page (after the search index is made, so a
search for "verified" does not find every page).
"""

from __future__ import annotations

import html
import platform
from datetime import UTC, datetime
from importlib import metadata

PACKAGES = {"TensorFlow": "tensorflow", "Keras": "keras"}


class MissingPackage(Exception):
    """A package the line names is not installed where the site is built."""


def versions() -> list[str]:
    """['TensorFlow 2.21.0', 'Keras 3.15.1', 'Python 3.13.0'], from this environment."""
    found = []
    for label, distribution in PACKAGES.items():
        try:
            found.append(f"{label} {metadata.version(distribution)}")
        except metadata.PackageNotFoundError as error:
            raise MissingPackage(distribution) from error
    found.append(f"Python {platform.python_version()}")
    return found


def day(timestamp: float, locale: str = "en") -> str:
    """'December 6, 2026': the date as the pages' last-change dates show it (UTC)."""
    from babel.dates import format_date

    return format_date(datetime.fromtimestamp(timestamp, tz=UTC).date(), "long", locale=locale)


def line_html(named: list[str], date: str, backends: str | None, ran: bool, icon: str = "") -> str:
    """The line, as HTML. `ran`: the date is the page's latest verified run (else the
    build's), which its tooltip says."""
    when = (
        f"its code last ran, and printed what it shows, on {date}"
        if ran
        else f"the site was built on {date}"
    )
    title = f"Every code block on this site ran with these versions; {when}"
    parts = [
        f'<span class="trust-line__icon md-icon">{icon}</span>' if icon else "",
        # Each item kept whole on a line; "Verified with" stays with the first.
        '<span class="verified-with">'
        + " · ".join(
            f'<span class="trust-line__item">{"Verified with " if n == 0 else ""}'
            f"{html.escape(v)}</span>"
            for n, v in enumerate(named)
        )
        + "</span>",
        f' <span class="trust-line__date">on {html.escape(date)}</span>',
    ]
    if backends:
        parts.append(f'<span class="runs-on-sum"> · blocks run on {html.escape(backends)}</span>')
    return f'<p class="trust-line" title="{html.escape(title)}">{"".join(parts)}</p>'


def under_title(page_html: str, line: str) -> str:
    """`line` right after the article's <h1> (or first in the article without one)."""
    article = page_html.find("<article")
    if article == -1:
        raise ValueError("no <article> in the page")
    title_end = page_html.find("</h1>", article)
    if title_end == -1:
        start = page_html.index(">", article) + 1
        return page_html[:start] + line + page_html[start:]
    title_end += len("</h1>")
    return page_html[:title_end] + line + page_html[title_end:]
