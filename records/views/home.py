from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from records import models as m
from records.choices import HouseholdStatus
from records.permissions import VIEW, can, restrict
from records.selectors import carer_household


@login_required
def home(request):
    """Carers land on their household; staff get a summary of what they look after."""
    user = request.user
    if user.is_carer:
        household = carer_household(user)
        if household is not None:
            return redirect(household.get_absolute_url())
        return render(request, "home.html", {"no_household": True})
    summary = []
    if can(user, VIEW, m.Household):
        households = restrict(m.Household.objects.all(), user)
        summary.append(("Approved households", households.filter(status=HouseholdStatus.APPROVED).count(),
                        "records:household_list", "status=approved"))
        summary.append(("In assessment", households.filter(status=HouseholdStatus.ASSESSMENT).count(),
                        "records:household_list", "status=assessment"))
    if can(user, VIEW, m.Placement):
        summary.append(("Children placed now", restrict(m.Placement.objects.filter(end_date__isnull=True), user)
                        .count(), "records:placement_list", ""))
    return render(request, "home.html", {"summary": summary})
