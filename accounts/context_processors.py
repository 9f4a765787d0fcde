from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

# Menu groups: (heading, [resource slugs]); a slug only shows if the user may view that model.
MENU = [
    ("Carers", ["households", "carers", "members", "checks", "training"]),
    ("Children", ["children", "placements", "journal", "missing-episodes"]),
    ("Oversight", ["supervision-visits", "unannounced-visits", "reviews", "complaints", "allegations",
                   "notifications"]),
    ("Staff", ["staff", "staff-supervisions"]),
    ("Agency", ["agency-reviews", "registration-notices", "manager-registrations", "inspection-reports",
                "allowance-rates"]),
]


def navigation(request):
    """The agency name and the menu entries the signed-in user's role allows."""
    context = {"agency_name": settings.AGENCY_NAME, "menu": []}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    from panels.menu import panel_menu
    from records.permissions import VIEW, can
    from records.resources import BY_SLUG

    context["panels_menu"] = panel_menu(user)
    from compliance.sections import compliance_menu

    context["compliance_menu"] = compliance_menu(user)
    from inspections.permissions import can_view as can_view_inspections

    context["show_inspections"] = can_view_inspections(user)
    for heading, slugs in MENU:
        items = [(BY_SLUG[slug].title, reverse(f"records:{BY_SLUG[slug].url_prefix}_list"))
                 for slug in slugs if can(user, VIEW, BY_SLUG[slug].model)]
        if items:
            context["menu"].append((heading, items))
    if not user.is_carer and can(user, "change", BY_SLUG["households"].model):  # staff who check uploads
        from accounts.models import OFFICE_ROLES
        from records.change_requests import can_decide

        inbox = [("Evidence inbox", reverse("records:evidence_inbox")), ("Bulk upload", reverse("records:evidence_bulk"))]
        if can_decide(user):  # carers' changes to household facts wait here
            inbox.append(("Carers' change requests", reverse("records:change_requests")))
        if user.role in OFFICE_ROLES:  # spreadsheet import (records/views/imports.py)
            inbox.append(("Import records", reverse("records:import")))
        context["menu"].append(("Evidence", inbox))
    if user.is_carer:  # the carer portal (records/views/portal.py)
        context["menu"].insert(0, ("Your household", [
            ("Your household page", reverse("records:portal")),
            ("Update contact details", reverse("records:portal_contact")),
            ("Someone has moved in", reverse("records:portal_member_add")),
        ]))
    if context["show_inspections"] or user.is_carer:
        from inspections.readiness import notice_countdown

        # The countdown card (templates/inspections/readiness/_countdown_card.html): queried only if a page shows it.
        notice = context["inspection_notice"] = SimpleLazyObject(lambda: notice_countdown(now=timezone.now()))
        if user.is_carer and notice:  # while a notice is current, carers get their own list
            context["menu"].append(("Inspection", [("Before the inspection",
                                                     reverse("inspections:readiness_current"))]))
    return context
