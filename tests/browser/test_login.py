"""Signing in through the real login page, in Chromium."""

from urllib.parse import urlsplit

import pytest

from accounts.models import Role, User
from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery"
# Bootstrap 5.3's $primary (#0d6efd): browsers give an unstyled button a grey background.
BOOTSTRAP_PRIMARY = "rgb(13, 110, 253)"


@pytest.fixture
def manager(transactional_db):
    """A registered manager committed to the database, so the live server's thread sees them."""
    return User.objects.create_user(
        username="manager", password=PASSWORD, first_name="Maya", last_name="Patel",
        role=Role.REGISTERED_MANAGER,
    )


def test_manager_signs_in_and_sees_their_name(page, manager):
    login(page, "manager", PASSWORD)

    assert urlsplit(page.url).path == "/"
    assert page.get_by_role("heading", name="Welcome, Maya").is_visible()
    page.get_by_role("button", name="Maya").click()  # the account menu in the header
    assert page.get_by_text("Maya Patel · Registered manager").is_visible()
    screenshot(page, "login-home-desktop")


def test_wrong_password_shows_the_error_and_stays_on_the_login_page(page, manager):
    login(page, "manager", "not-the-password")

    assert urlsplit(page.url).path == "/accounts/login/"
    assert page.get_by_text("Please enter a correct username and password").is_visible()
    assert page.input_value("input[name=username]") == "manager"
    screenshot(page, "login-wrong-password")


def test_login_page_styles_come_from_local_static_files(page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    css_responses = []
    page.on("response", lambda r: css_responses.append(r) if r.url.endswith(".css") else None)

    page.goto("/accounts/login/")
    page.wait_for_load_state("networkidle")

    button = page.get_by_role("button", name="Sign in")
    background = button.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == BOOTSTRAP_PRIMARY
    assert any("/static/vendor/bootstrap/css/bootstrap.min.css" in r.url and r.ok for r in css_responses)
    server = urlsplit(live_server.url)
    off_site = [
        url for url in requested
        if urlsplit(url).scheme != "data" and urlsplit(url).netloc != server.netloc
    ]
    assert requested and not off_site, f"requests left the live server: {off_site}"
    screenshot(page, "login-page-desktop")


def test_login_page_fits_a_phone_screen(phone_page, manager):
    phone_page.goto("/accounts/login/")

    page_width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390, "the login page scrolls sideways on a phone"
    assert phone_page.get_by_role("button", name="Sign in").is_visible()
    screenshot(phone_page, "login-page-phone")

    login(phone_page, "manager", PASSWORD)

    assert phone_page.get_by_role("heading", name="Welcome, Maya").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "login-home-phone")
