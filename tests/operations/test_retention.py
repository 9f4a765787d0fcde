"""The retention review (operations/retention.py, operations:retention, retention_report): lists, never deletes."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import AccessLog
from operations.restore import database_counts
from operations.retention import APPLICANTS, CARERS, CHILDREN, STAFF, records_past_retention
from panels.choices import Decision
from records.choices import HouseholdStatus, PlacementEndReason
from tests.factories import HouseholdFactory, PlacementFactory, ResidentFactory, StaffMemberFactory
from tests.factories.panels import AgencyDecisionFactory

AS_OF = date(2026, 6, 15)
DAY = timedelta(days=1)


def years_before(day, years):
    return day.replace(year=day.year - years)


def ended_household(surname, ended, *, approved=True, **kwargs):
    """A household deregistered on `ended`; approved five years before unless `approved=False` (an applicant)."""
    approval = dict(approval_date=years_before(ended, 5), panel_date=years_before(ended, 5),
                    application_date=years_before(ended, 6), foster_care_agreement_date=years_before(ended, 5))
    if not approved:
        approval = dict(approval_date=None, panel_date=None, foster_care_agreement_date=None, approved_places=None,
                        application_date=ended - timedelta(days=90))
    return HouseholdFactory(surname=surname, status=HouseholdStatus.DEREGISTERED, deregistration_date=ended,
                            **approval, **kwargs)


def labels(kind, as_of=AS_OF):
    return [r.label for r in records_past_retention(as_of=as_of)[kind]]


@pytest.fixture
def boundary_records(db):
    """For each kind, one record whose period ends on AS_OF (still inside) and one that ended the day before
    (past): carers 10 years, applicants 3, children 15 after the last placement, staff 15 after leaving."""
    ended_household("Inside", years_before(AS_OF, 10))
    ended_household("Past", years_before(AS_OF, 10) - DAY)
    ended_household("ApplicantInside", years_before(AS_OF, 3), approved=False)
    ended_household("ApplicantPast", years_before(AS_OF, 3) - DAY, approved=False)
    for name, ended in [("Inside", years_before(AS_OF, 15)), ("Past", years_before(AS_OF, 15) - DAY)]:
        child = ResidentFactory(first_name="Child", last_name=name)
        PlacementFactory(resident=child, start_date=ended - timedelta(days=900), end_date=ended - timedelta(days=400),
                         end_reason=PlacementEndReason.MOVED_PLACEMENT_PLANNED)
        PlacementFactory(resident=child, start_date=ended - timedelta(days=300), end_date=ended,
                         end_reason=PlacementEndReason.RETURNED_HOME)
    StaffMemberFactory(first_name="Staff", last_name="Inside", start_date=years_before(AS_OF, 20),
                       end_date=years_before(AS_OF, 15))
    StaffMemberFactory(first_name="Staff", last_name="Past", start_date=years_before(AS_OF, 20),
                       end_date=years_before(AS_OF, 15) - DAY)


def test_each_kind_is_past_only_from_the_day_after_its_period_ends(boundary_records):
    report = records_past_retention(as_of=AS_OF)
    assert [r.label.split(" household")[0] for r in report[CARERS]] == ["Past"]
    assert [r.label.split(" household")[0] for r in report[APPLICANTS]] == ["ApplicantPast"]
    assert [r.label.split(" (")[0] for r in report[CHILDREN]] == ["Child Past"]
    assert [r.label for r in report[STAFF]] == ["Staff Past"]


def test_a_record_shows_what_its_period_ran_from_and_when_it_ended(boundary_records):
    report = records_past_retention(as_of=AS_OF)
    carer = report[CARERS][0]
    assert (carer.runs_from, carer.years, carer.ended_on) == (years_before(AS_OF, 10) - DAY, 10, AS_OF - DAY)
    assert carer.url.startswith("/records/households/")
    child = report[CHILDREN][0]
    assert (child.runs_from, child.years, child.ended_on) == (years_before(AS_OF, 15) - DAY, 15, AS_OF - DAY)


def test_a_day_later_the_inside_records_are_past_too(boundary_records):
    report = records_past_retention(as_of=AS_OF + DAY)
    assert all(len(report[kind]) == 2 for kind in (CARERS, APPLICANTS, CHILDREN, STAFF))


def test_a_later_keep_until_date_keeps_the_household_off_the_list(db):
    ended = years_before(AS_OF, 12)
    ended_household("Kept", ended, records_retain_until=AS_OF)
    ended_household("Lapsed", ended, records_retain_until=AS_OF - DAY)
    report = records_past_retention(as_of=AS_OF)
    assert [(r.label.split(" ")[0], r.ended_on) for r in report[CARERS]] == [("Lapsed", AS_OF - DAY)]


def test_live_households_and_children_placed_now_are_never_listed(db):
    HouseholdFactory(surname="Approved", approval_date=years_before(AS_OF, 30), records_retain_until=years_before(AS_OF, 1))
    child = ResidentFactory(last_name="PlacedNow")
    PlacementFactory(resident=child, start_date=years_before(AS_OF, 20), end_date=years_before(AS_OF, 19),
                     end_reason=PlacementEndReason.RETURNED_HOME)
    PlacementFactory(resident=child, start_date=years_before(AS_OF, 1))
    StaffMemberFactory(start_date=years_before(AS_OF, 30))  # still in post
    assert all(not records for records in records_past_retention(as_of=AS_OF).values())


def test_a_refused_applicant_runs_from_the_decision_when_no_end_date_is_recorded(db):
    household = HouseholdFactory(surname="Refused", resigned=True, approval_date=None, panel_date=None,
                                 foster_care_agreement_date=None)
    AgencyDecisionFactory(item__household=household, decision=Decision.NOT_APPROVE,
                          decision_date=years_before(AS_OF, 4))
    [record] = records_past_retention(as_of=AS_OF)[APPLICANTS]
    assert (record.runs_from, record.ended_on) == (years_before(AS_OF, 4), years_before(AS_OF, 1))


def test_the_periods_come_from_settings(settings, db):
    ended_household("Six", years_before(AS_OF, 6))
    StaffMemberFactory(last_name="Leaver", start_date=years_before(AS_OF, 12), end_date=years_before(AS_OF, 8))
    assert labels(CARERS) == [] and labels(STAFF) == []
    settings.RETENTION_CARER_RECORDS_YEARS = 5
    settings.RETENTION_SCHEDULE2_YEARS = 7
    assert [label.split(" (")[0] for label in labels(CARERS)] == ["Six household"]
    assert [label.split(" ")[-1] for label in labels(STAFF)] == ["Leaver"]
    assert records_past_retention(as_of=AS_OF)[CARERS][0].years == 5


def test_nothing_is_deleted(boundary_records, client_for, manager, capsys):
    client = client_for(manager)  # signing in writes audit rows of its own; count after it
    before = database_counts()
    records_past_retention(as_of=AS_OF + timedelta(days=365 * 50))
    client.get(reverse("operations:retention") + "?as_of=2090-01-01&format=csv")
    client.get(reverse("operations:retention") + "?as_of=2090-01-01")
    call_command("retention_report", date="2090-01-01")
    after = database_counts()
    after.pop("accounts.accesslog"), before.pop("accounts.accesslog")  # the CSV download is logged
    assert after == before
    assert before["records.household"] >= 4 and before["records.resident"] == 2 and before["records.staffmember"] >= 2


# The page ----------------------------------------------------------------------------------------------

def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("operations:retention"))
    assert response.status_code == 302 and "/login" in response.url


@pytest.mark.parametrize("role", ["administrator", "ssw", "decision_maker", "carer_user", "granted_inspector"])
def test_only_managers_may_see_the_page(request, client_for, role):
    user = request.getfixturevalue(role)
    assert client_for(user).get(reverse("operations:retention")).status_code == 403
    assert client_for(user).get(reverse("operations:retention") + "?format=csv").status_code == 403


def test_a_manager_sees_each_kind_with_counts_and_the_settings(boundary_records, client_for, responsible_individual):
    response = client_for(responsible_individual).get(reverse("operations:retention") + f"?as_of={AS_OF}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "4 records past their retention period" in html
    for kind in ("carers", "applicants", "children", "staff"):
        assert f'id="retention-{kind}"' in html
    assert "RETENTION_CARER_RECORDS_YEARS" in html and "RETENTION_CHILD_RECORDS_YEARS" in html
    assert "Past household" in html and "Inside household" not in html
    assert "style=" not in html.split("<main", 1)[-1] and "onclick=" not in html


def test_the_csv_lists_every_record_and_is_logged(boundary_records, client_for, manager):
    response = client_for(manager).get(reverse("operations:retention") + f"?as_of={AS_OF}&format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert f'filename="retention-review-{AS_OF}.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Kind", "Record", "Period ran from", "Period (years)", "Period ended", "Link"]
    assert len(rows) == 5
    carer = next(row for row in rows if row[0] == CARERS.title)
    assert carer[1].startswith("Past household") and carer[2:5] == [
        str(years_before(AS_OF, 10) - DAY), "10", str(AS_OF - DAY)]
    assert carer[5].startswith("http://testserver/records/households/")
    assert AccessLog.objects.filter(user=manager, action=AccessLog.Action.EXPORT,
                                    object_kind="operations.retention").exists()


def test_the_command_prints_the_same(boundary_records, capsys):
    call_command("retention_report", date=str(AS_OF))
    out = capsys.readouterr().out
    assert "Nothing has been deleted" in out and "RETENTION_SCHEDULE2_YEARS = 15" in out
    assert f"{CARERS.title}: 1" in out and f"{CHILDREN.title}: 1" in out and "4 records in all" in out
    assert "Staff Past" in out and "Staff Inside" not in out
