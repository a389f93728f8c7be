"""The built site: strict build, pages present, no third-party requests."""

import re

import yaml

from conftest import ROOT


def nav_pages(nav) -> list[str]:
    pages = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


def test_every_nav_page_is_built(built_site):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    for page in nav_pages(config["nav"]):
        stem = page.rsplit(".", 1)[0]
        html = built_site / ("index.html" if stem == "index" else f"{stem}/index.html")
        assert html.is_file(), f"{page} is in nav but {html} was not built"


def test_every_page_is_in_nav():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    listed = set(nav_pages(config["nav"]))
    pages = {str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md")}
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
    assert "--8&lt;--" not in html and "--8<--" not in html
    assert "GlobalAveragePooling2D" in html  # from snippets/shapes/variable_image_size.py
    assert "input_layer (InputLayer)" in html  # from snippets/shapes/none_batch.out
