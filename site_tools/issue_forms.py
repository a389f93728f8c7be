"""The About page's links to the repository: its issue forms (report a wrong page, ask for a
recipe) and the maintainers' guide. The repository is the one the site is built in
(`repo_url`, site_tools/repository.py), so a fork's About links to the fork's issues; a copy
with no GitHub repository names the forms without links.

hooks/issue_forms.py replaces two markers of docs/about.md:

- `<!-- issue-forms -->`: one item per form of .github/ISSUE_TEMPLATE/ (each `*.yml` but
  config.yml), its name linked to `<repo>/issues/new?template=<file>`, then its description;
- `<!-- maintainers-guide -->`: a link to MAINTAINING.md on the branch of the edit links.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

FORMS = Path(".github") / "ISSUE_TEMPLATE"
FORMS_MARKER = "<!-- issue-forms -->"
GUIDE_MARKER = "<!-- maintainers-guide -->"
GUIDE = "MAINTAINING.md"


@dataclass(frozen=True)
class Form:
    file: str  # recipe-wrong.yml
    name: str  # its title on GitHub: "A recipe is wrong or outdated"
    description: str


def forms(root: Path) -> list[Form]:
    """The repository's issue forms, in the order of their files' names."""
    found = []
    for path in sorted((root / FORMS).glob("*.yml")):
        if path.name == "config.yml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found.append(Form(path.name, str(data["name"]), str(data.get("description", ""))))
    return found


def forms_markdown(root: Path, repo_url: str | None) -> str:
    """A Markdown list of the forms, each linked to a new issue with it when there is a
    repository."""
    items = []
    for form in forms(root):
        name = (
            f"[{form.name}]({repo_url}/issues/new?template={form.file})" if repo_url else form.name
        )
        items.append(f"- **{name}**: {form.description}")
    if not items:
        raise ValueError(
            f"no issue form in {FORMS}: About links them (add one, or the marker goes)"
        )
    if not repo_url:
        items.append(
            "- (No GitHub repository was known when this copy was built: the forms "
            f"are the files of `{FORMS.as_posix()}/` in its source.)"
        )
    return "\n".join(items)


def guide_markdown(repo_url: str | None, branch: str) -> str:
    if repo_url:
        return f"[{GUIDE}]({repo_url}/blob/{branch}/{GUIDE})"
    return f"`{GUIDE}`"


def expand(markdown: str, root: Path, repo_url: str | None, branch: str) -> str:
    if FORMS_MARKER in markdown:
        markdown = markdown.replace(FORMS_MARKER, forms_markdown(root, repo_url))
    return markdown.replace(GUIDE_MARKER, guide_markdown(repo_url, branch))
