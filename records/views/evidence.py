"""Evidence pages: upload, the evidence page, its file (preview and download), the inbox and bulk upload.

Every view fetches through records/evidence.py, which checks the record the evidence supports each
time: anything the user may not see is a 404. Every file request writes an AccessLog row.
"""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from accounts.models import AccessLog
from accounts.services import access_log_record
from records import evidence as ev
from records.evidence_forms import (
    BulkUploadForm,
    RejectForm,
    UploadForm,
    VerifyForm,
    checks_for,
)
from records.files import INLINE_TYPES, private_file_response
from records.models import Evidence, EvidenceKind

INBOX_PAGE_SIZE = 20


def _get(user, pk) -> Evidence:
    try:
        return ev.evidence_get(user, pk)
    except Evidence.DoesNotExist:
        raise Http404("No such evidence.") from None


def _next_url(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def _target_from(request, user):
    """The one target named in the query string, if the user may upload for it; 404 otherwise."""
    named = [field for field in ev.TARGET_FIELDS if request.GET.get(field)]
    if len(named) != 1 or not request.GET[named[0]].isdigit():
        raise Http404("Say which record the evidence is for.")
    field = named[0]
    target = ev.target_model(field).objects.filter(pk=request.GET[field]).first()
    if target is None or not ev.may_upload_for(user, field, target):
        raise Http404("No such record.")
    return field, target


def _add_errors(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def evidence_upload(request):
    user = request.user
    field, target = _target_from(request, user)
    kind = request.GET.get("kind")
    form = UploadForm(request.POST or None, request.FILES or None,
                      initial={"kind": kind if kind in EvidenceKind.values else EvidenceKind.OTHER})
    back = _next_url(request, target.get_absolute_url())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evidence = ev.evidence_upload(upload=data["file"], kind=data["kind"], user=user, target_field=field,
                                          target=target, title=data["title"], issued_on=data["issued_on"],
                                          expires_on=data["expires_on"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, f"“{evidence.original_filename}” is uploaded; the agency will check it.")
            return redirect(back)
    return render(request, "records/evidence/upload.html", {
        "form": form, "target": target, "target_label": Evidence._meta.get_field(field).verbose_name,
        "back": back, "next": request.GET.get("next", ""),
    })


@login_required
def evidence_detail(request, pk):
    evidence = _get(request.user, pk)
    target = ev.target_of(evidence)[1]
    evidence.clause_list = list(evidence.clauses.order_by("sort_order"))
    versions = []
    older = evidence.supersedes if evidence.supersedes_id else None
    while older is not None and len(versions) < 20:
        if ev.may_view(request.user, older):
            versions.append(older)
        older = older.supersedes
    newer = Evidence.objects.filter(supersedes=evidence).first()
    can_verify = ev.may_verify(request.user, evidence) and evidence.status == Evidence.Status.PENDING
    return render(request, "records/evidence/detail.html", {
        "evidence": evidence, "target": target, "versions": versions, "newer": newer,
        "inline": evidence.content_type in INLINE_TYPES,
        "verify_form": VerifyForm(evidence=evidence) if can_verify and evidence.is_current else None,
        "reject_form": RejectForm(evidence=evidence) if can_verify else None,
    })


def _file(request, pk, *, inline):
    evidence = _get(request.user, pk)
    action = AccessLog.Action.VIEW if inline else AccessLog.Action.DOWNLOAD
    access_log_record(user=request.user, action=action, obj=evidence, path=request.get_full_path())
    return private_file_response(evidence.file, download_name=ev.download_name(evidence), inline=inline)


@login_required
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})  # the inbox and detail pages show it in a frame
def evidence_file(request, pk):
    """The file for the page to show (PDFs and images; anything else downloads)."""
    return _file(request, pk, inline=True)


@login_required
def evidence_download(request, pk):
    return _file(request, pk, inline=False)


@login_required
def evidence_inbox(request):
    if request.user.is_carer or request.user.is_read_only:
        raise PermissionDenied
    # Each item carries a preview and two forms, so pages are short.
    page = Paginator(ev.evidence_inbox(request.user), INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    checks = checks_for(items)
    for item in items:
        item.target = ev.target_of(item)[1]
        item.inline = item.content_type in INLINE_TYPES
        item.verify_form = VerifyForm(evidence=item, checks=checks.get(item.pk, []))
        item.reject_form = RejectForm(evidence=item)
    return render(request, "records/evidence/inbox.html", {
        "items": items, "page": page, "total": page.paginator.count,
    })


def _decide(request, pk, form_class, action):
    evidence = _get(request.user, pk)
    if not ev.may_verify(request.user, evidence):
        raise Http404("No such evidence.")
    form = form_class(request.POST, evidence=evidence)
    back = _next_url(request, reverse("records:evidence_inbox"))
    if form.is_valid():
        try:
            action(evidence, form)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return redirect(back)
    return render(request, "records/evidence/detail.html", {
        "evidence": evidence, "target": ev.target_of(evidence)[1], "versions": [], "newer": None,
        "inline": evidence.content_type in INLINE_TYPES, "next": back,
        "verify_form": form if form_class is VerifyForm else VerifyForm(evidence=evidence),
        "reject_form": form if form_class is RejectForm else RejectForm(evidence=evidence),
    }, status=400)


@login_required
@require_POST
def evidence_verify(request, pk):
    def verify(evidence, form):
        ev.evidence_verify(evidence=evidence, user=request.user, **form.service_kwargs())
        recorded = evidence.check_record or evidence.training_record
        messages.success(request, f"Verified “{evidence}”." + (f" Recorded: {recorded}." if recorded else ""))
    return _decide(request, pk, VerifyForm, verify)


@login_required
@require_POST
def evidence_reject(request, pk):
    def reject(evidence, form):
        ev.evidence_reject(evidence=evidence, user=request.user, reason=form.cleaned_data["rejection_reason"])
        messages.success(request, f"Rejected “{evidence}”; the reason is on its page.")
    return _decide(request, pk, RejectForm, reject)


# Bulk upload --------------------------------------------------------------------------------------

def _staff_uploader(user):
    if user.is_carer or user.is_read_only or not ev.upload_targets(user, limit=1):
        raise PermissionDenied


GROUP_TITLES = {"household": "Households", "carer": "Foster carers", "household_member": "Household members",
                "staff_member": "Staff"}


def _target_groups(targets):
    """The bulk table's select: (title, [(value, label)]) per kind of record."""
    groups = {}
    for field, target in targets:
        label = str(target) if field in {"household", "staff_member"} else f"{target} · {target.household}"
        groups.setdefault(GROUP_TITLES[field], []).append((f"{field}:{target.pk}", label))
    return list(groups.items())


def _parse_target(value, targets):
    field, _, pk = (value or "").partition(":")
    return next(((f, t) for f, t in targets if f == field and str(t.pk) == pk), (None, None))


@login_required
def evidence_bulk(request):
    """Several files in one go. Without JS: a multi-file form, then a table to give each a record and type."""
    user = request.user
    _staff_uploader(user)
    targets = ev.upload_targets(user)
    form = BulkUploadForm()
    if request.method == "POST" and request.POST.get("step") == "assign":
        _bulk_assign(request, targets)
        return redirect("records:evidence_bulk")
    if request.method == "POST":
        form = BulkUploadForm(request.POST, request.FILES)
        if form.is_valid():
            stored, refused = 0, []
            for upload in form.cleaned_data["files"]:
                try:
                    ev.evidence_upload(upload=upload, kind=EvidenceKind.OTHER, user=user)
                    stored += 1
                except ValidationError as exc:
                    refused.append(f"{upload.name}: {' '.join(exc.messages)}")
            if stored:
                messages.success(request, f"{stored} file{'s' if stored != 1 else ''} uploaded: "
                                          "now choose the record and type for each.")
            for problem in refused:
                messages.error(request, f"Not uploaded: {problem}")
            return redirect("records:evidence_bulk")
    return render(request, "records/evidence/bulk.html", {
        "form": form, "unassigned": list(ev.evidence_unassigned(user)), "target_groups": _target_groups(targets),
        "kinds": EvidenceKind.choices,
    })


def _bulk_assign(request, targets):
    assigned = 0
    for evidence in ev.evidence_unassigned(request.user):
        field, target = _parse_target(request.POST.get(f"target-{evidence.pk}"), targets)
        kind = request.POST.get(f"kind-{evidence.pk}")
        if field is None or kind not in EvidenceKind.values:
            continue  # left for later
        try:
            ev.evidence_assign(evidence=evidence, user=request.user, target_field=field, target=target, kind=kind)
            assigned += 1
        except ValidationError as exc:
            messages.error(request, f"{evidence.original_filename}: {' '.join(exc.messages)}")
    if assigned:
        messages.success(request, f"{assigned} file{'s' if assigned != 1 else ''} sent to the evidence inbox.")


@login_required
@require_POST
def evidence_bulk_file(request):
    """One file from the drag-and-drop screen (static/js/evidence_bulk.js); JSON in reply."""
    user = request.user
    _staff_uploader(user)
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"ok": False, "error": "No file arrived. Try again."}, status=400)
    field, target = _parse_target(request.POST.get("target"), ev.upload_targets(user))
    kind = request.POST.get("kind")
    try:
        evidence = ev.evidence_upload(upload=upload, user=user, target_field=field, target=target,
                                      kind=kind if kind in EvidenceKind.values else EvidenceKind.OTHER)
    except ValidationError as exc:
        return JsonResponse({"ok": False, "name": upload.name, "error": " ".join(exc.messages)}, status=400)
    return JsonResponse({"ok": True, "id": evidence.pk, "name": evidence.original_filename,
                         "assigned": field is not None, "url": evidence.get_absolute_url()})
