"""Factories for the panels app; each builds a record that passes full_clean()."""

import factory
from factory.django import DjangoModelFactory

from panels.choices import Decision, ItemKind, MemberRole, PaperKind, Recommendation
from panels.models import (
    AgencyDecision, AgendaItem, PanelAttendance, PanelMeeting, PanelMember, PanelMinutes, PanelPaper,
)
from records.choices import ApprovalCategory, PlacementType
from tests.factories._common import days_ago, first_name, last_name
from tests.factories.accounts import UserFactory
from tests.factories.households import HouseholdFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

TERMS = dict(
    approval_category=ApprovalCategory.MAINSTREAM, approved_places=2, age_range_min=0, age_range_max=18,
    placement_types=factory.LazyFunction(lambda: [PlacementType.LONG_TERM.value, PlacementType.SHORT_TERM.value]),
)


class PanelMemberFactory(DjangoModelFactory):
    """An independent member on the central list for two years: vetted, inducted, reviewed and trained.

    Roles by trait: `chair=True` (independent), `vice_chair=True`, `social_worker=True` (8 years' PQE),
    `adviser=True` (panel adviser, not counted in the quorum).
    """

    class Meta:
        model = PanelMember

    class Params:
        chair = factory.Trait(role=MemberRole.CHAIR)
        vice_chair = factory.Trait(role=MemberRole.VICE_CHAIR)
        social_worker = factory.Trait(role=MemberRole.SOCIAL_WORKER, pqe_years=8, is_independent=False)
        adviser = factory.Trait(role=MemberRole.PANEL_ADVISER, is_independent=False)

    first_name = first_name()
    last_name = last_name()
    role = MemberRole.INDEPENDENT
    is_independent = True
    pqe_years = None
    joined_date = days_ago(2 * 365)
    dbs_date = days_ago(2 * 365 + 30)
    references_received_date = days_ago(2 * 365 + 20)
    induction_date = days_ago(2 * 365 - 10)
    annual_review_date = days_ago(100)
    last_training_date = days_ago(60)


def quorate_members() -> list:
    """Five members who make a quorate (non-joint) panel: the chair, a social worker and three independents."""
    return [
        PanelMemberFactory(chair=True),
        PanelMemberFactory(social_worker=True),
        *PanelMemberFactory.create_batch(3),
    ]


class PanelMeetingFactory(DjangoModelFactory):
    """A panel held a fortnight ago with papers sent two weeks before it. `attendees=[...]` records attendance."""

    class Meta:
        model = PanelMeeting
        skip_postgeneration_save = True

    date = days_ago(14)
    is_joint = False
    papers_sent_date = days_ago(28)

    @factory.post_generation
    def attendees(meeting, create, extracted, **kwargs):
        for member in extracted or ():
            PanelAttendance.objects.create(meeting=meeting, member=member)


class AgendaItemFactory(DjangoModelFactory):
    """An applicant household (in assessment) on the agenda for approval; no recommendation yet.

    `recommended=True` adds the panel's recommendation to approve on mainstream terms for 2 children aged 0-18.
    """

    class Meta:
        model = AgendaItem

    class Params:
        recommended = factory.Trait(
            recommendation=Recommendation.APPROVE,
            recommendation_reasons="The assessment shows the applicants can meet children's needs.",
            **TERMS,
        )

    meeting = factory.SubFactory(PanelMeetingFactory)
    household = factory.SubFactory(HouseholdFactory, assessment=True)
    kind = ItemKind.APPROVAL


class PanelPaperFactory(DjangoModelFactory):
    """An assessment report (a tiny real PDF) for an item."""

    class Meta:
        model = PanelPaper

    item = factory.SubFactory(AgendaItemFactory)
    kind = PaperKind.ASSESSMENT_REPORT
    title = "Form F assessment"
    file = factory.django.FileField(data=PDF_BYTES, filename="stored.pdf")
    original_filename = "Form F - Fenwick.pdf"
    size_bytes = len(PDF_BYTES)


class PanelMinutesFactory(DjangoModelFactory):
    """Final minutes: drafted the day after the meeting, signed two days later, sent to the ADM the same day."""

    class Meta:
        model = PanelMinutes

    meeting = factory.SubFactory(PanelMeetingFactory)
    drafted_date = days_ago(13)
    signed_by_chair_date = days_ago(11)
    sent_to_adm_date = days_ago(11)


class AgencyDecisionFactory(DjangoModelFactory):
    """The ADM's approval of a recommended item, decided a week ago (the household itself is left as it was)."""

    class Meta:
        model = AgencyDecision

    item = factory.SubFactory(AgendaItemFactory, recommended=True)
    decision = Decision.APPROVE
    reasons = "I agree with the panel's reasons."
    decision_date = days_ago(7)
    decided_by = factory.SubFactory(UserFactory, role="decision_maker")
    approval_category = factory.SelfAttribute("item.approval_category")
    approved_places = factory.SelfAttribute("item.approved_places")
    age_range_min = factory.SelfAttribute("item.age_range_min")
    age_range_max = factory.SelfAttribute("item.age_range_max")
    placement_types = factory.LazyAttribute(lambda o: list(o.item.placement_types))
