"""MkDocs hook: the facts of every page: its last change, at its foot, and the trust line
under its title.

- **Last change.** mkdocs-git-revision-date-localized gives the date of the last
  commit of `docs/<page>.md`; what a reader sees also comes from the snippet
  files the page includes (`--8<-- "<page>/<recipe>.py"`), so the date shown is
  the latest commit of the page *or* of any file it includes. A file not yet
  committed counts as changed now (the plugin's build-date fallback).
- **Provenance.** Under the title, "Verified with TensorFlow X · Keras Y · Python Z
  on <date>" and the blocks' backends (site_tools/trust_line.py): the versions of the
  environment that builds the site, the one `make test` ran every snippet in, read
  from the installed packages and the running interpreter, never typed by hand; the
  day of the page's latest verified run (hooks/runs_on.py, hooks/notebook_pages.py)
  or, without one, of the build.

Registered under `hooks:` in mkdocs.yml. The line is added to the finished HTML
(on_post_page), after the search index was made, so searches do not match it.
"""

from __future__ import annotations

import time
from importlib import metadata  # noqa: F401 (tests replace metadata.version through it)
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from site_tools import trust_line
from verify.project import project_of

GIT_DATES = "git-revision-date-localized"
ICON = "material/templates/.icons/material/check-decagram-outline.svg"
BUILT_AT: list[float] = []  # when this build started


def verified_with() -> list[str]:
    """['TensorFlow 2.21.0', 'Keras 3.15.1', 'Python 3.13.0'] from this environment."""
    try:
        return trust_line.versions()
    except trust_line.MissingPackage as error:
        raise PluginError(
            f"hooks/page_facts.py: {error} is not installed in the environment "
            "building the site, so the pages cannot say what verified them. "
            "Build with the project's environment: make build"
        ) from error


def on_config(config):
    config.extra["verified_with"] = verified_with()
    BUILT_AT[:] = [time.time()]
    return config


@event_priority(-100)  # after the git plugin has dated the page itself
def on_page_markdown(markdown, page, config, files):
    plugin = config.plugins.get(GIT_DATES)
    if plugin is None or not plugin.config.get("enabled") or page.file.abs_src_path is None:
        return markdown
    if "git_revision_date_localized" not in page.meta:  # excluded from the plugin
        return markdown
    included = project_of(config).includes(markdown)
    paths = [page.file.abs_src_path] + [str(path) for path in included]
    dated = [plugin.util.get_git_commit_timestamp(path) for path in paths]
    commit, timestamp = max(dated, key=lambda pair: int(pair[1]))
    locale = page.meta.get("locale") or plugin.config.get("locale") or config.theme["language"]
    formats = plugin.util.get_date_formats_for_timestamp(int(timestamp), locale, add_spans=True)
    page.meta["git_revision_date_localized"] = formats[plugin.config["type"]]
    page.meta["git_revision_date_localized_hash"] = commit
    return markdown


def icon() -> str:
    import material

    svg = Path(material.__file__).parent.parent / ICON
    return svg.read_text(encoding="utf-8") if svg.is_file() else ""


def on_post_page(output, page, config):
    ran = page.meta.get("verified_on")  # hooks/runs_on.py, hooks/notebook_pages.py
    locale = page.meta.get("locale") or config.theme["language"]
    line = trust_line.line_html(
        config.extra["verified_with"],
        trust_line.day(ran or BUILT_AT[0], locale),
        page.meta.get("runs_on"),  # hooks/runs_on.py: the blocks' backends, from the run
        ran=ran is not None,
        icon=icon(),
    )
    try:
        return trust_line.under_title(output, line)
    except ValueError as error:
        raise PluginError(f"hooks/page_facts.py: {page.file.src_uri}: {error}") from None
