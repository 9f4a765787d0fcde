"""Changing a password: signed-in people only, with the password rules (AUTH_PASSWORD_VALIDATORS) stated and applied."""

import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD

PAGE = reverse("accounts:password_change")


def change(client, new, old=TEST_PASSWORD):
    return client.post(PAGE, {"old_password": old, "new_password1": new, "new_password2": new})


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(PAGE).url.startswith(reverse("accounts:login"))


def test_the_page_states_the_rules_and_the_menu_links_it(client_for, ssw):
    client = client_for(ssw)
    html = client.get(PAGE).content.decode()
    assert "at least 10 characters" in html and "commonly used password" in html and "entirely numeric" in html
    assert PAGE in client.get("/").content.decode()


@pytest.mark.parametrize("new, message", [
    ("short1x", "This password is too short. It must contain at least 10 characters."),
    ("qwertyuiop", "This password is too common."),
    ("5830274619", "This password is entirely numeric."),
])
def test_a_weak_password_is_refused_with_the_rule_it_breaks(client_for, ssw, new, message):
    response = client_for(ssw).post(PAGE, {"old_password": TEST_PASSWORD, "new_password1": new, "new_password2": new})

    assert response.status_code == 200
    assert message in response.content.decode()
    ssw.refresh_from_db()
    assert ssw.check_password(TEST_PASSWORD)


def test_a_good_password_is_saved_and_the_person_stays_signed_in(client_for, ssw):
    client = client_for(ssw)

    response = change(client, "marmalade orbit lantern")

    assert response.status_code == 302
    ssw.refresh_from_db()
    assert ssw.check_password("marmalade orbit lantern")
    home = client.get("/")
    assert home.status_code == 200, "still signed in, second step included"
    assert "Your password is changed." in home.content.decode()


def test_the_wrong_old_password_is_refused(client_for, ssw):
    response = change(client_for(ssw), "marmalade orbit lantern", old="not-the-password")
    assert "Your old password was entered incorrectly" in response.content.decode()


def test_the_invitation_page_states_and_applies_the_same_rules(client, carer_user):
    from accounts.invitations import set_password_url

    page = client.get(set_password_url(carer_user), follow=True)
    assert "at least 10 characters" in page.content.decode()

    response = client.post(page.redirect_chain[-1][0], {"new_password1": "qwertyuiop", "new_password2": "qwertyuiop"})

    assert "This password is too common." in response.content.decode()
