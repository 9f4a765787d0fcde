"""Inviting a foster carer to the portal: a login linked to their Carer record and a set-password link.

The link is Django's password-reset token (`default_token_generator`): it is signed with the user's
password hash and last login, so it works once (setting the password changes the hash), and it
expires after settings.PASSWORD_RESET_TIMEOUT seconds (three days unless set).
"""

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Role, User


def can_invite(user, carer) -> bool:
    """Managers and administrators for any carer; a supervising social worker for their caseload's carers."""
    from records.models import Carer
    from records.permissions import CHANGE, restrict

    if not user.is_authenticated or not user.is_active or user.is_carer or user.is_read_only:
        return False
    if user.role not in {Role.REGISTERED_MANAGER, Role.RESPONSIBLE_INDIVIDUAL, Role.ADMINISTRATOR,
                         Role.SUPERVISING_SOCIAL_WORKER}:
        return False
    return restrict(Carer.objects.filter(pk=carer.pk), user, CHANGE).exists()


def invite_timeout_days() -> int:
    """How long an invitation link works, in whole days (at least one), for the email's wording."""
    return max(1, round(settings.PASSWORD_RESET_TIMEOUT / 86400))


def set_password_url(user) -> str:
    from django.contrib.auth.tokens import default_token_generator

    path = reverse("accounts:set_password", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)})
    return settings.SITE_URL.rstrip("/") + path


def _free_username(carer) -> str:
    base = re.sub(r"[^a-z0-9.@+_-]", "", (carer.email or f"{carer.first_name}.{carer.last_name}").lower())[:140]
    base = base or f"carer{carer.pk}"
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}{n}"
    return username


def carer_invite(*, carer, invited_by) -> User:
    """Create (or reactivate) `carer`'s login and email them a link to set their password.

    A new or reactivated login has no usable password until the carer sets one through the link.
    """
    if not can_invite(invited_by, carer):
        raise PermissionDenied
    if not carer.email:
        raise ValidationError("Add the carer's email address before inviting them.")
    with transaction.atomic():
        user = carer.user
        if user is None:
            user = User(username=_free_username(carer), role=Role.FOSTER_CARER)
            user.set_unusable_password()
        elif user.role != Role.FOSTER_CARER:
            raise ValidationError("This carer is linked to a staff login; unlink it before inviting them.")
        elif not user.is_active:
            user.is_active = True
            user.set_unusable_password()  # an old password must not come back with the account
        user.first_name, user.last_name, user.email = carer.first_name, carer.last_name, carer.email
        user.full_clean()
        user.save()
        if carer.user_id != user.pk:
            carer.user = user
            carer.stamp(invited_by)
            carer._change_reason = f"Invited to the carer portal by {invited_by}"
            carer.save()
    _send(user=user, carer=carer, invited_by=invited_by)
    return user


def _send(*, user, carer, invited_by):
    context = {
        "user": user, "carer": carer, "invited_by": invited_by, "link": set_password_url(user),
        "days": invite_timeout_days(), "agency_name": settings.AGENCY_NAME,
        "login_url": settings.SITE_URL.rstrip("/") + reverse("accounts:login"),
    }
    subject = render_to_string("accounts/email/carer_invite_subject.txt", context).strip()
    message = EmailMultiAlternatives(subject=subject, to=[user.email],
                                     body=render_to_string("accounts/email/carer_invite.txt", context))
    message.attach_alternative(render_to_string("accounts/email/carer_invite.html", context), "text/html")
    message.send()
