"""Signing in through the real pages, as a browser would: the password, then the code."""

from django.urls import reverse

from tests.factories import TEST_PASSWORD

LOGIN = "/accounts/login/"
VERIFY = "/accounts/two-step/code/"
SETUP = "/accounts/two-step/set-up/"


def sign_in(client, user, password=TEST_PASSWORD, **extra):
    """POST the login form; returns the response (a redirect when the password was right)."""
    return client.post(reverse("accounts:login"), {"username": user.username, "password": password}, **extra)


def enter_code(client, code, next_url="/"):
    return client.post(reverse("accounts:two_step_verify"), {"code": code, "next": next_url})
