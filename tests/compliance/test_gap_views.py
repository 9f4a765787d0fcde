"""The gap list, one gap, its CSV/XLSX export, the household page's gaps card and the clause pages' gaps.

Gaps are built with tests/factories/compliance.py: `household` is `ssw`'s caseload,
`other_household` is `other_ssw`'s.
"""

import csv
import io
from datetime import timedelta

import pytest
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

import compliance.sections  # noqa: F401  registers the household card (until ComplianceConfig.ready() imports it)
from compliance.engine import State
from compliance.models import Gap
from compliance.registry import Area, Severity
from tests.factories import HouseholdFactory, StaffMemberFactory
from tests.factories.compliance import GapFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("compliance:gap_list")


def export_url(fmt):
    return reverse("compliance:gap_export", args=[fmt])


def today():
    return timezone.localdate()


@pytest.fixture
def my_gap(household):
    """`ssw`'s household: annual review 30 days overdue."""
    return GapFactory(household=household)


@pytest.fixture
def their_gap(other_household):
    """`other_ssw`'s household: a critical gap due in 5 days."""
    return GapFactory(household=other_household, severity=Severity.CRITICAL, state=State.DUE_SOON,
                      due_date=today() + timedelta(days=5))


@pytest.fixture
def staff_gap(ssw):
    """A gap about a member of staff (their DBS): managers only, whoever's caseload."""
    return GapFactory(household=None, social_worker=None, area=Area.STAFF, subject_kind="staff_member",
                      subject_id=ssw.staff_member.pk, subject_label=f"{ssw.staff_member} (staff)",
                      subject_url=ssw.staff_member.get_absolute_url(), rule_id="CR-ST-001")


# Anonymous / without permission / with permission -------------------------------------------------

