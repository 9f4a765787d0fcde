"""Staff, their recruitment checks, supervision and caseloads, and the registered manager, for CR-ST-* rules.

Agency-wide: a household recheck gathers nothing here (and the staff rules yield nothing for it).
Five queries, however many staff.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time

from django.db.models import Count

from compliance.facts.children import detail_url
from records.choices import CheckOutcome, HouseholdStatus, StaffRole
from records.models import Check, Household, ManagerRegistration, StaffMember, StaffSupervision

# Roles that must hold Social Work England registration (as StaffMember.is_social_worker).
SOCIAL_WORK_ROLES = frozenset({StaffRole.SUPERVISING_SOCIAL_WORKER, StaffRole.ASSESSING_SOCIAL_WORKER,
                               StaffRole.REGISTERED_MANAGER, StaffRole.MANAGER})
SATISFACTORY = frozenset({CheckOutcome.CLEAR, CheckOutcome.INFORMATION_DISCLOSED})
# Households a supervising social worker is carrying (CR-ST-008).
CASELOAD_STATUSES = (HouseholdStatus.APPROVED, HouseholdStatus.ON_HOLD)


@dataclass(frozen=True)
class CheckFact:
    kind: str
    completed_date: date | None = None
    outcome: str = CheckOutcome.PENDING
    certificate_recorded: bool = False  # whether a certificate number is on file (the number stays in records)

    @property
    def satisfactory(self):
        return self.completed_date is not None and self.outcome in SATISFACTORY


@dataclass(frozen=True)
class SupervisionFact:
    kind: str
    date: date
    start_time: time | None = None
    duration_minutes: int | None = None
    supervisor_signed: bool = False
    supervisee_signed: bool = False

    def missing_record_items(self):
        """What NMS 24.5 asks each supervision record to show that this one does not."""
        items = [("time", self.start_time is not None), ("length", bool(self.duration_minutes)),
                 ("supervisor's signature", self.supervisor_signed),
                 ("staff member's signature", self.supervisee_signed)]
        return [name for name, present in items if not present]


@dataclass(frozen=True)
class StaffFact:
    id: int
    label: str  # "Jo Bloggs (Supervising social worker)"
    url: str
    role: str
    start_date: date
    end_date: date | None = None
    qualifications_listed: bool = False  # the record names qualifications, so their evidence is needed
    swe_registration_number: str = ""
    swe_registration_checked_date: date | None = None
    interview_date: date | None = None
    references_verified_date: date | None = None
    induction_started_date: date | None = None
    induction_completed_date: date | None = None
    employment_gaps_explained: bool = False
    checks: tuple = ()  # CheckFact
    supervisions: tuple = ()  # SupervisionFact, oldest first, supervisions and appraisals
    households_allocated: int = 0

    @property
    def is_social_worker(self):
        return self.role in SOCIAL_WORK_ROLES

    def on_books(self, day: date) -> bool:
        """Employed on `day` or due to start later (recruitment checks apply before the start)."""
        return self.end_date is None or self.end_date >= day

    def in_post(self, day: date) -> bool:
        return self.start_date <= day and self.on_books(day)

    def latest(self, kind, day: date) -> SupervisionFact | None:
        sessions = [s for s in self.supervisions if s.kind == kind and s.date <= day]
        return max(sessions, key=lambda s: s.date) if sessions else None


@dataclass(frozen=True)
class ManagerRegistrationFact:
    id: int
    url: str
    manager_name: str
    appointed_date: date
    left_date: date | None = None
    registration_applied_date: date | None = None
    registered_date: date | None = None
    qualification_enrolled_date: date | None = None
    qualification_achieved_date: date | None = None

    def in_post(self, day: date) -> bool:
        """`left_date` is the day they left, so they are no longer in post on it."""
        return self.appointed_date <= day and (self.left_date is None or self.left_date > day)


@dataclass(frozen=True)
class StaffFacts:
    staff: tuple = ()
    manager_registrations: tuple = ()


STAFF_FIELDS = ("id", "role", "start_date", "end_date", "swe_registration_number", "swe_registration_checked_date",
                "interview_date", "references_verified_date", "induction_started_date", "induction_completed_date",
                "employment_gaps_explained")
SUPERVISION_FIELDS = ("kind", "date", "start_time", "duration_minutes", "supervisor_signed", "supervisee_signed")
REGISTRATION_FIELDS = ("id", "appointed_date", "left_date", "registration_applied_date", "registered_date",
                       "qualification_enrolled_date", "qualification_achieved_date")


def gather(scope) -> StaffFacts:
    if not scope.whole_agency:
        return StaffFacts()
    checks = defaultdict(list)
    for row in Check.objects.filter(staff_member__isnull=False).order_by("completed_date", "id").values(
            "staff_member_id", "kind", "completed_date", "outcome", "certificate_number"):
        checks[row["staff_member_id"]].append(CheckFact(
            kind=row["kind"], completed_date=row["completed_date"], outcome=row["outcome"],
            certificate_recorded=bool(row["certificate_number"].strip())))
    supervisions = defaultdict(list)
    for row in StaffSupervision.objects.order_by("date", "id").values("staff_member_id", *SUPERVISION_FIELDS):
        supervisions[row.pop("staff_member_id")].append(SupervisionFact(**row))
    caseloads = dict(
        Household.objects.filter(status__in=CASELOAD_STATUSES, supervising_social_worker__isnull=False)
        .values_list("supervising_social_worker_id").annotate(n=Count("id")).order_by()
    )
    roles = dict(StaffRole.choices)
    staff_url = detail_url("staffmember")
    staff = []
    for row in StaffMember.objects.order_by("last_name", "first_name", "id").values(
            *STAFF_FIELDS, "first_name", "last_name", "qualifications"):
        staff.append(StaffFact(
            **{name: row[name] for name in STAFF_FIELDS},
            label=f"{row['first_name']} {row['last_name']} ({roles.get(row['role'], row['role'])})",
            url=staff_url(row["id"]), qualifications_listed=bool(row["qualifications"].strip()),
            checks=tuple(checks[row["id"]]), supervisions=tuple(supervisions[row["id"]]),
            households_allocated=caseloads.get(row["id"], 0),
        ))
    registration_url = detail_url("managerregistration")
    registrations = tuple(
        ManagerRegistrationFact(**{name: row[name] for name in REGISTRATION_FIELDS}, url=registration_url(row["id"]),
                                manager_name=f"{row['manager__first_name']} {row['manager__last_name']}")
        for row in ManagerRegistration.objects.order_by("appointed_date", "id").values(
            *REGISTRATION_FIELDS, "manager__first_name", "manager__last_name")
    )
    return StaffFacts(staff=tuple(staff), manager_registrations=registrations)
