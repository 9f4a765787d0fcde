from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import security_views, two_step_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    # Two-step sign-in (accounts/two_factor.py); accounts/middleware.py sends people here until it is done.
    path("two-step/", two_step_views.two_step, name="two_step"),
    path("two-step/code/", two_step_views.two_step_verify, name="two_step_verify"),
    path("two-step/set-up/", two_step_views.two_step_setup, name="two_step_setup"),
    path("two-step/recovery-codes/", two_step_views.two_step_recovery_codes, name="two_step_recovery_codes"),
    path("two-step/turn-off/", two_step_views.two_step_turn_off, name="two_step_turn_off"),
    # The manager's page: two-step status and lock-outs of every login.
    path("security/", security_views.sign_in_security, name="sign_in_security"),
    path("security/<int:pk>/reset-two-step/", security_views.two_step_reset_view, name="two_step_reset"),
    path("security/<int:pk>/unlock/", security_views.unlock_view, name="unlock"),
    path("security/unlock-address/", security_views.address_unlock_view, name="address_unlock"),
    # A carer's invitation (accounts/invitations.py): staff send it, the carer chooses a password.
    path("carers/<int:pk>/invite/", views.carer_invite_view, name="carer_invite"),
    path("set-password/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"),
]
