"""What the carer portal adds to staff pages: an invitation card on a carer's page, and a household's
change requests on its page. Importing this module registers both (records/apps.py imports it from ready()).
"""

from django.template.loader import render_to_string

from records.views.generic import register_detail_section


def carer_invite_section(request, carer):
    """Staff who may invite (accounts/invitations.py): the carer's portal login and an invite button."""
    from accounts.invitations import can_invite, invite_timeout_days

    if not can_invite(request.user, carer):
        return None
    return render_to_string("records/portal/_invite_card.html", {
        "carer": carer, "login": carer.user, "days": invite_timeout_days()}, request=request)


def household_requests_section(request, household):
    """Deciders: what the household's carers asked to change, who asked and who decided."""
    from records.change_requests import household_requests

    rows = household_requests(household, user=request.user)
    if not rows:
        return None
    return render_to_string("records/portal/_household_requests.html", {"rows": rows}, request=request)


register_detail_section("carers", carer_invite_section)
register_detail_section("households", household_requests_section)
