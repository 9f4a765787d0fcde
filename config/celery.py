"""The Celery app. The whole beat schedule lives here, in one place."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("fostering")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Every rule over the whole agency. Times are Europe/London (CELERY_TIMEZONE); 02:30 happens
    # exactly once on both clock-change nights.
    "compliance-nightly-run": {
        "task": "compliance.tasks.nightly_compliance_run",
        "schedule": crontab(hour=2, minute=30),
    },
    # Each person's reminder digest, after the nightly run has brought the gaps up to date.
    "compliance-reminder-digests": {
        "task": "compliance.tasks.reminders_send_daily",
        "schedule": crontab(hour=7, minute=0),
    },
}
