"""List, detail, add, edit and history pages for every records model.

Each view is given a Resource (records/resources.py) by the URL conf. Every queryset passes
through records.permissions.restrict(), so a record the user may not see is a 404. Opening a
sensitive record (SENSITIVE_MODELS) writes one access-log row; edits refuse to overwrite someone
else's save made since the form was loaded (records/concurrency.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from accounts.models import READ_ALL_ROLES, AccessLog, Role
from accounts.services import access_log_record
from records.display import display, label_for, link_target
from records.filters import filterset_for, search
from records.forms import form_class_for
from records.history import history_entries
from records.imports.types import SPECS_BY_MODEL
from records.permissions import ADD, CHANGE, VIEW, can, restrict
from records.resources import BY_SLUG

PAGE_SIZE = 25
RELATED_ROWS = 20
RECENT_ACCESS_ROWS = 20

# Records about children, allegations and staff files: opening one is written to the access log.
# Evidence files and inspection packs log their own downloads (views/evidence.py, inspections).
SENSITIVE_MODELS = frozenset({
    "records.resident", "records.placement", "records.journalentry", "records.missingepisode",
    "records.allegation", "records.complaint", "records.notification",
    "records.staffmember", "records.staffsupervision", "records.check",
})


def is_sensitive(obj) -> bool:
    """A carer's training record is household business; a member of staff's is part of their staff file."""
    label = obj._meta.label_lower
    return label in SENSITIVE_MODELS or (label == "records.trainingrecord" and obj.staff_member_id is not None)


def log_access(request, obj, response):
    """One VIEW row for a sensitive record's page; an htmx refresh of a page already open is not another."""
    if is_sensitive(obj) and not request.headers.get("HX-Request"):
        access_log_record(user=request.user, action=AccessLog.Action.VIEW, obj=obj, path=request.get_full_path())
        response.access_logged = True  # so the inspector middleware does not write a second row
    return response


# Sections other apps add to a detail page, by resource slug, without records importing them.
# Each is a callable (request, obj) -> HTML or None, registered from that app's AppConfig.ready().
DETAIL_SECTIONS: dict[str, list] = {}


def register_detail_section(slug, render):
    DETAIL_SECTIONS.setdefault(slug, []).append(render)


def scoped(resource, user, action=VIEW):
    queryset = resource.model.objects.select_related(*resource.select_related)
    return restrict(queryset, user, action)


def get_record(resource, user, pk, action=VIEW):
    """The record if `user` may `action` it; otherwise 404 (never reveal that it exists)."""
    return get_object_or_404(scoped(resource, user, action), pk=pk)


def viewable_link(user, obj, accessor):
    """The linked record, unless the user may not open records of its kind (a carer or an inspector
    shown the supervising social worker): then the name is shown as plain text, not a link to a 404."""
    target = link_target(obj, accessor)
    if target is None:
        return None
    try:
        return target if can(user, VIEW, type(target)) else None
    except LookupError:  # not a records model (a panel record): its own pages check access
        return target


def rows_for(resource, objects, user, *, skip=()):
    columns = [(column, label_for(resource.model, column.accessor, column.label))
               for column in resource.columns if column.accessor not in skip]
    rows = []
    for obj in objects:
        cells = [{"text": display(obj, column.accessor), "link": viewable_link(user, obj, column.accessor)}
                 for column, _ in columns]
        rows.append({"object": obj, "cells": cells})
    return [label for _, label in columns], rows


def can_export(user, resource):
    """Office staff may download a list that has an import type, in that type's columns (views/exports.py)."""
    return (resource.model in SPECS_BY_MODEL and user.role in READ_ALL_ROLES | {Role.SUPERVISING_SOCIAL_WORKER}
            and can(user, VIEW, resource.model))


def list_queryset(request, resource):
    """(queryset, query, filterset): the rows a list page shows for this request's search and filters.
    The exports (views/exports.py) use it too, so a download holds exactly what the page lists."""
    queryset = scoped(resource, request.user)
    query = request.GET.get("q", "").strip()
    if query:
        queryset = search(queryset, resource.search_fields, query).distinct()
    filterset = None
    if resource.filter_fields and not request.user.is_carer:
        filterset = filterset_for(resource, data=request.GET, queryset=queryset, user=request.user)
        queryset = filterset.qs
    return queryset, query, filterset


@login_required
def record_list(request, *, slug):
    resource = BY_SLUG[slug]
    if not can(request.user, VIEW, resource.model):
        raise PermissionDenied
    queryset, query, filterset = list_queryset(request, resource)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    headers, rows = rows_for(resource, page.object_list, request.user)
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "records/list.html", {
        "resource": resource, "page": page, "headers": headers, "rows": rows, "query": query,
        "filterset": filterset, "querystring": params.urlencode(),
        "can_add": resource.addable and can(request.user, ADD, resource.model),
        "can_export": can_export(request.user, resource),
    })


