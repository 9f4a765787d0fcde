"""What the isolation walk (test_isolation.py) needs to know about each object route.

For every URL pattern that names an object, a builder makes that object on one `Side` of the agency
and returns the URL kwargs. The walk builds it on the *other* side (`other_household`, `other_ssw`'s
caseload, an inspection the inspector is not granted) and checks the three outsiders are refused;
the positive controls build it on their *own* side and check they get in.

Adding a URL with a kwarg? Add a builder to ROUTES below (or, for a new records resource, to
RECORD_BUILDERS). A route that genuinely names nothing secret goes in EXEMPT, with the reason.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.files.base import ContentFile

from compliance.models import ComplianceRun, ReminderDigest
from records import models as m
from tests import factories as f
from tests.factories.compliance import ComplianceRunFactory, GapFactory
from tests.factories.evidence import EvidenceFactory
from tests.factories.inspection_access import InspectorGrantFactory
from tests.factories.inspection_outcomes import ActionFactory, InterviewFactory, RequirementFactory
from tests.factories.inspection_packs import PackExportFactory
from tests.factories.panels import (
    PDF_BYTES, AgencyDecisionFactory, AgendaItemFactory, PanelMeetingFactory, PanelMemberFactory, PanelMinutesFactory,
    PanelPaperFactory,
)

CARER, SSW, INSPECTOR = "carer", "ssw", "inspector"
ROLES = (CARER, SSW, INSPECTOR)


@dataclass
class Side:
    """One side of the agency: a household, its supervising social worker's and its carer's logins,
    and an inspection. The outsiders' own side is (`household`, `ssw`, `carer_user`, the inspection
    `granted_inspector` is granted, which sampled `household`); the other side is (`other_household`,
    `other_ssw`, `outsider_carer`, a second inspection)."""

    household: m.Household
    ssw: object
    carer_user: object
    inspection: object
    neighbour: "Side" = None  # the side across

    @property
    def carer(self):
        return self.household.carers.first()

    @property
    def placement(self):
        """A current placement in the household (made if there is none)."""
        return (self.household.placements.filter(end_date__isnull=True).first()
                or f.PlacementFactory(household=self.household))


@dataclass
class Target:
    kwargs: dict
    obj: object  # compared before and after each POST, with its history


@dataclass
class Route:
    build: object  # (side) -> Target
    # Outsider roles that may legitimately open this route on the other side, and why.
    open_to: dict = field(default_factory=dict)
    # Who can open it, to show the builder made a real URL: the manager, or a Side attribute ("ssw").
    reached_by: str = "manager"
    # More objects behind the same route that the outsiders must not reach either, built the same way.
    variants: tuple = ()


def _target(obj, **extra):
    return Target({"pk": obj.pk, **extra}, obj)


def _moved_child(side):
    """The current placement here of a child who used to be placed with the neighbour (ended 100 days ago)."""
    resident = f.ResidentFactory()
    f.PlacementFactory(resident=resident, household=side.neighbour.household, start_date=date.today() - timedelta(300),
                       end_date=date.today() - timedelta(100))
    return f.PlacementFactory(resident=resident, household=side.household, start_date=date.today() - timedelta(99))


def _evidence(side):
    return EvidenceFactory(carer=side.carer)


# Evidence for each kind of record it can support: every one is checked through its own record.
EVIDENCE_VARIANTS = (
    lambda side: _target(EvidenceFactory(carer=None, household=side.household)),
    lambda side: _target(EvidenceFactory(carer=None,
                                         household_member=f.HouseholdMemberFactory(household=side.household))),
    lambda side: _target(EvidenceFactory(carer=None, household=side.household, resident=side.placement.resident)),
    lambda side: _target(EvidenceFactory(carer=None, household=side.household, placement=side.placement)),
    lambda side: _target(EvidenceFactory(carer=None, household=side.household, resident=_moved_child(side).resident)),
    lambda side: _target(EvidenceFactory(carer=None, staff_member=f.StaffMemberFactory())),
    lambda side: _target(EvidenceFactory(carer=None, panel_member=PanelMemberFactory())),
)


def _item(side):
    return AgendaItemFactory(household=side.household, meeting=PanelMeetingFactory())


def _minutes(side):
    return PanelMinutesFactory(meeting=_item(side).meeting, original_filename="Minutes.pdf",
                               file=ContentFile(PDF_BYTES, name="minutes.pdf"))


def _decision(side):
    item = AgendaItemFactory(household=side.household, meeting=PanelMeetingFactory(), recommended=True)
    return AgencyDecisionFactory(item=item, oral_notice_date=date.today(), written_notice_date=date.today())


def _change_request(side):
    return m.ChangeRequest.objects.create(household=side.household, target_model="records.household",
                                          target_id=side.household.pk, action=m.ChangeRequest.Action.UPDATE,
                                          changes={"phone": {"old": "", "new": "01632 960000"}})


def _digest(side):
    return ReminderDigest.objects.create(user=side.ssw, subject="Due soon", body_text="...", item_count=0)


def _interview(side):
    return InterviewFactory(inspection=side.inspection, interviewee=side.ssw)


def _finding(side):
    return RequirementFactory(inspection=side.inspection)


def _inspection(side):
    return Target({"pk": side.inspection.pk}, side.inspection)


# Why some outsiders may open a route on the other side: the object belongs to nobody's caseload.
STAFF_SEE_INSPECTIONS = "every staff role sees every inspection and its packs (inspections/permissions.py)"
CARERS_SEE_READINESS = "a carer's readiness page lists their own household's items (views/readiness.py)"
PANEL_IN_THE_PACK = "the central list, meetings and minutes are in the pack (panels/permissions.py)"
AGENCY_WIDE_RUN = "a run is agency-wide, and the dashboard shows every run to a social worker"


# Records pages (records/urls.py): <model>_detail, _update and _history for every resource.
RECORD_BUILDERS = {
    m.Household: lambda side: side.household,
    m.Carer: lambda side: side.carer,
    m.HouseholdMember: lambda side: f.HouseholdMemberFactory(household=side.household),
    m.Check: lambda side: f.CheckFactory(carer=side.carer),
    m.TrainingRecord: lambda side: f.TrainingRecordFactory(carer=side.carer),
    m.StaffMember: lambda side: f.StaffMemberFactory(),
    m.StaffSupervision: lambda side: f.StaffSupervisionFactory(),
    m.Resident: lambda side: side.placement.resident,
    m.Placement: lambda side: side.placement,
    m.JournalEntry: lambda side: f.JournalEntryFactory(placement=side.placement),
    m.SupervisionVisit: lambda side: f.SupervisionVisitFactory(household=side.household),
    m.UnannouncedVisit: lambda side: f.UnannouncedVisitFactory(household=side.household),
    m.ApprovalReview: lambda side: f.ApprovalReviewFactory(household=side.household),
    m.Complaint: lambda side: f.ComplaintFactory(household=side.household),
    m.Allegation: lambda side: f.AllegationFactory(household=side.household),
    m.MissingEpisode: lambda side: f.MissingEpisodeFactory(placement=side.placement),
    m.Notification: lambda side: f.NotificationFactory(household=side.household),
    # The agency's own records (managers only): any row is outside every outsider's reach.
    m.AgencyReview: lambda side: m.AgencyReview.objects.create(kind="reg35", completed_date=date(2026, 3, 1)),
    m.RegistrationNotice: lambda side: m.RegistrationNotice.objects.create(
        kind="responsible_individual", event_date=date(2026, 3, 1)),
    m.ManagerRegistration: lambda side: m.ManagerRegistration.objects.create(
        manager=f.StaffMemberFactory(role="registered_manager"), appointed_date=date(2025, 1, 6)),
    m.InspectionReport: lambda side: m.InspectionReport.objects.create(published_date=date(2026, 3, 2)),
    m.AllowanceRate: lambda side: m.AllowanceRate.objects.create(
        age_band="5_10", effective_from=date(2026, 4, 6) + timedelta(days=m.AllowanceRate.objects.count()),
        weekly_allowance=215, national_minimum=210),
}
# A child who moved from the outsiders' household to the other one: what is recorded about them there now
# belongs to the other side (the outsiders keep the old placement, which is theirs).
RECORD_VARIANTS = {
    m.Resident: (lambda side: _moved_child(side).resident,),
    m.Placement: (_moved_child,),
    m.JournalEntry: (lambda side: f.JournalEntryFactory(placement=_moved_child(side)),),
    m.MissingEpisode: (lambda side: f.MissingEpisodeFactory(placement=_moved_child(side)),),
    m.Complaint: (lambda side: f.ComplaintFactory(household=side.household, resident=_moved_child(side).resident),
                  lambda side: f.ComplaintFactory(household=None, resident=_moved_child(side).resident)),
    m.Notification: (lambda side: f.NotificationFactory(household=side.household,
                                                         resident=_moved_child(side).resident),),
}
RECORD_ACTIONS = ("detail", "update", "history")

ROUTES = {
    "accounts:carer_invite": Route(lambda side: _target(side.carer)),
    "accounts:two_step_reset": Route(lambda side: _target(side.ssw)),
    "accounts:unlock": Route(lambda side: _target(side.ssw)),
    # Compliance
    "compliance:gap_detail": Route(lambda side: _target(GapFactory(household=side.household))),
    "compliance:run_status": Route(
        lambda side: _target(ComplianceRunFactory(trigger=ComplianceRun.Trigger.MANUAL,
                                                  household_ids=[side.household.pk])),
        open_to={SSW: AGENCY_WIDE_RUN}),
    "compliance:reminder_detail": Route(lambda side: _target(_digest(side)), reached_by="ssw"),
    # Panels
    "panels:member_detail": Route(lambda side: _target(PanelMemberFactory()), open_to={INSPECTOR: PANEL_IN_THE_PACK}),
    "panels:member_update": Route(lambda side: _target(PanelMemberFactory())),
    "panels:meeting_detail": Route(lambda side: _target(_item(side).meeting), open_to={INSPECTOR: PANEL_IN_THE_PACK}),
    "panels:meeting_update": Route(lambda side: _target(_item(side).meeting)),
    "panels:meeting_attendance": Route(lambda side: _target(_item(side).meeting)),
    "panels:item_create": Route(lambda side: _target(_item(side).meeting)),
    "panels:minutes_record": Route(lambda side: _target(_item(side).meeting)),
    "panels:minutes_download": Route(lambda side: _target(_minutes(side).meeting),
                                     open_to={INSPECTOR: PANEL_IN_THE_PACK}),
    "panels:item_detail": Route(lambda side: _target(_item(side))),
    "panels:item_recommendation": Route(lambda side: _target(_item(side))),
    "panels:paper_upload": Route(lambda side: _target(_item(side))),
    "panels:decision_create": Route(
        lambda side: _target(AgendaItemFactory(household=side.household, meeting=PanelMeetingFactory(),
                                               recommended=True))),
    "panels:paper_download": Route(lambda side: _target(PanelPaperFactory(item=_item(side)))),
    "panels:decision_notices": Route(lambda side: _target(_decision(side))),
    "panels:decision_letter": Route(lambda side: _target(_decision(side))),
    "panels:household_history": Route(lambda side: _target(side.household)),
    # Inspections: the inspection itself
    "inspections:detail": Route(_inspection, open_to={SSW: STAFF_SEE_INSPECTIONS}),
    "inspections:edit": Route(_inspection),
    "inspections:readiness": Route(_inspection, open_to={SSW: STAFF_SEE_INSPECTIONS, CARER: CARERS_SEE_READINESS}),
    "inspections:outcomes": Route(_inspection, open_to={SSW: STAFF_SEE_INSPECTIONS}),
    "inspections:outcomes_edit": Route(_inspection),
    "inspections:finding_create": Route(_inspection),
    "inspections:interview_list": Route(lambda side: Target({"pk": _interview(side).inspection_id}, side.inspection)),
    "inspections:interview_create": Route(_inspection),
    "inspections:access_grant": Route(_inspection),
    "inspections:access_log": Route(_inspection),
    "inspections:access_cases": Route(_inspection),
    # ... and what hangs off it
    "inspections:finding_edit": Route(lambda side: Target(
        {"pk": side.inspection.pk, "finding_pk": (finding := _finding(side)).pk}, finding)),
    "inspections:finding_met": Route(lambda side: Target(
        {"pk": side.inspection.pk, "finding_pk": (finding := _finding(side)).pk}, finding)),
    "inspections:action_create": Route(lambda side: Target(
        {"pk": side.inspection.pk, "finding_pk": (finding := _finding(side)).pk}, finding)),
    "inspections:action_edit": Route(lambda side: Target(
        {"pk": side.inspection.pk, "action_pk": (action := ActionFactory(finding=_finding(side))).pk}, action)),
    "inspections:interview_detail": Route(lambda side: Target(
        {"pk": side.inspection.pk, "interview_pk": (interview := _interview(side)).pk}, interview)),
    "inspections:interview_edit": Route(lambda side: Target(
        {"pk": side.inspection.pk, "interview_pk": (interview := _interview(side)).pk}, interview)),
    "inspections:access_revoke": Route(lambda side: Target(
        {"pk": side.inspection.pk, "grant_pk": (grant := InspectorGrantFactory(inspection=side.inspection)).pk},
        grant)),
    "inspections:pack_detail": Route(lambda side: _target(PackExportFactory(inspection=side.inspection)),
                                     open_to={SSW: STAFF_SEE_INSPECTIONS}),
    "inspections:pack_status": Route(lambda side: _target(PackExportFactory(inspection=side.inspection)),
                                     open_to={SSW: STAFF_SEE_INSPECTIONS}),
    "inspections:pack_download": Route(lambda side: _target(PackExportFactory(inspection=side.inspection),
                                                            kind="pdf"),
                                       open_to={SSW: STAFF_SEE_INSPECTIONS}),
    # Records: evidence, the carer portal, change requests
    "records:evidence_detail": Route(lambda side: _target(_evidence(side)), variants=EVIDENCE_VARIANTS),
    "records:evidence_file": Route(lambda side: _target(_evidence(side)), variants=EVIDENCE_VARIANTS),
    "records:evidence_download": Route(lambda side: _target(_evidence(side)), variants=EVIDENCE_VARIANTS),
    "records:evidence_verify": Route(lambda side: _target(_evidence(side)), variants=EVIDENCE_VARIANTS),
    "records:evidence_reject": Route(lambda side: _target(_evidence(side)), variants=EVIDENCE_VARIANTS),
    "records:portal_member_change": Route(lambda side: _target(f.HouseholdMemberFactory(household=side.household)),
                                          reached_by="carer_user"),
    "records:portal_member_leaving": Route(lambda side: _target(f.HouseholdMemberFactory(household=side.household)),
                                           reached_by="carer_user"),
    "records:change_request_detail": Route(lambda side: _target(_change_request(side))),
}

# Routes that name their object in the query string instead: name -> builders of (query, object).
QUERY_ROUTES = {
    "records:evidence_upload": (
        lambda side: Target({"household": side.household.pk}, side.household),
        lambda side: Target({"carer": side.carer.pk}, side.carer),
        lambda side: Target({"household_member": (member := f.HouseholdMemberFactory(household=side.household)).pk},
                            member),
        lambda side: Target({"resident": side.placement.resident.pk}, side.placement.resident),
        lambda side: Target({"placement": side.placement.pk}, side.placement),
    ),
}

# Routes with kwargs that name nothing per-household or per-caseload. Keep this short.
EXEMPT = {
    # The token in the link is the secret; a wrong one shows "this link no longer works" to anyone.
    "accounts:set_password": "the invitation token is the secret (Django's PasswordResetConfirmView)",
    # The published regulations, the same for everyone; the gaps listed on it go through gaps_for().
    "compliance:clause_detail": "the clause catalogue is public regulation text",
    # An empty spreadsheet per import type: the slug names a layout (records/imports/types.py), not a record.
    "records:import_template": "a blank import template; the slug is an import type",
}

# Captured kwargs that choose a file format or variant, never a record: a route with only these
# (e.g. compliance:gap_export, whose rows come from the user's own scoped list) has no object.
NON_OBJECT_KWARGS = {"fmt", "kind"}