def test_anonymous_users_are_sent_to_sign_in(client, my_gap):
    for url in (LIST_URL, my_gap.get_absolute_url(), export_url("csv"), export_url("xlsx")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("fixture", ["carer_user", "panel_member", "granted_inspector"])
def test_carers_and_panel_members_are_refused(request, client_for, fixture, my_gap):
    client = client_for(request.getfixturevalue(fixture))
    for url in (LIST_URL, my_gap.get_absolute_url(), export_url("csv")):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("fixture", ["manager", "responsible_individual", "administrator", "decision_maker"])
def test_office_roles_see_every_household_gap(request, client_for, fixture, my_gap, their_gap):
    response = client_for(request.getfixturevalue(fixture)).get(LIST_URL)

    assert response.status_code == 200
    assert {gap.pk for gap in response.context["gaps"]} == {my_gap.pk, their_gap.pk}


def test_a_social_worker_sees_only_their_caseload(client_for, ssw, my_gap, their_gap):
    client = client_for(ssw)

    response = client.get(LIST_URL)

    assert [gap.pk for gap in response.context["gaps"]] == [my_gap.pk]
    assert their_gap.subject_label not in response.content.decode()
    assert client.get(my_gap.get_absolute_url()).status_code == 200
    assert client.get(their_gap.get_absolute_url()).status_code == 404


def test_a_social_worker_sees_a_gap_naming_them_outside_their_households(client_for, ssw, other_household):
    gap = GapFactory(household=other_household, social_worker=ssw.staff_member)

    assert [g.pk for g in client_for(ssw).get(LIST_URL).context["gaps"]] == [gap.pk]


def test_gaps_about_staff_are_for_managers_only(client_for, manager, administrator, ssw, staff_gap):
    assert staff_gap in client_for(manager).get(LIST_URL).context["gaps"]
    for user in (administrator, ssw):
        client = client_for(user)
        assert client.get(LIST_URL).context["gaps"] == []
        assert client.get(staff_gap.get_absolute_url()).status_code == 404


# What a row shows -----------------------------------------------------------------------------------

def test_a_row_shows_severity_rule_subject_clauses_and_days_overdue(client_for, manager, my_gap):
    html = client_for(manager).get(LIST_URL).content.decode()

    assert "High</span>" in html
    assert f'href="{my_gap.get_absolute_url()}"' in html and "CR-HH-015" in html
    assert f'href="{my_gap.subject_url}">{my_gap.subject_label}</a>' in html
    assert f'href="{reverse("compliance:clause_detail", args=["fsr2011:r28"])}"' in html
    assert "30 days overdue" in html


def test_a_gap_falling_due_says_how_many_days_are_left(client_for, manager, their_gap):
    assert "due in 5 days" in client_for(manager).get(LIST_URL).content.decode()


def test_a_gap_for_a_rule_no_longer_registered_still_shows(client_for, manager, household):
    gap = GapFactory(household=household, rule_id="CR-GONE-999")

    response = client_for(manager).get(gap.get_absolute_url())

    assert response.status_code == 200
    assert "no longer checked" in response.content.decode()


# Filters, search and pages -------------------------------------------------------------------------

@pytest.fixture
def mixed_gaps(household, other_household):
    """Six gaps across both households, severities, areas, states and due dates."""
    day = today()
    return {
        "overdue": GapFactory(household=household, due_date=day - timedelta(days=3), detail="Medical overdue"),
        "week": GapFactory(household=household, state=State.DUE_SOON, due_date=day + timedelta(days=6),
                           severity=Severity.MEDIUM),
        "month": GapFactory(household=other_household, state=State.DUE_SOON, due_date=day + timedelta(days=25),
                            severity=Severity.LOW, area=Area.CHILDREN, rule_id="CR-PL-001",
                            clause_ids=["nms2011:20.3"]),
        "later": GapFactory(household=other_household, state=State.DUE_SOON, due_date=day + timedelta(days=60)),
        "missing": GapFactory(household=other_household, state=State.MISSING, due_date=None,
                              severity=Severity.CRITICAL, subject_label="Jordan Pike (Okafor household)"),
        "resolved": GapFactory(household=household, status=Gap.Status.RESOLVED, resolved_at=timezone.now()),
    }


@pytest.mark.parametrize("params, expected", [
    ({}, {"overdue", "week", "month", "later", "missing"}),
    ({"severity": "critical"}, {"missing"}),
    ({"area": "children"}, {"month"}),
    ({"state": "missing"}, {"missing"}),
    ({"due": "overdue"}, {"overdue"}),
    ({"due": "7"}, {"week"}),
    ({"due": "30"}, {"week", "month"}),
    ({"q": "jordan"}, {"missing"}),
    ({"q": "medical overdue"}, {"overdue"}),
    ({"status": "resolved"}, {"resolved"}),
    ({"status": "all", "severity": "high", "due": "overdue"}, {"overdue", "resolved"}),
])
def test_filters_narrow_the_list(client_for, manager, mixed_gaps, params, expected):
    response = client_for(manager).get(LIST_URL, params)

    names = {name for name, gap in mixed_gaps.items() if gap in response.context["gaps"]}
    assert names == expected


def test_filter_by_clause_uses_the_rules_citing_it(client_for, manager, mixed_gaps):
    from compliance.registry import rules_by_clause

    cited = rules_by_clause()
    if "fsr2011:r28" not in cited:
        pytest.skip("CR-HH-015 (citing reg 28) is not registered yet")
    response = client_for(manager).get(LIST_URL, {"clause": "fsr2011:r28"})

    assert all(gap.rule_id in {r.id for r in cited["fsr2011:r28"]} for gap in response.context["gaps"])
    assert mixed_gaps["month"] not in response.context["gaps"]


def test_filter_by_social_worker_and_household(client_for, manager, ssw, household, mixed_gaps):
    client = client_for(manager)

    by_worker = client.get(LIST_URL, {"social_worker": ssw.staff_member.pk}).context["gaps"]
    by_household = client.get(LIST_URL, {"household": household.pk}).context["gaps"]

    assert set(by_worker) == set(by_household) == {mixed_gaps["overdue"], mixed_gaps["week"]}
    assert f"showing <a href=\"{household.get_absolute_url()}\">{household}</a> only" in client.get(
        LIST_URL, {"household": household.pk}).content.decode()


def test_a_bad_filter_is_shown_and_the_others_still_apply(client_for, manager, mixed_gaps):
    response = client_for(manager).get(LIST_URL, {"severity": "nonsense", "area": "children"})

    assert response.context["form"].errors["severity"]
    assert list(response.context["gaps"]) == [mixed_gaps["month"]]


def test_the_list_is_paginated(client_for, manager, household):
    GapFactory.create_batch(30, household=household)
    client = client_for(manager)

    first, second = client.get(LIST_URL), client.get(LIST_URL, {"page": 2})

    assert len(first.context["gaps"]) == 25 and len(second.context["gaps"]) == 5
    assert "Page 1 of 2" in first.content.decode()


def test_the_list_takes_the_same_number_of_queries_for_5_or_50_gaps(client_for, manager):
    client = client_for(manager)

    def queries_for(n):
        Gap.objects.all().delete()
        for _ in range(n):
            worker = StaffMemberFactory()
            GapFactory(household=HouseholdFactory(supervising_social_worker=worker))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST_URL).status_code == 200
        return len(captured)

    assert queries_for(5) == queries_for(50)


# One gap ----------------------------------------------------------------------------------------------

def test_the_gap_page_shows_rule_clauses_subject_and_history(client_for, manager, my_gap):
    html = client_for(manager).get(my_gap.get_absolute_url()).content.decode()

    assert "CR-HH-015" in html
    assert f'href="{reverse("compliance:clause_detail", args=["fsr2011:r28"])}"' in html
    assert f'href="{my_gap.subject_url}"' in html
    assert "First found" in html and "Resolved</span>" not in html


def test_a_resolved_gap_shows_when_it_was_resolved(client_for, manager, household):
    gap = GapFactory(household=household, status=Gap.Status.RESOLVED, resolved_at=timezone.now())

    html = client_for(manager).get(gap.get_absolute_url()).content.decode()

    assert "Resolved" in html and timezone.localtime(gap.resolved_at).strftime("%-d %b %Y") in html


# Exports ------------------------------------------------------------------------------------------------

