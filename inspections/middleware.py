"""An inspector's every page is logged, and their access ends on time even in the middle of a session.

For a signed-in inspector:
- outside an active grant only the home page (which gives the dates), sign-in and sign-out answer;
  if their last grant has ended or was withdrawn they are signed out (other pages send them to
  sign in again with a message; the home page shows the dates, then signs them out); if it has
  not started yet every other page is a 404;
- each successful GET of an HTML page is written to the access log (the object the URL names, when
  it names one), and each file download too; htmx fragments and static files are not.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from accounts.models import AccessLog, Role
from accounts.services import access_log_record
from inspections import timeline
from inspections.access import grant_last_over
from inspections.permissions import inspector_scope

OPEN_OUTSIDE_A_GRANT = ("home", "accounts:login", "accounts:logout")


def ended_message(grant) -> str:
    if grant.revoked_at is not None and grant.revoked_at < grant.ends_at:
        return f"Your inspector access was withdrawn at {timeline.local(grant.revoked_at):%H:%M on %d %b %Y}."
    return f"Your inspector access ended at {timeline.local(grant.ends_at):%H:%M on %d %b %Y}."


def _models_by_view_name():
    from inspections.models import Inspection, PackExport
    from panels import models as panels
    from records.models import Household

    return {
        "panels:member_detail": panels.PanelMember, "panels:meeting_detail": panels.PanelMeeting,
        "panels:item_detail": panels.AgendaItem, "panels:decision_letter": panels.AgencyDecision,
        "panels:paper_download": panels.PanelPaper, "panels:minutes_download": panels.PanelMeeting,
        "panels:household_history": Household, "inspections:access_cases": Inspection,
        "inspections:pack_detail": PackExport,
    }


PAGE_TITLES = {
    "home": "Home page", "inspections:access_cases": "Case list", "panels:member_list": "Panel central list",
    "panels:meeting_list": "Panel meetings", "panels:household_history": "Panel history",
    "panels:minutes_download": "Panel minutes",
}


def page_title(match) -> str:
    """What a page is, for the log, when it is not simply one record ("" for a record's own page)."""
    if match is None:
        return ""
    if match.namespace == "records" and "slug" in match.kwargs:
        from records.resources import BY_SLUG

        resource = BY_SLUG.get(match.kwargs["slug"])
        action = match.url_name.rsplit("_", 1)[-1]
        if resource is not None and action == "list":
            return resource.title
        return "History" if action == "history" else ""
    return PAGE_TITLES.get(match.view_name, "" if "pk" in match.kwargs else match.view_name)


def logged_object(match):
    """The record a URL names, for the log: records pages by slug and pk, a few others by URL name."""
    if match is None or "pk" not in match.kwargs:
        return None
    if match.namespace == "records" and "slug" in match.kwargs:
        from records.resources import BY_SLUG

        resource = BY_SLUG.get(match.kwargs["slug"])
        if resource is None:
            return None
        queryset = resource.model.objects.select_related(*resource.select_related)
    else:
        model = _models_by_view_name().get(match.view_name)
        if model is None:
            return None
        queryset = model.objects.all()
    return queryset.filter(pk=match.kwargs["pk"]).first()


class InspectorAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is None or not user.is_authenticated or user.role != Role.INSPECTOR
                or request.path.startswith(f"/{settings.STATIC_URL.lstrip('/')}")):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        name = match.view_name if match is not None else ""
        ended = None
        if not inspector_scope(user).active:
            ended = grant_last_over(inspector=user, now=timezone.now())
            if name not in OPEN_OUTSIDE_A_GRANT:
                if ended is None:
                    raise Http404("No inspector access at the moment.")
                logout(request)
                messages.warning(request, f"{ended_message(ended)} You have been signed out.")
                return redirect(reverse("accounts:login"))
        response = self.get_response(request)
        self.log(request, response, match)
        if ended is not None and name == "home":
            logout(request)  # the page has been drawn with the dates; nothing else will open
        return response

    def log(self, request, response, match):
        if (request.method != "GET" or response.status_code != 200 or request.headers.get("HX-Request")
                or getattr(response, "access_logged", False)):  # the view logged it itself (pack downloads)
            return
        if response.get("Content-Disposition", "").startswith("attachment") or getattr(response, "streaming", False):
            action = AccessLog.Action.DOWNLOAD
        elif response.get("Content-Type", "").startswith("text/html"):
            action = AccessLog.Action.VIEW
        else:
            return
        obj = logged_object(match)
        title = page_title(match)
        label = f"{title}: {obj}" if title and obj is not None else title
        access_log_record(user=request.user, action=action, obj=obj, path=request.get_full_path(),
                          object_kind="" if obj is not None else "page", label=label)
