from django.urls import path

from inspections.views import access, interviews, notice, outcomes, pack, readiness

app_name = "inspections"

urlpatterns = [
    path("", notice.inspection_list, name="list"),
    path("notice/", notice.notice_record, name="notice_record"),
    path("<int:pk>/", notice.inspection_detail, name="detail"),
    path("<int:pk>/edit/", notice.inspection_edit, name="edit"),

    # Readiness during the notice period (views/readiness.py)
    path("before/", readiness.readiness_current, name="readiness_current"),
    path("<int:pk>/readiness/", readiness.readiness_page, name="readiness"),

    # After fieldwork: dates, judgements, requirements and the action plan (views/outcomes.py)
    path("<int:pk>/outcomes/", outcomes.outcomes, name="outcomes"),
    path("<int:pk>/outcomes/edit/", outcomes.outcomes_edit, name="outcomes_edit"),
    path("<int:pk>/outcomes/findings/add/", outcomes.finding_edit, name="finding_create"),
    path("<int:pk>/outcomes/findings/<int:finding_pk>/edit/", outcomes.finding_edit, name="finding_edit"),
    path("<int:pk>/outcomes/findings/<int:finding_pk>/met/", outcomes.finding_met, name="finding_met"),
    path("<int:pk>/outcomes/findings/<int:finding_pk>/actions/add/", outcomes.action_edit, name="action_create"),
    path("<int:pk>/outcomes/actions/<int:action_pk>/edit/", outcomes.action_edit, name="action_edit"),

    # Interview records (views/interviews.py)
    path("<int:pk>/interviews/", interviews.interview_list, name="interview_list"),
    path("<int:pk>/interviews/add/", interviews.interview_edit, name="interview_create"),
    path("<int:pk>/interviews/<int:interview_pk>/", interviews.interview_detail, name="interview_detail"),
    path("<int:pk>/interviews/<int:interview_pk>/edit/", interviews.interview_edit, name="interview_edit"),

    # The pack: preview, generation, progress, downloads (views/pack.py)
    path("packs/", pack.pack_list, name="pack_list"),
    path("packs/new/", pack.pack_request, name="pack_request"),
    path("packs/preview/", pack.pack_preview, name="pack_preview"),
    path("packs/<int:pk>/", pack.pack_detail, name="pack_detail"),
    path("packs/<int:pk>/status/", pack.pack_status, name="pack_status"),
    path("packs/<int:pk>/download/<str:kind>/", pack.pack_download, name="pack_download"),

    # Inspector access and sampled cases (views/access.py)
    path("<int:pk>/access/grant/", access.grant_create, name="access_grant"),
    path("<int:pk>/access/<int:grant_pk>/withdraw/", access.grant_revoke, name="access_revoke"),
    path("<int:pk>/access/log/", access.access_log, name="access_log"),
    path("<int:pk>/cases/", access.case_list, name="access_cases"),
]
