"""The "Panel history" section on a household's page (registered in PanelsConfig.ready())."""

from django.template.loader import render_to_string

from panels.models import AgencyDecision, AgendaItem
from panels.permissions import VIEW, can
from panels.selectors import household_letters, household_panel_history


def household_panel_section(request, household):
    """Staff see every agenda item for the household; carers see their outcome letters; others see nothing."""
    user = request.user
    context = {"household": household}
    if can(user, VIEW, AgendaItem):
        context["items"] = household_panel_history(household, user=user)
    elif can(user, VIEW, AgencyDecision):
        context["letters"] = household_letters(household, user=user)
        if not context["letters"]:
            return None
    else:
        return None
    return render_to_string("panels/_household_section.html", context, request=request)