def detail_fields(resource, obj, user):
    names = resource.carer_fields if (user.is_carer and resource.carer_fields is not None) else resource.form_fields
    fields = [{"name": name, "label": label_for(resource.model, name), "text": display(obj, name),
               "link": viewable_link(user, obj, name)} for name in names]
    half = (len(fields) + 1) // 2
    return [fields[:half], fields[half:]] if len(fields) > 8 else [fields]


def related_sections(resource, obj, user):
    sections = []
    for related in resource.related:
        other = BY_SLUG[related.slug]
        if not can(user, VIEW, other.model):
            continue
        queryset = scoped(other, user).filter(**{related.lookup: obj})
        objects = list(queryset[:RELATED_ROWS + 1])
        # The column pointing back at this record would repeat its name on every row.
        headers, rows = rows_for(other, objects[:RELATED_ROWS], user, skip={related.lookup})
        sections.append({
            "resource": other, "title": related.title or other.title, "headers": headers, "rows": rows,
            "more": len(objects) > RELATED_ROWS, "lookup": related.lookup,
            "add_url": (reverse(f"records:{other.url_prefix}_create") + f"?{related.lookup}={obj.pk}"
                        if other.addable and can(user, ADD, other.model) and related.lookup in other.prefill
                        else None),
        })
    return sections


@login_required
def record_detail(request, pk, *, slug):
    resource = BY_SLUG[slug]
    obj = get_record(resource, request.user, pk)
    return log_access(request, obj, render(request, "records/detail.html", {
        "resource": resource, "object": obj, "fields": detail_fields(resource, obj, request.user),
        "sections": related_sections(resource, obj, request.user),
        "extra_sections": [html for section in DETAIL_SECTIONS.get(slug, ()) if (html := section(request, obj))],
        "can_change": restrict(resource.model.objects.filter(pk=obj.pk), request.user, CHANGE).exists(),
        "tab": "details",
    }))


@login_required
def record_history(request, pk, *, slug):
    resource = BY_SLUG[slug]
    obj = get_record(resource, request.user, pk)
    if request.user.is_carer:
        # Carers see their records, not the agency's audit trail of who changed them.
        raise PermissionDenied
    return log_access(request, obj, render(request, "records/history.html", {
        "resource": resource, "object": obj, "entries": history_entries(obj), "tab": "history",
        "can_change": restrict(resource.model.objects.filter(pk=obj.pk), request.user, CHANGE).exists(),
        "accesses": recent_accesses(obj) if request.user.is_manager and is_sensitive(obj) else None,
        "access_log_url": reverse("records:access_log") + "?" + urlencode(
            {"kind": obj._meta.label_lower, "object_id": obj.pk}),
    }))


def recent_accesses(obj):
    """Who opened `obj` lately (newest first), for the manager beside its change history."""
    return list(AccessLog.objects.filter(object_kind=obj._meta.label_lower, object_id=str(obj.pk))
                .select_related("user")[:RECENT_ACCESS_ROWS])


def _prefill(resource, request):
    return {key: request.GET[key] for key in resource.prefill if request.GET.get(key, "").isdigit()}


def _save(form, user):
    obj = form.save(commit=False)
    obj.stamp(user)
    if hasattr(obj, "author_id") and obj._state.adding:
        obj.author = user
    with transaction.atomic():
        obj.save()
        form.save_m2m()
    return obj


@login_required
def record_create(request, *, slug):
    resource = BY_SLUG[slug]
    if not (resource.addable and can(request.user, ADD, resource.model)):
        raise PermissionDenied
    form_class = form_class_for(resource)
    form = form_class(request.POST or None, initial=_prefill(resource, request), user=request.user,
                      manager_only_fields=resource.manager_only_fields)
    if request.method == "POST" and form.is_valid():
        obj = _save(form, request.user)
        messages.success(request, f"{resource.verbose_name.capitalize()} “{obj}” added.")
        return redirect(obj.get_absolute_url())
    return render(request, "records/form.html", {"resource": resource, "form": form, "object": None})


@login_required
@transaction.atomic  # the edit form's version check locks the row until the save (records/concurrency.py)
def record_update(request, pk, *, slug):
    resource = BY_SLUG[slug]
    obj = get_record(resource, request.user, pk, CHANGE)
    form_class = form_class_for(resource)
    form = form_class(request.POST or None, instance=obj, user=request.user,
                      manager_only_fields=resource.manager_only_fields)
    if request.method == "POST" and form.is_valid():
        if not form.has_changed():
            messages.info(request, "Nothing was changed.")
            return redirect(obj.get_absolute_url())
        obj = _save(form, request.user)
        messages.success(request, f"Changes to “{obj}” saved.")
        return redirect(obj.get_absolute_url())
    return render(request, "records/form.html", {"resource": resource, "form": form, "object": obj})
