from django.urls import path

from panels.views import decisions, items, meetings, members

app_name = "panels"

urlpatterns = [
    path("members/", members.member_list, name="member_list"),
    path("members/add/", members.member_create, name="member_create"),
    path("members/<int:pk>/", members.member_detail, name="member_detail"),
    path("members/<int:pk>/edit/", members.member_update, name="member_update"),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/add/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_update, name="meeting_update"),
    path("meetings/<int:pk>/attendance/", meetings.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/items/add/", meetings.item_create, name="item_create"),
    path("meetings/<int:pk>/minutes/", meetings.minutes_record, name="minutes_record"),
    path("meetings/<int:pk>/minutes/file/", meetings.minutes_download, name="minutes_download"),
    path("items/<int:pk>/", items.item_detail, name="item_detail"),
    path("items/<int:pk>/recommendation/", items.item_recommendation, name="item_recommendation"),
    path("items/<int:pk>/papers/add/", items.paper_upload, name="paper_upload"),
    path("items/<int:pk>/decision/", decisions.decision_create, name="decision_create"),
    path("papers/<int:pk>/file/", items.paper_download, name="paper_download"),
    path("decisions/", decisions.decision_queue, name="decision_queue"),
    path("decisions/<int:pk>/notices/", decisions.decision_notices, name="decision_notices"),
    path("decisions/<int:pk>/letter/", decisions.decision_letter, name="decision_letter"),
    path("households/<int:pk>/", items.household_history, name="household_history"),
]
