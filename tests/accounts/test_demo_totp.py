"""manage.py demo_totp: the demo's stand-in for a phone, and seed_demo's enrolment of demo staff."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import demo_two_step_enrol
from tests.conftest import password_only_login


def test_it_refuses_outside_the_demo(ssw):
    TOTPDevice.objects.create(user=ssw, confirmed=True)
    for environment in ("test", "production"):
        with override_settings(ENVIRONMENT=environment), pytest.raises(CommandError, match="only runs in the demo"):
            call_command("demo_totp", "ssw")


@override_settings(ENVIRONMENT="demo")
def test_in_the_demo_it_prints_a_code_the_device_accepts(ssw):
    [device] = demo_two_step_enrol(usernames=["ssw"])
    out = StringIO()

    call_command("demo_totp", "ssw", stdout=out, stderr=StringIO())

    code = out.getvalue().strip()
    assert len(code) == 6 and device.verify_token(code)


@override_settings(ENVIRONMENT="demo")
def test_it_says_when_the_user_has_no_device(ssw):
    with pytest.raises(CommandError, match="no authenticator device"):
        call_command("demo_totp", "ssw")


def test_demo_enrolment_covers_staff_not_carers(ssw, carer_user):
    devices = demo_two_step_enrol(usernames=["ssw", "carer"])
    assert [device.user for device in devices] == [ssw]
    assert devices[0].confirmed


@pytest.mark.parametrize("environment, shown", [("demo", True), ("test", False), ("production", False)])
def test_the_code_page_shows_the_current_code_in_the_demo_only(client, ssw, environment, shown):
    [device] = demo_two_step_enrol(usernames=["ssw"])
    password_only_login(client, ssw)

    with override_settings(ENVIRONMENT=environment):
        page = client.get(reverse("accounts:two_step_verify")).content.decode()

    assert ('id="demo-code"' in page) is shown
    if shown:
        code = re.search(r'font-monospace">(\d{6})<', page).group(1)
        assert device.verify_token(code)
