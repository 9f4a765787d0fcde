"""Evidence services (records/evidence.py): upload and file safety, versions, verification and its compliance effect."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from compliance.models import ComplianceRun, Gap
from compliance.services import run_request
from records.choices import CheckKind, CheckOutcome, TrainingCourse
from records.evidence import (
    evidence_assign,
    evidence_reject,
    evidence_upload,
    evidence_verify,
)
from records.files import HEIC, validate_upload
from records.models import Check, Evidence, EvidenceKind, TrainingRecord
from tests.factories import CarerFactory, CheckFactory, HouseholdFactory
from tests.factories.evidence import PDF_BYTES, EvidenceFactory

EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HEIC_BYTES = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 32
MP4_BYTES = b"\x00\x00\x00\x18ftypisom\x00\x00\x00\x00isomiso2" + b"\x00" * 32
TODAY = timezone.localdate()


def upload(name="dbs.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def stored_files(tmp_media):
    return sorted(p for p in tmp_media.rglob("*") if p.is_file())


@pytest.fixture
def tmp_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def carer(household):
    return household.carers.get()


# File safety -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, message", [
    ("dbs.pdf", EXE_BYTES, "renaming a file does not change its type"),
    ("empty.pdf", b"", "The file is empty"),
    ("..\\..\\config\\settings.pdf", PDF_BYTES, "contains a folder path"),
    ("C:\\Users\\me\\dbs.pdf", PDF_BYTES, "contains a folder path"),
])
def test_refused_files_store_nothing(manager, carer, tmp_media, name, content, message):
    with pytest.raises(ValidationError, match=message):
        evidence_upload(upload=upload(name, content), kind=EvidenceKind.DBS_CERTIFICATE, user=manager,
                        target_field="carer", target=carer)
    assert not Evidence.objects.exists()
    assert stored_files(tmp_media) == []


def test_an_oversize_file_is_refused_before_it_is_stored(manager, carer, tmp_media, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="the largest file you can upload is 1 KB"):
        evidence_upload(upload=upload(content=PDF_BYTES + b"0" * 2048), kind=EvidenceKind.OTHER, user=manager,
                        target_field="carer", target=carer)
    assert not Evidence.objects.exists()
    assert stored_files(tmp_media) == []


def test_heic_photos_are_recognised_by_their_brand_but_other_iso_media_is_not():
    assert validate_upload(upload("IMG_0001.HEIC", HEIC_BYTES)) == HEIC
    with pytest.raises(ValidationError):
        validate_upload(upload("video.heic", MP4_BYTES))


def test_an_upload_is_stored_privately_under_a_generated_name_keeping_the_original_as_data(
        manager, carer, tmp_media):
    evidence = evidence_upload(upload=upload("Jo's DBS (scan).pdf"), kind=EvidenceKind.DBS_CERTIFICATE,
                               user=manager, target_field="carer", target=carer)
    assert evidence.original_filename == "Jo's DBS (scan).pdf"
    assert evidence.file.name.startswith("private/evidence/") and evidence.file.name.endswith(".pdf")
    assert "DBS" not in evidence.file.name
    assert (evidence.household, evidence.status, evidence.created_by) == (carer.household, "pending", manager)
    assert evidence.content_type == "application/pdf" and evidence.size == len(PDF_BYTES)
    assert set(evidence.clauses.values_list("pk", flat=True)) == {"fsr2011:r26", "nms2011:19.3"}
    assert len(stored_files(tmp_media)) == 1


def test_a_carer_cannot_upload_for_another_household(carer_user, other_household, tmp_media):
    with pytest.raises(ValidationError, match="cannot add evidence"):
        evidence_upload(upload=upload(), kind=EvidenceKind.OTHER, user=carer_user, target_field="household",
                        target=other_household)
    assert not Evidence.objects.exists() and stored_files(tmp_media) == []


# Versions --------------------------------------------------------------------------------------------

def test_a_new_upload_supersedes_the_current_one_and_keeps_it(manager, carer, tmp_media):
    first = evidence_upload(upload=upload(), kind=EvidenceKind.MEDICAL_REPORT, user=manager,
                            target_field="carer", target=carer)
    other_kind = evidence_upload(upload=upload(), kind=EvidenceKind.REFERENCE, user=manager,
                                 target_field="carer", target=carer)
    second = evidence_upload(upload=upload(), kind=EvidenceKind.MEDICAL_REPORT, user=manager,
                             target_field="carer", target=carer)
    first.refresh_from_db()
    other_kind.refresh_from_db()
    assert (first.is_current, second.is_current, second.supersedes) == (False, True, first)
    assert other_kind.is_current
    assert Evidence.objects.count() == 3


def test_assigning_a_bulk_upload_gives_it_its_record_and_type(manager, carer, tmp_media):
    evidence = evidence_upload(upload=upload(), kind=EvidenceKind.OTHER, user=manager)
    assert evidence.household is None
    evidence_assign(evidence=evidence, user=manager, target_field="carer", target=carer,
                    kind=EvidenceKind.DBS_CERTIFICATE)
    evidence.refresh_from_db()
    assert (evidence.carer, evidence.household, evidence.kind) == (carer, carer.household, "dbs_certificate")


# Verification ----------------------------------------------------------------------------------------

def test_verifying_a_dbs_certificate_records_the_check(ssw, carer):
    evidence = EvidenceFactory(carer=carer)
    issued = TODAY - timedelta(days=10)
    evidence_verify(evidence=evidence, user=ssw, issued_on=issued, outcome=CheckOutcome.CLEAR,
                    certificate_number="001234567890")
    evidence.refresh_from_db()
    check = evidence.check_record
    assert (check.kind, check.carer, check.completed_date, check.outcome, check.certificate_number) == (
        CheckKind.ENHANCED_DBS, carer, issued, CheckOutcome.CLEAR, "001234567890")
    assert (evidence.status, evidence.verified_by, evidence.issued_on) == ("verified", ssw, issued)
    assert evidence.history.count() == 2  # uploaded, verified


def test_verifying_can_confirm_an_existing_check_instead_of_adding_one(manager, carer):
    requested = CheckFactory(carer=carer, kind=CheckKind.MEDICAL, completed_date=None, outcome=CheckOutcome.PENDING,
                             expiry_date=None)
    evidence = EvidenceFactory(carer=carer, kind=EvidenceKind.MEDICAL_REPORT)
    evidence_verify(evidence=evidence, user=manager, issued_on=TODAY, check=requested)
    requested.refresh_from_db()
    assert (requested.completed_date, requested.outcome) == (TODAY, CheckOutcome.CLEAR)
    assert Check.objects.filter(carer=carer).count() == 1


def test_verifying_a_reference_records_the_chosen_reference_check(manager, carer):
    evidence = EvidenceFactory(carer=carer, kind=EvidenceKind.REFERENCE)
    with pytest.raises(ValidationError, match="Choose which reference"):
        evidence_verify(evidence=evidence, user=manager, issued_on=TODAY)
    evidence_verify(evidence=evidence, user=manager, issued_on=TODAY, reference_kind=CheckKind.REFERENCE_EMPLOYER)
    check = Check.objects.get(carer=carer)
    assert (check.kind, check.completed_date, check.outcome) == (CheckKind.REFERENCE_EMPLOYER, TODAY, "clear")


def test_verifying_a_training_certificate_records_the_training(manager, carer):
    evidence = EvidenceFactory(carer=carer, kind=EvidenceKind.TRAINING_CERTIFICATE)
    evidence_verify(evidence=evidence, user=manager, issued_on=TODAY - timedelta(days=3),
                    expires_on=TODAY + timedelta(days=700), course=TrainingCourse.values[0])
    record = TrainingRecord.objects.get(carer=carer)
    assert (record.completed_date, record.expiry_date) == (TODAY - timedelta(days=3), TODAY + timedelta(days=700))
    assert Evidence.objects.get().training_record == record


@pytest.mark.parametrize("issued, expires, field", [
    (None, None, "issued_on"),
    (TODAY + timedelta(days=1), None, "issued_on"),
    (TODAY - timedelta(days=5), TODAY - timedelta(days=6), "expires_on"),
])
def test_verification_dates_are_validated(manager, carer, issued, expires, field):
    evidence = EvidenceFactory(carer=carer)
    with pytest.raises(ValidationError) as error:
        evidence_verify(evidence=evidence, user=manager, issued_on=issued, expires_on=expires)
    assert field in error.value.message_dict
    assert not Check.objects.filter(carer=carer).exists()


def test_a_dbs_for_the_household_rather_than_a_person_cannot_be_verified(manager, household):
    evidence = EvidenceFactory(carer=None, household=household)
    with pytest.raises(ValidationError, match="person it is about"):
        evidence_verify(evidence=evidence, user=manager, issued_on=TODAY)
    assert Evidence.objects.get().status == "pending"


def test_carers_and_other_social_workers_cannot_verify(carer_user, other_ssw, carer):
    evidence = EvidenceFactory(carer=carer)
    for user in (carer_user, other_ssw):
        with pytest.raises(ValidationError, match="cannot verify"):
            evidence_verify(evidence=evidence, user=user, issued_on=TODAY)
    assert Evidence.objects.get().status == "pending"


def test_rejecting_needs_a_reason(manager, carer):
    evidence = EvidenceFactory(carer=carer)
    with pytest.raises(ValidationError, match="Say why"):
        evidence_reject(evidence=evidence, user=manager, reason="  ")
    evidence_reject(evidence=evidence, user=manager, reason="The second page is missing.")
    evidence.refresh_from_db()
    assert (evidence.status, evidence.rejection_reason, evidence.verified_by) == (
        "rejected", "The second page is missing.", manager)


# The compliance effect -------------------------------------------------------------------------------

def open_dbs_gap(carer):
    return Gap.objects.filter(rule_id="CR-HH-004", subject_kind="carer", subject_id=carer.pk,
                              status=Gap.Status.OPEN)


def test_a_verified_dbs_upload_resolves_its_gap_after_recheck(manager, settings, django_capture_on_commit_callbacks,
                                                               tmp_media):
    settings.COMPLIANCE_RECHECK_ON_SAVE = False
    carer = CarerFactory(household=HouseholdFactory())  # approved, no DBS on file
    with django_capture_on_commit_callbacks(execute=True):
        run_request(trigger=ComplianceRun.Trigger.MANUAL)
    assert open_dbs_gap(carer).exists()

    settings.COMPLIANCE_RECHECK_ON_SAVE = True
    evidence = evidence_upload(upload=upload(), kind=EvidenceKind.DBS_CERTIFICATE, user=manager,
                               target_field="carer", target=carer)
    with django_capture_on_commit_callbacks(execute=True):
        evidence_verify(evidence=evidence, user=manager, issued_on=TODAY - timedelta(days=20))

    assert not open_dbs_gap(carer).exists()
    assert Gap.objects.filter(rule_id="CR-HH-004", subject_id=carer.pk, status=Gap.Status.RESOLVED).exists()


def test_an_old_verified_dbs_raises_the_renewal_gap(manager, settings, django_capture_on_commit_callbacks):
    carer = CarerFactory(household=HouseholdFactory())
    evidence = EvidenceFactory(carer=carer)
    with django_capture_on_commit_callbacks(execute=True):
        evidence_verify(evidence=evidence, user=manager, issued_on=TODAY - timedelta(days=3 * 365 - 10))
    gap = open_dbs_gap(carer).get()
    assert gap.state == "due_soon"


# The inspection pack ---------------------------------------------------------------------------------

def test_the_pack_takes_the_current_verified_evidence_of_a_sampled_household(household, tmp_media):
    from inspections.pack.evidence import evidence_files_for
    from tests.factories.inspection_access import SampledCaseFactory

    carer = household.carers.get()
    verified = EvidenceFactory(carer=carer, verified=True, issued_on=TODAY - timedelta(days=40))
    EvidenceFactory(carer=carer, kind=EvidenceKind.MEDICAL_REPORT)  # pending
    EvidenceFactory(carer=carer, kind=EvidenceKind.REFERENCE, verified=True, is_current=False)  # superseded
    EvidenceFactory(carer=CarerFactory(), verified=True)  # another household's

    folder = evidence_files_for(SampledCaseFactory(household=household))

    assert [f.name for f in folder.files] == [
        f"dbs-certificate-{verified.issued_on:%Y-%m-%d}-DBS certificate.pdf"]
    assert folder.files[0].file == verified.file
