"""The reminder digests' task and schedule, the send_reminders command and the REMINDER_WINDOWS_DAYS setting."""

import smtplib
from datetime import timedelta
from io import StringIO

import pytest
from celery.exceptions import Retry
from celery.schedules import crontab
from django.core.management import CommandError, call_command
from django.utils import timezone

from compliance import reminders
from compliance.models import ReminderDigest, ReminderItem
from compliance.tasks import reminders_send_daily
from config.celery import app
from tests.compliance.test_reminders import carer_gap
from tests.test_settings import run, start_up_error

pytestmark = pytest.mark.usefixtures("no_runs_from_elsewhere")
TODAY = timezone.localdate()


# The task ------------------------------------------------------------------------------------------

def test_the_digests_are_scheduled_at_seven_after_the_nightly_run():
    entry = app.conf.beat_schedule["compliance-reminder-digests"]
    assert entry["task"] == reminders_send_daily.name == "compliance.tasks.reminders_send_daily"
    assert entry["schedule"] == crontab(hour=7, minute=0)
    assert app.conf.beat_schedule["compliance-nightly-run"]["schedule"] == crontab(hour=2, minute=30)


@pytest.mark.django_db
def test_the_scheduled_task_sends_the_digests(household, carer_user, ssw, mailoutbox):
    carer_gap(household, due=TODAY + timedelta(days=3))

    app.tasks[app.conf.beat_schedule["compliance-reminder-digests"]["task"]].delay()  # eager in tests

    assert sorted(m.to[0] for m in mailoutbox) == sorted([carer_user.email, ssw.email])
    assert set(ReminderDigest.objects.values_list("user", flat=True)) == {carer_user.pk, ssw.pk}


@pytest.mark.django_db
def test_the_task_takes_the_day_as_an_iso_date(household, carer_user, mailoutbox):
    carer_gap(household, due=TODAY + timedelta(days=40))

    reminders_send_daily.delay(TODAY.isoformat())
    assert mailoutbox == []
    reminders_send_daily.delay((TODAY + timedelta(days=15)).isoformat())
    assert list(ReminderItem.objects.filter(user=carer_user).values_list("window", flat=True)) == ["30"]


@pytest.mark.parametrize("error, raised", [
    (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), Retry),
    (ConnectionRefusedError(111, "Connection refused"), Retry),
    (RuntimeError("a bug"), RuntimeError),
])
def test_mail_errors_are_retried_with_back_off_and_bugs_are_not(monkeypatch, error, raised):
    def send_all(*, today):
        raise error

    monkeypatch.setattr(reminders, "reminder_digests_send_all", send_all)
    assert reminders_send_daily.retry_backoff and reminders_send_daily.max_retries == 5
    with pytest.raises(raised):
        reminders_send_daily.apply()


# The command ---------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_dry_run_prints_who_would_get_what_and_sends_nothing(household, carer_user, ssw, mailoutbox):
    gap = carer_gap(household, due=TODAY + timedelta(days=3))
    out = StringIO()

    call_command("send_reminders", "--dry-run", stdout=out)

    text = out.getvalue()
    assert f"<{carer_user.email}>: 1 item" in text and f"<{ssw.email}>: 1 item" in text
    assert f"[Due within 7 days] {gap.subject_label}" in text
    assert "2 people would get a digest" in text
    assert mailoutbox == [] and not ReminderDigest.objects.exists()


@pytest.mark.django_db
def test_the_command_sends_as_of_a_date(household, carer_user, ssw, mailoutbox):
    carer_gap(household, due=TODAY + timedelta(days=40))
    out = StringIO()

    call_command("send_reminders", "--date", (TODAY + timedelta(days=35)).isoformat(), stdout=out)

    assert "sent 2 digests (2 items)" in out.getvalue()
    assert {m.to[0] for m in mailoutbox} == {carer_user.email, ssw.email}
    assert set(ReminderItem.objects.values_list("window", flat=True)) == {"7"}


def test_the_command_rejects_a_bad_date():
    with pytest.raises(CommandError, match="give a date as YYYY-MM-DD"):
        call_command("send_reminders", "--date", "22/11/2026")


# The setting ---------------------------------------------------------------------------------------

PRINT_WINDOWS = "from django.conf import settings; print(settings.REMINDER_WINDOWS_DAYS)"


@pytest.mark.parametrize(("value", "windows"), [(None, "[30, 7]"), ("7, 14,3", "[14, 7, 3]"), ("1", "[1]")])
def test_reminder_windows_are_read_from_the_environment(tmp_path, value, windows):
    env = {"VAR_DIR": str(tmp_path)} | ({"REMINDER_WINDOWS_DAYS": value} if value is not None else {})
    result = run(["-c", PRINT_WINDOWS], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == windows


@pytest.mark.parametrize("value", ["30,seven", "30,,7", "0", "-7", ",", "30;7"])
def test_bad_reminder_windows_stop_start_up(tmp_path, value):
    stderr = start_up_error({"VAR_DIR": str(tmp_path), "REMINDER_WINDOWS_DAYS": value})

    assert (f"ImproperlyConfigured: REMINDER_WINDOWS_DAYS={value!r}: give whole numbers of days above 0, "
            "separated by commas (e.g. 30,7).") in stderr
