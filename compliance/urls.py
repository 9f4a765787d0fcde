from django.urls import path

from compliance.views import clauses, dashboard, gaps, policy, reminders, runs

app_name = "compliance"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("gaps/", gaps.gap_list, name="gap_list"),
    path("gaps/export.<str:fmt>", gaps.gap_export, name="gap_export"),
    path("gaps/<int:pk>/", gaps.gap_detail, name="gap_detail"),
    path("runs/", runs.run_list, name="run_list"),
    path("runs/recheck/", runs.run_recheck, name="run_recheck"),
    path("runs/<int:pk>/status/", runs.run_status, name="run_status"),
    path("policy/", policy.policy_edit, name="policy"),
    path("reminders/", reminders.reminders_mine, name="reminders_mine"),
    path("reminders/<int:pk>/", reminders.reminder_detail, name="reminder_detail"),
    path("clauses/", clauses.clause_list, name="clause_list"),
    path("clauses/<str:clause_id>/", clauses.clause_detail, name="clause_detail"),
]
