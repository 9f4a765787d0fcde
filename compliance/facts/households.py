"""Facts for the carers-and-households rules (compliance/rules/households.py), as plain dataclasses.

`gather(scope)` reads them in ten queries whatever the size of the agency: households (with their
supervising social worker), the latest supervision visit, the latest unannounced visits, carers,
household members, vetting checks, the latest completion of each course, reviews of approval,
placements and allegations. Tests build the same dataclasses in memory with `HouseholdFacts(...)`.

The facts describe the records as they stand now; rules compare them with `ctx.as_of`, which may be
a later day ("what will be overdue on inspection day").
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from django.db.models import F, Max, Q
from django.urls import reverse

from compliance.periods import birthday
from records.choices import HouseholdStatus
from records.models import (
    Allegation, ApprovalReview, Carer, Check, Household, HouseholdMember, Placement, SupervisionVisit,
    TrainingRecord, UnannouncedVisit,
)

# Households whose approval is running: the ongoing duties (renewals, visits, reviews) apply.
IN_APPROVAL = frozenset({HouseholdStatus.APPROVED.value, HouseholdStatus.ON_HOLD.value})
APPLICANT = HouseholdStatus.ASSESSMENT.value
ENDED = frozenset({HouseholdStatus.RESIGNED.value, HouseholdStatus.DEREGISTERED.value})


@lru_cache(maxsize=None)
def _path_pattern(url_name):
    return reverse(url_name, args=[987654321]).replace("987654321", "{}")


def record_url(url_name, pk):
    """The record page's path, e.g. record_url("records:carer_detail", 7) == "/records/carers/7/"."""
    return _path_pattern(url_name).format(pk) if pk else ""


def _lives_in(moved_in, moved_out, day):
    return (moved_in is None or moved_in <= day) and (moved_out is None or moved_out > day)


@dataclass(frozen=True)
class HouseholdFact:
    id: int
    name: str
    status: str = HouseholdStatus.APPROVED.value
    approval_category: str = "mainstream"
    reference: str = ""
    application_date: date | None = None
    panel_date: date | None = None
    approval_date: date | None = None
    foster_care_agreement_date: date | None = None
    deregistration_date: date | None = None
    approved_places: int | None = None
    age_range_min: int | None = None
    age_range_max: int | None = None
    placement_types: tuple = ()
    address_line_1: str = ""
    postcode: str = ""
    ssw_id: int | None = None
    ssw_name: str = ""
    ssw_registration_number: str = ""
    ssw_end_date: date | None = None
    safer_care_plan_reviewed_date: date | None = None
    stage_one_completed_date: date | None = None
    assessment_report_shared_date: date | None = None
    records_requested_date: date | None = None
    records_provided_date: date | None = None
    fostering_limit_exemption_until: date | None = None
    children_placed_are_siblings: bool = False
    resignation_notice_date: date | None = None
    approval_end_reasons: str = ""
    records_retain_until: date | None = None
    last_supervision_visit: date | None = None
    last_unannounced_visit: date | None = None
    last_home_safety_check: date | None = None  # latest unannounced visit that checked home safety

    @property
    def url(self):
        return record_url("records:household_detail", self.id)

    @property
    def in_approval(self):
        return self.status in IN_APPROVAL

    @property
    def is_applicant(self):
        return self.status == APPLICANT


@dataclass(frozen=True)
class CarerFact:
    id: int
    household_id: int
    name: str
    date_of_birth: date
    carer_role: str = "main"
    sex: str = ""
    induction_completed_date: date | None = None
    tsd_completed_date: date | None = None
    pdp_reviewed_date: date | None = None
    previous_fostering_provider: str = ""
    previous_approval_ended_date: date | None = None

    kind = "carer"

    @property
    def url(self):
        return record_url("records:carer_detail", self.id)

    @property
    def person(self):
        return (self.kind, self.id)

    def lives_in_on(self, day):
        return True

    def adult_on(self, day):
        return birthday(self.date_of_birth, 18) <= day


@dataclass(frozen=True)
class MemberFact:
    id: int
    household_id: int
    name: str
    date_of_birth: date
    relationship: str = "carers_child"
    moved_in_date: date | None = None
    moved_out_date: date | None = None

    kind = "household_member"

    @property
    def url(self):
        return record_url("records:householdmember_detail", self.id)

    @property
    def person(self):
        return (self.kind, self.id)

    @property
    def eighteenth_birthday(self):
        return birthday(self.date_of_birth, 18)

    def lives_in_on(self, day):
        return _lives_in(self.moved_in_date, self.moved_out_date, day)

    def adult_on(self, day):
        return self.eighteenth_birthday <= day

    @property
    def became_adult_here_on(self):
        """The day this person was first an adult living in the household."""
        return max(self.eighteenth_birthday, self.moved_in_date or self.eighteenth_birthday)


