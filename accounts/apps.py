from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import session_start

        user_logged_in.connect(session_start, dispatch_uid="accounts.session_start")
