"""Recording a notice: saved with defaults, a fresh compliance run, and an email to everyone concerned."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.conf import settings as django_settings
from django.utils import timezone

from compliance.models import Clause, ComplianceRun, Gap
from compliance.services import run_request
from inspections.models import Action, Finding, Inspection, InterviewEntry, Judgement
from inspections.services import (
    EMAIL_ITEMS_SHOWN, action_save, finding_mark_met, finding_save, inspection_outcomes_update,
    inspection_record_notice, interview_save,
)
from inspections.timeline import LONDON
from records.choices import HouseholdStatus
from tests.factories import StaffMemberFactory
from tests.factories.inspection_outcomes import ActionFactory, InterviewFactory, RequirementFactory
from tests.factories.inspections import InspectionFactory

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


# The notice keeps its run; each email lists the person's own outstanding items --------------------------

def test_the_inspection_keeps_the_run_its_notice_started(manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inspection = record(manager)
    inspection.refresh_from_db()
    assert inspection.notice_run == ComplianceRun.objects.get(trigger=ComplianceRun.Trigger.NOTICE)
    assert inspection.snapshot_taken_at is not None


def test_each_email_lists_the_persons_own_items_and_links_to_their_list(
        manager, ssw, carer_user, household, other_household, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inspection = record(manager)
    link = f"{django_settings.SITE_URL}/inspections/{inspection.pk}/readiness/"
    ssw_body = next(m.body for m in mailoutbox if m.to == [ssw.email])
    theirs = Gap.objects.filter(status="open", household=household)
    assert f"Open compliance items on your list: {theirs.count()}." in ssw_body
    assert "- Fenwick household: " in ssw_body and "Okafor" not in ssw_body
    assert f"- ... and {theirs.count() - EMAIL_ITEMS_SHOWN} more" in ssw_body
    assert ssw_body.count("\n- ") == 3 + EMAIL_ITEMS_SHOWN + 1  # the dates, the items, "and N more"
    assert f"Your list, kept up to date: {link}" in ssw_body

    carer_body = next(m.body for m in mailoutbox if m.to == [carer_user.email])
    own = Gap.objects.filter(status="open", household=household, subject_kind__in=["carer", "household_member"])
    assert f"What we need from you before the inspection ({own.count()}):" in carer_body
    assert own.first().detail in carer_body and "Okafor" not in carer_body and link in carer_body

    manager_body = next(m.body for m in mailoutbox if m.to == [manager.email])
    agency = Gap.objects.filter(status="open", social_worker__isnull=True)
    assert f"Open compliance items on your list: {agency.count()}." in manager_body
    assert "Fenwick household" not in manager_body  # a social worker holds those


def test_the_link_is_absolute_when_site_url_is_set(manager, carer_user, settings, mailoutbox,
                                                   django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://records.example.org/"
    with django_capture_on_commit_callbacks(execute=True):
        inspection = record(manager)
    body = next(m.body for m in mailoutbox if m.to == [carer_user.email])
    assert f"https://records.example.org/inspections/{inspection.pk}/readiness/" in body


# After fieldwork ------------------------------------------------------------------------------------------

def test_recording_the_end_of_fieldwork_finishes_the_inspection(manager):
    inspection = InspectionFactory()
    inspection_outcomes_update(inspection=inspection, user=manager, fieldwork_end=date(2026, 12, 4),
                               judgement_overall=Judgement.GOOD)
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.FINISHED and inspection.updated_by == manager
    assert inspection.history.first().judgement_overall == Judgement.GOOD


def test_a_requirement_must_cite_a_regulation_and_a_recommendation_a_standard(manager):
    inspection = InspectionFactory()
    finding = Finding(inspection=inspection, kind=Finding.Kind.REQUIREMENT, text="Review care.",
                      clause=Clause.objects.get(pk="nms2011:25.6"), due_date=date(2027, 3, 1))
    with pytest.raises(ValidationError, match="regulation"):
        finding_save(finding=finding, user=manager)
    finding.kind, finding.due_date = Finding.Kind.RECOMMENDATION, None
    finding_save(finding=finding, user=manager)
    assert finding.pk and finding.created_by == manager
    finding.clause = Clause.objects.get(pk="fsr2011:r35")
    with pytest.raises(ValidationError, match="National Minimum Standard"):
        finding_save(finding=finding, user=manager)


def test_marking_a_requirement_met_rechecks_and_closes_its_gap(manager, settings, django_capture_on_commit_callbacks):
    settings.COMPLIANCE_RECHECK_ON_SAVE = False
    requirement = RequirementFactory(due_date=timezone.localdate() - timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        run_request(trigger=ComplianceRun.Trigger.MANUAL)
    gap = Gap.objects.get(rule_id="CR-IN-001")
    assert gap.status == Gap.Status.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        finding_mark_met(finding=requirement, user=manager)
    gap.refresh_from_db()
    assert requirement.met_on == timezone.localdate() and gap.status == Gap.Status.RESOLVED


def test_an_action_marked_done_gets_todays_date_and_loses_it_when_reopened(manager):
    action = ActionFactory.build(finding=RequirementFactory(), owner=manager, status=Action.Status.DONE)
    action_save(action=action, user=manager)
    assert action.completed_on == timezone.localdate() and action.created_by == manager
    action.status = Action.Status.IN_PROGRESS
    action_save(action=action, user=manager)
    action.refresh_from_db()
    assert action.completed_on is None


def test_an_interview_saves_its_entries_in_order_and_deletes_the_removed(manager):
    interview = InterviewFactory.build(inspection=InspectionFactory(), interviewee=manager,
                                       interviewee_name="Sam Shaw")
    first = InterviewEntry(question="How do you know?", clause=Clause.objects.get(pk="nms2011:21"))
    second = InterviewEntry(question="Who checks it?", response="The RI.")
    interview_save(interview=interview, user=manager, entries=[second, first])
    assert list(interview.entries.values_list("order", "question")) == [(1, "Who checks it?"), (2, "How do you know?")]
    interview_save(interview=interview, user=manager, entries=[first], removed=[second])
    assert list(interview.entries.values_list("order", "question")) == [(1, "How do you know?")]
    assert first.created_by == manager
