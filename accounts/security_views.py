"""The manager's "Sign-in security" page: who has two-step sign-in, who is locked out, and the two fixes."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.selectors import locked_addresses, sign_in_overview
from accounts.services import address_unlock, user_two_step_reset, user_unlock


def _manager_only(request):
    if not request.user.is_manager:  # registered manager and responsible individual
        raise PermissionDenied


@login_required
def sign_in_security(request):
    _manager_only(request)
    return render(request, "accounts/sign_in_security.html", {
        "rows": sign_in_overview(), "addresses": locked_addresses(), "failure_limit": settings.AXES_FAILURE_LIMIT})


@login_required
@require_POST
def two_step_reset_view(request, pk):
    _manager_only(request)
    user = get_object_or_404(User, pk=pk)
    user_two_step_reset(user=user, by=request.user, path=request.path)
    messages.success(request, f"{user}'s two-step sign-in is reset: they will set it up again when they next "
                              "sign in.")
    return redirect("accounts:sign_in_security")


@login_required
@require_POST
def unlock_view(request, pk):
    _manager_only(request)
    user = get_object_or_404(User, pk=pk)
    user_unlock(user=user, by=request.user, path=request.path)
    messages.success(request, f"{user} can sign in again now.")
    return redirect("accounts:sign_in_security")


@login_required
@require_POST
def address_unlock_view(request):
    _manager_only(request)
    ip_address = request.POST.get("ip_address", "")
    if not ip_address:
        raise Http404
    address_unlock(ip_address=ip_address, by=request.user, path=request.path)
    messages.success(request, f"Sign-ins from {ip_address} are allowed again now.")
    return redirect("accounts:sign_in_security")
