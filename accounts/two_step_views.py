"""The second step of signing in: the code page, enrolment, recovery codes, and the person's own settings."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice

from accounts.middleware import TWO_STEP_KEY
from accounts.two_factor import (
    demo_code, qr_svg, recovery_codes_create, recovery_codes_left, seconds_to_wait, secret_text, token_verify,
    totp_device_confirm, totp_device_start, two_step_enrolled, two_step_login, two_step_required, two_step_reset,
)

NEW_CODES_KEY = "two_step_new_recovery_codes"  # shown once, on the next visit to the codes page


class CodeForm(forms.Form):
    code = forms.CharField(label="Code", max_length=32, widget=forms.TextInput(attrs={
        "autocomplete": "one-time-code", "inputmode": "text", "autofocus": True, "spellcheck": "false",
    }))


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name, next_url) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


@login_required
def two_step_verify(request):
    """After the password: the code from the app, or a recovery code."""
    user, next_url = request.user, _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not user_has_device(user):
        return redirect(_with_next("accounts:two_step_setup", next_url) if two_step_required(user) else next_url)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = token_verify(user=user, token=form.cleaned_data["code"])
        if device is not None:
            two_step_login(request, device)
            if isinstance(device, StaticDevice):
                left = recovery_codes_left(user)
                messages.warning(request, f"You signed in with a recovery code; it cannot be used again. "
                                          f"{left} recovery code{'s' if left != 1 else ''} left.")
            return redirect(next_url)
        wait = seconds_to_wait(user)
        form.add_error("code", "That code is not right. Enter the 6-digit code your app shows now, or one of "
                               "your recovery codes." + (f" After a wrong code you must wait: try again in {wait} "
                                                         f"second{'s' if wait != 1 else ''}." if wait else ""))
    return render(request, "accounts/two_step_verify.html", {"form": form, "next": next_url,
                                                             "demo_code": demo_code(user)})


@login_required
def two_step_setup(request):
    """Enrolment: scan the QR code (or type the key), then confirm with a code. Also how to move to a new phone."""
    user, next_url = request.user, _next_url(request)
    if user_has_device(user) and not user.is_verified():  # only the second step itself may replace a device
        return redirect(_with_next("accounts:two_step_verify", next_url))
    device = totp_device_start(user=user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if totp_device_confirm(device=device, token=form.cleaned_data["code"]):
            two_step_login(request, device)
            request.session[TWO_STEP_KEY] = True
            request.session[NEW_CODES_KEY] = recovery_codes_create(user=user)
            messages.success(request, "Two-step sign-in is on. From now on you will be asked for a code "
                                      "from your app after your password.")
            return redirect(_with_next("accounts:two_step_recovery_codes", next_url))
        form.add_error("code", "That code is not right. Check the app shows this account and enter the "
                               "6-digit code it shows now.")
    return render(request, "accounts/two_step_setup.html", {
        "form": form, "next": next_url, "qr_svg": qr_svg(device), "secret": secret_text(device),
        "required": two_step_required(user), "replacing": two_step_enrolled(user),
    })


@login_required
def two_step_recovery_codes(request):
    """New codes are shown once, right after they are made; afterwards only how many are left."""
    if not request.user.is_verified():
        return redirect("accounts:two_step")
    if request.method == "POST":
        request.session[NEW_CODES_KEY] = recovery_codes_create(user=request.user)
        return redirect(_with_next("accounts:two_step_recovery_codes", _next_url(request)))
    return render(request, "accounts/two_step_recovery_codes.html", {
        "codes": request.session.pop(NEW_CODES_KEY, None), "left": recovery_codes_left(request.user),
        "next": _next_url(request),
    })


@login_required
def two_step(request):
    """The person's own two-step settings, from the account menu."""
    user = request.user
    return render(request, "accounts/two_step.html", {
        "enrolled": two_step_enrolled(user), "verified": user.is_verified(), "required": two_step_required(user),
        "left": recovery_codes_left(user) if user.is_verified() else None,
    })


@login_required
@require_POST
def two_step_turn_off(request):
    """Carers chose two-step sign-in and may stop; staff cannot (a manager resets a lost phone)."""
    user = request.user
    if two_step_required(user) or not user.is_verified():
        return redirect("accounts:two_step")
    two_step_reset(user=user)
    request.session[TWO_STEP_KEY] = False
    messages.success(request, "Two-step sign-in is off. You sign in with your password only.")
    return redirect("accounts:two_step")
