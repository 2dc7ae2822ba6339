import os
from pathlib import Path

import pytest

from .factories import UserFactory


@pytest.fixture(autouse=True)
def _plain_static_storage(settings, tmp_path):
    # Tests do not run collectstatic, so use unhashed static names; uploaded
    # media goes to a throwaway folder.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editor(db):
    return UserFactory(username="desk-editor", group="Editor")


@pytest.fixture
def reporter_user(db):
    return UserFactory(username="field-reporter", group="Reporter")


# Browser tests drive Debian's Chromium (installed by .ci/run and bin/test);
# Playwright's own browser download cannot be used here.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}: apt-get install -y chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls
    # the tests make between browser steps are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (1280 px wide) whose relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


# --- Public site (site branch) ----------------------------------------------
@pytest.fixture(autouse=True)
def _empty_cache():
    # Pages, renditions and the cache generation live in the cache, which
    # outlives each test's database rollback: start every test with none.
    from django.core.cache import cache

    from articles.cache import forget_recent_generation

    cache.clear()
    forget_recent_generation()
    yield
    cache.clear()
    forget_recent_generation()
