from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"

    def ready(self):
        from compliance.services import run_finished
        from inspections.readiness import notice_run_finished

        # The notice's compliance run, once it succeeds, is the readiness page's baseline.
        run_finished.connect(notice_run_finished, dispatch_uid="inspections-notice-snapshot")
