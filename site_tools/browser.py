"""The built site in a real browser: shared by tests/browser/ and the bench.

- `serve(site_dir)`: the built site on http://127.0.0.1:<free port>, from a thread; a
  missing address gets the site's 404.html, as on GitHub Pages.
- `launch(playwright)`: Debian's Chromium (no `playwright install` download), headless,
  with everything that would phone home switched off.
- `Traffic`: records every request a browser context makes; anything not addressed to
  127.0.0.1 is recorded and aborted, so a test can assert there was none.
- `search(page, query)` types a query into Material's search box and returns the results
  and the time from the last keystroke to the results shown. The queries are the ones each
  page declares (site_tools/search_queries.py: `searches(project)`).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import re
import shutil
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOST = "127.0.0.1"
# What `serve(..., compress=True)` sends gzip-compressed: text, not images or fonts.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


def chromium_path() -> str:
    """Debian's Chromium (installed by .ci/system-packages), or $CHROMIUM."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise FileNotFoundError(
            f"no Chromium at {path}: run `make system-packages` (apt-get install chromium) "
            "or set CHROMIUM to a Chromium binary"
        )
    return path


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


class _Counted:
    """A file-like writer that counts the bytes written through it."""

    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def write(self, data):
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site quietly; records (path, bytes sent, headers included) per request."""

    def setup(self):
        super().setup()
        self.wfile = _Counted(self.wfile)

    def handle(self):  # HTTP/1.0: one request per connection
        super().handle()
        if getattr(self, "path", None) is not None and self.server.sent is not None:
            self.server.sent.append((self.path, self.wfile.count))

    def log_message(self, format, *args):
        pass

    def translate_path(self, path):
        """The file for `path`: the site is served at / and, as GitHub Pages publishes a
        project site, under its own path (/<repo>/), where the 404 page's links point."""
        prefix = self.server.prefix
        if prefix != "/" and path.startswith(prefix):
            path = "/" + path[len(prefix) :]
        return super().translate_path(path)

    def send_head(self):
        """As the base class, but an address the site does not have gets its 404.html (with
        status 404), as GitHub Pages serves it; and text is sent gzip-compressed to a client
        that accepts it, when the server was started with `compress`."""
        missing = not Path(self.translate_path(self.path)).exists()
        not_found = Path(self.directory) / "404.html"
        if missing and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        if not (self.server.compress and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not path.is_file() or not content_type.startswith(COMPRESSED_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that closes a connection early (a page left, a request aborted) is
        normal here, not an error to print."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def published_path(site_dir: Path) -> str:
    """The path the site is published under, from its sitemap: "/keras-tf-cookbook/" for a
    project site on GitHub Pages, "/" for a build without a site_url (a copy or a fork
    without GitHub: its sitemap lists no address). The 404 page's links are absolute
    under it (it is served at any depth), so the site is served under it here too."""
    sitemap = site_dir / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8") if sitemap.is_file() else ""
    first = re.search(r"<loc>\s*([^<\s]+)\s*</loc>", text)
    return urllib.parse.urlsplit(first.group(1)).path if first else "/"


@contextlib.contextmanager
def serve(site_dir: Path, sent: list | None = None, compress: bool = False) -> Iterator[str]:
    """Serve `site_dir` on 127.0.0.1 with a free port, at / and under the path it is
    published under (`published_path`); yield the base URL ("http://127.0.0.1:PORT/").

    `sent`, if given, receives (path, bytes) for every response, as it leaves the server.
    `compress`: send text gzip-compressed to a browser that accepts it, as a production host
    does (GitHub Pages negotiates compression: its responses carry `Vary: Accept-Encoding`,
    e.g. the headers of pages.github.com quoted in
    https://github.com/denysvitali/thebestmotherfuckingwebsite/issues/23). Lighthouse
    measures the site served so; the first-view budget counts uncompressed bytes.
    """
    handler = functools.partial(_Handler, directory=str(site_dir))
    server = _Server((LOCAL_HOST, 0), handler)
    server.sent = sent
    server.compress = compress
    server.prefix = published_path(site_dir)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Traffic:
    """Every request of a browser context; requests leaving 127.0.0.1 are aborted."""

    local: list = field(default_factory=list)  # playwright Request objects
    outside: list[str] = field(default_factory=list)  # URLs

    def attach(self, context) -> Traffic:
        context.route("**/*", self._route)
        return self

    def _route(self, route):
        url = route.request.url
        host = urllib.parse.urlsplit(url).hostname
        if url.startswith(("data:", "blob:")) or host == LOCAL_HOST:
            self.local.append(route.request)
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def clear(self):
        self.local.clear()
        self.outside.clear()


# Where the first search result is drawn, and the search box.
SEARCH_INPUT = "input[data-md-component=search-query]"
RESULT_ITEMS = ".md-search-result__list > .md-search-result__item"

# Time a search in the page: from the keydown of the query's last character to the first
# frame after Material drew a result.
_START_TIMER = """
([selector, input]) => {
  window.__searchMs = null;
  const list = document.querySelector(selector);
  let keyAt = null;
  document.querySelector(input).addEventListener(
    "keydown", (event) => { keyAt = event.timeStamp; }, { once: true, capture: true });
  const observer = new MutationObserver(() => {
    if (keyAt === null || !list.querySelector(".md-search-result__item")) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__searchMs = performance.now() - keyAt; });
  });
  observer.observe(list, { childList: true, subtree: true, characterData: true });
}
"""
_READ_RESULTS = """
(selector) => [...document.querySelectorAll(selector)].map((item) =>
  [...item.querySelectorAll("a.md-search-result__link")].map((a) => ({
    href: a.href,
    score: Number(a.querySelector("article")?.dataset.mdScore ?? 0),
    text: (a.querySelector("h1, h2")?.textContent ?? "").trim(),
  })))
"""


@dataclass
class SearchResult:
    milliseconds: float | None  # from the last keystroke to the results shown (None: none)
    items: list[list[dict]]  # per result item, its links {href, score, text}: the page first


def open_search(page):
    """Focus Material's search box with its keyboard shortcut ("/")."""
    page.keyboard.press("/")
    page.locator(SEARCH_INPUT).wait_for(state="visible")


def wait_for_index(page):
    """Until the search worker has loaded the index (the meta line stops saying
    "Initializing")."""
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta')"
        "?.textContent.toLowerCase().includes('initializing')"
    )


def search(page, query: str) -> SearchResult:
    """Type `query` into the open search box of `page`; read the ranked results.

    Material searches on each keyup: the query but its last character is filled in at
    once, and the last character typed, so each query is one search, timed from the
    keydown of that last key.
    """
    box = page.locator(SEARCH_INPUT)
    wait_for_index(page)
    box.fill(query[:-1])
    page.evaluate(_START_TIMER, [".md-search-result__list", SEARCH_INPUT])
    box.press(query[-1])
    with contextlib.suppress(PlaywrightTimeout):  # no result at all
        page.wait_for_function("() => window.__searchMs !== null", timeout=5_000)
    milliseconds = page.evaluate("() => window.__searchMs")
    return SearchResult(milliseconds, page.evaluate(_READ_RESULTS, RESULT_ITEMS))
