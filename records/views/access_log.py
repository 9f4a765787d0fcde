"""The manager's access log: who viewed, downloaded or exported sensitive records, searchable, read only.

Rows are written by code (accounts.services.access_log_record) and never changed here: the page
only answers GET, and the admin registers the model read only. Its CSV download is itself logged.
"""

import csv

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.models import AccessLog, User
from accounts.services import access_log_record
from compliance.exports import safe_cell
from records.permissions import VIEW, can, restrict

PAGE_SIZE = 50
KIND_NAMES = {"records.resident": "Child", "page": "Page", "inspections.pack_preview": "Inspection pack preview"}


def kind_name(kind: str) -> str:
    """"records.allegation" → "Allegation", for a model; other kinds (pages, pack previews) as they are."""
    if kind in KIND_NAMES:
        return KIND_NAMES[kind]
    try:
        return str(apps.get_model(kind)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return kind


class AccessLogFilter(forms.Form):
    user = forms.ModelChoiceField(label="Person", required=False, queryset=User.objects.none(), empty_label="Anyone")
    kind = forms.ChoiceField(label="Kind of record", required=False)
    record = forms.CharField(label="Record", required=False, max_length=100,
                             help_text="Part of its name, or its number.")
    object_id = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    action = forms.ChoiceField(required=False, choices=[("", "Any"), *AccessLog.Action.choices])
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(access_log__isnull=False).distinct().order_by(
            "first_name", "last_name", "username")
        kinds = AccessLog.objects.annotate(kind=Lower("object_kind")).values_list("kind", flat=True).distinct()
        self.fields["kind"].choices = [("", "Any"), *sorted(((k, kind_name(k)) for k in kinds if k),
                                                            key=lambda choice: choice[1])]
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select form-select-sm"
                                          if isinstance(field.widget, forms.Select) else "form-control form-control-sm")

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data["user"]:
            queryset = queryset.filter(user=data["user"])
        if data["kind"]:
            queryset = queryset.filter(object_kind__iexact=data["kind"])
        if data["object_id"]:
            queryset = queryset.filter(object_id=data["object_id"])
        if record := data["record"].strip():
            queryset = queryset.filter(object_id=record) if record.isdigit() else queryset.filter(
                label__icontains=record)
        if data["action"]:
            queryset = queryset.filter(action=data["action"])
        if data["date_from"]:
            queryset = queryset.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            queryset = queryset.filter(at__date__lte=data["date_to"])
        return queryset


def record_links(user, entries):
    """{(kind, id): url} for the entries whose record still exists and `user` may open: one query per kind."""
    wanted = {}
    for entry in entries:
        if entry.object_id.isdigit():
            wanted.setdefault(entry.object_kind.lower(), set()).add(int(entry.object_id))
    links = {}
    for kind, ids in wanted.items():
        try:
            model = apps.get_model(kind)
        except (LookupError, ValueError):
            continue  # "page", "inspections.pack_preview": not a row
        if not hasattr(model, "get_absolute_url"):
            continue
        queryset = model._default_manager.filter(pk__in=ids)
        try:
            if not can(user, VIEW, model):
                continue
            queryset = restrict(queryset, user, VIEW)
        except LookupError:
            pass  # not a records model: its own pages check access, and a manager may open them
        links.update({(kind, str(obj.pk)): obj.get_absolute_url() for obj in queryset})
    return links


@login_required
@require_GET
def access_log(request):
    if not request.user.is_manager:
        raise PermissionDenied
    form = AccessLogFilter(request.GET or None)
    queryset = AccessLog.objects.select_related("user")
    if form.is_bound:
        queryset = form.filter(queryset)
    if request.GET.get("format") == "csv":
        return _csv(request, queryset)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    links = record_links(request.user, page.object_list)
    rows = [{"entry": entry, "kind": kind_name(entry.object_kind.lower()),
             "link": links.get((entry.object_kind.lower(), entry.object_id))} for entry in page.object_list]
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "records/access_log.html", {
        "form": form, "page": page, "rows": rows, "querystring": params.urlencode(),
    })


def _csv(request, queryset):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="access-log-{timezone.localdate():%Y-%m-%d}.csv"'
    writer = csv.writer(response)
    writer.writerow(["When", "Person", "Username", "Action", "Kind", "Record id", "Record", "Address"])
    count = 0
    for entry in queryset.iterator(chunk_size=2000):
        writer.writerow([safe_cell(value) for value in (
            timezone.localtime(entry.at).isoformat(timespec="seconds"),
            str(entry.user) if entry.user else "", entry.user.username if entry.user else "",
            entry.get_action_display(), entry.object_kind, entry.object_id, entry.label, entry.path)])
        count += 1
    # Written after the rows are read, so the download does not list itself.
    access_log_record(user=request.user, action=AccessLog.Action.EXPORT, object_kind="accounts.accesslog",
                      label=f"Access log: {count} rows", path=request.get_full_path())
    response.access_logged = True
    return response
