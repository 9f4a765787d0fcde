"""Children: the case list, placements started and ended, missing episodes and the Annex A figures."""

from collections import Counter

from django.db.models import Count, Q

from inspections.pack.context import age_on
from inspections.pack.gather.common import facts, since_label, table
from records.choices import LegalStatus, PlacementEndReason, PlacementType
from records.models import MissingEpisode, Placement

LEGAL = dict(LegalStatus.choices)
TYPES = dict(PlacementType.choices)


def case_list(ctx, spec):
    rows = []
    for placement in ctx.current_placements:
        child = placement.resident
        rows.append((
            ctx.child(child.pk), age_on(child.date_of_birth, ctx.today), LEGAL.get(child.legal_status, ""),
            child.placing_authority, [placement.household.reference, placement.household.name],
            TYPES.get(placement.placement_type, ""), placement.start_date, placement.missing_count,
        ))
    return table(spec, ["Child", "Age", "Legal status", "Placing authority", "Household", "Placement type",
                        "Placed since", f"Missing episodes {since_label(ctx)}"], rows,
                 empty="No child is placed.")


def _placements(ctx, **where):
    return (Placement.objects.filter(**where).select_related("household")
            .only("resident_id", "placement_type", "start_date", "end_date", "end_reason",
                  "household__reference", "household__name"))


def _placement_row(ctx, placement):
    return (ctx.child(placement.resident_id), [placement.household.reference, placement.household.name],
            TYPES.get(placement.placement_type, ""), placement.start_date, placement.end_date,
            placement.get_end_reason_display())


PLACEMENT_COLUMNS = ["Child", "Household", "Placement type", "Started", "Ended", "Reason for ending"]


def placements_started(ctx, spec):
    placements = _placements(ctx, start_date__gte=ctx.since, start_date__lte=ctx.today).order_by("start_date", "pk")
    return table(spec, PLACEMENT_COLUMNS, [_placement_row(ctx, p) for p in placements],
                 empty="No placement started since the last inspection.")


def placements_ended(ctx, spec):
    placements = _placements(ctx, end_date__gte=ctx.since, end_date__lte=ctx.today).order_by("end_date", "pk")
    return table(spec, PLACEMENT_COLUMNS, [_placement_row(ctx, p) for p in placements],
                 empty="No placement ended since the last inspection.")


def missing_episodes(ctx, spec):
    episodes = (MissingEpisode.objects.filter(missing_from__date__gte=ctx.since)
                .select_related("placement__household").order_by("missing_from", "pk"))
    rows = [(ctx.child(e.placement.resident_id), [e.placement.household.reference, e.placement.household.name],
             e.missing_from, e.returned_at, e.police_informed_at, e.placing_authority_informed_at,
             e.return_interview_date) for e in episodes]
    return table(spec, ["Child", "Household", "Missing from", "Returned", "Police told", "Placing authority told",
                        "Return interview"], rows, empty="No child went missing since the last inspection.")


def children_figures(ctx, spec):
    since, today = ctx.since, ctx.today
    placements = Placement.objects.aggregate(
        started=Count("pk", filter=Q(start_date__gte=since, start_date__lte=today)),
        ended=Count("pk", filter=Q(end_date__gte=since, end_date__lte=today)),
        unplanned=Count("pk", filter=Q(end_date__gte=since, end_date__lte=today,
                                       end_reason=PlacementEndReason.DISRUPTION)),
        children_started=Count("resident", distinct=True, filter=Q(start_date__gte=since, start_date__lte=today)),
    )
    missing = MissingEpisode.objects.filter(missing_from__date__gte=since).aggregate(
        episodes=Count("pk"), children=Count("placement__resident", distinct=True))
    current = ctx.current_placements
    period = since_label(ctx)
    return facts(spec, [
        ("Children placed", len(current)),
        ("Households with a child placed", len({p.household_id for p in current})),
        ("Placing authorities", len({p.resident.placing_authority for p in current})),
        ("Children in parent and child placements",
         sum(1 for p in current if p.placement_type == PlacementType.PARENT_AND_CHILD)),
        (f"Placements started {period}", placements["started"]),
        (f"Children who started a placement {period}", placements["children_started"]),
        (f"Placements ended {period}", placements["ended"]),
        (f"Unplanned endings (disruptions) {period}", placements["unplanned"]),
        (f"Missing episodes {period}", missing["episodes"]),
        (f"Children who went missing {period}", missing["children"]),
    ])


def children_by_authority(ctx, spec):
    counts = Counter(p.resident.placing_authority for p in ctx.current_placements)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return table(spec, ["Placing authority", "Children placed"], rows, empty="No child is placed.")


def children_by_placement_type(ctx, spec):
    counts = Counter(p.placement_type for p in ctx.current_placements)
    legal = Counter(p.resident.legal_status for p in ctx.current_placements)
    rows = [(label, counts.get(value, 0)) for value, label in PlacementType.choices]
    rows += [(f"Legal status: {label}", legal.get(value, 0)) for value, label in LegalStatus.choices]
    return table(spec, ["Placement type or legal status", "Children placed"], rows)


GATHERERS = {"case_list": case_list, "placements_started": placements_started, "placements_ended": placements_ended,
             "missing_episodes": missing_episodes, "children_figures": children_figures,
             "children_by_authority": children_by_authority,
             "children_by_placement_type": children_by_placement_type}
