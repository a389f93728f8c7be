"""`make new-page TITLE="..."` (scripts/new_page.py), on a copy of the project.

The real docs/, snippets/ and mkdocs.yml are never touched: each test copies the
project into a temporary directory and scaffolds pages there.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from harness import PLACEHOLDER, ROOT, build_site
from site_tools import recipe_notebooks
from site_tools.search_queries import KEY, page_problems, problems, searches
from verify import cache
from verify.project import load_project

BIN = Path(sys.executable).parent
MATERIAL = "https://squidfunk.github.io/mkdocs-material/"  # the theme's credit in the footer
SKIP = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "site",
    "node_modules",
    "__pycache__",
    ".*_cache",
    ".cache",
    "*.pyc",
    "test-artifacts",
)


@pytest.fixture
def project(tmp_path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=SKIP, symlinks=True)
    return copy


def new_page(project: Path, title: str, section: str | None = None):
    command = [sys.executable, str(project / "scripts" / "new_page.py"), title]
    command += ["--section", section] if section is not None else []
    return subprocess.run(command, cwd=project, capture_output=True, text=True)


def make_new_page(project: Path, **variables: str):
    """`make new-page` as a contributor types it, with this test's Python."""
    version = re.search(r"^PYTHON_VERSION := (\S+)$", (project / "Makefile").read_text(), re.M)
    stamp = f".venv/.installed-requirements-python{version.group(1)}"  # the Makefile's $(INSTALLED)
    command = ["make", "--no-print-directory", "-o", stamp]
    command += [f"BIN={BIN}", "new-page"] + [f"{k}={v}" for k, v in variables.items()]
    env = {k: v for k, v in os.environ.items() if k not in ("TITLE", "SECTION")}
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)


def state(project: Path) -> dict[str, bytes]:
    files = [
        project / "mkdocs.yml",
        *(project / "docs").rglob("*"),
        *(project / "snippets").rglob("*"),
        *(project / "notebooks").rglob("*"),
    ]
    return {str(p.relative_to(project)): p.read_bytes() for p in files if p.is_file()}


