"""Households and carers: the register of foster carers and the Annex A figures about households."""

from django.db.models import Count, Q

from inspections.pack.gather.common import facts, since_label, table
from records.choices import ApprovalCategory, HouseholdStatus
from records.models import ApprovalReview, Household

ENDED = (HouseholdStatus.RESIGNED, HouseholdStatus.DEREGISTERED)


def carers_register(ctx, spec):
    """One row per household still with the agency (approved or on hold); never a resigned or deregistered one."""
    rows = []
    for household in ctx.current_households:
        placed = ctx.placements_by_household.get(household.pk, [])
        carers = sorted(household.carers.all(), key=lambda carer: (carer.carer_role != "main", carer.last_name))
        rows.append((
            [household.reference, household.name],
            [f"{carer} ({carer.get_carer_role_display().lower()})" for carer in carers],
            household.get_status_display(),
            household.approval_date,
            _terms(household),
            household.approved_places,
            [ctx.child(placement.resident_id) for placement in placed],
            _vacancies(household, len(placed)),
            str(household.supervising_social_worker or ""),
            household.last_review,
        ))
    return table(spec, ["Household", "Carers", "Status", "Approved", "Terms of approval", "Places",
                        "Children placed", "Vacancies", "Supervising social worker", "Last review"], rows,
                 empty="No household is approved.")


def _terms(household) -> list:
    terms = [household.get_approval_category_display()]
    if household.age_range_min is not None and household.age_range_max is not None:
        terms.append(f"Ages {household.age_range_min}–{household.age_range_max}")
    if household.placement_types:
        terms.append(household.get_placement_types_display())
    return terms


def _vacancies(household, placed: int):
    if household.status != HouseholdStatus.APPROVED:
        return "On hold"
    return max(0, (household.approved_places or 0) - placed)


def household_figures(ctx, spec):
    since = ctx.since
    counts = Household.objects.aggregate(
        approved=Count("pk", filter=Q(status=HouseholdStatus.APPROVED)),
        on_hold=Count("pk", filter=Q(status=HouseholdStatus.ON_HOLD)),
        assessment=Count("pk", filter=Q(status=HouseholdStatus.ASSESSMENT)),
        approved_since=Count("pk", filter=Q(approval_date__gte=since)),
        applied_since=Count("pk", filter=Q(application_date__gte=since)),
        resigned_since=Count("pk", filter=Q(status=HouseholdStatus.RESIGNED, deregistration_date__gte=since)),
        deregistered_since=Count("pk", filter=Q(status=HouseholdStatus.DEREGISTERED,
                                                deregistration_date__gte=since)),
    )
    reviews = ApprovalReview.objects.filter(review_date__gte=since).count()
    approved = [h for h in ctx.current_households if h.status == HouseholdStatus.APPROVED]
    placed = {pk: len(rows) for pk, rows in ctx.placements_by_household.items()}
    carers = sum(len(h.carers.all()) for h in ctx.current_households)
    period = since_label(ctx)
    return facts(spec, [
        ("Approved households", counts["approved"]),
        ("Households on hold", counts["on_hold"]),
        ("Approved foster carers (approved and on-hold households)", carers),
        ("Places approved (approved households)", sum(h.approved_places or 0 for h in approved)),
        ("Children placed", len(ctx.current_placements)),
        ("Vacant places", sum(_vacancies(h, placed.get(h.pk, 0)) for h in approved)),
        ("Approved households with no child placed", sum(1 for h in approved if not placed.get(h.pk))),
        ("Applicants being assessed", counts["assessment"]),
        (f"Applications received {period}", counts["applied_since"]),
        (f"Households approved {period}", counts["approved_since"]),
        (f"Households that resigned {period}", counts["resigned_since"]),
        (f"Households deregistered {period}", counts["deregistered_since"]),
        (f"Reviews of approval held {period}", reviews),
    ])


def households_by_category(ctx, spec):
    rows = []
    for category, label in ApprovalCategory.choices:
        households = [h for h in ctx.current_households
                      if h.status == HouseholdStatus.APPROVED and h.approval_category == category]
        children = sum(len(ctx.placements_by_household.get(h.pk, [])) for h in households)
        rows.append((label, len(households), sum(h.approved_places or 0 for h in households), children))
    return table(spec, ["Type of approval", "Households", "Places", "Children placed"], rows)


def approvals_ended(ctx, spec):
    households = (Household.objects.filter(status__in=ENDED, deregistration_date__gte=ctx.since)
                  .order_by("deregistration_date", "reference"))
    rows = [([h.reference, h.name], h.get_status_display(), h.approval_date, h.deregistration_date,
             h.approval_end_reasons) for h in households]
    return table(spec, ["Household", "Outcome", "Approved", "Approval ended", "Reasons"], rows,
                 empty="No approval ended since the last inspection.")


GATHERERS = {"carers_register": carers_register, "household_figures": household_figures,
             "households_by_category": households_by_category, "approvals_ended": approvals_ended}
