from django.urls import path

from records.imports.types import SPECS_BY_MODEL
from records.resources import RESOURCES
from records.views import access_log, evidence, exports, generic, imports, portal

app_name = "records"

# Fixed pages first, so no record slug can shadow them.
urlpatterns = [
    # Evidence: uploads, bulk upload, the verification inbox, preview and download (views/evidence.py)
    path("evidence/upload/", evidence.evidence_upload, name="evidence_upload"),
    path("evidence/inbox/", evidence.evidence_inbox, name="evidence_inbox"),
    path("evidence/bulk/", evidence.evidence_bulk, name="evidence_bulk"),
    path("evidence/bulk/file/", evidence.evidence_bulk_file, name="evidence_bulk_file"),
    path("evidence/<int:pk>/", evidence.evidence_detail, name="evidence_detail"),
    path("evidence/<int:pk>/file/", evidence.evidence_file, name="evidence_file"),
    path("evidence/<int:pk>/download/", evidence.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/verify/", evidence.evidence_verify, name="evidence_verify"),
    path("evidence/<int:pk>/reject/", evidence.evidence_reject, name="evidence_reject"),

    # The carer portal and change requests (views/portal.py)
    path("portal/", portal.portal, name="portal"),
    path("portal/contact/", portal.portal_contact, name="portal_contact"),
    path("portal/address/", portal.portal_address, name="portal_address"),
    path("portal/members/add/", portal.portal_member_add, name="portal_member_add"),
    path("portal/members/<int:pk>/change/", portal.portal_member_change, name="portal_member_change"),
    path("portal/members/<int:pk>/leaving/", portal.portal_member_leaving, name="portal_member_leaving"),
    path("change-requests/", portal.change_request_list, name="change_requests"),
    path("change-requests/<int:pk>/", portal.change_request_detail, name="change_request_detail"),

    # Spreadsheet import: upload and dry run, apply the kept file, templates per type (views/imports.py)
    path("import/", imports.import_start, name="import"),
    path("import/apply/", imports.import_confirm, name="import_confirm"),
    path("import/<slug:slug>/template.<str:fmt>", imports.import_template, name="import_template"),

    # Who viewed, downloaded or exported what: the manager's read-only access log (views/access_log.py)
    path("access-log/", access_log.access_log, name="access_log"),
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
    # Spreadsheet exports, for lists with an import type: ?format=csv|xlsx plus the list's query (views/exports.py)
    if resource.model in SPECS_BY_MODEL:
        urlpatterns.append(path(f"{resource.slug}/export/", exports.record_export, kwargs, name=f"{prefix}_export"))
