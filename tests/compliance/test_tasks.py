"""compliance/tasks.py: the thin tasks, the nightly schedule, and a real worker on Redis.

The `celery_worker` tests start a Celery worker thread in this process against Redis on
127.0.0.1:6379, one Redis database per xdist worker, and use `transactional_db` so the worker's
own database connection sees the rows the test commits.
"""

import os
import time
from datetime import timedelta

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.exceptions import Retry
from celery.schedules import crontab
from celery.signals import task_postrun
from django.core.cache import cache
from django.db import OperationalError, connections
from django.db.models import Max
from django.utils import timezone

from compliance import services
from compliance.models import ComplianceRun, Gap
from compliance.tasks import TRANSIENT_ERRORS, compliance_run, nightly_compliance_run
from config.celery import app
from tests.factories import ApprovalReviewFactory, CarerFactory, HouseholdFactory, SupervisionVisitFactory

pytestmark = pytest.mark.usefixtures("no_runs_from_elsewhere")
TODAY = timezone.localdate()


def test_the_nightly_run_is_scheduled_at_half_past_two_london_time():
    entry = app.conf.beat_schedule["compliance-nightly-run"]
    assert entry["task"] == nightly_compliance_run.name == "compliance.tasks.nightly_compliance_run"
    assert entry["schedule"] == crontab(hour=2, minute=30)
    assert app.conf.timezone == "Europe/London"


def test_compliance_run_retries_transient_database_and_broker_errors_three_times():
    assert OperationalError in TRANSIENT_ERRORS and compliance_run.autoretry_for == TRANSIENT_ERRORS
    assert compliance_run.max_retries == 3 and compliance_run.retry_backoff
    assert compliance_run.ignore_result  # the run row is the result


@pytest.mark.django_db
def test_nightly_compliance_run_executes_a_whole_agency_run():
    HouseholdFactory()
    nightly_compliance_run()
    run = ComplianceRun.objects.get()
    assert (run.trigger, run.household_ids, run.status) == ("nightly", None, "succeeded")
    assert Gap.objects.filter(rule_id="CR-HH-015").exists()


@pytest.mark.parametrize("error, raised", [
    (OperationalError("server closed the connection unexpectedly"), Retry),  # asks Celery to try again
    (RuntimeError("a bug in a rule"), RuntimeError),  # fails at once
])
def test_transient_errors_are_retried_and_bugs_are_not(monkeypatch, error, raised):
    def run_execute(*, run_id):
        raise error

    monkeypatch.setattr(services, "run_execute", run_execute)
    with pytest.raises(raised):
        compliance_run.apply(args=[42])  # eager, propagating: a retry surfaces as Retry


# A real worker -------------------------------------------------------------------------------------

@pytest.fixture
def redis_url():
    """redis://127.0.0.1:6379/<n>, n apart for each xdist worker (gw0, gw1, ...); emptied first."""
    xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    number = 11 + int(xdist_worker.removeprefix("gw")) if xdist_worker else 10
    url = f"redis://127.0.0.1:6379/{number}"
    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    except redis.ConnectionError:
        pytest.fail("Redis is not running on 127.0.0.1:6379 (see scripts/test).")
    yield url
    client.flushdb()


def _close_worker_connections(**kwargs):
    connections.close_all()  # runs in the worker thread: it must not keep the test database open


