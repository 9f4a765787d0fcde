"""manage.py seed_demo: the demo agency's size, logins, deliberate gaps, compliance runs, history and re-runs."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone

from accounts.models import User
from compliance.engine import State
from compliance.models import AgencyPolicy, ComplianceRun, Gap
from compliance.registry import Area, Severity
from compliance.selectors import latest_run, whole_agency_runs
from compliance.services import gaps_preview
from records.choices import ApprovalCategory, HouseholdStatus
from records.demo.build import agency_plan, build_agency, plan_write
from records.demo.households import DESIGNATED
from records.demo.logins import DEMO_PASSWORD, LOGINS
from records.demo.reset import demo_reset
from records.demo.save import MODEL_ORDER
from records.demo.stories import STORIES, story_subject
from records.models import Check, Household, HouseholdMember, JournalEntry, Placement, Resident, StaffMember
from records.permissions import restrict
from tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def agency():
    """The demo agency for seed 2011 as of today, built without per-record validation (tested once below)."""
    return build_agency(seed=2011, scale="demo", today=today(), validate=False)


def household_snapshot():
    return list(Household.objects.order_by("reference").values_list(
        "reference", "name", "status", "approval_category", "approval_date", "postcode"))


def test_the_demo_agency_has_the_expected_size(agency):
    assert Household.objects.count() == 40
    assert 55 <= HouseholdMember.objects.count() <= 70
    assert 45 <= Resident.objects.count() <= 60
    assert 18 <= StaffMember.objects.count() <= 22
    assert set(Household.objects.values_list("status", flat=True)) == set(HouseholdStatus.values)
    assert set(Household.objects.values_list("approval_category", flat=True)) == set(ApprovalCategory.values)
    assert Household.objects.filter(status=HouseholdStatus.APPROVED).count() > 20
    carers_per_household = [h.carers.count() for h in Household.objects.all()]
    assert set(carers_per_household) == {1, 2}
    assert Placement.objects.filter(end_date__isnull=True).count() >= 20
    assert Placement.objects.filter(end_date__isnull=False).count() >= 10
    assert HouseholdMember.objects.filter(relationship="lodger").exists()
    assert agency["Check"] > 300 and agency["TrainingRecord"] > 300 and agency["JournalEntry"] > 200
    assert agency["Allegation"] >= 2 and agency["MissingEpisode"] >= 1 and agency["Notification"] >= 4
    assert agency["ManagerRegistration"] == 1 and agency["AllowanceRate"] == 10 and agency["AgencyReview"] > 10
    assert all(agency[model.__name__] == model.objects.count() for model in MODEL_ORDER)


def test_every_demo_record_passes_model_validation():
    # build_agency validates every record after inserting it and raises if one is invalid.
    counts = build_agency(seed=2011, scale="demo", today=today(), validate=True)
    assert sum(counts.values()) > 2000


def plan_snapshot(seed: int):
    plan = agency_plan(seed=seed, scale="demo", today=today())
    households = [(h.reference, h.name, h.status, h.approval_date, h.postcode) for h in plan.of(Household)]
    children = [(r.first_name, r.last_name, r.date_of_birth) for r in plan.of(Resident)]
    entries = [(e.entry_date, e.text) for e in plan.of(JournalEntry)]
    return households, children, entries


def test_the_same_seed_on_the_same_day_gives_the_same_agency():
    assert plan_snapshot(2011) == plan_snapshot(2011)


def test_a_different_seed_gives_a_different_agency():
    households, children, _ = plan_snapshot(2011)
    other_households, other_children, _ = plan_snapshot(2012)
    assert [h[1] for h in households] != [h[1] for h in other_households]
    assert children != other_children


def test_each_demo_login_signs_in_with_the_documented_password(agency):
    for login in LOGINS:
        # django-axes, which counts failed sign-ins, needs the request.
        user = authenticate(RequestFactory().post("/accounts/login/"), username=login.username, password=DEMO_PASSWORD)
        assert user is not None, login.username
        assert user.role == login.role
    manager = User.objects.get(username="manager")
    assert manager.is_staff and manager.is_superuser
    assert not User.objects.exclude(username="manager").filter(is_superuser=True).exists()


def test_the_carer_login_sees_their_own_household_with_a_child_placed(agency):
    carer = User.objects.get(username="carer")
    household = carer.carer.household
    assert household.status == HouseholdStatus.APPROVED
    placements = restrict(Placement.objects.all(), carer)
    assert placements.count() >= 1
    assert set(placements.values_list("household", flat=True)) == {household.pk}
    assert JournalEntry.objects.filter(placement__household=household, author=carer).exists()


def test_the_ssw_login_has_a_caseload(agency):
    ssw = User.objects.get(username="ssw")
    caseload = Household.objects.filter(supervising_social_worker=ssw.staff_member)
    assert 5 <= caseload.count() <= 15
    assert set(caseload.values_list("status", flat=True)) <= {HouseholdStatus.APPROVED, HouseholdStatus.ON_HOLD}
    assert set(restrict(Household.objects.all(), ssw)) == set(caseload)


def test_staff_logins_are_linked_to_staff_records(agency):
    for username, role in [("manager", "registered_manager"), ("ri", "responsible_individual"),
                           ("ssw", "supervising_social_worker"), ("admin", "administrator"), ("adm", "decision_maker")]:
        assert User.objects.get(username=username).staff_member.role == role
    assert not StaffMember.objects.filter(user__username__in=["panel", "inspector", "carer"]).exists()


@pytest.fixture
def planned():
    """The demo agency for seed 2011 as of today, saved without per-record validation, and its plan.

    The plan's marks name the record behind each deliberate gap (records/demo/stories.py), so the
    tests below can look for each gap where the engine reports it.
    """
    plan = agency_plan(seed=2011, scale="demo", today=today())
    with transaction.atomic():
        plan_write(plan, validate=False)
    return plan


def story_findings(evaluation, plan, story):
    kind, pk = story_subject(story, plan.marks)
    return [f for f in evaluation.gaps if f.rule.id == story.rule and f.outcome.subject.kind == kind
            and f.outcome.subject.id == pk and f.outcome.key.startswith(story.key)]


def described(findings):
    return "\n".join(f"{f.rule.id} {f.outcome.state} {f.outcome.subject.label}: {f.outcome.detail}" for f in findings)


def test_the_engine_finds_every_deliberate_gap(planned):
    evaluation = gaps_preview(as_of=today())
    for story in STORIES:
        findings = story_findings(evaluation, planned, story)
        assert len(findings) == 1, f"{story.rule} {story.mark}: {story.about}"
        assert findings[0].outcome.state == story.state, described(findings)


def test_the_open_gaps_are_few_and_cover_every_area_and_severity(planned):
    evaluation = gaps_preview(as_of=today())
    gaps = evaluation.gaps
    planned_keys = {f.key for story in STORIES for f in story_findings(evaluation, planned, story)}
    unplanned = [f for f in gaps if f.key not in planned_keys]
    assert 20 <= len(gaps) <= 60, described(unplanned)
    assert len(unplanned) <= 5, described(unplanned)
    assert {f.rule.area for f in gaps} == {area for area, _ in Area.CHOICES}
    assert {f.rule.severity for f in gaps} == set(Severity.ORDER)
    assert {f.outcome.state for f in gaps} == {State.OVERDUE, State.DUE_SOON, State.MISSING}


def test_the_designated_household_gaps_are_on_the_ssw_logins_caseload(planned):
    evaluation = gaps_preview(as_of=today())
    ssw = planned.marks["login:ssw"]
    designated = {mark for mark, _ in DESIGNATED if mark.startswith("gap:")}
    stories = [story for story in STORIES if ":".join(story.mark.split(":")[:2]) in designated]
    assert {story.rule for story in stories} >= {"CR-HH-002", "CR-HH-004", "CR-HH-015", "CR-HH-019", "CR-PL-001"}
    for story in stories:
        (finding,) = story_findings(evaluation, planned, story)
        assert finding.outcome.subject.social_worker_id == ssw.pk, story.about
    assert ssw.user.username == "ssw"


def test_done_late_is_met_with_a_late_note_not_a_gap(planned):
    findings = gaps_preview(as_of=today()).findings
    late = [f for f in findings if f.rule.id == "CR-AG-001" and f.outcome.detail.startswith("Late:")]
    assert late and all(f.outcome.state == State.MET for f in late)


def test_the_demo_agency_warns_a_fortnight_ahead(planned):
    # With the default 30 days, every monthly visit and supervision would be "due soon" the day after it.
    assert AgencyPolicy.current().due_soon_days == 14


def test_the_same_seed_on_the_same_day_finds_the_same_gaps():
    def gaps():
        build_agency(seed=2011, scale="demo", today=today(), validate=False)
        return [(f.rule.id, f.outcome.subject.label, f.outcome.state, f.outcome.due, f.outcome.detail)
                for f in gaps_preview(as_of=today()).gaps]

    first = gaps()
    demo_reset()
    assert gaps() == first


def test_seeded_records_have_history_by_the_manager(agency):
    manager = User.objects.get(username="manager")
    for model in MODEL_ORDER:
        assert model.history.count() == model.objects.count(), model.__name__
        assert set(model.history.values_list("history_user", flat=True)) == {manager.pk}, model.__name__
    assert set(Check.objects.values_list("created_by", flat=True)) == {manager.pk}
    # Checks and training copy their person's household (the model's save() is bypassed by bulk inserts).
    assert not Check.objects.filter(carer__isnull=False, household__isnull=True).exists()


def seed(*args):
    out = StringIO()
    call_command("seed_demo", "--no-validate", *args, stdout=out)
    return out.getvalue()


def test_a_second_run_refuses_and_reset_builds_the_same_agency_again():
    output = seed()
    assert DEMO_PASSWORD in output and "Household" in output and "ssw supervises" in output
    first = household_snapshot()

    with pytest.raises(CommandError, match="already has records or demo logins. Run with --reset"):
        seed()
    assert Household.objects.count() == 40

    seed("--reset")
    assert household_snapshot() == first
    assert User.objects.filter(username__in=[login.username for login in LOGINS]).count() == len(LOGINS)
    assert Household.history.count() == 40
    assert ComplianceRun.objects.count() == 9  # the old runs went with the old agency

    seed("--reset", "--seed", "7")
    assert household_snapshot() != first


def test_the_seed_stores_a_run_and_eight_weeks_of_history_for_the_dashboard():
    output = seed()
    run = latest_run()
    assert run.trigger == ComplianceRun.Trigger.COMMAND and run.status == ComplianceRun.Status.SUCCEEDED
    assert run.as_of == today() and run.whole_agency
    open_gaps = Gap.objects.filter(status=Gap.Status.OPEN)
    assert sum(run.counts.values()) == open_gaps.count() == len(gaps_preview(as_of=today()).gaps)
    assert 20 <= open_gaps.count() <= 60
    assert f"Compliance run #{run.pk}: {open_gaps.count()} open gaps" in output

    history = ComplianceRun.objects.filter(trigger=ComplianceRun.Trigger.NIGHTLY).order_by("as_of")
    assert [r.as_of for r in history] == [today() - timedelta(weeks=week) for week in range(8, 0, -1)]
    for past in history:
        assert past.status == ComplianceRun.Status.SUCCEEDED and past.whole_agency
        assert timezone.localtime(past.finished_at).date() == timezone.localtime(past.queued_at).date() == past.as_of
        assert set(past.counts) == set(Severity.ORDER)
        found = [f.rule.severity for f in gaps_preview(as_of=past.as_of).gaps]
        assert past.counts == {severity: found.count(severity) for severity in Severity.ORDER}
        assert set(past.readiness) == {area for area, _ in Area.CHOICES} and past.readiness_percent
    assert not Gap.objects.filter(last_run__in=history).exists()
    # The dashboard's trend: the eight weekly runs, then today's.
    assert [r.pk for r in whole_agency_runs()] == [*history.values_list("pk", flat=True), run.pk]


def test_reset_removes_records_that_were_not_from_the_demo():
    stray = HouseholdFactory(reference="HH-STRAY")
    with pytest.raises(CommandError):
        seed()
    seed("--reset")
    assert not Household.objects.filter(reference="HH-STRAY").exists()
    assert not Household.history.filter(reference="HH-STRAY").exists()
    assert Household.objects.count() == 40
    assert not StaffMember.objects.filter(pk=stray.supervising_social_worker_id).exists()


def test_the_demo_inbox_holds_the_lapsed_dbs_renewal_and_verifying_it_closes_the_gap(
        django_capture_on_commit_callbacks):
    from records.evidence import evidence_verify
    from records.models import Evidence

    seed()
    waiting = Evidence.objects.filter(status=Evidence.Status.PENDING)
    assert waiting.count() == 2 and not Evidence.objects.exclude(status=Evidence.Status.PENDING).exists()
    assert waiting.get(carer__user__username="carer").created_by.username == "carer"  # sent from the portal
    certificate = waiting.get(kind="dbs_certificate")
    lapsed = Gap.objects.get(status=Gap.Status.OPEN, rule_id="CR-HH-004", subject_kind="carer")
    assert certificate.carer_id == lapsed.subject_id

    social_worker = certificate.household.supervising_social_worker.user
    with django_capture_on_commit_callbacks(execute=True):
        evidence_verify(evidence=certificate, user=social_worker, issued_on=today() - timedelta(days=6),
                        certificate_number="001234567890")
    lapsed.refresh_from_db()
    assert lapsed.status == Gap.Status.RESOLVED
    assert Check.objects.filter(carer=certificate.carer, completed_date=today() - timedelta(days=6)).exists()
