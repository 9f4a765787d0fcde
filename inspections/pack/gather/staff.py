"""Staff: the staff list with checks and supervision, and the Annex A figures about staff and the panel."""

from collections import Counter

from django.db.models import Count, OuterRef, Q, Subquery

from inspections.pack.gather.common import facts, in_post, since_label, table
from panels.models import AgencyDecision, AgendaItem, PanelMeeting, PanelMember
from records.choices import CheckKind, StaffRole, SupervisionKind
from records.models import Check, StaffMember, StaffSupervision


def _latest(model, value, **where):
    rows = model.objects.filter(staff_member=OuterRef("pk"), **where).order_by(f"-{value}")
    return Subquery(rows.values(value)[:1])


def staff_list(ctx, spec):
    staff = (in_post(StaffMember.objects.all(), ctx.today)
             .annotate(dbs_date=_latest(Check, "completed_date", kind=CheckKind.ENHANCED_DBS,
                                        completed_date__isnull=False),
                       dbs_outcome=_latest(Check, "outcome", kind=CheckKind.ENHANCED_DBS,
                                           completed_date__isnull=False),
                       last_supervision=_latest(StaffSupervision, "date", kind=SupervisionKind.SUPERVISION),
                       last_appraisal=_latest(StaffSupervision, "date", kind=SupervisionKind.APPRAISAL))
             .order_by("last_name", "first_name", "pk"))
    outcomes = dict(Check._meta.get_field("outcome").choices)
    rows = []
    for person in staff:
        checks = [f"DBS {_date(person.dbs_date)} ({outcomes.get(person.dbs_outcome, 'none')})"
                  if person.dbs_date else "No enhanced DBS recorded"]
        checks.append(f"References verified {_date(person.references_verified_date)}"
                      if person.references_verified_date else "References not verified")
        if person.swe_registration_number:
            checks.append(f"SWE {person.swe_registration_number}")
        role = person.get_role_display()
        if person.job_title and person.job_title != role:
            role = [role, person.job_title]
        rows.append((str(person), role, person.start_date, checks, person.induction_completed_date,
                     person.last_supervision, person.last_appraisal))
    return table(spec, ["Name", "Role", "Started", "Checks", "Induction completed", "Last supervision",
                        "Last appraisal"], rows, empty="No staff are recorded.")


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""


def staff_panel_figures(ctx, spec):
    since, today = ctx.since, ctx.today
    staff = StaffMember.objects.aggregate(
        in_post=Count("pk", filter=Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))),
        started=Count("pk", filter=Q(start_date__gte=since, start_date__lte=today)),
        left=Count("pk", filter=Q(end_date__gte=since, end_date__lt=today)),
    )
    active = Q(joined_date__lte=today) & (Q(left_date__isnull=True) | Q(left_date__gte=today))
    panel = PanelMember.objects.aggregate(members=Count("pk", filter=active),
                                          independent=Count("pk", filter=active & Q(is_independent=True)))
    meetings = PanelMeeting.objects.filter(date__gte=since, date__lte=today).count()
    items = AgendaItem.objects.filter(meeting__date__gte=since, meeting__date__lte=today).exclude(
        recommendation="").count()
    decisions = AgencyDecision.objects.filter(decision_date__gte=since).count()
    period = since_label(ctx)
    return facts(spec, [
        ("Staff in post", staff["in_post"]),
        (f"Staff who joined {period}", staff["started"]),
        (f"Staff who left {period}", staff["left"]),
        ("Members of the panel central list", panel["members"]),
        ("of whom independent of the agency", panel["independent"]),
        (f"Panel meetings held {period}", meetings),
        (f"Panel recommendations made {period}", items),
        (f"Agency decisions made {period}", decisions),
    ])


def staff_by_role(ctx, spec):
    roles = Counter(in_post(StaffMember.objects.all(), ctx.today).values_list("role", flat=True))
    rows = [(label, roles[value]) for value, label in StaffRole.choices if roles.get(value)]
    return table(spec, ["Role", "Staff in post"], rows, empty="No staff are recorded.")


def ssw_caseloads(ctx, spec):
    workers = {person.pk: person for person in in_post(
        StaffMember.objects.filter(role=StaffRole.SUPERVISING_SOCIAL_WORKER), ctx.today)}
    households, children = Counter(), Counter()
    for household in ctx.current_households:
        worker = household.supervising_social_worker_id
        households[worker] += 1
        children[worker] += len(ctx.placements_by_household.get(household.pk, []))
    rows = [(str(person), households[pk], children[pk]) for pk, person in workers.items()]
    rows.sort(key=lambda row: (-row[1], row[0]))
    unallocated = [h for h in ctx.current_households
                   if h.supervising_social_worker_id is None or h.supervising_social_worker_id not in workers]
    if unallocated:
        rows.append(("No social worker in post allocated", len(unallocated),
                     sum(len(ctx.placements_by_household.get(h.pk, [])) for h in unallocated)))
    return table(spec, ["Supervising social worker", "Households", "Children placed"], rows,
                 empty="No supervising social worker is in post.")


GATHERERS = {"staff_list": staff_list, "staff_panel_figures": staff_panel_figures, "staff_by_role": staff_by_role,
             "ssw_caseloads": ssw_caseloads}
