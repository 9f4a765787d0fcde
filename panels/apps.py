from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "panels"

    def ready(self):
        import panels.clauses  # noqa: F401  (registers clause tags; see compliance/registry.py)
        from panels.sections import household_panel_section
        from records.views.generic import register_detail_section

        register_detail_section("households", household_panel_section)
