"""The web import: pick a type and a file, see the dry run row by row, then apply it (managers and administrators).

The uploaded file is kept privately in storage (private/imports/<random token>.<ext>) with the token in
the session, so "Import" applies the file that was checked, never a second upload. It is planned again
on apply (records may have changed since the dry run) and applied only if still valid, in one
transaction (records.imports.apply). Stored files go after apply, or after an hour if abandoned.
"""

import os
import secrets
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.models import OFFICE_ROLES
from records.imports.apply import ImportRefused, import_apply
from records.imports.columns import show_value
from records.imports.plan import CREATE, ERROR, UNCHANGED, UPDATE, RowError, import_plan
from records.imports.types import SPECS
from records.imports.write import table_bytes, template_rows
from records.permissions import ADD, CHANGE, can, policy_for, restrict
from records.resources import RESOURCES
from records.views.exports import spreadsheet_response

FOLDER = "private/imports"
SESSION_KEY = "record_imports"
KEEP_FOR = timedelta(hours=1)
ROWS_SHOWN = 500  # rows without errors listed on the dry run page; every error is always listed


def can_import(user) -> bool:
    return user.is_authenticated and user.role in OFFICE_ROLES


def importable(user) -> list:
    """The import types this user may write: both add and change their model."""
    specs = []
    for spec in SPECS.values():
        try:
            allowed = can(user, ADD, spec.model) and can(user, CHANGE, spec.model)
        except LookupError:  # not a records model (panel members): managers only
            allowed = user.is_manager
        if allowed:
            specs.append(spec)
    return specs


