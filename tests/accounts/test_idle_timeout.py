"""Signed out after SESSION_IDLE_TIMEOUT_MINUTES without activity; background polling is not activity."""

import time
from urllib.parse import urlsplit

from django.test import override_settings
from django.urls import reverse

from accounts.middleware import ACTIVITY_KEY, SIGNED_IN_KEY

LOGIN = reverse("accounts:login")
POLL = {"HX-Request": "true"}  # with ?poll=1 on the URL, as the run-status and pack-status fragments poll


def idle_for(client, seconds):
    session = client.session
    session[ACTIVITY_KEY] = int(time.time()) - seconds
    session.save()


def test_a_sign_in_is_stamped_with_its_start(client_for, ssw):
    session = client_for(ssw).session
    assert abs(session[ACTIVITY_KEY] - time.time()) < 5 and session[SIGNED_IN_KEY] == session[ACTIVITY_KEY]


def test_after_the_idle_limit_the_next_page_signs_out_with_a_message(client_for, ssw):
    client = client_for(ssw)
    idle_for(client, 31 * 60 + 60)

    response = client.get("/records/households/")

    assert response.status_code == 302 and urlsplit(response.url).path == LOGIN
    assert "next=%2Frecords%2Fhouseholds%2F" in response.url
    assert "_auth_user_id" not in client.session
    page = client.get(response.url).content.decode()
    assert "You were signed out after 30 minutes without activity" in page
    assert "You were signed out" not in client.get(LOGIN).content.decode(), "the message shows once"


def test_within_the_limit_a_page_keeps_the_sign_in_and_counts_as_activity(client_for, ssw):
    client = client_for(ssw)
    idle_for(client, 25 * 60)

    assert client.get("/").status_code == 200
    assert abs(client.session[ACTIVITY_KEY] - time.time()) < 5


def test_polling_does_not_count_as_activity(client_for, ssw):
    client = client_for(ssw)
    idle_for(client, 25 * 60)
    stamp = client.session[ACTIVITY_KEY]

    client.get("/?poll=1", headers=POLL)
    assert client.session[ACTIVITY_KEY] == stamp

    idle_for(client, 31 * 60 + 60)
    response = client.get("/?poll=1", headers=POLL)
    assert urlsplit(response["HX-Redirect"]).path == LOGIN, "the polling page is sent to the login page"
    assert "_auth_user_id" not in client.session


def test_other_htmx_requests_count_as_activity(client_for, ssw):
    client = client_for(ssw)
    idle_for(client, 25 * 60)
    client.get("/records/households/?q=fen", headers={"HX-Request": "true"})
    assert abs(client.session[ACTIVITY_KEY] - time.time()) < 5


@override_settings(SESSION_IDLE_TIMEOUT_MINUTES=5)
def test_the_limit_is_a_setting(client_for, ssw):
    client = client_for(ssw)
    idle_for(client, 7 * 60)
    assert urlsplit(client.get("/").url).path == LOGIN


def test_a_sign_in_ends_after_session_cookie_age_however_busy(client_for, ssw, settings):
    client = client_for(ssw)
    session = client.session
    session[SIGNED_IN_KEY] = int(time.time()) - settings.SESSION_COOKIE_AGE - 1
    session.save()

    response = client.get("/")

    assert urlsplit(response.url).path == LOGIN
    assert "a sign-in lasts at most 8 hours" in client.get(response.url).content.decode()
