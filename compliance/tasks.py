"""Celery tasks: load, delegate to compliance.services, retry. The run row records the outcome."""

from datetime import date

from celery import shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

# Worth another try: the database or the broker was briefly unreachable. A bug in a rule is not.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerError)
# Sending mail adds the SMTP server being unreachable or refusing for now: smtplib.SMTPException and
# socket errors are all OSErrors.
MAIL_ERRORS = TRANSIENT_ERRORS + (OSError,)


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=5, retry_backoff_max=120, retry_jitter=True,
             max_retries=3, ignore_result=True)
def compliance_run(run_id):
    from compliance.services import run_execute

    run_execute(run_id=run_id)


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=30, retry_backoff_max=600, retry_jitter=True,
             max_retries=5, ignore_result=True)
def nightly_compliance_run():
    """Beat's nightly whole-agency run (config/celery.py). Delivered twice or retried, it makes one run a day."""
    from compliance.services import nightly_run_execute

    nightly_run_execute()


@shared_task(autoretry_for=MAIL_ERRORS, retry_backoff=60, retry_backoff_max=1800, retry_jitter=True,
             max_retries=5, ignore_result=True)
def reminders_send_daily(day=None):
    """Beat's morning reminder digests (config/celery.py); `day` an ISO date, today by default.
    A retry sends only what is still unsent: sent items are recorded."""
    from django.utils import timezone

    from compliance.reminders import reminder_digests_send_all

    reminder_digests_send_all(today=date.fromisoformat(day) if day else timezone.localdate())
