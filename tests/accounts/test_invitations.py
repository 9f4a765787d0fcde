"""Inviting a carer: who may, the email, and a set-password link that works once and expires."""

import re
from datetime import timedelta
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.urls import reverse

from accounts.invitations import carer_invite
from accounts.models import Role
from tests import factories as f


@pytest.fixture
def carer(household):
    """`household`'s main carer, with an email address and no login yet."""
    carer = household.carers.get()
    carer.email = "sam.carer@example.org"
    carer.save()
    return carer


def invite_url(carer):
    return reverse("accounts:carer_invite", args=[carer.pk])


def link_in(message):
    return re.search(r"http://\S+/accounts/set-password/\S+/", message.body).group(0)


def path_of(link):
    return urlsplit(link).path


def test_anonymous_is_sent_to_login(client, carer):
    response = client.post(invite_url(carer))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert not mail.outbox


@pytest.mark.parametrize("role", ["other_ssw", "carer_user", "decision_maker", "panel_member"])
def test_without_permission_nothing_is_sent(client_for, request, carer, role):
    response = client_for(request.getfixturevalue(role)).post(invite_url(carer))
    assert response.status_code in (403, 404)
    carer.refresh_from_db()
    assert not mail.outbox
    assert carer.user is None or carer.user.username == "carer"


@pytest.mark.parametrize("role", ["ssw", "manager", "administrator"])
def test_staff_who_may_invite_create_the_login_and_email_it(client_for, request, carer, role):
    inviter = request.getfixturevalue(role)
    response = client_for(inviter).post(invite_url(carer))
    assert response.status_code == 302
    carer.refresh_from_db()
    user = carer.user
    assert user.role == Role.FOSTER_CARER and user.email == "sam.carer@example.org"
    assert not user.has_usable_password()
    message = mail.outbox[0]
    assert message.to == ["sam.carer@example.org"]
    assert user.username in message.body
    assert "3 days" in message.body  # PASSWORD_RESET_TIMEOUT's default
    assert message.alternatives and link_in(message).replace("&", "&amp;") in message.alternatives[0][0]
    assert carer.history.latest().history_user == inviter


def test_invite_card_shows_on_the_carer_page_for_their_ssw_only(client_for, ssw, other_ssw, carer):
    assert "Invite to the portal" in client_for(ssw).get(carer.get_absolute_url()).content.decode()
    assert client_for(other_ssw).get(carer.get_absolute_url()).status_code == 404


def test_the_link_sets_the_password_signs_in_and_works_once(client, ssw, carer):
    carer_invite(carer=carer, invited_by=ssw)
    link = path_of(link_in(mail.outbox[0]))
    response = client.get(link, follow=True)
    assert "Choose your password" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "a-Long-pass-2026", "new_password2": "a-Long-pass-2026"},
                           follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "records/portal/portal.html" in [t.name for t in response.templates]
    assert "Your password is saved and you are signed in." in response.content.decode()
    carer.refresh_from_db()
    assert carer.user.check_password("a-Long-pass-2026")
    client.logout()
    again = client.get(link, follow=True)
    assert "This link no longer works" in again.content.decode()


def test_the_link_expires(client, ssw, carer, settings):
    settings.PASSWORD_RESET_TIMEOUT = 3 * 86400
    carer_invite(carer=carer, invited_by=ssw)
    link = path_of(link_in(mail.outbox[0]))
    later = PasswordResetTokenGenerator()._now() + timedelta(days=3, minutes=1)
    with mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=later):
        response = client.get(link, follow=True)
    assert "This link no longer works" in response.content.decode()
    carer.refresh_from_db()
    assert not carer.user.has_usable_password()


def test_a_closed_login_is_reactivated_without_its_old_password(ssw, carer):
    old = f.UserFactory(role=Role.FOSTER_CARER, username="returning", is_active=False)
    carer.user = old
    carer.save()
    user = carer_invite(carer=carer, invited_by=ssw)
    assert user.pk == old.pk and user.is_active and not user.has_usable_password()


def test_a_carer_without_email_cannot_be_invited(client_for, ssw, household):
    carer = household.carers.get()
    carer.email = ""
    carer.save()
    client_for(ssw).post(invite_url(carer))
    carer.refresh_from_db()
    assert carer.user is None and not mail.outbox
