"""compliance/services.py and signals.py on PostgreSQL: runs store, update, resolve and reopen gaps.

`broken` is an approved household (from the factories) that has never had a review of approval,
so CR-HH-015 is overdue; a review recorded through the ORM fixes it. Celery is eager in the test
settings and `django_capture_on_commit_callbacks(execute=True)` lets on-commit work happen.
"""

import threading
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connections
from django.utils import timezone

from compliance import services
from compliance.engine import Outcome, State
from compliance.facts import Scope
from compliance.models import ComplianceRun, Gap
from compliance.periods import add_period
from compliance.registry import Area, Rule, Severity
from compliance.tasks import compliance_run
from records.choices import PlacementType
from tests.factories import (
    ApprovalReviewFactory, CarerFactory, CheckFactory, HouseholdFactory, HouseholdMemberFactory, PlacementFactory,
    StaffMemberFactory, SupervisionVisitFactory, TrainingRecordFactory, UnannouncedVisitFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_runs_from_elsewhere")]
TODAY = timezone.localdate()


def run_now(**kwargs):
    run = services.run_request(trigger=ComplianceRun.Trigger.MANUAL, enqueue=False, **kwargs)
    return services.run_execute(run_id=run.pk)


def review_gap(household):
    return Gap.objects.get(rule_id="CR-HH-015", household=household)


def gap_rows():
    """Every stored gap's fields except last_seen_at."""
    rows = {}
    for gap in Gap.objects.values():
        del gap["last_seen_at"]
        rows[gap["key"]] = gap
    return rows


@pytest.fixture
def broken(settings):
    """An approved household approved 2.5 years ago, one carer, no review of approval ever (CR-HH-015)."""
    settings.COMPLIANCE_RECHECK_ON_SAVE = False  # built quietly; tests switch it on when they need it
    household = HouseholdFactory(surname="Broken")
    CarerFactory(household=household)
    settings.COMPLIANCE_RECHECK_ON_SAVE = True
    return household


def test_a_run_stores_the_gaps_of_a_broken_household(broken):
    run = run_now()

    assert run.status == ComplianceRun.Status.SUCCEEDED and run.error == ""
    gap = review_gap(broken)
    assert (gap.status, gap.state, gap.severity, gap.area) == ("open", State.OVERDUE, Severity.HIGH, Area.CARERS)
    assert gap.due_date == add_period(broken.approval_date, "P12M")
    assert gap.clause_ids == ["fsr2011:r28"] and gap.subject_url == f"/records/households/{broken.pk}/"
    assert gap.social_worker_id == broken.supervising_social_worker_id
    assert gap.first_seen_at == gap.last_seen_at and gap.last_run == run
    assert run.opened == Gap.objects.count() and run.resolved == 0
    assert run.counts["high"] == Gap.objects.filter(severity="high").count()
    assert sum(run.counts.values()) == Gap.objects.count()
    met, applicable = run.readiness["carers"]
    assert 0 < met < applicable
    assert run.started_at <= run.finished_at and run.duration_ms >= 0 and run.query_count > 0
    assert run.as_of == TODAY


def test_rerunning_changes_nothing_but_last_seen_at(broken):
    run_now()
    before, seen = gap_rows(), dict(Gap.objects.values_list("key", "last_seen_at"))

    again = run_now()

    assert gap_rows() == before
    assert all(last_seen > seen[key] for key, last_seen in Gap.objects.values_list("key", "last_seen_at"))
    assert (again.opened, again.resolved) == (0, 0)


def test_recording_the_review_resolves_the_gap_through_the_on_save_recheck(broken, django_capture_on_commit_callbacks):
    run_now()
    gap = review_gap(broken)

    with django_capture_on_commit_callbacks(execute=True):
        review = ApprovalReviewFactory(household=broken, review_date=TODAY - timedelta(days=10))

    gap.refresh_from_db()
    assert gap.status == Gap.Status.RESOLVED and gap.resolved_at is not None
    recheck = ComplianceRun.objects.latest("pk")
    assert (recheck.trigger, recheck.household_ids, recheck.status) == ("record_saved", [broken.pk], "succeeded")
    assert gap.last_run == recheck and recheck.resolved >= 1

    with django_capture_on_commit_callbacks(execute=True):
        review.delete()

    reopened = review_gap(broken)
    assert reopened.pk == gap.pk and Gap.objects.filter(rule_id="CR-HH-015").count() == 1
    assert (reopened.status, reopened.resolved_at) == (Gap.Status.OPEN, None)
    assert reopened.first_seen_at > gap.first_seen_at
    assert ComplianceRun.objects.latest("pk").opened == 1


def test_a_household_run_leaves_other_households_and_agency_gaps_alone(broken, settings):
    settings.COMPLIANCE_RECHECK_ON_SAVE = False
    other = HouseholdFactory(surname="Other")
    StaffMemberFactory(swe_registration_number="", role="administrator")
    run_now()
    others_before = {g.pk: g.last_seen_at for g in Gap.objects.exclude(household=broken)}
    assert review_gap(other).status == Gap.Status.OPEN
    ApprovalReviewFactory(household=other, review_date=TODAY)  # would resolve other's gap if it were looked at

    run = run_now(household_ids=[broken.pk])

    assert run.household_ids == [broken.pk]
    assert review_gap(other).status == Gap.Status.OPEN
    assert {g.pk: g.last_seen_at for g in Gap.objects.exclude(household=broken)} == others_before
    assert review_gap(broken).last_seen_at > review_gap(broken).first_seen_at


def failing_rule(facts, ctx):
    yield Outcome(None, State.MET)
    raise RuntimeError("the rule broke")


def test_a_failing_rule_marks_the_run_failed_with_the_error_and_stores_nothing(broken, monkeypatch):
    broken_rule = Rule(id="CR-TEST-001", title="Breaks", clauses=("fsr2011:r28",), severity=Severity.LOW,
                       area=Area.CARERS, applies_to="household", hint="", func=failing_rule)
    monkeypatch.setattr(services, "all_rules", lambda: [broken_rule])
    run = services.run_request(trigger=ComplianceRun.Trigger.MANUAL, enqueue=False)

    with pytest.raises(RuntimeError, match="the rule broke"):
        services.run_execute(run_id=run.pk)

    run.refresh_from_db()
    assert run.status == ComplianceRun.Status.FAILED
    assert run.error == "RuntimeError: the rule broke"
    assert run.finished_at is not None and not Gap.objects.exists()


def test_run_request_queues_the_task_once_the_transaction_commits(broken, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = services.run_request(trigger=ComplianceRun.Trigger.MANUAL)
    assert run.status == ComplianceRun.Status.QUEUED and len(callbacks) == 1

    callbacks[0]()  # Celery is eager in tests

    run.refresh_from_db()
    assert run.status == ComplianceRun.Status.SUCCEEDED and review_gap(broken).status == Gap.Status.OPEN


def test_gaps_preview_stores_nothing_and_looks_ahead(broken):
    today = services.gaps_preview(as_of=TODAY)
    later = services.gaps_preview(as_of=TODAY + timedelta(days=400))

    assert not Gap.objects.exists() and not ComplianceRun.objects.exists()
    assert "CR-HH-015" in {f.rule.id for f in today.gaps}
    assert len(later.gaps) >= len(today.gaps)
    scoped = services.gaps_preview(as_of=TODAY, scope=Scope(household_ids=frozenset({broken.pk})))
    assert {f.outcome.subject.household_id for f in scoped.gaps} <= {broken.pk, None}


# Query counts --------------------------------------------------------------------------------

def agency_of(n):
    """`n` approved households, each with two carers, a member, checks, training, visits, a review and a child."""
    for _ in range(n):
        household = HouseholdFactory()
        carer = CarerFactory(household=household)
        CarerFactory(household=household)
        member = HouseholdMemberFactory(household=household, date_of_birth=TODAY - timedelta(days=40 * 365))
        CheckFactory(carer=carer)
        CheckFactory(carer=None, household_member=member)
        TrainingRecordFactory(carer=carer)
        SupervisionVisitFactory(household=household)
        UnannouncedVisitFactory(household=household)
        ApprovalReviewFactory(household=household)
        PlacementFactory(household=household, placement_type=PlacementType.LONG_TERM)


def test_a_full_runs_query_count_does_not_grow_with_the_agency(settings):
    settings.COMPLIANCE_RECHECK_ON_SAVE = False
    agency_of(10)
    small_first, small_again = run_now(), run_now()
    agency_of(90)
    large_first, large_again = run_now(), run_now()

    assert large_again.query_count == small_again.query_count
    # The first run of the larger agency inserts its new gaps in batches of 1,000.
    assert large_first.query_count <= small_first.query_count + 2
    assert Gap.objects.filter(status="open").values("household").distinct().count() > 50


# Rechecks after an edit ------------------------------------------------------------------------

@pytest.fixture
def broker(monkeypatch):
    """Celery as in production (not eager); tasks sent are recorded instead of delivered."""
    sent, conf = [], compliance_run.app.conf
    eager, conf.task_always_eager = conf.task_always_eager, False
    monkeypatch.setattr(compliance_run, "apply_async", lambda args, countdown=None: sent.append((args, countdown)))
    cache.clear()
    yield sent
    conf.task_always_eager = eager
    cache.clear()


def test_a_burst_of_edits_queues_one_recheck_per_household(broken, broker, settings,
                                                           django_capture_on_commit_callbacks):
    settings.COMPLIANCE_RECHECK_DELAY_SECONDS = 7
    with django_capture_on_commit_callbacks(execute=True):
        first = services.recheck_households({broken.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert services.recheck_households([broken.pk]) is None

    assert broker == [([first.pk], 7)]
    assert first.trigger == ComplianceRun.Trigger.RECORD_SAVED and first.household_ids == [broken.pk]

    services.run_execute(run_id=first.pk)  # the run clears the key as it starts
    with django_capture_on_commit_callbacks(execute=True):
        second = services.recheck_households({broken.pk})
    assert second is not None and broker[-1] == ([second.pk], 7)


def test_edits_in_one_transaction_make_one_recheck(broken, broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        CarerFactory(household=broken)
        SupervisionVisitFactory(household=broken)
        ApprovalReviewFactory(household=broken)

    runs = list(ComplianceRun.objects.all())
    assert [(r.trigger, r.household_ids) for r in runs] == [("record_saved", [broken.pk])]
    assert len(broker) == 1


def test_a_staff_record_rechecks_the_whole_agency(broken, broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        StaffMemberFactory()
        StaffMemberFactory()
    assert list(ComplianceRun.objects.values_list("trigger", "household_ids")) == [("record_saved", None)]


def test_a_placement_linked_record_rechecks_the_placements_household(broken, broker, settings,
                                                                      django_capture_on_commit_callbacks):
    settings.COMPLIANCE_RECHECK_ON_SAVE = False
    placement = PlacementFactory(household=broken)
    settings.COMPLIANCE_RECHECK_ON_SAVE = True
    with django_capture_on_commit_callbacks(execute=True):
        placement.resident.save()
    assert list(ComplianceRun.objects.values_list("household_ids", flat=True)) == [[broken.pk]]


def test_no_recheck_when_switched_off_or_for_fixtures(broken, broker, settings, django_capture_on_commit_callbacks):
    from compliance.signals import record_saved

    settings.COMPLIANCE_RECHECK_ON_SAVE = False
    with django_capture_on_commit_callbacks(execute=True):
        ApprovalReviewFactory(household=broken)
    settings.COMPLIANCE_RECHECK_ON_SAVE = True
    with django_capture_on_commit_callbacks(execute=True):
        record_saved(sender=type(broken), instance=broken, raw=True)
    assert not ComplianceRun.objects.exists() and broker == []


def test_an_inline_recheck_that_fails_does_not_fail_the_save(broken, monkeypatch, django_capture_on_commit_callbacks):
    def explode(*, run_id):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "run_execute", explode)
    with django_capture_on_commit_callbacks(execute=True):
        ApprovalReviewFactory(household=broken)  # no exception reaches the caller
    assert ComplianceRun.objects.count() == 1


def test_overlapping_runs_take_turns_and_store_each_gap_once(transactional_db, settings):
    settings.COMPLIANCE_RECHECK_ON_SAVE = False
    agency_of(3)
    runs = [services.run_request(trigger=ComplianceRun.Trigger.MANUAL, enqueue=False) for _ in range(2)]
    start, errors = threading.Barrier(2), []

    def execute(run):
        try:
            start.wait()
            services.run_execute(run_id=run.pk)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=execute, args=(run,)) for run in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    first, second = sorted((ComplianceRun.objects.get(pk=run.pk) for run in runs), key=lambda r: r.finished_at)
    assert first.status == second.status == ComplianceRun.Status.SUCCEEDED
    # Each gap was inserted once, by whichever run stored first; the other found it stored.
    assert first.opened > 0 and second.opened == 0
    assert Gap.objects.values("key").distinct().count() == Gap.objects.count()
