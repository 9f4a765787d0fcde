"""Inspection pages: the pack. Preview it, generate a version, watch its progress, download it.

Who may do what: managers (registered manager, responsible individual) generate packs and may choose
children's full names; every staff role may see and download packs and the live preview; an inspector
may see and download the packs of the inspection their active grant is for, and nothing else; anyone
else gets a 404. Files are only ever streamed by `pack_download`, which logs every download.
"""

import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from accounts.models import AccessLog
from accounts.services import access_log_record
from inspections.models import PackExport
from inspections.pack import bundle, selectors
from inspections.pack.build import pack_build
from inspections.pack.forms import PackRequestForm
from inspections.pack.render import sections_html
from inspections.pack.services import pack_request as pack_request_service
from inspections.permissions import require_change
from records.files import private_file_response

LATEST_ON_INSPECTION_PAGE = 5
# Tables offered as CSV on the pack page (every table is in the ZIP and the workbook).
CSV_TABLES = {"carers-register": "Register of foster carers", "case-list": "Case list of children placed"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def detail_context(request, inspection, now) -> dict:
    """What templates/inspections/detail/_pack.html needs on the inspection page."""
    packs = list(selectors.packs_for(user=request.user, now=now).filter(inspection=inspection)
                 [:LATEST_ON_INSPECTION_PAGE])
    return {"pack_list": packs, "pack_can_generate": selectors.can_generate(request.user),
            "pack_form": PackRequestForm(initial={"inspection": inspection.pk})}


@login_required
def pack_list(request):
    selectors.require_pack_list(request.user)
    return render(request, "inspections/pack/list.html", {
        "packs": selectors.packs_for(user=request.user)[:200], "can_generate": selectors.can_generate(request.user),
        "can_preview": selectors.can_preview(request.user), "form": PackRequestForm(),
    })


@login_required
@require_POST
def pack_request(request):
    """Queue a new version; the task runs on commit (inline in the demo), then the pack's page shows progress."""
    require_change(request.user)
    form = PackRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That inspection no longer exists.")
        return redirect("inspections:pack_list")
    pack = pack_request_service(user=request.user, inspection=form.cleaned_data["inspection"],
                                full_names=form.cleaned_data["full_names"])
    pack.refresh_from_db()  # where the task runs inline (the demo) it has already finished
    if pack.status == PackExport.Status.FAILED:
        messages.error(request, f"The pack could not be generated: {pack.error or 'no reason was recorded'}.")
    else:
        messages.success(request, f"{pack} requested.")
    return redirect(pack)


@login_required
def pack_detail(request, pk):
    pack = selectors.pack_get(user=request.user, pk=pk)
    return render(request, "inspections/pack/detail.html", {
        "pack": pack, "csv_tables": CSV_TABLES, "can_generate": selectors.can_generate(request.user),
        "form": PackRequestForm(initial={"inspection": pack.inspection_id, "full_names": pack.full_names}),
    })


@login_required
def pack_status(request, pk):
    """The progress fragment. htmx polls it every second while the pack is unfinished; once a polled pack
    has finished, the page reloads itself (HX-Refresh) to show the downloads."""
    pack = selectors.pack_get(user=request.user, pk=pk)
    response = render(request, "inspections/pack/_status.html", {"pack": pack})
    if request.htmx and pack.finished and request.GET.get("poll"):
        response["HX-Refresh"] = "true"
    return response


@login_required
def pack_preview(request):
    """Today's records through the same gatherers and templates as the PDF; nothing is kept."""
    if not selectors.can_preview(request.user):
        raise Http404
    full_names = selectors.can_generate(request.user) and request.GET.get("full_names") == "1"
    pack = pack_build(full_names=full_names, generated_by=request.user)
    access_log_record(user=request.user, action=AccessLog.Action.VIEW, object_kind="inspections.pack_preview",
                      label="Inspection pack preview" + (" (full names)" if full_names else ""),
                      path=request.get_full_path())
    return render(request, "inspections/pack/preview.html", {
        "pack": pack, "meta": pack.meta, "sections": pack.sections, "sections_html": sections_html(pack.sections),
        "full_names": full_names, "can_choose_names": selectors.can_generate(request.user),
    })


@login_required
def pack_download(request, pk, kind):
    """The PDF, the ZIP, the workbook or one table's CSV, after the permission check; every one logged."""
    pack = selectors.pack_get(user=request.user, pk=pk)
    if pack.status != PackExport.Status.SUCCEEDED:
        raise Http404("This pack has no files yet.")
    name = bundle.base_name(pack.version)
    if kind == "pdf":
        response = private_file_response(pack.pdf, download_name=f"{name}.pdf")
    elif kind == "zip":
        response = private_file_response(pack.bundle, download_name=f"{name}.zip")
        response["Content-Type"] = "application/zip"
    elif kind == "xlsx":
        response = _bundle_member(pack, bundle.xlsx_path(pack.version), f"{name}.xlsx", XLSX_TYPE)
    elif kind.endswith(".csv") and kind.removesuffix(".csv") in CSV_TABLES:
        table_id = kind.removesuffix(".csv")
        response = _bundle_member(pack, bundle.csv_path(table_id), f"{name}-{table_id}.csv",
                                  "text/csv; charset=utf-8")
    else:
        raise Http404("No such file.")
    access_log_record(user=request.user, action=AccessLog.Action.DOWNLOAD, obj=pack, label=f"{pack} ({kind})",
                      path=request.get_full_path())
    response.access_logged = True  # for middleware that logs downloads too: this one is already written
    return response


def _bundle_member(pack, path, download_name, content_type) -> HttpResponse:
    """One file from the pack's ZIP, read from storage (the ZIP's directory first, then that file only)."""
    try:
        with pack.bundle.storage.open(pack.bundle.name, "rb") as handle, zipfile.ZipFile(handle) as archive:
            data = archive.read(path)
    except (FileNotFoundError, OSError, KeyError, zipfile.BadZipFile):
        raise Http404("The file is missing from the pack.") from None
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=download_name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
