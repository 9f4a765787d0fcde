from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "compliance"

    def ready(self):
        from django.core import checks

        import compliance.rules  # noqa: F401  registers every gap rule

        from compliance.checks import check_clause_tags

        checks.register(check_clause_tags, checks.Tags.models)
