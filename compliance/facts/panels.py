"""Facts for the panel and decision rules (compliance/rules/panels.py: CR-PN-*, CR-ADM-*), as plain dataclasses.

`gather(scope)` reads them in five queries whatever the number of meetings: the central list, meetings
with their minutes, attendance (each sitter's role and post-qualifying experience), agenda items (with
the household and its supervising social worker) and decisions. The central list and meetings are
agency-wide: a household recheck reads only that household's items and decisions and the meetings that
heard them (at most three queries), and the member and meeting rules yield nothing for it.

The facts answer the panels app's own questions with the panels app's own code: the model properties
and methods below (quorum, papers lead time, decision and notice deadlines, qualifying determination)
are the models', run on the facts, so a gap never disagrees with the record page.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from django.db.models import F
from django.urls import reverse

from panels.choices import ItemKind, MemberRole
from panels.models import AgencyDecision, AgendaItem, PanelAttendance, PanelMeeting, PanelMember
from panels.quorum import QuorumResult, quorum_check


@lru_cache(maxsize=None)
def _detail_url(url_name):
    """`pk -> path` of a panels detail page, reversing the URL once rather than once per row."""
    example = reverse(url_name, args=[0])  # e.g. "/panels/items/0/"
    head = example[: example.rindex("0/")]
    return lambda pk: f"{head}{pk}/"


def _model_property(model, name):
    """The panels model's own property, evaluated on a fact with the same field names."""
    return property(getattr(model, name).fget)


@dataclass(frozen=True)
class MemberFact:
    """A person on the central list (any role, advisers included)."""

    id: int
    name: str
    role: str
    joined_date: date
    is_independent: bool = False
    pqe_years: int | None = None
    left_date: date | None = None
    dbs_date: date | None = None
    references_received_date: date | None = None
    induction_date: date | None = None
    annual_review_date: date | None = None
    last_training_date: date | None = None

    # PanelMember's own rules: on the list on a day (joined on or before it, not left before it), vetted.
    is_active_on = PanelMember.is_active_on
    not_active_reason = PanelMember.not_active_reason
    vetted_before = PanelMember.vetted_before

    def __str__(self):
        return self.name

    @property
    def label(self):
        role = MemberRole(self.role).label if self.role in MemberRole.values else self.role
        return f"{self.name} ({role})"

    @property
    def url(self):
        return _detail_url("panels:member_detail")(self.id)


@dataclass(frozen=True)
class AttendeeFact:
    """One sitter at a meeting: what the quorum counts (quorum_check reads `role` and `pqe_years`)."""

    member_id: int
    role: str
    pqe_years: int | None = None


@dataclass(frozen=True)
class MeetingFact:
    id: int
    date: date
    is_joint: bool = False
    papers_sent_date: date | None = None
    attendees: tuple = ()  # AttendeeFact, one per member who sat
    minutes_drafted_date: date | None = None
    minutes_signed_date: date | None = None  # signed by the chair: the minutes are final
    minutes_sent_to_adm_date: date | None = None  # final minutes received: the decision maker's clock starts

    papers_lead_working_days = _model_property(PanelMeeting, "papers_lead_working_days")
    papers_short = _model_property(PanelMeeting, "papers_short")
    papers_due_by = _model_property(PanelMeeting, "papers_due_by")

    def quorum(self) -> QuorumResult:
        return quorum_check(self.attendees, joint=self.is_joint)

    def held_by(self, day):
        return self.date <= day

    @property
    def label(self):
        return f"Panel {self.date:%d %b %Y}" + (" (joint)" if self.is_joint else "")

    @property
    def url(self):
        return _detail_url("panels:meeting_detail")(self.id)


@dataclass(frozen=True)
class ItemFact:
    """A household's case at a meeting and the panel's recommendation."""

    id: int
    meeting_id: int
    household_id: int
    household_name: str
    kind: str = ItemKind.APPROVAL.value
    social_worker_id: int | None = None  # the household's supervising social worker
    recommendation: str = ""
    reasons_recorded: bool = False  # the panel's reasons for its recommendation are in the minutes

    awaits_decision = _model_property(AgendaItem, "awaits_decision")

    @property
    def kind_label(self):
        return ItemKind(self.kind).label if self.kind in ItemKind.values else self.kind

    @property
    def url(self):
        return _detail_url("panels:item_detail")(self.id)


