"""Readiness during the notice: the baseline the notice's compliance run leaves, the figures against it,
and who still has to do what (inspections/readiness.py).

The agency is tests/conftest.py's: `household` (the `ssw`'s, with the `carer_user`) and
`other_household` (the `other_ssw`'s, with a child placed). Neither has its checks, medicals or
visits on file, so the notice's whole-agency run finds a dozen or so gaps in each.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from compliance.models import ComplianceRun, Gap
from compliance.services import run_execute, run_request
from inspections import readiness
from inspections.models import Inspection
from inspections.services import inspection_record_notice
from tests.factories.inspections import InspectionFactory


def record_notice(user, capture, *, hours_ago=1, execute=True):
    with capture(execute=execute):
        inspection = inspection_record_notice(user=user, type=Inspection.Type.FULL,
                                              notice_received_at=timezone.now() - timedelta(hours=hours_ago))
    inspection.refresh_from_db()
    return inspection


@pytest.fixture
def notice(manager, household, carer_user, other_household, django_capture_on_commit_callbacks):
    """A notice recorded an hour ago by the manager, its whole-agency run finished (eager Celery)."""
    return record_notice(manager, django_capture_on_commit_callbacks)


def open_gaps():
    return Gap.objects.filter(status=Gap.Status.OPEN)


# The baseline ----------------------------------------------------------------------------------------

def test_the_notice_run_is_kept_and_its_open_gaps_become_the_baseline(notice):
    run = notice.notice_run
    assert run.trigger == ComplianceRun.Trigger.NOTICE and run.status == ComplianceRun.Status.SUCCEEDED
    assert notice.snapshot_taken_at == run.finished_at
    assert set(notice.gaps_at_notice.values_list("pk", flat=True)) == set(open_gaps().values_list("pk", flat=True))
    assert open_gaps().count() > 10
    assert notice.gap_counts_at_notice == run.counts
    assert sum(notice.gap_counts_at_notice.values()) == open_gaps().count()


def test_no_baseline_until_the_run_has_finished(manager, household, django_capture_on_commit_callbacks):
    inspection = record_notice(manager, django_capture_on_commit_callbacks, execute=False)
    assert inspection.notice_run.status == ComplianceRun.Status.QUEUED
    assert inspection.snapshot_taken_at is None and not inspection.notice_gaps.exists()
    figures = readiness.readiness_figures(inspection=inspection, user=manager)
    assert not figures.snapshot_taken and figures.percent is None

    run_execute(run_id=inspection.notice_run.pk)  # the worker gets to it
    inspection.refresh_from_db()
    assert inspection.snapshot_taken_at is not None and inspection.notice_gaps.exists()


def test_later_runs_do_not_move_the_baseline(notice):
    baseline = set(notice.notice_gaps.values_list("gap_id", flat=True))
    taken_at = notice.snapshot_taken_at
    Gap.objects.filter(pk__in=list(baseline)[:2]).update(status=Gap.Status.RESOLVED)
    run_execute(run_id=run_request(trigger=ComplianceRun.Trigger.MANUAL, enqueue=False).pk)
    notice.refresh_from_db()
    assert set(notice.notice_gaps.values_list("gap_id", flat=True)) == baseline
    assert notice.snapshot_taken_at == taken_at


def test_a_failing_snapshot_does_not_fail_the_run(notice, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(readiness, "inspection_snapshot_store", broken)
    run = run_request(trigger=ComplianceRun.Trigger.NOTICE, enqueue=False)
    Inspection.objects.filter(pk=notice.pk).update(notice_run=run, snapshot_taken_at=None)
    assert run_execute(run_id=run.pk).status == ComplianceRun.Status.SUCCEEDED


# Figures ---------------------------------------------------------------------------------------------

def test_the_progress_bar_counts_baseline_gaps_closed_and_new_gaps_separately(notice, manager):
    at_notice = notice.notice_gaps.count()
    closed = list(notice.notice_gaps.values_list("gap_id", flat=True)[:3])
    Gap.objects.filter(pk__in=closed).update(status=Gap.Status.RESOLVED, resolved_at=timezone.now())
    new = Gap.objects.create(key="CR-XX|agency:0|", rule_id="CR-AG-007", severity="high", area="agency",
                             subject_kind="agency", subject_label="The agency", state="overdue",
                             first_seen_at=timezone.now(), last_seen_at=timezone.now())

    figures = readiness.readiness_figures(inspection=notice, user=manager)
    assert (figures.at_notice, figures.resolved, figures.still_open) == (at_notice, 3, at_notice - 3)
    assert figures.new_since == 1 and figures.open_now == at_notice - 3 + 1
    assert figures.percent == round(100 * 3 / at_notice)
    assert dict((s, n) for s, _, n in figures.open_by_severity)["high"] == \
        open_gaps().filter(severity="high").count()
    assert new.pk not in set(notice.notice_gaps.values_list("gap_id", flat=True))


def test_a_social_worker_counts_only_their_caseload(notice, ssw, household, other_household):
    figures = readiness.readiness_figures(inspection=notice, user=ssw)
    mine = notice.gaps_at_notice.filter(household=household).count()
    assert figures.at_notice == mine and 0 < mine < notice.notice_gaps.count()


def test_a_carer_counts_only_what_their_household_can_act_on(notice, carer_user, household):
    figures = readiness.readiness_figures(inspection=notice, user=carer_user, household=household)
    theirs = notice.gaps_at_notice.filter(household=household, subject_kind__in=["carer", "household_member"])
    assert figures.at_notice == theirs.count() > 0
    assert figures.at_notice < notice.gaps_at_notice.filter(household=household).count()


def test_nothing_open_at_notice_is_complete_and_no_baseline_is_no_figure():
    assert readiness.Readiness(snapshot_taken=True, at_notice=0).percent == 100
    assert readiness.Readiness(snapshot_taken=True, at_notice=8, resolved=3).percent == 38
    assert readiness.Readiness(snapshot_taken=False).percent is None


# Who still has to do what ------------------------------------------------------------------------------

def test_household_gaps_go_to_the_social_worker_and_carers_see_their_own_share(notice, manager, ssw, household):
    found = readiness.outstanding(inspection=notice, user=manager)
    groups = {group.person.key: group for group in found.groups}
    worker, carers = groups[f"sw:{ssw.staff_member.pk}"], groups[f"hh:{household.pk}"]
    assert {gap.household_id for gap in worker.gaps} == {household.pk}
    assert {gap.subject_kind for gap in carers.gaps} <= {"carer", "household_member"}
    assert {gap.pk for gap in carers.gaps} < {gap.pk for gap in worker.gaps}
    assert carers.person.role == "Foster carers, Fenwick household"
    assert worker.person.name == str(ssw.staff_member)
    assert found.total == open_gaps().count()
    assert all(gap.at_notice for group in found.groups for gap in group.gaps)


def test_gaps_no_social_worker_holds_go_to_the_registered_manager(notice, manager):
    found = readiness.outstanding(inspection=notice, user=manager, person=readiness.AGENCY)
    [group] = found.groups
    assert group.person.role == "Registered manager" and group.person.name == str(manager.staff_member)
    assert {gap.pk for gap in group.gaps} == set(open_gaps().filter(social_worker__isnull=True)
                                                 .values_list("pk", flat=True))
    assert {"agency", "staff"} <= {gap.area for gap in group.gaps}


def test_the_list_filters_by_person_area_severity_and_since(notice, manager, other_ssw, other_household):
    person = f"sw:{other_ssw.staff_member.pk}"
    found = readiness.outstanding(inspection=notice, user=manager, person=person)
    assert [group.person.key for group in found.groups] == [person]
    assert {gap.household_id for gap in found.groups[0].gaps} == {other_household.pk}
    children = readiness.outstanding(inspection=notice, user=manager, area="children")
    assert children.total and all(gap.area == "children" for g in children.groups for gap in g.gaps)
    high = readiness.outstanding(inspection=notice, user=manager, severity="high")
    assert high.total == open_gaps().filter(severity="high").count()
    assert readiness.outstanding(inspection=notice, user=manager, since="new").total == 0
    assert readiness.outstanding(inspection=notice, user=manager, since="notice").total == open_gaps().count()
    # The choices stay everyone responsible, whichever person is chosen.
    assert person in {p.key for p in found.people}
    assert len(found.people) == len(readiness.outstanding(inspection=notice, user=manager).people)


def test_a_social_worker_sees_only_their_caseload_and_opens_on_their_own_name(notice, ssw, other_household):
    found = readiness.outstanding(inspection=notice, user=ssw)
    assert other_household.pk not in {gap.household_id for g in found.groups for gap in g.gaps}
    assert readiness.default_person(ssw) == f"sw:{ssw.staff_member.pk}"


# Own items and the current inspection ----------------------------------------------------------------

def test_own_items_are_capped_with_the_full_count(notice, ssw, manager, carer_user, household):
    items, total = readiness.own_outstanding(user=ssw, limit=3)
    assert len(items) == 3 and total == open_gaps().filter(household=household).count()
    items, total = readiness.own_outstanding(user=carer_user)
    assert total == len(items) > 0 and {gap.subject_kind for gap in items} <= {"carer", "household_member"}
    items, total = readiness.own_outstanding(user=manager)
    assert all(gap.social_worker_id is None for gap in items) and total == len(items)


def test_an_inspection_is_current_from_the_notice_until_fieldwork_ends(manager, db):
    now = timezone.now()
    assert readiness.current_inspection(now=now) is None
    inspection = InspectionFactory(notice_received_at=now - timedelta(days=2))
    assert readiness.current_inspection(now=now) == inspection
    assert readiness.notice_countdown(now=now).inspection == inspection
    inspection.fieldwork_end = timezone.localdate()
    inspection.save()
    assert readiness.current_inspection(now=now) is None and not readiness.is_current(inspection, now=now)
    stale = InspectionFactory(notice_received_at=now - timedelta(days=readiness.CURRENT_FOR_DAYS + 1))
    assert readiness.current_inspection(now=now) is None and not readiness.is_current(stale, now=now)
    assert readiness.notice_countdown(now=now) is None
