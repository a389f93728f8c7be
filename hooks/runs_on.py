"""MkDocs hook: under each code block, the Keras backends its code ran on, and how it
passed, from the runs `make test` verified on this very tree (site_tools/runs_on.py); the
page's sum, and the day of its latest verified run, go into the trust line under its title
(hooks/page_facts.py, site_tools/trust_line.py).

Registered under `hooks:` in mkdocs.yml.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from site_tools import runs_on
from verify.project import project_of


@event_priority(-50)
def on_page_markdown(markdown, page, config, files):
    if not page.file.src_uri.endswith(".md") or page.file.abs_src_path is None:
        return markdown
    project = project_of(config)
    found = runs_on.page_runs(project, Path(page.file.abs_src_path))
    if found:
        page.meta["runs_on"] = runs_on.summary(found)
        page.meta["verified_on"] = runs_on.latest_run(found)
    return runs_on.label_skipped(runs_on.add_lines(project, markdown, found))
