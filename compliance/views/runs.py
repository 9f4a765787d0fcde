"""Compliance runs as rows people can watch: "Recheck now", a run's status (polled by htmx) and the list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from compliance import selectors, services
from compliance.models import ComplianceRun
from compliance.views.common import require

UNFINISHED = {ComplianceRun.Status.QUEUED, ComplianceRun.Status.RUNNING}


@login_required
@require_POST
def run_recheck(request):
    """Queue a whole-agency run (inline in the demo), then back to the page the button was on."""
    require(selectors.can_recheck(request.user))
    run = services.run_request(trigger=ComplianceRun.Trigger.MANUAL, requested_by=request.user)
    run.refresh_from_db()  # where the task runs inline (the demo) it has already finished
    if run.status == ComplianceRun.Status.FAILED:
        messages.error(request, f"The recheck failed: {run.error or 'no reason was recorded'}.")
    elif run.status == ComplianceRun.Status.SUCCEEDED:
        messages.success(request, f"Recheck finished: {run.opened} gap{'s' if run.opened != 1 else ''} opened, "
                                  f"{run.resolved} resolved.")
    else:
        messages.info(request, "Recheck started. The figures update when it finishes.")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "compliance:dashboard"
    return redirect(next_url)


@login_required
def run_status(request, pk):
    """The status fragment. htmx polls it every 2 s while the run is unfinished; once a polled run
    has finished, the page reloads itself (HX-Refresh) so its figures are the new run's."""
    require(selectors.can_view_gaps(request.user))
    run = get_object_or_404(ComplianceRun.objects.select_related("requested_by"), pk=pk)
    response = render(request, "compliance/_run_status.html", {"run": run})
    if request.htmx and run.status not in UNFINISHED and request.GET.get("poll"):
        response["HX-Refresh"] = "true"
    return response


@login_required
def run_list(request):
    require(selectors.can_view_gaps(request.user))
    return render(request, "compliance/run_list.html", {"runs": selectors.recent_runs()})
