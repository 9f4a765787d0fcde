"""Account pages beyond Django's login: a carer's invitation and the page where they choose a password."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from accounts.invitations import can_invite, carer_invite, invite_timeout_days


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The link in a carer's invitation: choose a password, then straight to the portal, signed in."""

    template_name = "accounts/set_password.html"
    reset_url_token = "choose"
    post_reset_login = True
    # Name Django's own backend: the lock-out backend (django-axes) only counts failed passwords.
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password is saved and you are signed in.")
        return response


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