@pytest.fixture
def worker(settings, redis_url):
    """A Celery worker thread consuming from Redis, with the app no longer eager."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=redis_url, result_backend=redis_url, task_always_eager=False)
    app._after_fork()  # drop connection pools made for the old broker
    task_postrun.connect(_close_worker_connections, weak=False)
    cache.clear()
    try:
        with start_worker(app, perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
            yield app
    finally:
        task_postrun.disconnect(_close_worker_connections)
        app.conf.update(saved)
        app._after_fork()
        cache.clear()


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def quiet_household(settings):
    """An approved household with a carer and no review ever, made without triggering rechecks."""
    settings.COMPLIANCE_RECHECK_ON_SAVE = False
    household = HouseholdFactory()
    CarerFactory(household=household)
    settings.COMPLIANCE_RECHECK_ON_SAVE = True
    return household


@pytest.mark.celery_worker
def test_a_requested_run_is_executed_by_a_real_worker(transactional_db, worker, settings):
    household = quiet_household(settings)

    run = services.run_request(trigger=ComplianceRun.Trigger.MANUAL)

    assert wait_for(lambda: ComplianceRun.objects.get(pk=run.pk).status in {"succeeded", "failed"})
    run.refresh_from_db()
    assert run.status == ComplianceRun.Status.SUCCEEDED, run.error
    assert Gap.objects.filter(household=household, rule_id="CR-HH-015", status="open").exists()
    assert run.query_count > 0 and run.duration_ms is not None


@pytest.mark.celery_worker
def test_a_burst_of_edits_is_rechecked_once_by_a_real_worker(transactional_db, worker, settings):
    settings.COMPLIANCE_RECHECK_DELAY_SECONDS = 1
    household = quiet_household(settings)
    # Runs committed before this test (a module fixture elsewhere may have committed some) don't count.
    earlier = ComplianceRun.objects.aggregate(last=Max("pk"))["last"] or 0

    # Three saves, each committed on its own (autocommit), within the delay.
    SupervisionVisitFactory(household=household)
    review = ApprovalReviewFactory(household=household, review_date=TODAY - timedelta(days=3))
    review.save()

    def rechecks():
        return list(ComplianceRun.objects.filter(trigger="record_saved", pk__gt=earlier))

    assert wait_for(lambda: any(r.status == "succeeded" for r in rechecks()))
    time.sleep(1.5)  # nothing else should arrive
    assert [(r.household_ids, r.status) for r in rechecks()] == [([household.pk], "succeeded")]
    assert not Gap.objects.filter(household=household, rule_id="CR-HH-015", status="open").exists()

    review.delete()  # after the run started: a new recheck
    assert wait_for(lambda: len(rechecks()) == 2 and all(r.status == "succeeded" for r in rechecks()))
    assert Gap.objects.get(household=household, rule_id="CR-HH-015").status == "open"


@pytest.mark.django_db
def test_the_nightly_task_delivered_twice_makes_one_run_and_a_retry_carries_on_the_failed_one(monkeypatch):
    HouseholdFactory()
    nightly_compliance_run()
    nightly_compliance_run()  # the broker delivered it again (acks_late after a worker was lost)
    assert list(ComplianceRun.objects.values_list("trigger", "status")) == [("nightly", "succeeded")]
    open_gaps = Gap.objects.filter(status="open").count()
    assert open_gaps

    ComplianceRun.objects.update(status="failed", error="OperationalError: lost")
    nightly_compliance_run()  # Celery's retry of a run that failed
    assert list(ComplianceRun.objects.values_list("status", "error")) == [("succeeded", "")]
    assert Gap.objects.filter(status="open").count() == open_gaps  # nothing applied twice


def test_tasks_are_acknowledged_when_they_finish_so_a_lost_worker_means_redelivery():
    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    assert app.conf.worker_prefetch_multiplier == 1
    assert nightly_compliance_run.autoretry_for == TRANSIENT_ERRORS and nightly_compliance_run.max_retries == 5


@pytest.mark.celery_worker
def test_a_run_delivered_twice_to_a_real_worker_is_executed_once(transactional_db, worker, settings):
    household = quiet_household(settings)
    run = services.run_request(trigger=ComplianceRun.Trigger.MANUAL, enqueue=False)

    compliance_run.apply_async(args=[run.pk])
    compliance_run.apply_async(args=[run.pk])  # a duplicate delivery

    assert wait_for(lambda: ComplianceRun.objects.get(pk=run.pk).status == "succeeded")
    time.sleep(1)  # let the second delivery finish too
    run.refresh_from_db()
    finished_at = run.finished_at
    assert Gap.objects.filter(household=household, rule_id="CR-HH-015").count() == 1
    time.sleep(0.5)
    assert ComplianceRun.objects.get(pk=run.pk).finished_at == finished_at  # the second one changed nothing
