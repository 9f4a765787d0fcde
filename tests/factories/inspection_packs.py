"""Factories for inspection packs, and a small agency with something in every section of the pack."""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from inspections.models import PackExport
from panels.choices import ItemKind, Recommendation
from records.choices import LegalStatus, StaffRole
from records.models import InspectionReport
from tests.factories import (
    AllegationFactory, ApprovalReviewFactory, ComplaintFactory, HouseholdFactory,
    MissingEpisodeFactory, NotificationFactory, PlacementFactory, ResidentFactory, StaffMemberFactory,
    StaffSupervisionFactory,
)
from tests.factories.compliance import ComplianceRunFactory, GapFactory
from tests.factories.panels import (
    AgendaItemFactory, PanelMeetingFactory, PanelMinutesFactory, PanelPaperFactory, quorate_members,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def tiny_bundle(version=1) -> bytes:
    """A ZIP laid out like a real pack's (inspections/pack/bundle.py), with one-line files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"inspection-pack-v{version}.pdf", PDF_BYTES)
        archive.writestr(f"tables/inspection-pack-v{version}.xlsx", b"PK not really a workbook")
        archive.writestr("tables/carers-register.csv", "Household\r\nHH-T0001\r\n")
        archive.writestr("tables/case-list.csv", "Child\r\nAB (C-T0001)\r\n")
    return buffer.getvalue()


class PackExportFactory(DjangoModelFactory):
    """A finished practice pack (no inspection) with a tiny PDF and a ZIP shaped like a real one.

    Versions count up from 101 so they never meet the ones `pack_request` hands out (1, 2, ...)."""

    class Meta:
        model = PackExport

    class Params:
        queued = factory.Trait(status=PackExport.Status.QUEUED, progress=0, stage="Waiting to start", pdf="",
                               bundle="", content_hash="", page_count=None, started_at=None, finished_at=None)

    version = factory.Sequence(lambda n: 101 + n)
    status = PackExport.Status.SUCCEEDED
    progress = 100
    stage = "Ready"
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=2))
    finished_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))
    pdf = factory.django.FileField(data=PDF_BYTES, filename="pack.pdf")
    bundle = factory.LazyAttribute(lambda o: ContentFile(tiny_bundle(o.version), name="bundle.zip"))
    content_hash = "0" * 64
    page_count = 12
    duration_ms = 60000


@dataclass
class SmallAgency:
    """What `small_agency` built, to assert on."""

    approved: list = field(default_factory=list)  # approved households, each with a child placed
    on_hold: object = None
    deregistered: object = None
    resigned: object = None
    children: list = field(default_factory=list)  # Residents placed now
    named_child: object = None  # the child an allegation's summary names


def small_agency(*, households=3, last_report_days_ago=400) -> SmallAgency:
    """`households` approved households with two carers and a child placed each (the first has a missing
    episode and is named, by first name, in an allegation's summary); one on hold; one deregistered
    and one resigned (both still with their carers: the register must leave them out); a complaint and
    a notification; an RI, a registered manager and a supervised member of staff; a quorate panel with
    signed minutes and a paper; an open gap about the first child; an Ofsted report `last_report_days_ago`."""
    agency = SmallAgency()
    InspectionReport.objects.create(published_date=timezone.localdate() - timedelta(days=last_report_days_ago))
    for number in range(households):
        household = HouseholdFactory(carers=2)
        child = ResidentFactory(legal_status=LegalStatus.SECTION_20)
        placement = PlacementFactory(household=household, resident=child)
        ApprovalReviewFactory(household=household)
        agency.approved.append(household)
        agency.children.append(child)
        if number == 0:
            MissingEpisodeFactory(placement=placement)
            agency.named_child = child
    first, named = agency.approved[0], agency.named_child
    agency.on_hold = HouseholdFactory(on_hold=True, carers=1)
    agency.deregistered = HouseholdFactory(deregistered=True, carers=1, surname="Quartermaine",
                                           approval_end_reasons="Moved abroad.")
    agency.resigned = HouseholdFactory(resigned=True, deregistration_date=timezone.localdate() - timedelta(days=15),
                                       carers=1, surname="Vandersloot")
    AllegationFactory(household=first, resident=named,
                      summary=f"{named.first_name} said {named.first_name} {named.last_name} was left alone.")
    ComplaintFactory(household=first)
    NotificationFactory(household=first, resident=named)
    StaffMemberFactory(role=StaffRole.RESPONSIBLE_INDIVIDUAL)
    StaffSupervisionFactory()
    meeting = PanelMeetingFactory(attendees=quorate_members())
    PanelMinutesFactory(meeting=meeting)
    PanelPaperFactory(item=AgendaItemFactory(
        meeting=meeting, household=first, kind=ItemKind.REVIEW, recommendation=Recommendation.CONTINUE,
        recommendation_reasons="The carers meet the child's needs well."))
    ComplianceRunFactory()
    GapFactory(household=first, rule_id="CR-PL-007", subject_kind="resident", subject_id=named.pk,
               subject_label=f"{named.first_name} {named.last_name} ({named.reference})",
               detail="Not recorded as registered with a dentist")
    return agency
