from django.urls import path

from inspections.views import notice

app_name = "inspections"

# One block per feature; each view module owns its block.
urlpatterns = [
    path("", notice.inspection_list, name="list"),
    path("notice/", notice.notice_record, name="notice_record"),
    path("<int:pk>/", notice.inspection_detail, name="detail"),
    path("<int:pk>/edit/", notice.inspection_edit, name="edit"),
]

# Readiness during the notice period (views/readiness.py)

# After fieldwork: dates, judgements, requirements and the action plan (views/outcomes.py)

# Interview records (views/interviews.py)

# The pack: preview, generation, progress, downloads (views/pack.py)

# Inspector access and sampled cases (views/access.py)
