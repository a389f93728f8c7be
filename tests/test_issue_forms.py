"""About's links to the repository's issue forms and maintainers' guide
(site_tools/issue_forms.py, hooks/issue_forms.py): one per form that exists, from the
repository the site is built in, never typed."""

from __future__ import annotations

from harness import ROOT
from site_tools import issue_forms
from site_tools.repository import discover

REPO = "https://github.com/someone/keras-cookbook"


def test_the_forms_are_the_files_of_the_issue_template_folder():
    files = sorted(p.name for p in (ROOT / issue_forms.FORMS).glob("*.yml"))
    forms = issue_forms.forms(ROOT)
    assert [form.file for form in forms] == [name for name in files if name != "config.yml"]
    assert {form.name for form in forms} >= {"Request a recipe", "A recipe is wrong or outdated"}


def test_each_form_is_linked_to_a_new_issue_with_it():
    listed = issue_forms.forms_markdown(ROOT, REPO)
    for form in issue_forms.forms(ROOT):
        assert f"[{form.name}]({REPO}/issues/new?template={form.file})" in listed
    assert (
        issue_forms.guide_markdown(REPO, "main")
        == f"[MAINTAINING.md]({REPO}/blob/main/MAINTAINING.md)"
    )


def test_without_a_repository_the_forms_are_named_not_linked():
    listed = issue_forms.forms_markdown(ROOT, None)
    assert "](" not in listed
    assert "No GitHub repository was known" in listed
    assert issue_forms.guide_markdown(None, "main") == "`MAINTAINING.md`"


def test_about_holds_each_marker_once_and_the_build_fills_them(site_dir):
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    assert about.count(issue_forms.FORMS_MARKER) == 1
    assert about.count(issue_forms.GUIDE_MARKER) == 1
    built = (site_dir / "about" / "index.html").read_text(encoding="utf-8")
    repo_url = discover(ROOT).repo_url
    for form in issue_forms.forms(ROOT):
        assert form.name in built
        if repo_url:
            assert f'href="{repo_url}/issues/new?template={form.file}"' in built
    assert "issue-forms" not in built
    assert "maintainers-guide" not in built
