from django.contrib import admin
from django.urls import include, path

from records.views.home import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("records/", include("records.urls")),
    path("compliance/", include("compliance.urls")),
    path("panels/", include("panels.urls")),
    path("inspections/", include("inspections.urls")),
    path("operations/", include("operations.urls")),
    path("admin/", admin.site.urls),
]
