"""compliance/reminders.py: who is told what, once per window, and what is kept of it."""

import smtplib
import threading
from datetime import timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.db import connections
from django.utils import timezone

from accounts.models import Role
from compliance.engine import State
from compliance.models import ReminderDigest, ReminderItem
from compliance.reminders import (
    reminder_digest_send,
    reminder_digests_send_all,
    reminder_items_due,
    reminder_recipients,
    window_of,
)
from records.choices import HouseholdStatus, StaffRole
from tests.factories import (
    CarerFactory,
    HouseholdFactory,
    StaffMemberFactory,
    UserFactory,
)
from tests.factories.compliance import GapFactory

pytestmark = pytest.mark.usefixtures("no_runs_from_elsewhere")
TODAY = timezone.localdate()


def in_days(n):
    return TODAY + timedelta(days=n)


def carer_gap(household, *, due, **fields):
    """A gap about `household`'s carer: their own item, told to them and to the household's social worker."""
    carer = household.carers.first()
    defaults = {"subject_label": f"{carer.first_name} {carer.last_name}", "detail": f"Medical due {due}",
                "state": State.OVERDUE if due < TODAY else State.DUE_SOON}
    return GapFactory(household=household, subject_kind="carer", subject_id=carer.pk, rule_id="CR-CA-001",
                      due_date=due, **(defaults | fields))


def agency_gap(*, due):
    """A gap no social worker holds (the panel's): the registered manager's item."""
    return GapFactory(household=None, social_worker=None, subject_kind="panel", subject_id=None,
                      subject_label="The fostering panel", subject_url="", rule_id="CR-PN-001", due_date=due,
                      detail="Panel membership review")


def items_of(user, **filters):
    return set(ReminderItem.objects.filter(user=user, **filters).values_list("gap_id", "window"))


@pytest.fixture
def gaps(household, carer_user, other_household, manager):
    """Open gaps as of TODAY:

    overdue    `household`'s annual review, 3 days overdue            -> ssw
    carer      `household`'s carer's medical, due in 5 days ("7")     -> ssw and carer_user
    other      `other_household`'s review, due in 20 days ("30")     -> other_ssw
    agency     the panel's review, 10 days overdue                    -> manager
    far        `household`'s review, due in 60 days                    -> nobody yet
    resolved   `household`'s review, overdue but resolved              -> nobody
    """
    return {
        "overdue": GapFactory(household=household, due_date=in_days(-3)),
        "carer": carer_gap(household, due=in_days(5)),
        "other": GapFactory(household=other_household, due_date=in_days(20), state=State.DUE_SOON),
        "agency": agency_gap(due=in_days(-10)),
        "far": GapFactory(household=household, due_date=in_days(60), state=State.DUE_SOON),
        "resolved": GapFactory(household=household, due_date=in_days(-1), status="resolved"),
    }


# Windows -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("days", "window"), [
    (-1, "overdue"), (0, "7"), (5, "7"), (7, "7"), (8, "30"), (20, "30"), (30, "30"), (31, None),
])
def test_only_the_tightest_window_applies(days, window):
    assert window_of(in_days(days), today=TODAY, windows=[30, 7]) == window


def test_a_gap_never_recorded_counts_as_overdue():
    assert window_of(None, today=TODAY, windows=[30, 7]) == "overdue"


def test_windows_come_from_the_setting(settings):
    settings.REMINDER_WINDOWS_DAYS = [14, 3]
    assert [window_of(in_days(d), today=TODAY) for d in (2, 10, 20)] == ["3", "14", None]


# Who gets what -------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_each_person_gets_one_digest_of_only_their_own_items(gaps, ssw, other_ssw, carer_user, outsider_carer,
                                                              manager, inspector, panel_member, mailoutbox):
    summary = reminder_digests_send_all(today=TODAY)

    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in (ssw, other_ssw, carer_user, manager))
    assert summary.sent == 4 and summary.items == 5 and not summary.failed
    assert items_of(ssw) == {(gaps["overdue"].pk, "overdue"), (gaps["carer"].pk, "7")}
    assert items_of(carer_user) == {(gaps["carer"].pk, "7")}
    assert items_of(other_ssw) == {(gaps["other"].pk, "30")}
    assert items_of(manager) == {(gaps["agency"].pk, "overdue")}
    assert not ReminderDigest.objects.filter(user__in=[outsider_carer, inspector, panel_member]).exists()
    assert not ReminderItem.objects.filter(gap__in=[gaps["far"], gaps["resolved"]]).exists()

    carer_mail = next(m for m in mailoutbox if m.to == [carer_user.email])
    assert "Medical due" in carer_mail.body and "review" not in carer_mail.body.lower()
    html, mimetype = carer_mail.alternatives[0]
    assert mimetype == "text/html" and "Medical due" in html and "<img" not in html
    digest = ReminderDigest.objects.get(user=carer_user)
    assert (digest.subject, digest.body_text, digest.item_count) == (carer_mail.subject, carer_mail.body, 1)


