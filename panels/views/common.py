"""Helpers every panels view uses: the permission-checked getter and turning service errors into form errors."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from panels.models import PanelMeeting
from panels.permissions import VIEW, can, restrict

PAGE_SIZE = 25


def get_for(queryset, user, pk, action=VIEW):
    """The object if `user` may `action` it. Not visible at all: 404 (never reveal it exists);
    visible but not theirs to change: 403."""
    obj = get_object_or_404(restrict(queryset, user, VIEW), pk=pk)
    if action != VIEW and not restrict(queryset.filter(pk=pk), user, action).exists():
        raise PermissionDenied
    return obj


def require(user, action, model):
    if not can(user, action, model):
        raise PermissionDenied


def add_errors(form, exc):
    """Attach a service's ValidationError to the form: to a field when the form has it, otherwise to the top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def meeting_crumbs(meeting=None):
    """Breadcrumbs [(label, url)] down to `meeting`."""
    crumbs = [("Panel meetings", reverse("panels:meeting_list"))]
    if meeting is not None:
        crumbs.append((str(meeting), meeting.get_absolute_url()))
    return crumbs


def item_crumbs(item, user):
    """Breadcrumbs down to `item`, through its meeting only when `user` may see the meeting
    (a supervising social worker sees their household's item, not the meeting with others' cases)."""
    if restrict(PanelMeeting.objects.filter(pk=item.meeting_id), user).exists():
        return [*meeting_crumbs(item.meeting), (str(item), item.get_absolute_url())]
    return [(str(item), item.get_absolute_url())]