class ImportForm(forms.Form):
    type = forms.ChoiceField(label="What the file holds")
    file = forms.FileField(label="File (.csv or .xlsx)",
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))

    def __init__(self, *args, specs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", "Choose…")] + [(spec.slug, _title(spec)) for spec in specs]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select" if field is self.fields["type"] else "form-control"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if os.path.splitext(upload.name)[1].lower() not in (".csv", ".xlsx"):
            raise forms.ValidationError("Choose a .csv or .xlsx file. Save it from your spreadsheet as "
                                        "\"CSV UTF-8\" or as an Excel workbook (.xlsx).")
        return upload


def _title(spec):
    return str(spec.model._meta.verbose_name_plural).capitalize()


def _allowed_spec(user, slug):
    spec = next((spec for spec in importable(user) if spec.slug == slug), None)
    if spec is None:
        raise Http404
    return spec


@login_required
def import_start(request):
    if not can_import(request.user):
        raise PermissionDenied
    specs = importable(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, specs=specs,
                      initial={"type": request.GET.get("type", "")})
    if request.method == "POST" and form.is_valid():
        spec = _allowed_spec(request.user, form.cleaned_data["type"])
        upload = form.cleaned_data["file"]
        _forget_stale(request)
        plan = _plan(request.user, spec, upload, upload.name)
        token = _keep(request, spec, upload) if plan.is_valid and _changes(plan) else None
        return render(request, "records/imports/review.html", _review_context(request, plan, form, token))
    return render(request, "records/imports/start.html", {
        "form": form, "specs": [(spec, _title(spec)) for spec in specs]})


@login_required
def import_confirm(request):
    """Applies the file kept by the dry run, after planning it again."""
    if not can_import(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("records:import")
    token = request.POST.get("token", "")
    kept = request.session.get(SESSION_KEY, {}).pop(token, None)
    request.session.modified = True
    if kept is None or timezone.now().timestamp() - kept["at"] > KEEP_FOR.total_seconds():
        if kept:
            _delete(kept["path"])
        messages.error(request, "That dry run has expired. Upload the file again.")
        return redirect("records:import")
    spec = _allowed_spec(request.user, kept["slug"])
    try:
        with default_storage.open(kept["path"], "rb") as file:
            plan = _plan(request.user, spec, file, kept["name"])
    finally:
        _delete(kept["path"])
    if not plan.is_valid:
        messages.error(request, "The records have changed since the dry run, and the file no longer imports "
                                "cleanly. Nothing was imported; fix the rows below and upload it again.")
        form = ImportForm(initial={"type": spec.slug}, specs=importable(request.user))
        return render(request, "records/imports/review.html", _review_context(request, plan, form, None))
    try:
        counts = import_apply(plan=plan, user=request.user)
    except ImportRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("records:import")
    messages.success(request, f"Imported {plan.filename}: {counts[CREATE]} created, {counts[UPDATE]} updated.")
    return redirect(_list_url(spec))


@login_required
def import_template(request, slug, fmt):
    if not can_import(request.user):
        raise PermissionDenied
    spec = _allowed_spec(request.user, slug)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    content = table_bytes(spec.headers, template_rows(spec), fmt=fmt)
    return spreadsheet_response(content, fmt=fmt, filename=f"{spec.slug}-template")


def _plan(user, spec, upload, filename):
    """The dry run, with rows this user may not write marked as errors (an administrator and a staff
    member's check or training record, which only managers see)."""
    plan = import_plan(spec=spec, upload=upload, filename=filename)
    if user.is_manager:
        return plan
    policy = policy_for(spec.model)
    updates = [row.obj.pk for row in plan.rows if row.action in (UPDATE, UNCHANGED)]
    allowed = set(restrict(spec.model.objects.filter(pk__in=updates), user, CHANGE).values_list("pk", flat=True))
    for row in plan.rows:
        if row.obj is None:
            continue
        staff_only = policy.staff_field and getattr(row.obj, f"{policy.staff_field}_id", None)
        if staff_only or (row.action in (UPDATE, UNCHANGED) and row.obj.pk not in allowed):
            row.action = ERROR
            row.errors.append(RowError(row.row, "", "", "only a manager may import this record"))
    return plan


def _list_url(spec):
    resource = next((resource for resource in RESOURCES if resource.model is spec.model), None)
    return reverse(f"records:{resource.url_prefix}_list") if resource else reverse("records:import")


def _changes(plan):
    return plan.count(CREATE) + plan.count(UPDATE)


def _review_context(request, plan, form, token):
    headers = {column.field: column.header for column in plan.spec.columns}
    rows, shown = [], 0
    for row in plan.rows:
        if row.action != ERROR:
            shown += 1
            if shown > ROWS_SHOWN:
                continue
        rows.append({
            "number": row.row, "action": row.action, "record": str(row.obj) if row.obj is not None else "",
            "changes": [(headers.get(name, name), show_value(old), show_value(new))
                        for name, (old, new) in row.changes.items()],
            "errors": row.errors,
        })
    return {
        "plan": plan, "spec": plan.spec, "title": _title(plan.spec), "rows": rows, "token": token, "form": form,
        "hidden_rows": max(0, shown - ROWS_SHOWN), "changes": _changes(plan),
        "counts": {CREATE: plan.count(CREATE), UPDATE: plan.count(UPDATE), UNCHANGED: plan.count(UNCHANGED),
                   "errors": len(plan.errors)},
    }


def _keep(request, spec, upload) -> str:
    """Stores the checked file under a random name and notes it in this user's session."""
    token = secrets.token_urlsafe(24)
    extension = os.path.splitext(upload.name)[1].lower()
    upload.seek(0)
    path = default_storage.save(f"{FOLDER}/{token}{extension}", upload)
    kept = request.session.setdefault(SESSION_KEY, {})
    kept[token] = {"slug": spec.slug, "name": upload.name, "path": path, "at": timezone.now().timestamp()}
    request.session.modified = True
    return token


def _forget_stale(request):
    """Drops dry runs older than an hour: this session's, and any file left in the folder by another."""
    cutoff = timezone.now() - KEEP_FOR
    kept = request.session.get(SESSION_KEY, {})
    for token, entry in list(kept.items()):
        if entry["at"] < cutoff.timestamp():
            _delete(kept.pop(token)["path"])
            request.session.modified = True
    try:
        _, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    for name in files:
        path = f"{FOLDER}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            _delete(path)


def _delete(path):
    try:
        default_storage.delete(path)
    except FileNotFoundError:
        pass
