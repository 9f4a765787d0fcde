"""Two-step sign-in: staff must enrol and enter a code; carers may; recovery codes work once."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import recovery_codes_create
from tests.accounts.helpers import SETUP, VERIFY, enter_code, sign_in
from tests.conftest import current_code, password_only_login

HOME = "/"


@pytest.fixture
def enrolled_ssw(ssw):
    """`ssw` with a confirmed authenticator device and ten recovery codes."""
    TOTPDevice.objects.create(user=ssw, name="Authenticator app", confirmed=True)
    recovery_codes_create(user=ssw)
    return ssw


def device_of(user):
    return TOTPDevice.objects.get(user=user, confirmed=True)


def path(response):
    return urlsplit(response.url).path


@pytest.mark.parametrize("role_user", ["manager", "ssw", "administrator", "decision_maker", "panel_member",
                                       "inspector"])
def test_staff_without_a_device_are_sent_to_enrolment_from_any_page(client, request, role_user):
    user = request.getfixturevalue(role_user)
    password_only_login(client, user)

    for url in [HOME, reverse("compliance:reminders_mine"), "/records/households/"]:
        response = client.get(url)
        assert response.status_code == 302 and path(response) == SETUP, url
    assert "next=%2Fcompliance" in client.get(reverse("compliance:reminders_mine")).url


def test_enrolment_shows_a_qr_code_and_the_key_and_a_right_code_turns_it_on(client, ssw):
    password_only_login(client, ssw)
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "<?xml" not in html and 'style="' not in html
    device = TOTPDevice.objects.get(user=ssw, confirmed=False)
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")

    refused = client.post(SETUP, {"code": "000000"})
    assert refused.status_code == 200 and "That code is not right" in refused.content.decode()
    response = client.post(SETUP, {"code": current_code(device), "next": HOME})

    assert path(response) == reverse("accounts:two_step_recovery_codes")
    device.refresh_from_db()
    assert device.confirmed
    codes_page = client.get(response.url)
    codes = codes_page.context["codes"]
    assert len(codes) == 10 and all(code in codes_page.content.decode() for code in codes)
    assert client.get(response.url).context["codes"] is None, "recovery codes are shown only once"
    assert client.get(HOME).status_code == 200


def test_new_recovery_codes_replace_the_old_ones(client, enrolled_ssw):
    old = set(StaticToken.objects.filter(device__user=enrolled_ssw).values_list("token", flat=True))
    client.force_login(enrolled_ssw)

    response = client.post(reverse("accounts:two_step_recovery_codes"))
    new = client.get(response.url).context["codes"]

    assert len(new) == 10 and not old & set(new)
    assert set(StaticToken.objects.filter(device__user=enrolled_ssw).values_list("token", flat=True)) == set(new)


def test_a_signed_in_staff_member_with_a_device_is_asked_for_the_code(client, enrolled_ssw):
    response = sign_in(client, enrolled_ssw)
    assert response.status_code == 302

    response = client.get(HOME)
    assert path(response) == VERIFY
    assert client.get(VERIFY).status_code == 200


def test_a_wrong_code_is_refused(client, enrolled_ssw):
    sign_in(client, enrolled_ssw)

    response = enter_code(client, "123456")

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert path(client.get(HOME)) == VERIFY


def test_the_right_code_signs_in_and_goes_on_to_next(client, enrolled_ssw):
    sign_in(client, enrolled_ssw)

    response = enter_code(client, current_code(device_of(enrolled_ssw)), next_url="/records/households/")

    assert response.status_code == 302 and response.url == "/records/households/"
    assert client.get(HOME).status_code == 200


def test_next_cannot_send_people_off_site(client, enrolled_ssw):
    sign_in(client, enrolled_ssw)
    response = enter_code(client, current_code(device_of(enrolled_ssw)), next_url="https://evil.example/")
    assert response.url == HOME


def test_a_recovery_code_works_once(client, enrolled_ssw):
    code = StaticToken.objects.filter(device__user=enrolled_ssw).first().token
    sign_in(client, enrolled_ssw)

    response = enter_code(client, code.upper())
    assert response.status_code == 302 and client.get(HOME).status_code == 200
    assert StaticToken.objects.filter(device__user=enrolled_ssw).count() == 9

    client.post(reverse("accounts:logout"))
    sign_in(client, enrolled_ssw)
    response = enter_code(client, code)
    assert response.status_code == 200 and "That code is not right" in response.content.decode()


def test_an_unverified_user_with_a_device_cannot_replace_it_from_the_enrolment_page(client, enrolled_ssw):
    sign_in(client, enrolled_ssw)

    response = client.get(SETUP)

    assert path(response) == VERIFY
    assert not TOTPDevice.objects.filter(user=enrolled_ssw, confirmed=False).exists()
    assert path(client.get(reverse("accounts:two_step_recovery_codes"))) != reverse(
        "accounts:two_step_recovery_codes")


def test_carers_are_not_forced_but_offered_it(client, carer_user):
    sign_in(client, carer_user)

    home = client.get(HOME)
    assert home.status_code == 200
    assert "Turn on two-step sign-in" in home.content.decode()
    assert client.get(reverse("accounts:two_step")).status_code == 200


def test_a_carer_who_enrolled_is_asked_for_the_code_at_sign_in(client, carer_user):
    sign_in(client, carer_user)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=carer_user)
    client.post(SETUP, {"code": current_code(device)})
    assert StaticDevice.objects.filter(user=carer_user).exists()
    client.post(reverse("accounts:logout"))

    sign_in(client, carer_user)
    assert path(client.get(HOME)) == VERIFY
    enter_code(client, current_code(device))
    assert client.get(HOME).status_code == 200


def test_a_carer_may_turn_it_off_but_staff_may_not(client_for, carer_user, ssw):
    TOTPDevice.objects.create(user=carer_user, confirmed=True)
    carer = client_for(carer_user)
    carer.post(reverse("accounts:two_step_turn_off"))
    assert not TOTPDevice.objects.filter(user=carer_user).exists()
    assert carer.get(HOME).status_code == 200

    staff = client_for(ssw)
    staff.post(reverse("accounts:two_step_turn_off"))
    assert TOTPDevice.objects.filter(user=ssw).exists()


def test_the_set_password_and_login_pages_stay_open_before_the_second_step(client, ssw):
    password_only_login(client, ssw)
    assert client.get(reverse("accounts:login")).status_code == 302  # signed in: Django sends them on
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_htmx_requests_are_sent_to_the_code_page_as_a_whole_page(client, ssw):
    password_only_login(client, ssw)
    response = client.get(HOME, headers={"HX-Request": "true"})
    assert response.status_code == 200 and urlsplit(response["HX-Redirect"]).path == SETUP
