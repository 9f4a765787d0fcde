"""Agency-level facts for the CR-AG-* rules.

Notifications, complaints, allegations and missing episodes belong to households, so they are
narrowed to the scope (four queries). The agency's own records (reviews, registration notices,
Ofsted reports, allowance rates) are gathered only for a whole-agency run (four more queries).
"""

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from compliance.facts.children import detail_url
from records.choices import NotifiableEvent, NotifiedBody
from records.models import (
    AgencyReview, Allegation, AllowanceRate, Complaint, InspectionReport, MissingEpisode, Notification,
    RegistrationNotice,
)


@dataclass(frozen=True)
class NotificationFact:
    id: int
    url: str
    event: str
    event_at: datetime
    agency_aware_at: datetime
    notified_body: str
    notified_at: datetime | None = None
    household_id: int | None = None
    social_worker_id: int | None = None
    resident_id: int | None = None
    outcome_recorded_date: date | None = None

    @property
    def label(self):
        event = dict(NotifiableEvent.choices).get(self.event, self.event)
        body = dict(NotifiedBody.choices).get(self.notified_body, self.notified_body)
        return f"{event} – {body} ({timezone.localtime(self.agency_aware_at):%d %b %Y})"


@dataclass(frozen=True)
class ComplaintFact:
    id: int
    url: str
    received_date: date
    acknowledged_date: date | None = None
    responded_date: date | None = None
    outcome: str = "open"
    action_recorded: bool = False
    household_id: int | None = None
    household_name: str = ""
    social_worker_id: int | None = None

    @property
    def label(self):
        about = f" ({self.household_name})" if self.household_name else ""
        return f"Complaint received {self.received_date:%d %b %Y}{about}"


@dataclass(frozen=True)
class AllegationFact:
    id: int
    url: str
    received_date: date
    category: str
    household_id: int
    household_name: str = ""
    social_worker_id: int | None = None
    resident_id: int | None = None
    lado_referred_date: date | None = None
    ofsted_notified_date: date | None = None
    placing_authority_informed_date: date | None = None
    outcome: str = "open"
    closed_date: date | None = None

    @property
    def label(self):
        return f"Allegation received {self.received_date:%d %b %Y} ({self.household_name})"


@dataclass(frozen=True)
class MissingEpisodeFact:
    id: int
    url: str
    child_label: str
    household_id: int
    missing_from: datetime
    social_worker_id: int | None = None
    returned_at: datetime | None = None
    placing_authority_informed_at: datetime | None = None
    return_interview_date: date | None = None

    @property
    def label(self):
        return f"{self.child_label} missing from {timezone.localtime(self.missing_from):%d %b %Y %H:%M}"


@dataclass(frozen=True)
class AgencyReviewFact:
    id: int
    url: str
    kind: str
    completed_date: date


@dataclass(frozen=True)
class RegistrationNoticeFact:
    id: int
    url: str
    kind: str
    event_date: date
    end_date: date | None = None
    ofsted_notified_date: date | None = None
    return_notified_date: date | None = None
    interim_arrangements_recorded: bool = False

    @property
    def label(self):
        kind = dict(RegistrationNotice.Kind.choices).get(self.kind, self.kind)
        return f"{kind} ({self.event_date:%d %b %Y})"


@dataclass(frozen=True)
class InspectionReportFact:
    id: int
    url: str
    published_date: date
    shared_date: date | None = None


@dataclass(frozen=True)
class AllowanceRateFact:
    id: int
    url: str
    age_band: str
    effective_from: date
    weekly_allowance: Decimal
    national_minimum: Decimal


@dataclass(frozen=True)
class AgencyFacts:
    notifications: tuple = ()
    complaints: tuple = ()
    allegations: tuple = ()
    missing_episodes: tuple = ()
    reviews: tuple = ()
    registration_notices: tuple = ()
    inspection_reports: tuple = ()
    allowance_rates: tuple = ()

    def latest_review(self, kind, day: date) -> AgencyReviewFact | None:
        done = [r for r in self.reviews if r.kind == kind and r.completed_date <= day]
        return max(done, key=lambda r: r.completed_date) if done else None


NOTIFICATION_FIELDS = ("id", "event", "event_at", "agency_aware_at", "notified_body", "notified_at", "household_id",
                       "resident_id", "outcome_recorded_date")
