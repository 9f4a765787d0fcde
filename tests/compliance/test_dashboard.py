"""The dashboard (home page for every role that may see gaps), Recheck now, the run status fragment,
the runs list, the "as of" preview and the menu.

Runs and gaps come from tests/factories/compliance.py, except where a test needs the real engine
(Recheck now, the preview), which uses compliance.services.
"""

import re
from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from compliance.engine import State
from compliance.models import ComplianceRun, Gap
from compliance.registry import Area, Severity
from compliance.sections import compliance_menu
from tests.factories import ApprovalReviewFactory, HouseholdFactory, StaffMemberFactory
from tests.factories.compliance import ComplianceRunFactory, GapFactory

pytestmark = pytest.mark.django_db

HOME = reverse("home")
DASHBOARD = reverse("compliance:dashboard")
RECHECK = reverse("compliance:run_recheck")
RUNS = reverse("compliance:run_list")
OFFICE_ROLES = ["manager", "responsible_individual", "administrator", "decision_maker"]


def today():
    return timezone.localdate()


# Anonymous / without permission / with permission -------------------------------------------------

def test_anonymous_users_are_sent_to_sign_in(client, db):
    for url in (HOME, DASHBOARD, RUNS, reverse("compliance:run_status", args=[1])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    response = client.post(RECHECK)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_inspectors_see_no_gaps_even_during_a_grant(client_for, granted_inspector):
    client = client_for(granted_inspector)
    assert "compliance/dashboard.html" not in [t.name for t in client.get(HOME).templates]
    for url in (DASHBOARD, RUNS):
        assert client.get(url).status_code == 403
    assert client.post(RECHECK).status_code == 403


@pytest.mark.parametrize("fixture", ["carer_user", "panel_member"])
def test_carers_and_panel_members_are_refused(request, client_for, fixture):
    client = client_for(request.getfixturevalue(fixture))
    run = ComplianceRunFactory()

    for url in (DASHBOARD, RUNS, reverse("compliance:run_status", args=[run.pk])):
        assert client.get(url).status_code == 403
    assert client.post(RECHECK).status_code == 403


def test_a_carer_lands_on_their_portal_and_a_panel_member_on_the_summary(
        client_for, carer_user, household, panel_member):
    carer_home = client_for(carer_user).get(HOME)
    assert "records/portal/portal.html" in [t.name for t in carer_home.templates]
    assert "compliance/dashboard.html" not in [t.name for t in carer_home.templates]
    response = client_for(panel_member).get(HOME)
    assert response.status_code == 200 and "home.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("fixture", [*OFFICE_ROLES, "ssw"])
def test_the_home_page_is_the_dashboard_for_staff_who_may_see_gaps(request, client_for, fixture):
    response = client_for(request.getfixturevalue(fixture)).get(HOME)

    assert response.status_code == 200
    assert "compliance/dashboard.html" in [t.name for t in response.templates]
    assert client_for(request.getfixturevalue(fixture)).get(DASHBOARD).status_code == 200


# What it shows ------------------------------------------------------------------------------------------

def test_readiness_comes_from_the_latest_successful_whole_agency_run(client_for, manager):
    ComplianceRunFactory(readiness={Area.CARERS: [1, 10]}, finished_at=timezone.now() - timedelta(days=2))
    ComplianceRunFactory(readiness={Area.CARERS: [9, 10], Area.STAFF: [3, 5]})  # the latest good one: 80%
    ComplianceRunFactory(household_ids=[1], readiness={Area.CARERS: [0, 1]}, trigger="record_saved")
    ComplianceRunFactory(failed=True, finished_at=timezone.now())

    response = client_for(manager).get(HOME)

    overall, areas = response.context["overall"], response.context["areas"]
    assert (overall.met, overall.applicable, overall.percent) == (12, 15, 80)
    assert [(a.label, a.percent) for a in areas] == [("Carers and households", 90), ("Staff", 60)]
    assert re.search(r'id="readiness-overall">\s*80%', response.content.decode())


def test_open_gaps_are_counted_by_severity_and_due_window(client_for, manager, household):
    day = today()
    GapFactory(household=household, severity=Severity.CRITICAL)  # 30 days overdue
    GapFactory(household=household, state=State.MISSING, due_date=None)
    GapFactory(household=household, state=State.DUE_SOON, due_date=day + timedelta(days=3), severity=Severity.LOW)
    GapFactory(household=household, state=State.DUE_SOON, due_date=day + timedelta(days=20))
    GapFactory(household=household, status=Gap.Status.RESOLVED)

    figures = client_for(manager).get(HOME).context["figures"]

    assert figures.total == 4 and figures.overdue == 1 and figures.missing == 1
    assert (figures.due_7, figures.due_30) == (1, 2)
    assert figures.by_severity == [("critical", "Critical", 1), ("high", "High", 2), ("medium", "Medium", 0),
                                   ("low", "Low", 1)]


def test_what_falls_due_in_30_days_is_listed_soonest_first(client_for, manager, household):
    later = GapFactory(household=household, state=State.DUE_SOON, due_date=today() + timedelta(days=25))
    sooner = GapFactory(household=household, state=State.DUE_SOON, due_date=today() + timedelta(days=2))
    GapFactory(household=household, state=State.DUE_SOON, due_date=today() + timedelta(days=45))

    response = client_for(manager).get(HOME)

    assert response.context["due_soon"] == [sooner, later]
    assert "due in 2 days" in response.content.decode()


def test_the_most_serious_overdue_gaps_are_listed_first(client_for, manager, household):
    low = GapFactory(household=household, severity=Severity.LOW, due_date=today() - timedelta(days=90))
    critical = GapFactory(household=household, severity=Severity.CRITICAL, due_date=today() - timedelta(days=2))
    missing = GapFactory(household=household, severity=Severity.CRITICAL, state=State.MISSING, due_date=None)
    GapFactory(household=household, state=State.DUE_SOON, due_date=today() + timedelta(days=3))

    assert client_for(manager).get(HOME).context["urgent"] == [missing, critical, low]


def test_gaps_are_counted_by_clause_with_links_to_the_clause(client_for, manager, household):
    from compliance.registry import get_rule

    medical = get_rule("CR-HH-007")  # cites reg 28
    GapFactory.create_batch(2, household=household, rule_id=medical.id)

    response = client_for(manager).get(HOME)

    counts = {clause.id: n for clause, n in response.context["figures"].by_clause}
    assert all(counts[clause_id] >= 2 for clause_id in medical.clauses)
    assert f'href="{reverse("compliance:clause_detail", args=[medical.clauses[0]])}"' in response.content.decode()


def test_a_social_worker_sees_their_caseload_only(client_for, ssw, household, other_household):
    mine = GapFactory(household=household)
    theirs = GapFactory(household=other_household, severity=Severity.CRITICAL)

    response = client_for(ssw).get(HOME)

    assert response.context["figures"].total == 1 and response.context["caseload"]
    assert theirs.subject_label not in response.content.decode()
    assert mine.pk and "your caseload" in response.content.decode()


def test_an_administrator_does_not_count_gaps_about_staff(client_for, administrator, manager, ssw):
    GapFactory(household=None, social_worker=None, area=Area.STAFF, subject_kind="staff_member",
               subject_id=ssw.staff_member.pk, subject_label="Staff DBS", subject_url="")

    assert client_for(administrator).get(HOME).context["figures"].total == 0
    assert client_for(manager).get(HOME).context["figures"].total == 1


def test_the_trend_is_an_inline_svg_with_failed_runs_marked(client_for, manager):
    start = timezone.now() - timedelta(days=40)
    for day in range(35):
        ComplianceRunFactory(finished_at=start + timedelta(days=day), readiness={Area.CARERS: [day, 40]})
    ComplianceRunFactory(failed=True, finished_at=timezone.now())

    html = client_for(manager).get(HOME).content.decode()

    svg = html[html.index('<svg id="readiness-trend"'):html.index("</svg>")]
    assert svg.count("<circle") == 29  # the last 30 finished runs, one of which failed
    assert "Run failed" in svg and "database connection was lost" in svg
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_a_failed_last_run_is_flagged_with_its_error(client_for, manager):
    ComplianceRunFactory(finished_at=timezone.now() - timedelta(days=1))
    ComplianceRunFactory(failed=True, finished_at=timezone.now())

    html = client_for(manager).get(HOME).content.decode()

    assert "The last check failed" in html and "database connection was lost" in html


@pytest.mark.parametrize("gaps", [5, 50])
def test_the_dashboard_needs_at_most_25_queries(client_for, manager, django_assert_max_num_queries, gaps):
    for _ in range(gaps):
        GapFactory(household=HouseholdFactory(supervising_social_worker=StaffMemberFactory()))
    for _ in range(35):
        ComplianceRunFactory()
    client = client_for(manager)

    with django_assert_max_num_queries(25):
        assert client.get(HOME).status_code == 200


# Recheck now and the run status -----------------------------------------------------------------------------

def test_recheck_now_creates_a_manual_run_and_returns_to_the_dashboard(client_for, manager):
    response = client_for(manager).post(RECHECK, {"next": HOME})

    assert response.status_code == 302 and response["Location"] == HOME
    run = ComplianceRun.objects.get()
    assert (run.trigger, run.requested_by, run.household_ids) == (ComplianceRun.Trigger.MANUAL, manager, None)


def test_recheck_now_runs_the_rules_once_the_request_commits(
        client_for, manager, household, django_capture_on_commit_callbacks):
    client = client_for(manager)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(RECHECK, {"next": HOME})

    run = ComplianceRun.objects.get(trigger=ComplianceRun.Trigger.MANUAL)
    assert run.status == ComplianceRun.Status.SUCCEEDED, run.error
    assert Gap.objects.filter(household=household, status=Gap.Status.OPEN).exists()
    html = client.get(HOME).content.decode()
    assert "Recheck now by" in html and f"{run.opened} opened" in html


def test_recheck_now_ignores_a_next_address_on_another_site(client_for, manager):
    response = client_for(manager).post(RECHECK, {"next": "https://evil.example/"})

    assert response["Location"] == DASHBOARD


def test_recheck_now_needs_post_and_a_role_that_keeps_records(client_for, manager, granted_inspector,
                                                             decision_maker):
    assert client_for(manager).get(RECHECK).status_code == 405
    for user in (granted_inspector, decision_maker):
        assert client_for(user).post(RECHECK).status_code == 403
    assert not ComplianceRun.objects.exists()


def test_the_recheck_button_is_shown_only_to_those_who_may_use_it(client_for, manager, decision_maker):
    assert "Recheck now" in client_for(manager).get(HOME).content.decode()
    assert "Recheck now" not in client_for(decision_maker).get(HOME).content.decode()


def test_an_unfinished_run_polls_its_status_every_two_seconds(client_for, manager):
    run = ComplianceRunFactory(status=ComplianceRun.Status.RUNNING, finished_at=None)
    client = client_for(manager)

    dashboard = client.get(HOME).content.decode()
    fragment = client.get(reverse("compliance:run_status", args=[run.pk]), {"poll": 1}, HTTP_HX_REQUEST="true")

    status_url = reverse("compliance:run_status", args=[run.pk])
    assert f'hx-get="{status_url}?poll=1"' in dashboard and 'hx-trigger="every 2s"' in dashboard
    assert "Checking the records" in fragment.content.decode() and "HX-Refresh" not in fragment


def test_a_polled_run_that_has_finished_reloads_the_page(client_for, manager):
    run = ComplianceRunFactory()

    response = client_for(manager).get(reverse("compliance:run_status", args=[run.pk]), {"poll": 1},
                                       HTTP_HX_REQUEST="true")

    assert response["HX-Refresh"] == "true"
    assert "hx-get" not in response.content.decode()


def test_the_runs_page_lists_runs_with_failures_flagged(client_for, decision_maker):
    ComplianceRunFactory()
    ComplianceRunFactory(failed=True)

    html = client_for(decision_maker).get(RUNS).content.decode()

    assert "Failed" in html and "database connection was lost" in html and "80%" in html


# The "as of" preview ---------------------------------------------------------------------------------------------

@pytest.fixture
def review_due_in_two_months(household):
    """`household` (approved 2.5 years ago) had its annual review 10 months ago: nothing open today."""
    ApprovalReviewFactory(household=household, review_date=today() - timedelta(days=305))
    return household


def test_a_future_date_previews_a_gap_that_is_not_stored(client_for, manager, review_due_in_two_months):
    as_of = today() + timedelta(days=90)

    response = client_for(manager).get(HOME, {"as_of": as_of.isoformat()})

    html = response.content.decode()
    assert response.context["preview"] == as_of
    assert "Preview as of" in html and "not saved" in html
    listed = client_for(manager).get(reverse("compliance:gap_list"), {"as_of": as_of.isoformat(), "q": "CR-HH-015"})
    reviews = [gap for gap in listed.context["gaps"]
               if gap.rule_id == "CR-HH-015" and gap.household_id == review_due_in_two_months.pk]
    assert len(reviews) == 1 and reviews[0].state == State.OVERDUE and reviews[0].pk is None
    exported = client_for(manager).get(reverse("compliance:gap_export", args=["csv"]),
                                       {"as_of": as_of.isoformat(), "q": "CR-HH-015"})
    assert f"gaps-preview-{as_of:%Y-%m-%d}.csv" in exported["Content-Disposition"]
    assert review_due_in_two_months.name in exported.content.decode("utf-8-sig")
    assert not Gap.objects.filter(rule_id="CR-HH-015").exists()
    assert not ComplianceRun.objects.exists()


def test_a_social_workers_preview_keeps_to_their_caseload(client_for, ssw, household, other_household):
    as_of = today() + timedelta(days=400)

    response = client_for(ssw).get(reverse("compliance:gap_list"), {"as_of": as_of.isoformat(), "status": "all"})

    assert response.context["page"].paginator.count > 0
    assert {gap.household_id for gap in response.context["page"].object_list} <= {household.pk, None}
    assert other_household.name not in response.content.decode()


def test_a_past_date_is_refused_with_a_message(client_for, manager):
    response = client_for(manager).get(HOME, {"as_of": (today() - timedelta(days=1)).isoformat()})

    assert response.context["preview"] is None
    assert "Choose today or a later date" in response.content.decode()


# The menu --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture, titles", [
    ("manager", ["Dashboard", "Gaps", "Compliance checks", "Agency policy"]),
    ("responsible_individual", ["Dashboard", "Gaps", "Compliance checks", "Agency policy"]),
    ("administrator", ["Dashboard", "Gaps", "Compliance checks"]),
    ("decision_maker", ["Dashboard", "Gaps", "Compliance checks"]),
    ("inspector", []),
    ("ssw", ["Dashboard", "Gaps", "Compliance checks"]),
    ("panel_member", []),
    ("carer_user", []),
])
def test_the_menu_offers_the_dashboard_and_gaps_to_roles_that_may_see_them(request, fixture, titles, rf):
    user = request.getfixturevalue(fixture)
    menu = compliance_menu(user)

    assert [title for title, _ in menu.get("main", []) + menu.get("more", [])] == titles
    html = render_to_string("includes/nav_links.html", {"compliance_menu": menu, "user": user, "menu": []})
    assert ('href="/compliance/gaps/"' in html) == bool(titles)
