"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Every page a test opens through `new_page` is checked with axe-core (see accessibility.py): a
serious or critical violation fails the test. Set E2E_SCREENSHOTS=DIR to keep a screenshot of
every page the tests look at.
"""

import os
import shutil
from pathlib import Path

import pytest

from .accessibility import AxeWatch
from .browser import PHONE

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make for
# set-up are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (see README)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Starting Playwright gives this thread fresh Django connection objects. When other tests
    # ran first, the test database was set up on the old ones, which keep the serialized
    # contents that serialized_rollback restores (Wagtail's groups, the root page): hand them on.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context of the given size and language. The test fails
    if the content security policy refused anything on a page it opened."""
    watches = []
    refused = []

    def listen(page):
        def heard(message):
            if message.text.startswith("Refused to") and "Content Security Policy" in message.text:
                refused.append(f"{page.url}: {message.text}")

        page.on("console", heard)

    def make(viewport=PHONE, language="zh-hans"):
        context = browser.new_context(
            viewport=viewport,
            base_url=live_server.url,
            locale="en-US" if language == "en" else "zh-CN",
            device_scale_factor=1,
        )
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        context.on("page", listen)
        watches.append(AxeWatch(context))
        return context.new_page()

    yield make
    problems = [watch.finish() for watch in watches]
    for watch in watches:
        watch.context.close()
    problems = "\n".join(problem for problem in problems if problem)
    if refused:
        pytest.fail("The content security policy refused:\n" + "\n".join(refused), pytrace=False)
    if problems:
        pytest.fail(f"axe-core finds serious or critical problems:\n{problems}", pytrace=False)


@pytest.fixture
def screenshot():
    folder = os.environ.get("E2E_SCREENSHOTS")

    def take(page, name):
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    return take