COMPLAINT_FIELDS = ("id", "received_date", "acknowledged_date", "responded_date", "outcome", "household_id")
ALLEGATION_FIELDS = ("id", "received_date", "category", "household_id", "resident_id", "lado_referred_date",
                     "ofsted_notified_date", "placing_authority_informed_date", "outcome", "closed_date")
EPISODE_FIELDS = ("id", "missing_from", "returned_at", "placing_authority_informed_at", "return_interview_date")
SSW = "household__supervising_social_worker_id"


def gather(scope) -> AgencyFacts:
    url = detail_url("notification")
    notifications = tuple(
        NotificationFact(**{name: row[name] for name in NOTIFICATION_FIELDS}, url=url(row["id"]),
                         social_worker_id=row[SSW])
        for row in scope.narrow(Notification.objects.all()).order_by("agency_aware_at", "id")
        .values(*NOTIFICATION_FIELDS, SSW)
    )
    url = detail_url("complaint")
    complaints = tuple(
        ComplaintFact(**{name: row[name] for name in COMPLAINT_FIELDS}, url=url(row["id"]),
                      action_recorded=bool(row["action_taken"].strip()), household_name=row["household__name"] or "",
                      social_worker_id=row[SSW])
        for row in scope.narrow(Complaint.objects.all()).order_by("received_date", "id")
        .values(*COMPLAINT_FIELDS, "action_taken", "household__name", SSW)
    )
    url = detail_url("allegation")
    allegations = tuple(
        AllegationFact(**{name: row[name] for name in ALLEGATION_FIELDS}, url=url(row["id"]),
                       household_name=row["household__name"], social_worker_id=row[SSW])
        for row in scope.narrow(Allegation.objects.all()).order_by("received_date", "id")
        .values(*ALLEGATION_FIELDS, "household__name", SSW)
    )
    url = detail_url("missingepisode")
    episodes = tuple(
        MissingEpisodeFact(
            **{name: row[name] for name in EPISODE_FIELDS}, url=url(row["id"]),
            child_label=f"{row['placement__resident__first_name']} {row['placement__resident__last_name']} "
                        f"({row['placement__resident__reference']})",
            household_id=row["placement__household_id"],
            social_worker_id=row["placement__household__supervising_social_worker_id"])
        for row in scope.narrow(MissingEpisode.objects.all(), "placement__household").order_by("missing_from", "id")
        .values(*EPISODE_FIELDS, "placement__household_id", "placement__household__supervising_social_worker_id",
                "placement__resident__first_name", "placement__resident__last_name", "placement__resident__reference")
    )
    facts = AgencyFacts(notifications=notifications, complaints=complaints, allegations=allegations,
                        missing_episodes=episodes)
    if not scope.whole_agency:
        return facts
    return replace(facts, **_agency_records())


def _agency_records():
    url = detail_url("agencyreview")
    reviews = tuple(AgencyReviewFact(**row, url=url(row["id"])) for row in
                    AgencyReview.objects.order_by("completed_date", "id").values("id", "kind", "completed_date"))
    url = detail_url("registrationnotice")
    notices = tuple(
        RegistrationNoticeFact(**{k: v for k, v in row.items() if k != "interim_arrangements"}, url=url(row["id"]),
                               interim_arrangements_recorded=bool(row["interim_arrangements"].strip()))
        for row in RegistrationNotice.objects.order_by("event_date", "id").values(
            "id", "kind", "event_date", "end_date", "ofsted_notified_date", "return_notified_date",
            "interim_arrangements")
    )
    url = detail_url("inspectionreport")
    reports = tuple(InspectionReportFact(**row, url=url(row["id"])) for row in
                    InspectionReport.objects.order_by("published_date", "id").values("id", "published_date",
                                                                                     "shared_date"))
    url = detail_url("allowancerate")
    rates = tuple(AllowanceRateFact(**row, url=url(row["id"])) for row in
                  AllowanceRate.objects.order_by("effective_from", "id").values(
                      "id", "age_band", "effective_from", "weekly_allowance", "national_minimum"))
    return {"reviews": reviews, "registration_notices": notices, "inspection_reports": reports,
            "allowance_rates": rates}
