"""What compliance adds to pages other apps own: the household page's gaps card and the menu.

Importing this module registers the card (compliance/apps.py imports it from ready()).
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from compliance import selectors
from compliance.views.common import decorate
from records.views.generic import register_detail_section


def household_gaps_section(request, household):
    """Carers: "What we need from you", in plain words. Staff who may see gaps: this household's open gaps."""
    user = request.user
    if user.is_carer:
        template = "compliance/_household_carer.html"
    elif selectors.can_view_gaps(user):
        template = "compliance/_household_gaps.html"
    else:
        return None
    today = timezone.localdate()
    gaps = decorate(selectors.household_gaps(household, user=user), day=today)
    return render_to_string(template, {"household": household, "gaps": gaps, "today": today}, request=request)


def compliance_menu(user) -> dict:
    """{"main": [(title, url)], "more": [...]} for the menu (read by accounts/context_processors.py);
    empty for roles that may not see gaps (carers, panel members). The dashboard is the home page."""
    if not selectors.can_view_gaps(user):
        return {}
    # Gaps sits first in the Compliance menu rather than beside Dashboard: the bar is full at laptop widths.
    more = [("Gaps", reverse("compliance:gap_list")), ("Compliance checks", reverse("compliance:run_list"))]
    if selectors.can_edit_policy(user):
        more.append(("Agency policy", reverse("compliance:policy")))
    return {"main": [("Dashboard", reverse("home"))], "more": more}


register_detail_section("households", household_gaps_section)
