"""Celery tasks for inspections: load, delegate to the service, retry. The PackExport row records the outcome."""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

# Worth another try: the database or the broker was briefly unreachable. A bug in a gatherer is not.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerError)


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=5, retry_backoff_max=120, retry_jitter=True,
             max_retries=3, ignore_result=True)
def pack_generate_task(pack_id):
    from inspections.pack.services import pack_generate

    pack_generate(pack_id=pack_id)