@dataclass(frozen=True)
class DecisionFact:
    """The agency decision maker's decision on an item, and the notices that follow it."""

    id: int
    item_id: int
    decision: str
    decision_date: date
    reasons_recorded: bool = True
    carer_agrees_to_terms: bool | None = None
    oral_notice_date: date | None = None
    written_notice_date: date | None = None
    irm_notified_date: date | None = None
    irm_papers_sent_date: date | None = None

    is_qualifying_determination = _model_property(AgencyDecision, "is_qualifying_determination")
    oral_notice_due = _model_property(AgencyDecision, "oral_notice_due")
    written_notice_due = _model_property(AgencyDecision, "written_notice_due")
    representation_deadline = _model_property(AgencyDecision, "representation_deadline")
    irm_papers_due = _model_property(AgencyDecision, "irm_papers_due")


@dataclass(frozen=True)
class PanelFacts:
    members: tuple = ()
    meetings: tuple = ()
    items: tuple = ()
    decisions: tuple = ()

    # Indexes, built once on first use --------------------------------------------------------
    @cached_property
    def _members(self):
        return {m.id: m for m in self.members}

    @cached_property
    def _meetings(self):
        return {m.id: m for m in self.meetings}

    @cached_property
    def _items(self):
        grouped = defaultdict(list)
        for item in self.items:
            grouped[item.meeting_id].append(item)
        return dict(grouped)

    @cached_property
    def _decisions(self):
        return {d.item_id: d for d in self.decisions}

    @cached_property
    def _sittings(self):
        dates = defaultdict(list)
        for meeting in self.meetings:
            for attendee in meeting.attendees:
                dates[attendee.member_id].append(meeting.date)
        return {member_id: min(days) for member_id, days in dates.items()}

    # What rules ask ---------------------------------------------------------------------------
    def member(self, member_id):
        return self._members.get(member_id)

    def meeting(self, meeting_id):
        return self._meetings.get(meeting_id)

    def items_of(self, meeting):
        return self._items.get(meeting.id, [])

    def decision_of(self, item):
        return self._decisions.get(item.id)

    def first_sitting(self, member):
        """The date of the first meeting `member` sat on, or None."""
        return self._sittings.get(member.id)

    def on_list(self, day):
        """Members on the central list on `day`."""
        return [m for m in self.members if m.is_active_on(day)]


# Gathering ------------------------------------------------------------------------------------

MEMBER_FIELDS = (
    "id", "role", "is_independent", "pqe_years", "joined_date", "left_date", "dbs_date", "references_received_date",
    "induction_date", "annual_review_date", "last_training_date",
)
DECISION_FIELDS = (
    "id", "item_id", "decision", "decision_date", "carer_agrees_to_terms", "oral_notice_date",
    "written_notice_date", "irm_notified_date", "irm_papers_sent_date",
)


def _recorded(text):
    return bool((text or "").strip())


def gather(scope) -> PanelFacts:
    items = tuple(
        ItemFact(reasons_recorded=_recorded(row.pop("recommendation_reasons")), **row)
        for row in scope.narrow(AgendaItem.objects.order_by("id")).values(
            "id", "meeting_id", "household_id", "kind", "recommendation", "recommendation_reasons",
            household_name=F("household__name"), social_worker_id=F("household__supervising_social_worker_id"))
    )
    decisions = tuple(
        DecisionFact(reasons_recorded=_recorded(row.pop("reasons")), **row)
        for row in scope.narrow(AgencyDecision.objects.order_by("id"), household_path="item__household")
        .values(*DECISION_FIELDS, "reasons")
    )

    meetings = PanelMeeting.objects.order_by("date", "id")
    attendees = defaultdict(list)
    members = ()
    if scope.whole_agency:
        members = tuple(
            MemberFact(name=f"{row.pop('first_name')} {row.pop('last_name')}", **row)
            for row in PanelMember.objects.order_by("id").values(*MEMBER_FIELDS, "first_name", "last_name")
        )
        for row in PanelAttendance.objects.order_by("meeting_id", "member_id").values(
                "meeting_id", "member_id", role=F("member__role"), pqe_years=F("member__pqe_years")):
            attendees[row.pop("meeting_id")].append(AttendeeFact(**row))
    else:
        # Only the meetings that heard the households' items (no query at all when there are none).
        meetings = meetings.filter(pk__in={item.meeting_id for item in items})
    meeting_facts = tuple(
        MeetingFact(attendees=tuple(attendees.get(row["id"], ())), **row)
        for row in meetings.values(
            "id", "date", "is_joint", "papers_sent_date", minutes_drafted_date=F("minutes__drafted_date"),
            minutes_signed_date=F("minutes__signed_by_chair_date"),
            minutes_sent_to_adm_date=F("minutes__sent_to_adm_date"))
    )
    return PanelFacts(members=members, meetings=meeting_facts, items=items, decisions=decisions)
