from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"

    def ready(self):
        import records.clauses  # noqa: F401  (registers clause tags; see compliance/registry.py)
