"""Reads for panel pages, the household page and (later) the inspection pack. Each makes a fixed number of queries."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Prefetch, Q

from panels import timescales
from panels.choices import MemberRole, Recommendation
from panels.models import AgencyDecision, AgendaItem, PanelMeeting, PanelMember, PanelMinutes, PanelPaper
from panels.permissions import restrict

ROLE_ORDER = {role: index for index, role in enumerate(MemberRole.values)}


def central_list(*, user, query: str = "", role: str = "", status: str = "active", today: date):
    """The central list as `user` may see it, with each person's last sitting. `status`: active, left or all."""
    members = restrict(PanelMember.objects.all(), user).annotate(
        # Attendance is recorded ahead for an upcoming panel (so members get its papers); it is not a sitting yet.
        last_sat=Max("attendances__meeting__date", filter=Q(attendances__meeting__date__lte=today)),
        sittings=Count("attendances", filter=Q(attendances__meeting__date__lte=today)),
    )
    for word in query.split():
        members = members.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if role:
        members = members.filter(role=role)
    if status == "active":
        members = members.filter(Q(left_date__isnull=True) | Q(left_date__gte=today), joined_date__lte=today)
    elif status == "left":
        members = members.filter(left_date__lt=today)
    return members.order_by("last_name", "first_name", "id")


def active_members_on(day: date):
    """Everyone on the central list on `day`, chair first: the only people who may sit that day."""
    members = PanelMember.objects.filter(Q(left_date__isnull=True) | Q(left_date__gte=day), joined_date__lte=day)
    return sorted(members, key=lambda member: (ROLE_ORDER.get(member.role, 99), member.last_name, member.first_name))


def meetings_for(*, user):
    """Meetings `user` may see, newest first, with attendees (for the quorum) and item counts."""
    return (restrict(PanelMeeting.objects.all(), user)
            .select_related("minutes")
            .prefetch_related("attendees")
            .annotate(item_count=Count("items", distinct=True))
            .order_by("-date", "-id"))


def meeting_attendees(meeting) -> list:
    return sorted(meeting.attendees.all(),
                  key=lambda member: (ROLE_ORDER.get(member.role, 99), member.last_name, member.first_name))


def meeting_items(meeting, *, user):
    """The meeting's items `user` may see, with papers and (where `user` may see them) decisions."""
    papers = Prefetch("papers", queryset=restrict(PanelPaper.objects.order_by("kind", "id"), user))
    items = restrict(meeting.items.select_related("household"), user).prefetch_related(papers).order_by("id")
    items = list(items)
    decisions = {decision.item_id: decision
                 for decision in restrict(AgencyDecision.objects.filter(item__meeting=meeting), user)}
    for item in items:
        item.visible_decision = decisions.get(item.pk)
    return items


def latest_minutes(count: int = 3, *, user=None) -> list:
    """The `count` most recent signed sets of minutes, newest meeting first (asked for at Ofsted's notice)."""
    minutes = PanelMinutes.objects.filter(signed_by_chair_date__isnull=False).select_related("meeting")
    if user is not None:
        minutes = restrict(minutes, user)
    return list(minutes.order_by("-meeting__date", "-meeting_id")[:count])


def household_panel_history(household, *, user=None) -> list:
    """Every agenda item for `household`, newest meeting first, with its meeting and decision."""
    items = AgendaItem.objects.filter(household=household).select_related("meeting", "decision")
    if user is not None:
        items = restrict(items, user)
    return list(items.order_by("-meeting__date", "-id"))


def household_letters(household, *, user) -> list:
    """Decisions on `household` whose outcome letter `user` may read (carers: once written notice is recorded)."""
    decisions = AgencyDecision.objects.filter(item__household=household).select_related("item__meeting")
    return list(restrict(decisions, user).order_by("-decision_date", "-id"))


@dataclass(frozen=True)
class QueueRow:
    item: AgendaItem
    minutes_sent: date | None
    countdown: timescales.Countdown


def decision_queue(*, user, today: date) -> list[QueueRow]:
    """Items with a recommendation and no decision, the most urgent first; the clock starts on final minutes."""
    items = (restrict(AgendaItem.objects.all(), user)
             .exclude(recommendation__in=["", Recommendation.DEFERRED])
             .filter(decision__isnull=True)
             .select_related("meeting__minutes", "household"))
    rows = []
    for item in items:
        minutes = getattr(item.meeting, "minutes", None)
        sent = minutes.sent_to_adm_date if minutes else None
        rows.append(QueueRow(item, sent, timescales.countdown(timescales.decision_due(sent), today=today)))
    far = date.max
    return sorted(rows, key=lambda row: (row.countdown.due or far, row.item.meeting.date, row.item.pk))


@dataclass(frozen=True)
class NoticeRow:
    decision: AgencyDecision
    oral: timescales.Countdown
    written: timescales.Countdown


def notices_outstanding(*, user, today: date) -> list[NoticeRow]:
    """Decisions whose applicant or carer has not yet been told orally or in writing."""
    decisions = (restrict(AgencyDecision.objects.all(), user)
                 .filter(Q(oral_notice_date__isnull=True) | Q(written_notice_date__isnull=True))
                 .select_related("item__household", "item__meeting")
                 .order_by("decision_date", "id"))
    rows = []
    for decision in decisions:
        oral_due = None if decision.oral_notice_date else decision.oral_notice_due
        written_due = None if decision.written_notice_date else decision.written_notice_due
        rows.append(NoticeRow(decision, timescales.countdown(oral_due, today=today),
                              timescales.countdown(written_due, today=today)))
    return rows