@dataclass(frozen=True)
class CheckFact:
    id: int
    kind: str
    person: tuple  # ("carer", id) or ("household_member", id)
    household_id: int | None = None
    requested_date: date | None = None
    completed_date: date | None = None
    outcome: str = "clear"
    update_service_subscribed: bool = False
    disqualification_screen: str = ""
    disqualification_screened_date: date | None = None

    @property
    def url(self):
        return record_url("records:check_detail", self.id)

    @property
    def started(self):
        """Applied for or done: the date it was requested, else completed."""
        return self.requested_date or self.completed_date


@dataclass(frozen=True)
class TrainingFact:
    carer_id: int
    course: str
    completed_date: date  # the latest completion of this course by this carer


@dataclass(frozen=True)
class ReviewFact:
    id: int
    household_id: int
    review_date: date
    is_first_review: bool = False
    carer_views_recorded: bool = False
    children_views_recorded: bool = False
    placing_authority_views_recorded: bool = False
    went_to_panel: bool = False
    outcome: str = "pending"
    report_completed_date: date | None = None

    @property
    def url(self):
        return record_url("records:approvalreview_detail", self.id)


@dataclass(frozen=True)
class PlacementFact:
    id: int
    household_id: int
    child_name: str
    child_date_of_birth: date
    placement_type: str
    start_date: date
    end_date: date | None = None
    placing_authority: str = ""

    @property
    def url(self):
        return record_url("records:placement_detail", self.id)

    def current_on(self, day):
        return self.start_date <= day and (self.end_date is None or self.end_date > day)

    def overlaps(self, start, end):
        return self.start_date <= end and (self.end_date is None or self.end_date >= start)


@dataclass(frozen=True)
class AllegationFact:
    id: int
    household_id: int
    received_date: date
    category: str = "standards_of_care"
    outcome: str = "open"
    closed_date: date | None = None

    @property
    def url(self):
        return record_url("records:allegation_detail", self.id)


def _group(items, key):
    grouped = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return dict(grouped)


@dataclass(frozen=True)
class HouseholdFacts:
    households: tuple = ()
    carers: tuple = ()
    members: tuple = ()
    checks: tuple = ()
    training: tuple = ()
    reviews: tuple = ()
    placements: tuple = ()
    allegations: tuple = ()

    # Indexes, built once on first use --------------------------------------------------------
    @cached_property
    def _carers(self):
        return _group(self.carers, lambda c: c.household_id)

    @cached_property
    def _members(self):
        return _group(self.members, lambda m: m.household_id)

    @cached_property
    def _checks(self):
        return _group(self.checks, lambda c: c.person)

    @cached_property
    def _training(self):
        return {(t.carer_id, t.course): t.completed_date for t in self.training}

    @cached_property
    def _reviews(self):
        return {hid: sorted(reviews, key=lambda r: (r.review_date, r.id))
                for hid, reviews in _group(self.reviews, lambda r: r.household_id).items()}

    @cached_property
    def _placements(self):
        return {hid: sorted(placements, key=lambda p: (p.start_date, p.id))
                for hid, placements in _group(self.placements, lambda p: p.household_id).items()}

    @cached_property
    def _allegations(self):
        return _group(self.allegations, lambda a: a.household_id)

    # What rules ask ---------------------------------------------------------------------------
    def in_approval(self):
        return [h for h in self.households if h.in_approval]

    def applicants(self):
        return [h for h in self.households if h.is_applicant]

    def carers_of(self, household):
        return self._carers.get(household.id, [])

    def members_of(self, household):
        return self._members.get(household.id, [])

    def people_of(self, household):
        return [*self.carers_of(household), *self.members_of(household)]

    def checks_of(self, person, kinds):
        """`person`'s checks of the given kinds (a carer or member fact)."""
        return [c for c in self._checks.get(person.person, []) if c.kind in kinds]

    def last_completed(self, person, kinds):
        """The latest completed check of `kinds` for `person`, or None."""
        done = [c for c in self.checks_of(person, kinds) if c.completed_date]
        return max(done, key=lambda c: (c.completed_date, c.id)) if done else None

    def household_checks(self, household, kinds):
        return [c for person in self.people_of(household) for c in self.checks_of(person, kinds)]

    def last_course(self, carer, course):
        return self._training.get((carer.id, course))

    def reviews_of(self, household):
        """Reviews of approval, oldest first."""
        return self._reviews.get(household.id, [])

    def placements_of(self, household):
        """Placements, earliest start first."""
        return self._placements.get(household.id, [])

    def current_placements(self, household, day):
        return [p for p in self.placements_of(household) if p.current_on(day)]

    def allegations_of(self, household):
        return self._allegations.get(household.id, [])


# Gathering ------------------------------------------------------------------------------------