def added_lines(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails if it removes or changes any."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    removed = [line for line in diff if line.startswith("- ")]
    assert not removed, f"new-page changed existing lines of mkdocs.yml: {removed}"
    return [line[2:] for line in diff if line.startswith("+ ")]


def nav(project: Path) -> list:
    return load_config(str(project / "mkdocs.yml"))["nav"]


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def free(project: Path, title: str) -> str:
    """`title`, or `title 2`, `title 3`...: no page, snippet folder or nav entry of that name.

    The project may already hold such a page (say, a contributor's new "Custom losses").
    """
    names = json.dumps(load_config(str(project / "mkdocs.yml"))["nav"])
    for n in range(1, 100):
        candidate = title if n == 1 else f"{title} {n}"
        s = slug(candidate)
        taken = (project / "docs" / f"{s}.md").exists() or (project / "snippets" / s).exists()
        if not taken and f'"{s}.md"' not in names and f'"{candidate}"' not in names:
            return candidate
    raise AssertionError(f"no free title like {title!r}")


def git(project: Path, *args: str, date: str = "2024-01-02T03:04:05Z") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


@pytest.mark.inner
def test_a_new_page_passes_its_checks_and_builds(project):
    """The newcomer's path: make new-page, then the page's checks, lint, strict build.

    The copy is a git repository whose history dates the pages: everything on
    January 2, then a change to one snippet of shapes.md on March 4. The new page
    is not committed. (One build serves both, since a build runs picture blocks.)
    """
    git(project, "init", "-q", "-b", "main")
    git(project, "remote", "add", "origin", "https://github.com/newcomer/keras-cookbook.git")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "the project")
    snippet = project / "snippets" / "shapes" / "none_batch.py"
    snippet.write_text(snippet.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "a snippet", date="2024-03-04T05:06:07Z")
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    title = free(project, "Custom losses")
    name = slug(title)

    made = make_new_page(project, TITLE=title)
    assert made.returncode == 0, made.stderr
    assert f"docs/{name}.md" in made.stdout
    assert "make check PAGE=" in made.stdout
    page = project / "docs" / f"{name}.md"
    example = project / "snippets" / name / "example.py"
    assert page.is_file()
    assert example.is_file()
    assert example.with_suffix(".out").is_file()
    after = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert added_lines(before, after) == [f"  - {title}: {name}.md"]
    assert nav(project)[-1] == {title: f"{name}.md"}

    # Its notebook is written as `make notebooks` writes it (shapes.md's is stale: a snippet
    # of it changed above; tests/test_recipe_notebooks.py checks the untouched project).
    notebook = project / "notebooks" / f"{name}.ipynb"
    assert f"notebooks/{name}.ipynb" in made.stdout
    assert notebook.is_file()
    load_project.cache_clear()
    stale = recipe_notebooks.problems(load_project(project / "mkdocs.yml"))
    assert [problem.split(":")[0] for problem in stale] == ["docs/shapes.md"]
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = [cell["source"] for cell in cells if cell["cell_type"] == "code"]
    assert code[1:] == [example.read_text(encoding="utf-8").rstrip("\n")]

    # The page's checks pass: the example runs and prints what example.out holds.
    check = subprocess.run(
        [sys.executable, "-m", "pytest", f"docs/{name}.md", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout[-3000:]
    # The example, and its run on the JAX backend (it imports no TensorFlow).
    assert "2 passed" in check.stdout, check.stdout[-3000:]
    for ruff in (["check"], ["format", "--check"]):
        linted = subprocess.run(
            [str(BIN / "ruff"), *ruff, f"snippets/{name}"], cwd=project, capture_output=True
        )
        assert linted.returncode == 0, linted.stdout

    # Strict build, with the new page not committed yet: it is dated by the build. The copy
    # shares this project's cache: the notebooks and pictures it holds, under the same keys,
    # are reused (or made once, under their lock, if this session has not made them yet).
    site = project.parent / "site"
    env = {"GITHUB_REPOSITORY": "", "VERIFY_CACHE_DIR": str(cache.cache_dir(ROOT))}
    build = build_site(project, site, env=env)  # GITHUB_REPOSITORY: not the CI's own
    assert build.returncode == 0, build.stderr[-3000:]
    html = (site / name / "index.html").read_text(encoding="utf-8")
    assert "Verified with TensorFlow" in html
    assert "git-revision-date-localized-plugin-date" in html
    assert f"newcomer/keras-cookbook/edit/main/docs/{name}.md" in html  # the fork's own
    colab = f"https://colab.research.google.com/github/newcomer/keras-cookbook/blob/main/notebooks/{name}.ipynb"
    assert f'href="{colab}"' in html  # the fork's notebook
    assert f'href="{name}.ipynb" download' in html
    published = site / name / f"{name}.ipynb"
    assert published.read_text(encoding="utf-8") == notebook.read_text(encoding="utf-8")

    # A page's date is the last commit of the page or of a snippet it includes.
    shapes = (site / "shapes" / "index.html").read_text(encoding="utf-8")
    numpy_page = (site / "numpy-indexing" / "index.html").read_text(encoding="utf-8")
    assert ">March 4, 2024</span>" in shapes
    assert ">January 2, 2024</span>" in numpy_page

    # A fork's build links to the fork, on every page (tests/test_repository.py: how the
    # URLs are found; this is the whole build of a fork).
    fork_repo = "https://github.com/newcomer/keras-cookbook"
    fork_site = "https://newcomer.github.io/keras-cookbook/"
    for path in site.rglob("*.html"):
        where = path.relative_to(site)
        html = path.read_text(encoding="utf-8")
        assert not PLACEHOLDER.search(html), f"{where}: a placeholder URL"
        for url in re.findall(r'(?:href|src)="(https?://[^"]+)"', html):
            if re.search(r"github\.com/.+/(edit|raw|blob)/main/(docs|snippets)/", url):  # ours
                assert url.startswith(fork_repo + "/"), f"{where}: {url}"
            if "colab.research.google.com" in url:
                assert "/github/newcomer/keras-cookbook/blob/" in url, f"{where}: {url}"
            if ".github.io/" in url and not url.startswith(MATERIAL):
                assert url.startswith(fork_site), f"{where}: {url}"
    assert f'href="{fork_repo}/edit/main/docs/shapes.md"' in shapes
    assert f'<link rel="canonical" href="{fork_site}shapes/">' in shapes
    assert f'href="{fork_repo}"' in shapes  # the header's repository link


@pytest.mark.parametrize("title", ["Anything", 'Losses: "weighted" #2', "tf.data input pipelines"])
def test_the_new_page_declares_search_queries_that_pass_the_checks(project, title):
    """The scaffolded queries are valid (tests/test_search_queries.py's checks), so the
    suite stays green; the page tells the contributor to replace them."""
    title = free(project, title)
    assert new_page(project, title).returncode == 0
    source = f"{slug(title)}.md"
    copy = load_project(project / "mkdocs.yml")
    assert page_problems(copy, source) == []
    assert problems(copy) == []  # no query that another page already declares
    declared = [s for s in searches(copy) if s.page == source]
    assert len(declared) >= 3
    assert declared[0].query == title
    text = (project / "docs" / source).read_text(encoding="utf-8")
    assert "TODO: replace these placeholders with what readers type" in text
    assert text.index("TODO: replace these placeholders") < text.index(f"{KEY}:")


def test_titles_that_need_quoting_in_yaml(project):
    title = free(project, 'Losses: "weighted" #2')
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    made = new_page(project, title)
    assert made.returncode == 0, made.stderr
    assert len(added_lines(before, (project / "mkdocs.yml").read_text(encoding="utf-8"))) == 1
    assert nav(project)[-1] == {title: f"{slug(title)}.md"}
    text = (project / "docs" / f"{slug(title)}.md").read_text(encoding="utf-8")
    front_matter = yaml.safe_load(text.split("---\n")[1])
    assert front_matter["title"] == title
    assert front_matter["description"]
    assert f"\n# {title}\n" in text


def test_a_page_in_a_section(project):
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    sections = {next(iter(e)) for e in nav(project) if isinstance(next(iter(e.values())), list)}
    existing = sorted(sections)[0]
    first, second, section = (free(project, t) for t in ("In a section", "In another", "Brand new"))
    assert new_page(project, first, existing).returncode == 0
    assert new_page(project, second, section).returncode == 0
    after = (project / "mkdocs.yml").read_text(encoding="utf-8")
    added = added_lines(before, after)
    assert len(added) == 3
    assert added[1] == f"  - {section}:"
    entries = {next(iter(e)): next(iter(e.values())) for e in nav(project)}
    assert entries[existing][-1] == {first: f"{slug(first)}.md"}
    assert entries[section] == [{second: f"{slug(second)}.md"}]


def test_comments_and_tags_of_mkdocs_yml_are_kept(project):
    title = free(project, "Tagged")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("nav:\n", "nav:\n  # the pages, in reading order\n", 1)
    text += (
        "# a tag that a yaml dump would drop\n"
        "extra:\n  tagged: !!python/name:material.extensions.emoji.twemoji\n"
    )
    config.write_text(text, encoding="utf-8")
    assert new_page(project, title).returncode == 0
    after = config.read_text(encoding="utf-8")
    entry = f"  - {title}: {slug(title)}.md"
    assert added_lines(text, after) == [entry]
    assert after.index(entry) < after.index("# a tag that a yaml dump")


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("", "the title is empty"),
        ("   ", "the title is empty"),
        ("?!", "has no letter or digit"),
        ("two\nlines", "must be one line"),
        ("Shapes", "docs/shapes.md already exists"),
    ],
    ids=["empty", "blank", "no-letters", "two-lines", "existing-page"],
)
def test_a_bad_title_is_an_error_that_changes_nothing(project, title, message):
    before = state(project)
    result = new_page(project, title)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert state(project) == before


def test_the_same_title_twice(project):
    title = free(project, "Custom losses")
    assert make_new_page(project, TITLE=title).returncode == 0
    before = state(project)
    again = make_new_page(project, TITLE=title)
    assert again.returncode != 0
    assert f"docs/{slug(title)}.md already exists" in again.stderr
    assert state(project) == before


def test_make_new_page_without_a_title(project):
    before = state(project)
    result = make_new_page(project)
    assert result.returncode != 0
    assert 'the title is empty. Usage: make new-page TITLE="Custom losses"' in result.stderr
    assert state(project) == before
