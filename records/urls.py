from django.urls import path

from records.resources import RESOURCES
from records.views import generic

app_name = "records"

# Fixed pages first; each block belongs to its view module.
urlpatterns = [
    # Evidence: uploads, bulk upload, the verification inbox, preview and download (views/evidence.py)

    # The carer portal and change requests (views/portal.py)

]
for resource in RESOURCES:
    kwargs = {"slug": resource.slug}
    prefix = resource.url_prefix
    urlpatterns += [
        path(f"{resource.slug}/", generic.record_list, kwargs, name=f"{prefix}_list"),
        path(f"{resource.slug}/add/", generic.record_create, kwargs, name=f"{prefix}_create"),
        path(f"{resource.slug}/<int:pk>/", generic.record_detail, kwargs, name=f"{prefix}_detail"),
        path(f"{resource.slug}/<int:pk>/edit/", generic.record_update, kwargs, name=f"{prefix}_update"),
        path(f"{resource.slug}/<int:pk>/history/", generic.record_history, kwargs, name=f"{prefix}_history"),
    ]