@pytest.mark.django_db
def test_a_second_run_the_same_day_sends_nothing(gaps, ssw, mailoutbox):
    reminder_digests_send_all(today=TODAY)
    sent = len(mailoutbox)
    GapFactory(household=gaps["overdue"].household, due_date=in_days(-1))  # new since the morning

    assert reminder_digests_send_all(today=TODAY).sent == 0
    assert len(mailoutbox) == sent and ReminderDigest.objects.filter(user=ssw).count() == 1


@pytest.mark.django_db
def test_the_same_item_is_not_sent_twice_for_the_same_window(household, carer_user, mailoutbox):
    gap = carer_gap(household, due=in_days(25))

    assert reminder_digest_send(user=carer_user, today=TODAY) is not None
    assert reminder_digest_send(user=carer_user, today=in_days(1)) is None  # still the "30" window
    assert reminder_digest_send(user=carer_user, today=in_days(10)) is None  # due in 15 days

    assert len(mailoutbox) == 1 and items_of(carer_user) == {(gap.pk, "30")}


@pytest.mark.django_db
def test_it_is_sent_again_in_the_seven_day_window_and_when_overdue(household, carer_user, mailoutbox):
    gap = carer_gap(household, due=in_days(25))

    sent = [reminder_digest_send(user=carer_user, today=in_days(day)) for day in (0, 18, 19, 25, 26, 27)]

    assert [digest is not None for digest in sent] == [True, True, False, False, True, False]
    assert [item.window for item in ReminderItem.objects.filter(gap=gap).order_by("pk")] == ["30", "7", "overdue"]
    assert len(mailoutbox) == 3 and "Overdue" in mailoutbox[2].body


@pytest.mark.django_db
def test_a_renewed_item_with_a_new_due_date_counts_as_new(household, carer_user, mailoutbox):
    gap = carer_gap(household, due=in_days(5))
    reminder_digest_send(user=carer_user, today=TODAY)
    gap.due_date = in_days(370)  # renewed: reopened later with next year's due date
    gap.save()

    assert reminder_items_due(user=carer_user, today=in_days(1)) == []
    later = reminder_digest_send(user=carer_user, today=in_days(366))

    assert later is not None and len(mailoutbox) == 2
    assert list(ReminderItem.objects.filter(gap=gap).values_list("window", "due_date").order_by("pk")) == [
        ("7", in_days(5)), ("7", in_days(370))]


@pytest.mark.django_db
def test_resolved_gaps_are_not_sent(household, carer_user, mailoutbox):
    carer_gap(household, due=in_days(-2), status="resolved")

    assert reminder_digest_send(user=carer_user, today=TODAY) is None
    assert mailoutbox == [] and not ReminderDigest.objects.exists()


@pytest.mark.django_db
def test_nothing_new_means_no_email_and_no_digest(household, carer_user, ssw, mailoutbox):
    carer_gap(household, due=in_days(45))  # not in any window yet

    summary = reminder_digests_send_all(today=TODAY)

    assert summary.sent == 0 and mailoutbox == [] and not ReminderDigest.objects.exists()


@pytest.mark.django_db
def test_a_failed_send_stores_nothing_so_it_is_sent_next_time(household, carer_user, monkeypatch, mailoutbox):
    gap = carer_gap(household, due=in_days(3))

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    with monkeypatch.context() as patched:
        patched.setattr(EmailMultiAlternatives, "send", refuse)
        with pytest.raises(smtplib.SMTPServerDisconnected):
            reminder_digest_send(user=carer_user, today=TODAY)
    assert not ReminderDigest.objects.exists() and not ReminderItem.objects.exists()

    assert reminder_digest_send(user=carer_user, today=in_days(1)) is not None
    assert items_of(carer_user) == {(gap.pk, "7")} and len(mailoutbox) == 1


