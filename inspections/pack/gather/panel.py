"""The fostering panel: the central list, and the last three signed sets of minutes."""

from django.db.models import Count, Max, Q

from inspections.pack.data import Table
from inspections.pack.gather.common import day, table
from panels.models import AgendaItem, PanelAttendance, PanelMember
from panels.quorum import quorum_check
from panels.selectors import ROLE_ORDER, latest_minutes

MINUTES_COUNT = 3


def panel_central_list(ctx, spec):
    today = ctx.today
    members = (PanelMember.objects.filter(joined_date__lte=today)
               .filter(Q(left_date__isnull=True) | Q(left_date__gte=today))
               .annotate(last_sat=Max("attendances__meeting__date", filter=Q(attendances__meeting__date__lte=today)),
                         sittings=Count("attendances", filter=Q(attendances__meeting__date__gte=ctx.since,
                                                                attendances__meeting__date__lte=today))))
    members = sorted(members, key=lambda m: (ROLE_ORDER.get(m.role, 99), m.last_name, m.first_name))
    rows = [(str(m), m.get_role_display(), m.is_independent, m.pqe_years, m.joined_date, m.dbs_date,
             m.references_received_date, m.induction_date, m.annual_review_date, m.last_training_date, m.last_sat,
             m.sittings) for m in members]
    return table(spec, ["Name", "Role", "Independent", "Social work PQE (years)", "Joined", "DBS", "References",
                        "Induction", "Annual review", "Last training", "Last sat", "Panels sat in the period"],
                 rows, empty="Nobody is on the central list.")


def panel_minutes(ctx, spec):
    """One table per meeting: its items with the recommendation, reasons, dissent and the ADM's decision."""
    minutes = latest_minutes(count=MINUTES_COUNT)
    if not minutes:
        return [table(spec, ["Item"], [], empty="No signed minutes are recorded.")]
    meeting_ids = [m.meeting_id for m in minutes]
    attendees = {}
    for attendance in (PanelAttendance.objects.filter(meeting_id__in=meeting_ids).select_related("member")
                       .order_by("pk")):
        attendees.setdefault(attendance.meeting_id, []).append(attendance.member)
    items = {}
    for item in (AgendaItem.objects.filter(meeting_id__in=meeting_ids).select_related("household", "decision")
                 .order_by("pk")):
        items.setdefault(item.meeting_id, []).append(item)
    tables = []
    for number, record in enumerate(minutes, start=1):
        meeting = record.meeting
        people = sorted(attendees.get(meeting.pk, []),
                        key=lambda m: (ROLE_ORDER.get(m.role, 99), m.last_name, m.first_name))
        quorum = quorum_check(people, joint=meeting.is_joint)
        present = ", ".join(f"{m} ({m.get_role_display().lower()})" for m in people) or "no attendance recorded"
        note = (f"Present: {present}. {'Quorate' if quorum.met else 'Not quorate: ' + ' '.join(quorum.reasons)}. "
                f"Minutes drafted {day(record.drafted_date) or 'not recorded'}, signed by the chair "
                f"{day(record.signed_by_chair_date)}, sent to the decision maker "
                f"{day(record.sent_to_adm_date) or 'not yet'}.")
        if meeting.is_joint:
            note = f"Joint panel with {meeting.joint_with}. " + note
        rows = [_item_row(ctx, item) for item in items.get(meeting.pk, [])]
        tables.append(Table(id=f"{spec.id}-{number}", title=f"{spec.title}: panel of {day(meeting.date)}",
                            columns=["Item", "Household", "Recommendation and reasons", "Dissent",
                                     "Agency decision"], rows=rows, note=note,
                            empty="No items were recorded for this meeting."))
    return tables


def _item_row(ctx, item):
    recommendation = [item.get_recommendation_display(), ctx.redact(item.recommendation_reasons)] \
        if item.recommendation else ["No recommendation recorded"]
    decision = getattr(item, "decision", None)
    decided = [f"{decision.get_decision_display()}, {day(decision.decision_date)}"] if decision else ["Not yet decided"]
    return (item.get_kind_display(), [item.household.reference, item.household.name], recommendation,
            ctx.redact(item.dissent), decided)


GATHERERS = {"panel_central_list": panel_central_list, "panel_minutes": panel_minutes}
