"""The trust line under each page's title (site_tools/trust_line.py, added by
hooks/page_facts.py): the versions from the environment, the day of the page's latest
verified run (or of the build), the blocks' backends. Where a reader sees it is measured
in Chromium by tests/browser/test_page_layout.py."""

from __future__ import annotations

import importlib.util
import platform
import re
from importlib import metadata
from types import SimpleNamespace

import pytest

from harness import ROOT
from site_tools import runs_on, trust_line
from verify.project import load_project

PROJECT = load_project(ROOT / "mkdocs.yml")
ARTICLE = '<html><body><article class="md-content__inner"><h1>Shapes</h1><p>First.</p></article>'
DAY = 1_796_558_400  # 2026-12-06 12:00 UTC


def hook():
    spec = importlib.util.spec_from_file_location("page_facts", ROOT / "hooks" / "page_facts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def text(line: str) -> str:
    return re.sub(r"<[^>]+>", "", line)


def test_the_versions_are_read_from_this_environment():
    assert trust_line.versions() == [
        f"TensorFlow {metadata.version('tensorflow')}",
        f"Keras {metadata.version('keras')}",
        f"Python {platform.python_version()}",
    ]


def test_the_line_says_versions_date_and_backends():
    line = trust_line.line_html(
        ["TensorFlow 2.21.0", "Keras 3.15.1", "Python 3.13.0"],
        trust_line.day(DAY),
        "TensorFlow 4 · JAX 1",
        ran=True,
    )
    assert text(line) == (
        "Verified with TensorFlow 2.21.0 · Keras 3.15.1 · Python 3.13.0 on December 6, 2026"
        " · blocks run on TensorFlow 4 · JAX 1"
    )
    assert "last ran, and printed what it shows, on December 6, 2026" in line
    built = trust_line.line_html(["Python 3.13.0"], "December 6, 2026", None, ran=False)
    assert "blocks run on" not in built
    assert "the site was built on December 6, 2026" in built


def test_the_line_goes_right_under_the_articles_title():
    page = trust_line.under_title(ARTICLE, "<p>LINE</p>")
    assert "<h1>Shapes</h1><p>LINE</p><p>First.</p>" in page
    untitled = trust_line.under_title('<article class="x"><p>First.</p></article>', "<p>L</p>")
    assert untitled == '<article class="x"><p>L</p><p>First.</p></article>'
    with pytest.raises(ValueError, match="no <article>"):
        trust_line.under_title("<p>no article</p>", "<p>L</p>")


def page(meta: dict) -> SimpleNamespace:
    return SimpleNamespace(meta=meta, file=SimpleNamespace(src_uri="shapes.md"))


def test_the_hook_dates_a_page_by_its_latest_run_or_the_build():
    facts = hook()
    config = SimpleNamespace(extra={}, theme={"language": "en"})
    config = facts.on_config(config)
    ran = facts.on_post_page(ARTICLE, page({"verified_on": DAY, "runs_on": "TensorFlow 4"}), config)
    assert "on December 6, 2026</span>" in ran
    assert "blocks run on TensorFlow 4" in ran
    built = facts.on_post_page(ARTICLE, page({}), config)
    assert f"on {trust_line.day(facts.BUILT_AT[0])}</span>" in built
    assert "the site was built on" in built


def test_a_pages_latest_run_is_its_newest_blocks():
    block = SimpleNamespace(line=1)
    runs = [runs_on.BlockRuns(block, when=DAY - 86_400), runs_on.BlockRuns(block, when=DAY)]
    assert runs_on.latest_run(runs) == DAY
    assert runs_on.latest_run([runs_on.BlockRuns(block)]) is None


def test_every_built_page_shows_the_line_under_its_title(site_dir):
    versions = " · ".join(trust_line.versions())
    for source in PROJECT.nav:
        built = (site_dir / PROJECT.page_url(source) / "index.html").read_text(encoding="utf-8")
        lines = re.findall(r'<p class="trust-line"[^>]*>.*?</p>', built, re.DOTALL)
        assert len(lines) == 1, f"{source}: {len(lines)} trust lines"
        assert text(lines[0]).startswith(f"Verified with {versions} on "), source
        assert re.search(r"</h1>\s*<p class=\"trust-line\"", built), f"{source}: not under <h1>"
    index = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Verified with" not in index  # added after the index: no page matches "verified"
