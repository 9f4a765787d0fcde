"""Sign-in rules checked on every request: the idle timeout, the longest sign-in, and the second step."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_htmx.http import HttpResponseClientRedirect
from django_otp import user_has_device

from accounts.two_factor import two_step_needed, two_step_required

ACTIVITY_KEY = "last_activity"  # epoch seconds of the last request that was the person doing something
SIGNED_IN_KEY = "signed_in_at"
TWO_STEP_KEY = "two_step_needed"  # worked out once at sign-in, so carers without a device cost no query a page
SIGNED_OUT_KEY = "signed_out_because"  # read once by the login page: "idle" or "expired"
# The activity time is rewritten at most this often, so a busy page does not save the session on every
# request; the sign-out waits this much longer too, so it never comes before the promised idle time.
ACTIVITY_RESOLUTION_SECONDS = 60

# Pages a signed-in person who has not finished the second step may still open.
OPEN_BEFORE_SECOND_STEP = {
    "accounts:login", "accounts:logout", "accounts:set_password", "accounts:two_step_verify",
    "accounts:two_step_setup",
}


def session_start(sender, request, user, **kwargs):
    """On every sign-in (connected to user_logged_in in AccountsConfig.ready): start both clocks."""
    now = int(time.time())
    request.session[ACTIVITY_KEY] = now
    request.session[SIGNED_IN_KEY] = now
    request.session[TWO_STEP_KEY] = two_step_needed(user)


def is_background_poll(request) -> bool:
    """A request the page made on its own, which must not keep an unattended sign-in alive.

    The project's polling elements (templates/compliance/_run_status.html, inspections/pack/_status.html)
    are htmx `hx-trigger="every Ns"` requests to a URL carrying `?poll=1`, and their views already read
    that flag. htmx cannot tell a timer from a click in its headers (HX-Trigger is only the element's id,
    the same for both), so the mark is that explicit flag together with the HX-Request header a plain
    link or form never sends. Search-as-you-type and other htmx requests are the person at work and count.
    New polling elements must put `poll=1` on their URL.
    """
    return request.headers.get("HX-Request") == "true" and "poll" in request.GET


def _to(request, url):
    """Send the browser to `url`: a whole-page redirect even when htmx asked for a fragment."""
    if request.headers.get("HX-Request") == "true":
        return HttpResponseClientRedirect(url)
    return redirect(url)


def _with_next(url_name, request):
    next_url = request.get_full_path() if request.method == "GET" else reverse(settings.LOGIN_REDIRECT_URL)
    if request.headers.get("HX-Request") == "true":
        next_url = request.headers.get("HX-Current-URL") or next_url
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


class IdleTimeoutMiddleware:
    """Signs a person out after SESSION_IDLE_TIMEOUT_MINUTES without activity, or SESSION_COOKIE_AGE after
    signing in however busy (Django's own expiry slides forward whenever the session is saved)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session, now = request.session, int(time.time())
            last = session.get(ACTIVITY_KEY, now)
            if now - session.get(SIGNED_IN_KEY, now) > settings.SESSION_COOKIE_AGE:
                return self._sign_out(request, "expired")
            if now - last >= settings.SESSION_IDLE_TIMEOUT_MINUTES * 60 + ACTIVITY_RESOLUTION_SECONDS:
                return self._sign_out(request, "idle")
            if not is_background_poll(request) and (ACTIVITY_KEY not in session
                                                    or now - last >= ACTIVITY_RESOLUTION_SECONDS):
                session[ACTIVITY_KEY] = now
                session.setdefault(SIGNED_IN_KEY, now)
        return self.get_response(request)

    @staticmethod
    def _sign_out(request, reason):
        next_url = _with_next("accounts:login", request)
        logout(request)
        request.session[SIGNED_OUT_KEY] = reason  # the fresh, anonymous session
        return _to(request, next_url)


class TwoStepMiddleware:
    """Until a signed-in person has passed the second step, every page sends them to it: to the code page
    if they have a device, to enrolment if they are staff without one. Carers without a device pass."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified() or self._open(request):
            return self.get_response(request)
        needed = request.session.get(TWO_STEP_KEY)
        if needed is None:  # a session from before two-step sign-in existed
            needed = request.session[TWO_STEP_KEY] = two_step_needed(user)
        if not needed:
            return self.get_response(request)
        if user_has_device(user):
            return _to(request, _with_next("accounts:two_step_verify", request))
        if two_step_required(user):
            return _to(request, _with_next("accounts:two_step_setup", request))
        request.session[TWO_STEP_KEY] = False  # a carer whose device a manager removed
        return self.get_response(request)

    @staticmethod
    def _open(request) -> bool:
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            return resolve(request.path_info).view_name in OPEN_BEFORE_SECOND_STEP
        except Resolver404:
            return False
