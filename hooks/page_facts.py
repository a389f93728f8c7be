"""MkDocs hook: the facts at the foot of every page.

- **Last change.** mkdocs-git-revision-date-localized gives the date of the last
  commit of `docs/<page>.md`; what a reader sees also comes from the snippet
  files the page includes (`--8<-- "<page>/<recipe>.py"`), so the date shown is
  the latest commit of the page *or* of any file it includes. A file not yet
  committed counts as changed now (the plugin's build-date fallback).
- **Provenance.** "Verified with TensorFlow X, Keras Y, Python Z": the versions
  of the environment that builds the site, the one `make test` ran every
  snippet in. They are read from the installed packages (importlib.metadata)
  and the running interpreter (platform), never typed by hand.

Registered under `hooks:` in mkdocs.yml. The line is added to the finished HTML
(on_post_page), after the search index was made, so searches do not match it.
"""

from __future__ import annotations

import html
import platform
import re
from importlib import metadata
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from verify.project import project_of

GIT_DATES = "git-revision-date-localized"
PACKAGES = {"TensorFlow": "tensorflow", "Keras": "keras"}
ICON = "material/templates/.icons/material/check-decagram-outline.svg"


def verified_with() -> str:
    """'TensorFlow 2.21.0, Keras 3.15.1, Python 3.13.0' from this environment."""
    versions = []
    for label, distribution in PACKAGES.items():
        try:
            versions.append(f"{label} {metadata.version(distribution)}")
        except metadata.PackageNotFoundError as error:
            raise PluginError(
                f"hooks/page_facts.py: {distribution} is not installed in the environment "
                "building the site, so the pages cannot say what verified them. "
                "Build with the project's environment: make build"
            ) from error
    versions.append(f"Python {platform.python_version()}")
    return ", ".join(versions)


def on_config(config):
    config.extra["verified_with"] = verified_with()
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
    text = html.escape(config.extra["verified_with"])
    backends = ""
    if page.meta.get("runs_on"):  # hooks/runs_on.py: the blocks' backends, from the run
        backends = (
            f'<span class="runs-on-sum">; blocks run on {html.escape(page.meta["runs_on"])}</span>'
        )
    fact = (
        '<span class="md-source-file__fact" title="Every code block on this page ran, '
        f'and printed what it shows, with these versions">'
        f'<span class="md-icon">{icon()}</span>'
        f'<span class="verified-with">Verified with {text}</span>{backends}</span>'
    )
    aside = re.search(r'<aside class="md-source-file">.*?(?=</aside>)', output, re.DOTALL)
    if aside:  # beside the last-change date
        return output[: aside.end()] + fact + output[aside.end() :]
    end = output.rfind("</article>")
    if end == -1:
        raise PluginError(f"hooks/page_facts.py: no <article> in {page.file.src_uri}")
    return output[:end] + f'<aside class="md-source-file">{fact}</aside>' + output[end:]
