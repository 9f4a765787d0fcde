from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "compliance"

    def ready(self):
        from django.core import checks

        import compliance.rules  # noqa: F401  registers every gap rule
        import compliance.sections  # noqa: F401  registers the household page's gaps card
        from compliance import signals
        from compliance.checks import check_clause_tags, check_rules

        checks.register(check_clause_tags, checks.Tags.models)
        checks.register(check_rules)
        signals.connect()
