"""Recording a notice: saved with defaults, a fresh compliance run, and an email to everyone concerned."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from compliance.models import ComplianceRun
from inspections.models import Inspection
from inspections.services import inspection_record_notice
from inspections.timeline import LONDON
from records.choices import HouseholdStatus
from tests.factories import StaffMemberFactory

NOTICE = datetime(2026, 11, 26, 9, 15, tzinfo=LONDON)


def record(user):
    return inspection_record_notice(user=user, type=Inspection.Type.FULL, notice_received_at=NOTICE,
                                    lead_inspector="Priya Raman")


@pytest.fixture
def people(manager, ssw, carer_user, administrator, inspector, panel_member):
    """Everyone in tests/conftest.py who may or may not be told, plus a social worker who has left."""
    left = StaffMemberFactory(with_login=True, user__username="left", end_date=timezone.localdate() - timedelta(days=3),
                              start_date=timezone.localdate() - timedelta(days=400))
    return {"left": left.user}


def test_it_saves_the_notice_with_defaults_and_stamps_the_manager(manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inspection = record(manager)
    inspection.refresh_from_db()
    assert inspection.created_by == manager
    assert inspection.notice_working_days == 2
    assert inspection.information_deadline_at == datetime(2026, 11, 26, 12, 0, tzinfo=LONDON)


def test_it_starts_a_fresh_compliance_run(manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record(manager)
    run = ComplianceRun.objects.get(trigger=ComplianceRun.Trigger.NOTICE)
    assert run.requested_by == manager
    assert run.whole_agency
    assert run.status == ComplianceRun.Status.SUCCEEDED, run.error


def test_it_emails_staff_and_carers_the_dates(people, manager, ssw, carer_user, administrator, mailoutbox,
                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record(manager)
    told = {message.to[0] for message in mailoutbox}
    assert told == {manager.email, ssw.email, carer_user.email, administrator.email}
    body = next(m.body for m in mailoutbox if m.to == [ssw.email])
    assert "Fieldwork starts: Monday 30 Nov 2026 at 09:00" in body
    assert "Information deadline: Thursday 26 Nov 2026 at 12:00" in body
    assert "Records upload window closes: Thursday 26 Nov 2026 at 15:15" in body
    assert "Open compliance items on your list:" in body
    carer_body = next(m.body for m in mailoutbox if m.to == [carer_user.email])
    assert "Open compliance items" not in carer_body


def test_it_does_not_email_carers_of_deregistered_households(manager, carer_user, household, mailoutbox,
                                                              django_capture_on_commit_callbacks):
    household.status, household.deregistration_date = HouseholdStatus.DEREGISTERED, timezone.localdate()
    household.save()
    with django_capture_on_commit_callbacks(execute=True):
        record(manager)
    assert carer_user.email not in {message.to[0] for message in mailoutbox}


def test_nothing_is_sent_until_the_notice_commits(manager, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        record(manager)
    assert mailoutbox == []
