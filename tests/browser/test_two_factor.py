"""Two-step sign-in in Chromium: a supervising social worker sets it up at their first sign-in."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import login, screenshot
from tests.conftest import current_code
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_staff_enrol_with_the_qr_code_and_get_recovery_codes(page, ssw):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "ssw")
    page.fill("input[name=password]", TEST_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()

    assert urlsplit(page.url).path == "/accounts/two-step/set-up/"
    expect(page.get_by_role("heading", name="Set up two-step sign-in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = page.locator("#two-step-secret").inner_text().replace(" ", "")
    device = TOTPDevice.objects.get(user=ssw, confirmed=False)
    assert len(secret) == 32
    screenshot(page, "two-step-setup")

    page.get_by_role("textbox", name="Code").fill(current_code(device))
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm and turn on").click()

    expect(page.get_by_text("Save these codes now")).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    screenshot(page, "two-step-recovery-codes")
    page.get_by_role("link", name="I have saved them, continue").click()
    expect(page.get_by_role("heading", name="Welcome, " + ssw.first_name)).to_be_visible()


def test_an_enrolled_person_enters_the_code_after_the_password(page, ssw):
    login(page, "ssw", TEST_PASSWORD)  # the helper enters the code from the device it created

    assert urlsplit(page.url).path == "/"
    assert TOTPDevice.objects.filter(user=ssw, confirmed=True).exists()


def test_five_wrong_passwords_show_the_lock_out_page(page, ssw):
    for _ in range(5):
        login(page, "ssw", "not-the-password")

    expect(page.get_by_text("too many failed attempts")).to_be_visible()
    expect(page.get_by_text("Try again after 30 minutes")).to_be_visible()
    screenshot(page, "two-step-locked-out")


def test_a_manager_unlocks_a_colleague_locked_out_elsewhere(page, manager, ssw):
    away = Client(REMOTE_ADDR="10.0.0.9")  # ssw's mistakes from another address leave the manager's unlocked
    for _ in range(5):
        away.post("/accounts/login/", {"username": "ssw", "password": "not-the-password"})

    login(page, "manager", TEST_PASSWORD)
    page.get_by_role("button", name="Security").click()
    page.get_by_role("link", name="Sign-in security").click()
    row = page.locator(f"#user-{ssw.pk}")
    expect(row.get_by_text("Locked out")).to_be_visible()
    expect(page.locator("#locked-addresses").get_by_text("10.0.0.9")).to_be_visible()
    screenshot(page, "sign-in-security")
    row.get_by_role("button", name="Unlock").click()

    expect(page.get_by_text(f"{ssw} can sign in again now.")).to_be_visible()
    expect(row.get_by_text("Locked out")).to_have_count(0)
    assert away.post("/accounts/login/", {"username": "ssw", "password": TEST_PASSWORD}).status_code == 302
