from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from compliance.selectors import can_view_gaps, caseload_summary
from compliance.views.dashboard import dashboard
from inspections.views.access import inspector_home
from records.selectors import carer_household


@login_required
def home(request):
    """Carers land on their household; staff who may see gaps get the compliance dashboard;
    anyone else (panel members) a summary of what they look after."""
    user = request.user
    if user.is_read_only:  # inspectors: their grant, pack and sample (inspections/views/access.py)
        return inspector_home(request)
    if user.is_carer:
        household = carer_household(user)
        if household is not None:
            return redirect(household.get_absolute_url())
        return render(request, "home.html", {"no_household": True})
    if can_view_gaps(user):
        return dashboard(request)
    return render(request, "home.html", {"summary": caseload_summary(user)})
