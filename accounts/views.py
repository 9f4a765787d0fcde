"""Account pages: signing in, a carer's invitation, choosing and changing a password."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth import password_validation
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from accounts.invitations import can_invite, carer_invite, invite_timeout_days
from accounts.middleware import SIGNED_OUT_KEY


class SignInView(auth_views.LoginView):
    """Django's login (django-axes counts its failures), saying why someone was signed out, if they were."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        reason = self.request.session.pop(SIGNED_OUT_KEY, None)
        return super().get_context_data(**kwargs, signed_out_because=reason,
                                        idle_minutes=settings.SESSION_IDLE_TIMEOUT_MINUTES,
                                        longest_hours=round(settings.SESSION_COOKIE_AGE / 3600, 1))


class PasswordPolicyMixin:
    """Every page that sets a password states the rules (AUTH_PASSWORD_VALIDATORS) above the form, in words."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "new_password1" in form.fields:
            form.fields["new_password1"].help_text = ""  # the same rules, listed once above the form
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, password_rules=password_validation.password_validators_help_texts())


class PasswordChangeView(PasswordPolicyMixin, SuccessMessageMixin, auth_views.PasswordChangeView):
    """A signed-in person changes their password (Django keeps this session signed in)."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")
    success_message = "Your password is changed."


class SetPasswordView(PasswordPolicyMixin, SuccessMessageMixin, auth_views.PasswordResetConfirmView):
    """The link in a carer's invitation: choose a password, then straight to the portal, signed in."""

    template_name = "accounts/set_password.html"
    reset_url_token = "choose"
    post_reset_login = True
    # Name Django's own backend: the lock-out backend (django-axes) only counts failed passwords.
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("home")
    success_message = "Your password is saved and you are signed in."


@login_required
@require_POST
def carer_invite_view(request, pk):
    from records.models import Carer
    from records.permissions import restrict

    carer = get_object_or_404(restrict(Carer.objects.select_related("user"), request.user), pk=pk)
    if not can_invite(request.user, carer):
        raise PermissionDenied
    try:
        user = carer_invite(carer=carer, invited_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        days = invite_timeout_days()
        messages.success(request, f"Invitation sent to {user.email}. The link works once, for {days} "
                                  f"day{'s' if days != 1 else ''}.")
    return redirect(carer.get_absolute_url())
