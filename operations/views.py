"""The retention review page: what is past its retention period, for a manager to decide on."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from accounts.models import AccessLog
from accounts.services import access_log_record
from operations.retention import CSV_HEADERS, records_past_retention, retention_rows, retention_settings
from records.imports.write import table_bytes
from records.views.exports import spreadsheet_response


def _as_of(request) -> date:
    try:
        return date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return timezone.localdate()


@login_required
def retention(request):
    if not request.user.is_manager:
        raise PermissionDenied
    as_of = _as_of(request)
    report = records_past_retention(as_of=as_of)
    if request.GET.get("format") == "csv":
        rows = retention_rows(report, base_url=request.build_absolute_uri("/").rstrip("/"))
        access_log_record(user=request.user, action=AccessLog.Action.EXPORT, object_kind="operations.retention",
                          label=f"{len(rows)} records past retention", path=request.get_full_path())
        return spreadsheet_response(table_bytes(CSV_HEADERS, rows, fmt="csv"), fmt="csv",
                                    filename=f"retention-review-{as_of:%Y-%m-%d}")
    return render(request, "operations/retention.html", {
        "as_of": as_of, "report": report, "periods": retention_settings(),
        "total": sum(len(records) for records in report.values()),
    })
