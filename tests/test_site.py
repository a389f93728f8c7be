"""The built site: strict build, pages present, no third-party requests."""

import importlib.util
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from harness import ROOT
from site_tools.repository import discover
from verify.project import load_project

PROJECT = load_project(ROOT / "mkdocs.yml")


def test_every_nav_page_is_built(built_site):
    for page in PROJECT.nav:
        html = built_site / PROJECT.page_url(page) / "index.html"
        assert html.is_file(), f"{page} is in nav but {html} was not built"


def test_every_page_is_in_nav():
    listed = set(PROJECT.nav)
    pages = {p.relative_to(PROJECT.docs_dir).as_posix() for p in PROJECT.pages()}
    assert pages <= listed, f"pages missing from nav in mkdocs.yml: {sorted(pages - listed)}"


def test_no_third_party_assets(built_site):
    """No fonts or scripts from CDNs: the built HTML loads only its own files."""
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:link|script|img)\b[^>]*>", text):
            source = re.search(r'(?:href|src)="(https?:)?//([^"]+)"', tag)
            if source and 'rel="canonical"' not in tag:
                raise AssertionError(f"{html.relative_to(built_site)} loads {source.group(0)}")


def test_code_blocks_show_the_snippets(built_site):
    """The published page holds the snippet's code, not the include line."""
    html = (built_site / "shapes" / "index.html").read_text(encoding="utf-8")
    assert "--8&lt;--" not in html
    assert "--8<--" not in html
    assert "GlobalAveragePooling2D" in html  # from snippets/shapes/variable_image_size.py
    assert "input_layer (InputLayer)" in html  # from snippets/shapes/none_batch.out


# Every page: edit and source links, last-change date, provenance (hooks/page_facts.py)


def built_pages(built_site):
    """(page under docs/, its built HTML) for every Markdown page."""
    for page in PROJECT.pages():
        rel = page.relative_to(PROJECT.docs_dir).as_posix()
        yield rel, (built_site / PROJECT.page_url(rel) / "index.html").read_text(encoding="utf-8")


def test_every_page_links_to_its_source(built_site):
    repo_url = discover(ROOT).repo_url  # this build's repository (tests/test_repository.py)
    if repo_url is None:  # a clone without a GitHub origin: no edit link claims anything
        for page, html in built_pages(built_site):
            assert 'title="Edit this page"' not in html, page
        return
    base = repo_url + "/" + PROJECT.edit_uri.strip("/") + "/"
    for page, html in built_pages(built_site):
        edit = base + page
        assert f'href="{edit}" title="Edit this page"' in html, page
        view = edit.replace("/edit/", "/raw/", 1)
        assert f'href="{view}" title="View source of this page"' in html, page


def last_change(paths: list[Path]) -> str | None:
    """The date of the last commit of any of `paths`, as the pages show it (or None)."""
    from datetime import UTC, datetime

    from babel.dates import format_date

    log = subprocess.run(
        ["git", "log", "-1", "--format=%at", "--", *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if log.returncode != 0 or not log.stdout.strip():
        return None
    when = datetime.fromtimestamp(int(log.stdout), tz=UTC)
    return format_date(when, format="long", locale="en")


def test_every_page_shows_its_last_change_date(built_site):
    dates = {}
    for page, html in built_pages(built_site):
        found = re.search(
            r'<aside class="md-source-file">.*?git-revision-date-localized-plugin-date"[^>]*>'
            r"([^<]+)</span>",
            html,
            re.DOTALL,
        )
        assert found, f"{page}: no last-change date"
        dates[page] = found.group(1)
    # A committed page shows the last commit of the page or of a snippet it includes.
    expected = last_change([ROOT / "docs" / "shapes.md", ROOT / "snippets" / "shapes"])
    if expected is None:
        pytest.skip("not a git checkout: the pages show the build date")
    assert dates["shapes.md"] == expected


def test_every_page_says_what_verified_it(built_site):
    versions = (
        f"TensorFlow {metadata.version('tensorflow')} · Keras {metadata.version('keras')} · "
        f"Python {platform.python_version()}"
    )
    for page, html in built_pages(built_site):
        line = re.findall(r'<p class="trust-line"[^>]*>(.*?)</p>', html, re.DOTALL)
        assert len(line) == 1, page
        assert re.sub(r"<[^>]+>", "", line[0]).startswith(f"Verified with {versions} on "), page
    # Added after the search index was made: a search for "verified" does not match every page.
    assert "Verified with" not in (built_site / "search" / "search_index.json").read_text()


def test_the_build_fails_clearly_without_tensorflow(monkeypatch):
    spec = importlib.util.spec_from_file_location("page_facts", ROOT / "hooks" / "page_facts.py")
    page_facts = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(page_facts)

    def missing(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(page_facts.metadata, "version", missing)
    with pytest.raises(PluginError, match=r"tensorflow is not installed .* make build"):
        page_facts.verified_with()


def test_readme_says_where_the_site_lives_and_how_to_contribute():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "https://<owner>.github.io/<repository>/" in readme  # no placeholder owner
    assert "(CONTRIBUTING.md)" in readme
    assert (ROOT / "CONTRIBUTING.md").is_file()
    assert "make serve" in readme
    assert "make test" in readme
    assert not re.search(r"!\[[^\]]*\]\(", readme)
    assert "badge" not in readme.lower()


def test_the_make_commands_in_the_guides_exist():
    targets = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(), re.MULTILINE))
    for guide in ("README.md", "CONTRIBUTING.md", "MAINTAINING.md", "verify/README.md"):
        text = (ROOT / guide).read_text(encoding="utf-8")
        used = set(re.findall(r"\bmake ([a-z][\w-]*)", text))
        assert used <= targets, f"{guide} mentions make {sorted(used - targets)}"


def test_the_checked_site_is_the_one_left_in_site(built_site):
    """make test leaves the site it checked in site/; the workflow deploys that very folder."""
    assert built_site == ROOT / "site"
    assert (built_site / "index.html").is_file()
    assert (built_site / "sitemap.xml").is_file()


def test_the_api_index_lists_what_the_code_called_with_links(built_site):
    """api/ is generated from the calls recorded while the blocks ran (a reused run keeps
    them): each API links to its reference and to the sections whose code calls it."""
    index = (built_site / "api" / "index.html").read_text(encoding="utf-8")
    dense = re.search(r"<li>.*?keras\.layers\.Dense</code>.*?</li>", index, re.S)
    assert dense, "keras.layers.Dense is not in the API index"
    assert 'href="https://keras.io/api/layers/core_layers/dense/"' in dense.group(0)
    assert "shapes/#" in dense.group(0)  # a section of the Shapes page calls it
    assert "keras.Model.fit" in index
    assert "tf.data.Dataset" in index
    shapes = (built_site / "shapes" / "index.html").read_text(encoding="utf-8")
    assert "APIs this page's code calls" in shapes or "APIs this page&#39;s code calls" in shapes
    # In its code blocks, keras.layers.Dense links to its reference.
    code = re.findall(r"<pre\b.*?</pre>", shapes, re.S)
    assert any(
        '<a class="api-link" href="https://keras.io/api/layers/core_layers/dense/">' in block
        and ">Dense</span></a>" in block
        for block in code
    ), "no code block of the Shapes page links keras.layers.Dense to its reference"
