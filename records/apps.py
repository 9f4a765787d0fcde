from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"

    def ready(self):
        import records.clauses
        import records.portal_sections  # noqa: F401  (the carer portal's cards on carer and household pages)
        from records.evidence_sections import register as register_evidence_sections

        register_evidence_sections()
