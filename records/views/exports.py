"""A list page's rows as CSV or XLSX, in the import template's columns (records/imports/write.py).

The rows are the list's own queryset (generic.list_queryset), so a download holds exactly what
the user sees with the current search and filters, and it can be edited and imported back.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import timezone

from accounts.models import AccessLog
from accounts.services import access_log_record
from records.imports.types import SPECS_BY_MODEL
from records.imports.write import export_rows, table_bytes
from records.resources import BY_SLUG
from records.views.generic import can_export, list_queryset

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def spreadsheet_response(content: bytes, *, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _foreign_keys(spec):
    """The related records the columns print (a household's reference, a worker's email): one join each."""
    names = {column.field for column in spec.columns if column.field}
    return [f.name for f in spec.model._meta.get_fields() if f.name in names and f.many_to_one]


@login_required
def record_export(request, *, slug):
    resource = BY_SLUG[slug]
    if not can_export(request.user, resource):
        raise PermissionDenied
    fmt = request.GET.get("format", "csv")
    if fmt not in CONTENT_TYPES:
        raise Http404
    spec = SPECS_BY_MODEL[resource.model]
    queryset, _, _ = list_queryset(request, resource)
    queryset = queryset.select_related(*_foreign_keys(spec))
    rows = list(export_rows(spec, queryset))
    access_log_record(user=request.user, action=AccessLog.Action.EXPORT, object_kind=resource.model._meta.label,
                      label=f"{len(rows)} rows", path=request.get_full_path())
    filename = f"{spec.slug}-{timezone.localdate():%Y-%m-%d}"
    return spreadsheet_response(table_bytes(spec.headers, rows, fmt=fmt), fmt=fmt, filename=filename)
