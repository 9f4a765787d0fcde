from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Keeping the records safe: backup and restore, retention review."""

    name = "operations"
    default_auto_field = "django.db.models.BigAutoField"
