from django.urls import path

from compliance import views

app_name = "compliance"
urlpatterns = [
    path("clauses/", views.clause_list, name="clause_list"),
    path("clauses/<str:clause_id>/", views.clause_detail, name="clause_detail"),
]
