"""Build the fictional agency: plan it in memory from the seed, then write it in one transaction."""

import random
import time
from datetime import date

from django.db import transaction

from panels.demo import panels_save, plan_panels
from records.choices import StaffRole
from records.demo.agency import plan_agency
from records.demo.assessments import plan_assessments
from records.demo.children import plan_children
from records.demo.compliance import demo_policy_set
from records.demo.households import plan_households
from records.demo.incidents import plan_incidents
from records.demo.logins import logins_create
from records.demo.oversight import plan_oversight
from records.demo.people import plan_carers, plan_members, plan_people_vetting
from records.demo.plan import Plan
from records.demo.save import plan_save
from records.demo.scales import SCALES
from records.demo.staff import plan_staff
from records.models import JournalEntry


def agency_plan(*, seed: int, scale: str, today: date) -> Plan:
    """Every record of the agency as unsaved instances; the same seed and day give the same agency."""
    plan = Plan(rng=random.Random(seed), today=today, scale=SCALES[scale])
    staff = plan_staff(plan)
    plan_agency(plan)
    social_workers = [s for s in staff if s.role == StaffRole.SUPERVISING_SOCIAL_WORKER and not s.end_date]
    households = plan_households(plan, social_workers=social_workers)
    carers = plan_carers(plan, households)
    members = plan_members(plan, households)
    plan_people_vetting(plan, carers, members)
    plan_children(plan, households)
    plan_oversight(plan, households)
    plan_incidents(plan)
    plan_panels(plan)  # the rest of the agency is drawn as without it; it moves panel dates onto meetings
    plan_assessments(plan)  # after the panel: applicants heard or to be heard have everything on file for it
    return plan


def build_agency(*, seed: int, scale: str, today: date, validate: bool | None = None,
                 progress=None) -> dict[str, int]:
    """Create the demo logins and the agency; return the number of records per model.

    `validate` defaults to the scale's own setting (full_clean() on every demo record).
    `progress(step, count, seconds)` hears about each step, for timings.
    """
    started = time.monotonic()
    plan = agency_plan(seed=seed, scale=scale, today=today)
    if progress:
        progress("plan in memory", sum(len(records) for records in plan.records.values()), time.monotonic() - started)
    with transaction.atomic():
        return plan_write(plan, validate=SCALES[scale].validate if validate is None else validate, progress=progress)


def plan_write(plan: Plan, *, validate: bool, progress=None) -> dict[str, int]:
    started = time.monotonic()
    carer = plan.marks["login:carer"]
    users = logins_create(carer_name=(carer.first_name, carer.last_name))
    if progress:
        progress("User", len(users), time.monotonic() - started)
    for username, user in users.items():
        if linked := plan.marks.get(f"login:{username}"):
            linked.user = user
    # The carer login writes the journals of the children placed with them.
    for entry in plan.of(JournalEntry):
        if entry.placement.household is carer.household:
            entry.author = users["carer"]
    counts = {"User": len(users)}
    counts |= plan_save(records=plan.records, user=users["manager"], validate=validate, progress=progress)
    counts |= panels_save(plan, users=users, validate=validate, progress=progress)
    demo_policy_set()
    return counts