HOUSEHOLD_FIELDS = (
    "id", "name", "status", "approval_category", "reference", "application_date", "panel_date", "approval_date",
    "foster_care_agreement_date", "deregistration_date", "approved_places", "age_range_min", "age_range_max",
    "placement_types", "address_line_1", "postcode", "safer_care_plan_reviewed_date", "stage_one_completed_date",
    "assessment_report_shared_date", "records_requested_date", "records_provided_date",
    "fostering_limit_exemption_until", "children_placed_are_siblings", "resignation_notice_date",
    "approval_end_reasons", "records_retain_until",
)


def _named(row, name="name"):
    """A values() row with first_name and last_name joined into `name`."""
    row[name] = f"{row.pop('first_name')} {row.pop('last_name')}"
    return row


def _latest_by_household(queryset, **aggregates):
    return {row.pop("household_id"): row for row in queryset.values("household_id").annotate(**aggregates)}


def gather(scope) -> HouseholdFacts:
    households = scope.narrow(Household.objects.all(), household_path=None)
    supervision = _latest_by_household(scope.narrow(SupervisionVisit.objects.all()), last=Max("visit_date"))
    unannounced = _latest_by_household(
        scope.narrow(UnannouncedVisit.objects.all()), last=Max("visit_date"),
        safety=Max("visit_date", filter=Q(home_safety_checked=True)))
    household_facts = []
    for row in households.values(*HOUSEHOLD_FIELDS, ssw_id=F("supervising_social_worker_id"),
                                 ssw_first=F("supervising_social_worker__first_name"),
                                 ssw_last=F("supervising_social_worker__last_name"),
                                 ssw_registration_number=F("supervising_social_worker__swe_registration_number"),
                                 ssw_end_date=F("supervising_social_worker__end_date")):
        ssw_name = " ".join(filter(None, [row.pop("ssw_first"), row.pop("ssw_last")]))
        row["placement_types"] = tuple(row["placement_types"] or ())
        row["ssw_registration_number"] = row["ssw_registration_number"] or ""
        visits = unannounced.get(row["id"], {})
        household_facts.append(HouseholdFact(
            **row, ssw_name=ssw_name, last_supervision_visit=supervision.get(row["id"], {}).get("last"),
            last_unannounced_visit=visits.get("last"), last_home_safety_check=visits.get("safety"),
        ))

    carers = [
        CarerFact(**_named(row))
        for row in scope.narrow(Carer.objects.all()).values(
            "id", "household_id", "first_name", "last_name", "date_of_birth", "carer_role", "sex",
            "induction_completed_date", "tsd_completed_date", "pdp_reviewed_date", "previous_fostering_provider",
            "previous_approval_ended_date")
    ]
    members = [
        MemberFact(**_named(row))
        for row in scope.narrow(HouseholdMember.objects.all()).values(
            "id", "household_id", "first_name", "last_name", "date_of_birth", "relationship", "moved_in_date",
            "moved_out_date")
    ]
    checks = []
    for row in scope.narrow(Check.objects.filter(staff_member__isnull=True)).values(
            "id", "kind", "carer_id", "household_member_id", "household_id", "requested_date", "completed_date",
            "outcome", "update_service_subscribed", "disqualification_screen", "disqualification_screened_date"):
        carer_id, member_id = row.pop("carer_id"), row.pop("household_member_id")
        person = ("carer", carer_id) if carer_id else ("household_member", member_id)
        checks.append(CheckFact(person=person, **row))
    training = [
        TrainingFact(carer_id=carer_id, course=course, completed_date=last)
        for carer_id, course, last in scope.narrow(TrainingRecord.objects.filter(carer__isnull=False))
        .values("carer_id", "course").annotate(last=Max("completed_date")).values_list("carer_id", "course", "last")
    ]
    reviews = [ReviewFact(**row) for row in scope.narrow(ApprovalReview.objects.all()).values(
        "id", "household_id", "review_date", "is_first_review", "carer_views_recorded", "children_views_recorded",
        "placing_authority_views_recorded", "went_to_panel", "outcome", "report_completed_date")]
    placements = [
        PlacementFact(**_named(row, name="child_name"))
        for row in scope.narrow(Placement.objects.all()).values(
            "id", "household_id", "placement_type", "start_date", "end_date", first_name=F("resident__first_name"),
            last_name=F("resident__last_name"), child_date_of_birth=F("resident__date_of_birth"),
            placing_authority=F("resident__placing_authority"))
    ]
    allegations = [AllegationFact(**row) for row in scope.narrow(Allegation.objects.all()).values(
        "id", "household_id", "received_date", "category", "outcome", "closed_date")]
    return HouseholdFacts(
        households=tuple(household_facts), carers=tuple(carers), members=tuple(members), checks=tuple(checks),
        training=tuple(training), reviews=tuple(reviews), placements=tuple(placements),
        allegations=tuple(allegations),
    )
