"""The browser tests' fixtures: one Chromium for the session, a tab per test, the built site
served on 127.0.0.1 (this session's build, or SITE_DIR=/tmp/site for a quick loop:
SITE_DIR=/tmp/site pytest tests/browser). Every test here is marked `browser` (make
test-fast leaves them out)."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from browser_harness import Tab, new_context
from site_tools.browser import launch, serve


@pytest.fixture(scope="session")
def site_url(site_dir):
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def context(browser):
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    yield context
    context.close()


@pytest.fixture
def tab(context, site_url):
    tab = Tab(context, site_url)
    yield tab
    tab.page.close()


# A browser test that hangs fails after 5 minutes (the slowest page takes ~30 s on a busy
# machine), not after the suite's 15-minute limit, which lets a few hangs exceed CI's time.
# The test itself only (func_only): its setup may wait that long for the site's build.
BROWSER_TEST_TIMEOUT = 300


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in item.path.as_posix():
            item.add_marker("browser")
            item.add_marker(pytest.mark.timeout(BROWSER_TEST_TIMEOUT, func_only=True))
