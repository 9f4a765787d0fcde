"""Renewing checks and courses: a DBS every three years, a refresher course every few years.

A well-run agency renews three to seven weeks before expiry, so nothing falls "due soon" by chance:
the only checks due or overdue are the ones planned as gaps (`last=` ends a chain on a chosen day).
"""

from datetime import date, timedelta

from records.choices import CheckKind, CheckOutcome, TrainingCourse
from records.demo.names import TRAINING_PROVIDERS
from records.demo.plan import Plan, add_years
from records.models import Check, TrainingRecord


# Days before expiry a renewal is done: more than the demo agency's warning window (records/demo/compliance.py).
RENEW_BEFORE = (21, 50)


def renewal_dates(plan: Plan, *, first: date, until: date, years: int, last: date | None = None) -> list[date]:
    """`first`, then a renewal a few weeks before each expiry, while that falls on or before `until`.

    With `last`, the chain ends on that day instead: renewals counted back from it to `first`.
    """
    if last is not None:
        dates = [last]
        while (earlier := add_years(dates[0], -years) + timedelta(days=plan.rng.randint(*RENEW_BEFORE))) >= first:
            dates.insert(0, earlier)
        return dates
    if first > until:
        return []
    dates = [first]
    while (renewed := add_years(dates[-1], years) - timedelta(days=plan.rng.randint(*RENEW_BEFORE))) <= until:
        dates.append(renewed)
    return dates


def check_chain(plan: Plan, *, kind: CheckKind, first_completed: date, until: date, years: int = 3,
                renew: bool = True, last: date | None = None, **subject) -> list[Check]:
    """A check on one person (`carer=`, `household_member=` or `staff_member=`) and its renewals.

    With `renew=False` only the first check exists: once its expiry passes, that is a gap.
    With `last`, the latest renewal is on that day (a check planned to fall due soon).
    """
    person = subject.get("carer") or subject.get("household_member")
    household = person.household if person else None
    dbs = kind == CheckKind.ENHANCED_DBS
    completed_dates = renewal_dates(plan, first=first_completed, until=until, years=years, last=last) if renew \
        else [first_completed]
    return [plan.add(Check(
        kind=kind, household=household, **subject,
        requested_date=completed - timedelta(days=plan.rng.randint(14, 45)), completed_date=completed,
        outcome=CheckOutcome.CLEAR, certificate_number=plan.certificate() if dbs else "", barred_list_checked=dbs,
        expiry_date=add_years(completed, years),
    )) for completed in completed_dates]


def dbs_chain(plan: Plan, *, first_completed: date, until: date, renew: bool = True, **subject) -> list[Check]:
    """Enhanced DBS checks, renewed every three years (common practice; no statutory interval)."""
    return check_chain(plan, kind=CheckKind.ENHANCED_DBS, first_completed=first_completed, until=until,
                       renew=renew, **subject)


def check_pending(plan: Plan, *, kind: CheckKind, requested: date, **subject) -> Check:
    person = subject.get("carer") or subject.get("household_member")
    return plan.add(Check(kind=kind, household=person.household if person else None, **subject,
                          requested_date=requested, outcome=CheckOutcome.PENDING))


def check_once(plan: Plan, *, kind: CheckKind, completed: date, years: int | None = None, referee: str = "",
               certificate: bool = False, **subject) -> Check:
    person = subject.get("carer") or subject.get("household_member")
    return plan.add(Check(
        kind=kind, household=person.household if person else None, **subject,
        requested_date=completed - timedelta(days=plan.rng.randint(7, 30)), completed_date=completed,
        outcome=CheckOutcome.CLEAR, referee_name=referee,
        certificate_number=plan.certificate() if certificate else "", barred_list_checked=certificate,
        expiry_date=add_years(completed, years) if years else None,
    ))


def training_chain(plan: Plan, *, course: TrainingCourse, first: date, until: date, years: int, **trainee):
    """A course and its refreshers; nothing if the first would be after `until` or today."""
    if first > min(until, plan.today):
        return
    carer = trainee.get("carer")
    for completed in renewal_dates(plan, first=first, until=min(until, plan.today), years=years):
        plan.add(TrainingRecord(
            course=course, household=carer.household if carer else None, **trainee,
            provider=plan.rng.choice(TRAINING_PROVIDERS), completed_date=completed,
            expiry_date=add_years(completed, years),
        ))
