"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every test here is marked `@pytest.mark.browser` and uses `transactional_db` so the live
server's thread sees the rows the test creates. Nothing is downloaded: Playwright launches
/usr/bin/chromium (`apt-get install chromium`, which ./scripts/test does).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import current_code

# Playwright's sync API runs an event loop in this thread, so Django would otherwise refuse
# the ORM calls tests make between browser steps.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (./scripts/test does it)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_page(browser, live_server, **context_options):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **context_options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A desktop-sized tab whose relative URLs go to the live server."""
    context, page = _new_page(browser, live_server, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server, transactional_db):
    """A phone-sized tab (a carer writing a journal entry on their phone)."""
    context, page = _new_page(
        browser, live_server, viewport={"width": 390, "height": 844},
        device_scale_factor=2, is_mobile=True, has_touch=True,
    )
    yield page
    context.close()


def login(page, username, password):
    """Sign in through the real login page, as a person would; returns once the next page loaded.

    Staff (and carers who turned it on) then enter a code: this computes the current one from the
    user's authenticator device, as their phone would, creating a device for staff who have none.
    """
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    device = authenticator_device(username)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if device is not None and urlsplit(page.url).path == "/accounts/two-step/code/":
        page.fill("input[name=code]", current_code(device))
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()


def authenticator_device(username):
    """`username`'s app device (created, confirmed, for staff without one); None for a carer without one."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import Role, User

    user = User.objects.filter(username=username).first()
    if user is None:
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and user.role != Role.FOSTER_CARER:
        device = TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
    return device


def screenshot(page, name):
    """Save a full-page PNG under test-artifacts/screenshots/ (git-ignored) for a human to look at."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