@pytest.fixture
def hostile_gap(household):
    """Text a spreadsheet would run as formulas."""
    return GapFactory(household=household, subject_label='=HYPERLINK("http://evil.example","Click")',
                      detail="+SUM(1,2)", severity=Severity.CRITICAL)


def test_csv_export_has_the_filtered_gaps_with_formulas_neutralised(client_for, manager, hostile_gap, their_gap):
    response = client_for(manager).get(export_url("csv"), {"severity": "critical", "due": "overdue"})

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    [row] = rows
    assert row["Subject"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row["Detail"] == "'+SUM(1,2)"
    assert row["Rule"] == "CR-HH-015" and row["Severity"] == "Critical" and row["Days overdue"] == "30"
    assert row["Link"].endswith(hostile_gap.subject_url)


def test_xlsx_export_reads_back_with_formulas_neutralised(client_for, manager, hostile_gap, my_gap):
    response = client_for(manager).get(export_url("xlsx"))

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert header[:4] == ["Severity", "Rule", "Rule title", "Subject"]
    by_subject = {row[header.index("Subject")]: row for row in rows}
    assert set(by_subject) == {'\'=HYPERLINK("http://evil.example","Click")', my_gap.subject_label}
    hostile = by_subject['\'=HYPERLINK("http://evil.example","Click")']
    assert hostile[header.index("Detail")] == "'+SUM(1,2)"
    assert hostile[header.index("Due date")].date() == hostile_gap.due_date
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_a_social_workers_export_has_only_their_caseload(client_for, ssw, my_gap, their_gap):
    response = client_for(ssw).get(export_url("csv"))

    subjects = [row["Subject"] for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))]
    assert subjects == [my_gap.subject_label]


def test_an_unknown_export_format_is_not_found(client_for, manager):
    assert client_for(manager).get(export_url("pdf")).status_code == 404


# The household page's card --------------------------------------------------------------------------------

@pytest.fixture
def carer_gaps(household):
    """For `household`: a carer's medical (theirs to act on), and two the agency arranges."""
    carer = household.carers.get()
    return {
        "medical": GapFactory(household=household, subject_kind="carer", subject_id=carer.pk,
                              subject_label=f"{carer} (Fenwick household)", subject_url=carer.get_absolute_url(),
                              rule_id="CR-HH-007", detail="Last medical 2 Mar 2023; next was due 2 Mar 2026"),
        "review": GapFactory(household=household, detail="Annual review was due 1 Jan 2026"),
        "visit": GapFactory(household=household, rule_id="CR-HH-022", detail="Unannounced visit due"),
    }


def test_staff_see_the_households_open_gaps_on_its_page(client_for, ssw, household, carer_gaps, their_gap):
    html = client_for(ssw).get(household.get_absolute_url()).content.decode()

    assert "Open compliance gaps" in html
    for gap in carer_gaps.values():
        assert f'href="{gap.get_absolute_url()}"' in html
    assert their_gap.get_absolute_url() not in html


def test_a_carer_sees_what_is_needed_from_them_in_plain_words(client_for, carer_user, household, carer_gaps):
    html = client_for(carer_user).get(household.get_absolute_url()).content.decode()

    assert "What we need from you" in html
    assert "Last medical 2 Mar 2023" in html
    assert "Annual review was due" not in html and "Unannounced visit" not in html
    assert "CR-HH" not in html and "Open compliance gaps" not in html


def test_a_carer_with_nothing_outstanding_is_told_so(client_for, carer_user, household):
    html = client_for(carer_user).get(household.get_absolute_url()).content.decode()

    assert "Nothing is needed from you at the moment" in html


# Clause pages ------------------------------------------------------------------------------------------------

def test_the_clause_page_lists_its_open_gaps_scoped_to_the_viewer(client_for, ssw, manager, my_gap, their_gap):
    from compliance.registry import rules_by_clause

    if "fsr2011:r28" not in rules_by_clause():
        pytest.skip("CR-HH-015 (citing reg 28) is not registered yet")
    url = reverse("compliance:clause_detail", args=["fsr2011:r28"])

    as_manager = client_for(manager).get(url)
    as_ssw = client_for(ssw).get(url)

    assert "CR-HH-015" in as_manager.content.decode()
    assert as_manager.context["gap_count"] == 2 and as_ssw.context["gap_count"] == 1
    assert their_gap.subject_label not in as_ssw.content.decode()


def test_a_carer_reading_a_clause_sees_no_gaps(client_for, carer_user, my_gap):
    response = client_for(carer_user).get(reverse("compliance:clause_detail", args=["fsr2011:r28"]))

    assert response.status_code == 200
    assert "gaps" not in response.context and my_gap.subject_label not in response.content.decode()


def test_the_clause_list_counts_each_clauses_rules(client_for, administrator):
    from compliance.registry import rules_by_clause

    response = client_for(administrator).get(reverse("compliance:clause_list"))

    rows = {row.clause.pk: row for _, group in response.context["groups"] for row in group}
    assert all(rows[clause_id].rules == len(rules) for clause_id, rules in rules_by_clause().items()
               if clause_id in rows)
    assert ">Rules</th>" in response.content.decode()
