"""Screenshots of the home, a recipe, a notebook and the About page at desktop and phone widths,
written to test-artifacts/screenshots/ (CI uploads them); and the local server
compresses text as GitHub Pages does."""

from __future__ import annotations

import pytest

from browser_harness import DESKTOP, NAV, PHONE, RECIPE_PAGE, SCREENSHOTS, Tab, new_context
from site_tools.browser import (
    serve,
)

# --- screenshots -------------------------------------------------------------------


def notebook_page() -> str:
    notebooks = [page for page in NAV if page.endswith(".ipynb")]
    if not notebooks:
        pytest.fail("no notebook page in nav: nothing to take a picture of", pytrace=False)
    return notebooks[0]


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("which", ["home", "recipe", "notebook", "about"])
def test_screenshot(browser, site_url, which, width):
    source = {"home": "index.md", "recipe": RECIPE_PAGE, "about": "about.md"}.get(which)
    source = source or notebook_page()
    viewport = DESKTOP if width == "desktop" else PHONE
    context = new_context(browser, viewport=viewport, is_mobile=width == "phone")
    try:
        page = Tab(context, site_url).open(source, wait_until="networkidle")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = f"{which}-{width}-{viewport['width']}.png"
        page.screenshot(path=SCREENSHOTS / name, full_page=True)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{source} scrolls sideways by {overflow}px at {width} width"
    finally:
        context.close()


def test_the_server_compresses_text_when_asked_as_github_pages_does(tmp_path):
    import gzip
    import urllib.request

    (tmp_path / "index.html").write_text("<p>" + "hello " * 500 + "</p>")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG" + bytes(2000))

    def fetch(url, encoding):
        request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
        with urllib.request.urlopen(request) as response:
            return response.headers.get("Content-Encoding"), response.read()

    with serve(tmp_path, compress=True) as url:
        encoding, body = fetch(url, "gzip, deflate")
        assert encoding == "gzip"
        assert gzip.decompress(body).startswith(b"<p>hello")
        assert len(body) < 200  # 3 KB of text
        assert fetch(url + "picture.png", "gzip") == (None, b"\x89PNG" + bytes(2000))
        assert fetch(url, "identity")[0] is None  # a client that does not accept it
    with serve(tmp_path) as url:  # the default: as written (the first-view budget's bytes)
        assert fetch(url, "gzip")[0] is None


def test_the_server_serves_a_project_site_under_its_path_too_with_its_404_page(tmp_path):
    import urllib.error
    import urllib.request

    from site_tools.browser import published_path

    (tmp_path / "index.html").write_text("<p>home</p>")
    (tmp_path / "404.html").write_text("<p>not found</p>")
    assert published_path(tmp_path) == "/"  # no sitemap address: a copy's or a fork's build
    (tmp_path / "sitemap.xml").write_text(
        "<urlset><url><loc>https://acme.github.io/cookbook/</loc></url></urlset>"
    )
    assert published_path(tmp_path) == "/cookbook/"
    with serve(tmp_path) as url:
        for path in ("", "cookbook/"):
            with urllib.request.urlopen(url + path) as response:
                assert response.read() == b"<p>home</p>"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url + "cookbook/no/such/page/")
        assert missing.value.code == 404
        assert missing.value.read() == b"<p>not found</p>"