@pytest.mark.django_db
def test_one_failure_does_not_stop_the_others_and_is_raised_at_the_end(gaps, ssw, carer_user, manager, monkeypatch,
                                                                        mailoutbox):
    real_send = EmailMultiAlternatives.send

    def refuse_the_carer(self, fail_silently=False):
        if self.to == [carer_user.email]:
            raise smtplib.SMTPRecipientsRefused({carer_user.email: (450, b"Mailbox busy")})
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse_the_carer)
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        reminder_digests_send_all(today=TODAY)

    assert ReminderDigest.objects.filter(user=ssw).exists() and ReminderDigest.objects.filter(user=manager).exists()
    assert not ReminderDigest.objects.filter(user=carer_user).exists()
    assert carer_user.email not in {m.to[0] for m in mailoutbox}


# Recipients ----------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_staff_who_have_left_and_carers_of_past_households_get_nothing(household, mailoutbox):
    leaver = StaffMemberFactory(role=StaffRole.SUPERVISING_SOCIAL_WORKER, with_login=True,
                                end_date=in_days(-1)).user
    gone = HouseholdFactory(status=HouseholdStatus.RESIGNED, supervising_social_worker=leaver.staff_member)
    past_carer = UserFactory(role=Role.FOSTER_CARER)
    CarerFactory(household=gone, user=past_carer)
    GapFactory(household=household, social_worker=leaver.staff_member, due_date=in_days(-1))
    carer_gap(gone, due=in_days(-1))

    assert not {leaver, past_carer} & set(reminder_recipients(today=TODAY))
    reminder_digests_send_all(today=TODAY)
    assert not ReminderDigest.objects.filter(user__in=[leaver, past_carer]).exists()


@pytest.mark.django_db
def test_users_without_an_email_or_inactive_are_not_recipients(carer_user, ssw):
    carer_user.email = ""
    carer_user.save()
    ssw.is_active = False
    ssw.save()

    assert not {carer_user, ssw} & set(reminder_recipients(today=TODAY))


# Overlapping runs ----------------------------------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_two_overlapping_runs_never_send_the_same_item_twice(household, carer_user, monkeypatch, mailoutbox):
    """The first run holds the user's row while its email is going out; the second waits for it, then
    finds the items taken."""
    carer_gap(household, due=in_days(3))
    sending, release = threading.Event(), threading.Event()
    real_send = EmailMultiAlternatives.send

    def slow_send(self, fail_silently=False):
        sending.set()
        release.wait(10)
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", slow_send)
    results = {}

    def run(name, today):
        try:
            results[name] = reminder_digest_send(user=carer_user, today=today)
        finally:
            connections.close_all()

    first = threading.Thread(target=run, args=("first", TODAY))
    first.start()
    assert sending.wait(10)
    # A day later, so only the items themselves (not "one a day") can stop the second.
    second = threading.Thread(target=run, args=("second", in_days(1)))
    second.start()
    second.join(0.5)
    assert second.is_alive(), "the second run should wait for the first's lock"
    release.set()
    first.join(10)
    second.join(10)

    assert results["first"] is not None and results["second"] is None
    # (Committing the household also ran the compliance engine, which found more of the carer's items.)
    told = list(ReminderItem.objects.values_list("gap_id", "window", "due_date"))
    assert len(mailoutbox) == 1 and ReminderDigest.objects.count() == 1
    assert len(told) == len(set(told)) >= 1


# Queries -------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_sending_to_many_people_costs_a_few_queries_each(django_assert_max_num_queries, ssw, mailoutbox):
    people = 12
    for n in range(people):
        household = HouseholdFactory(supervising_social_worker=ssw.staff_member)
        CarerFactory(household=household, user=UserFactory(role=Role.FOSTER_CARER, username=f"carer{n}"))
        carer_gap(household, due=in_days(-1))
        carer_gap(household, due=in_days(4))

    # One for the recipients, then per person at most ten: the savepoint and its release, the lock,
    # "already sent today?", their items (three for a carer), those already told, the digest, its items.
    with django_assert_max_num_queries(1 + 10 * (people + 1)):
        summary = reminder_digests_send_all(today=TODAY)

    assert summary.sent == people + 1 and summary.items == 4 * people
    assert len(mailoutbox) == people + 1
