"""Every link of the original notes is on the site, as a link, and none is hotlinked."""

import re
from pathlib import Path

from harness import ROOT

NOTES_LINKS = [
    line
    for line in (Path(__file__).parent / "notes_links.txt").read_text().splitlines()
    if line and not line.startswith("#")
]
MANGLED = ["https://towardsdatascience.com/ ", "tree/master/official."]


def site_html(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def test_the_notes_have_52_distinct_links():
    assert len(set(NOTES_LINKS)) == 52


def test_every_link_of_the_notes_is_a_link_on_the_site(built_site):
    hrefs = set()
    for text in site_html(built_site).values():
        hrefs |= {h.replace("&amp;", "&") for h in re.findall(r'<a\b[^>]*\bhref="([^"]+)"', text)}
    missing = [url for url in NOTES_LINKS if url not in hrefs]
    assert not missing, "links of the notes missing from the site:\n" + "\n".join(missing)


def test_no_mangled_link_and_no_hotlinked_image(built_site):
    for page, text in site_html(built_site).items():
        for bad in MANGLED:
            assert bad not in text, f"{page} still has the mangled link {bad!r}"
        for source in re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', text):
            assert not re.match(r"(https?:)?//", source), f"{page} hotlinks the image {source}"


def test_retired_and_moved_links_are_marked():
    references = (ROOT / "docs" / "references.md").read_text()
    assert re.search(r"tensorboard\.dev.*\*\*retired\*\*", references)
    moved = r"lite/performance/post_training_quantization.*\*\*moved\*\*.*LiteRT"
    assert re.search(moved, references)
