"""MkDocs hook: the About page's line on the next TensorFlow/Keras, from the latest report.

`make test-next` writes test-artifacts/next/report.json (site_tools/next_release.py). This hook
replaces the marker `<!-- next-release:summary -->` in docs/about.md with that report's
summary line (versions and counts), or with a sentence saying that no report was present
when the site was built: the line is never typed by hand. Registered under `hooks:` in
mkdocs.yml.
"""

from __future__ import annotations

from pathlib import Path

from site_tools.next_release_report import summary_line

MARKER = "<!-- next-release:summary -->"


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    root = Path(config["config_file_path"]).resolve().parent
    return markdown.replace(MARKER, summary_line(root / "test-artifacts" / "next"))
