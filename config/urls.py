from django.contrib import admin
from django.urls import include, path

from config.health import health_view
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
    path("healthz", health_view, name="health"),
]
