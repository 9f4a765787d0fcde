from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from compliance.selectors import can_view_gaps, caseload_summary
from compliance.views.dashboard import dashboard
from inspections.views.access import inspector_home
from records.selectors import carer_household
from records.views.portal import portal


@login_required
def home(request):
    """Carers land on their household; staff who may see gaps get the compliance dashboard;
    anyone else (panel members) a summary of what they look after."""
    user = request.user
    if user.is_read_only:  # inspectors: their grant, pack and sample (inspections/views/access.py)
        return inspector_home(request)
    if user.is_carer:  # the carer portal (records/views/portal.py)
        if carer_household(user) is not None:
            return portal(request)
        return render(request, "home.html", {"no_household": True})
    if can_view_gaps(user):
        return dashboard(request)
    return render(request, "home.html", {"summary": caseload_summary(user)})
