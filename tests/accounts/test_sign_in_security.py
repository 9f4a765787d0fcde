"""The manager's Sign-in security page: two-step status, lock-outs, reset and unlock (both logged)."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccessLog
from accounts.two_factor import recovery_codes_create
from tests.accounts.helpers import SETUP, sign_in

PAGE = reverse("accounts:sign_in_security")


def reset_url(user):
    return reverse("accounts:two_step_reset", args=[user.pk])


def unlock_url(user):
    return reverse("accounts:unlock", args=[user.pk])


def lock_out(client, user):
    for _ in range(5):
        sign_in(client, user, password="not-the-password")


@pytest.fixture
def enrolled_ssw(ssw):
    TOTPDevice.objects.create(user=ssw, name="Authenticator app", confirmed=True)
    recovery_codes_create(user=ssw)
    return ssw


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(PAGE).url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role_user", ["ssw", "administrator", "decision_maker", "inspector", "carer_user"])
def test_only_managers_see_the_page_or_reset_or_unlock(client_for, request, role_user, enrolled_ssw):
    client = client_for(request.getfixturevalue(role_user))
    refused = {403, 404}  # 404: outside a grant, inspections/middleware.py hides every page from inspectors

    assert client.get(PAGE).status_code in refused
    assert client.post(reset_url(enrolled_ssw)).status_code in refused
    assert client.post(unlock_url(enrolled_ssw)).status_code in refused
    assert TOTPDevice.objects.filter(user=enrolled_ssw).exists()
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("role_user", ["manager", "responsible_individual"])
def test_managers_see_every_user_with_two_step_status_and_lock_outs(client_for, request, role_user, enrolled_ssw,
                                                                    carer_user, client):
    lock_out(client, carer_user)
    viewer = client_for(request.getfixturevalue(role_user))

    response = viewer.get(PAGE)

    assert response.status_code == 200
    rows = {row.user.username: row for row in response.context["rows"]}
    assert rows["ssw"].two_step_set_up and not rows["ssw"].locked
    assert not rows["carer"].two_step_set_up and not rows["carer"].two_step_required
    assert rows["carer"].locked and rows["carer"].failures == 5
    html = response.content.decode()
    assert "Locked out" in html and "Reset two-step" in html and "Sign-in security" in html


def test_the_security_menu_links_the_page_for_managers(client_for, manager, ssw):
    assert PAGE in client_for(manager).get("/").content.decode()
    assert PAGE not in client_for(ssw).get("/").content.decode()


def test_reset_removes_the_devices_logs_it_and_the_user_must_enrol_again(client_for, client, manager, enrolled_ssw):
    response = client_for(manager).post(reset_url(enrolled_ssw))

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=enrolled_ssw).exists()
    log = AccessLog.objects.get()
    assert (log.user, log.action, log.object_id) == (manager, AccessLog.Action.RESET_2FA, str(enrolled_ssw.pk))
    sign_in(client, enrolled_ssw)
    assert client.get("/").url.startswith(SETUP)


def test_reset_needs_a_post(client_for, manager, enrolled_ssw):
    assert client_for(manager).get(reset_url(enrolled_ssw)).status_code == 405
    assert TOTPDevice.objects.filter(user=enrolled_ssw).exists()


def test_unlock_lets_a_locked_out_user_sign_in_again_and_is_logged(client_for, client, manager, ssw):
    lock_out(client, ssw)
    assert sign_in(client, ssw).status_code == 429

    client_for(manager).post(unlock_url(ssw))

    assert not AccessAttempt.objects.filter(username="ssw").exists()
    assert sign_in(client, ssw).status_code == 302
    log = AccessLog.objects.get()
    assert (log.user, log.action, log.object_id) == (manager, AccessLog.Action.UNLOCK, str(ssw.pk))


def test_a_locked_address_is_listed_and_a_manager_can_unlock_it(client_for, client, manager, ssw, other_ssw):
    office = {"REMOTE_ADDR": "10.0.0.8"}
    for _ in range(5):
        sign_in(client, ssw, password="not-the-password", **office)
    assert sign_in(client, other_ssw, **office).status_code == 429, "the whole address is locked"
    viewer = client_for(manager)
    [address] = viewer.get(PAGE).context["addresses"]
    assert address.ip_address == "10.0.0.8" and address.failures >= 5 and "ssw" in address.usernames

    viewer.post(reverse("accounts:address_unlock"), {"ip_address": "10.0.0.8"})

    assert sign_in(client, other_ssw, **office).status_code == 302
    log = AccessLog.objects.get()
    assert (log.action, log.object_kind, log.object_id) == (AccessLog.Action.UNLOCK, "axes.ip_address", "10.0.0.8")


def test_only_managers_unlock_addresses(client_for, client, ssw, other_ssw):
    for _ in range(5):
        sign_in(client, ssw, password="not-the-password", REMOTE_ADDR="10.0.0.8")
    response = client_for(other_ssw).post(reverse("accounts:address_unlock"), {"ip_address": "10.0.0.8"})
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(ip_address="10.0.0.8").exists()
