"""What the gatherers put in the pack, and that they take a fixed number of queries whatever the agency's size."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inspections.pack.build import pack_build
from inspections.pack.context import PackContext, period_since
from records.models import InspectionReport
from tests.factories import HouseholdFactory, PlacementFactory
from tests.factories.inspection_packs import small_agency

pytestmark = pytest.mark.django_db

# The preview's queries: the session and user, the gatherers (about 40), the access log row.
PREVIEW_MAX_QUERIES = 50


def label(child):
    return f"{child.first_name[0]}{child.last_name[0]} ({child.reference})"


def rows_by_reference(table):
    return {row[0][0]: row for row in table.rows}


def test_the_register_lists_approved_and_on_hold_households_only(manager):
    agency = small_agency()
    register = pack_build().table("carers-register")
    assert set(rows_by_reference(register)) == {h.reference for h in [*agency.approved, agency.on_hold]}
    first = rows_by_reference(register)[agency.approved[0].reference]
    assert first[2] == "Approved" and first[5] == 2  # approved for two
    assert first[6] == [label(agency.children[0])] and first[7] == 1  # one child placed, one vacancy
    assert len(first[1]) == 2 and first[1][0].endswith("(main carer)")
    assert rows_by_reference(register)[agency.on_hold.reference][7] == "On hold"


def test_approvals_that_ended_are_listed_apart_with_their_reasons():
    agency = small_agency()
    ended = rows_by_reference(pack_build().table("approvals-ended"))
    assert set(ended) == {agency.deregistered.reference, agency.resigned.reference}
    assert ended[agency.deregistered.reference][1:2] == ("Deregistered",)
    assert ended[agency.deregistered.reference][4] == "Moved abroad."


def test_the_case_list_gives_each_child_placed_by_initials_with_missing_episodes_in_the_period():
    agency = small_agency()
    case_list = {row[0]: row for row in pack_build().table("case-list").rows}
    assert set(case_list) == {label(child) for child in agency.children}
    first = case_list[label(agency.named_child)]
    assert first[1] == 9 and first[2] == "Section 20 (accommodated)" and first[7] == 1


def test_typed_text_naming_a_child_is_redacted_to_initials():
    agency = small_agency()
    named = agency.named_child
    pack = pack_build()
    allegation = pack.table("allegations").rows[0]
    initials = label(named)[:2]
    assert allegation[3] == label(named)
    assert allegation[5] == f"{initials} said {initials} was left alone."
    gap = next(row for row in pack.table("gap-actions").rows if row[1][0] == "CR-PL-007")
    assert gap[3] == label(named)


def test_full_names_keep_what_was_typed():
    agency = small_agency()
    named = agency.named_child
    allegation = pack_build(full_names=True).table("allegations").rows[0]
    assert allegation[3] == f"{named.first_name} {named.last_name} ({named.reference})"
    assert allegation[5].startswith(f"{named.first_name} said")


def test_the_period_runs_from_the_last_ofsted_report(settings):
    today = timezone.localdate()
    settings.INSPECTION_PACK_FALLBACK_YEARS = 2
    assert period_since(today=today).since == today.replace(year=today.year - 2)
    InspectionReport.objects.create(published_date=today - timedelta(days=900))
    InspectionReport.objects.create(published_date=today - timedelta(days=100))
    period = period_since(today=today)
    assert period.since == today - timedelta(days=100) and "last Ofsted report" in period.basis


def test_events_before_the_period_are_left_out():
    agency = small_agency(last_report_days_ago=2)  # everything in the small agency is older than that
    pack = pack_build()
    assert pack.table("complaints").rows == [] and pack.table("allegations").rows == []
    assert len(pack.table("case-list").rows) == len(agency.children)  # who is placed now does not depend on it


def test_the_panel_minutes_show_the_meeting_its_items_and_the_quorum():
    agency = small_agency()
    minutes = pack_build().table("panel-minutes-1")
    assert "Quorate." in minutes.note and "(chair)" in minutes.note
    assert minutes.rows[0][1] == [agency.approved[0].reference, agency.approved[0].name]


def test_the_compliance_statement_counts_open_gaps_by_clause():
    small_agency()
    pack = pack_build()
    by_clause = pack.table("gaps-by-clause").rows
    assert by_clause and all(row[2] >= 1 for row in by_clause)
    assert sum(1 for row in pack.table("gap-actions").rows) == 1
    assert "compliance check of" in pack.table("gap-actions").note


def test_gatherers_take_the_same_queries_for_three_households_as_for_twelve(client_for, manager,
                                                                            django_assert_max_num_queries):
    small_agency(households=3)
    client = client_for(manager)
    client.get(reverse("inspections:pack_list"))  # the session is saved once, before we count

    def preview_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("inspections:pack_preview")).status_code == 200
        return len(queries)

    few = preview_queries()
    for _ in range(9):
        household = HouseholdFactory(carers=2)
        PlacementFactory(household=household)
        PlacementFactory(household=household, start_date=timezone.localdate() - timedelta(days=30))
    assert preview_queries() == few
    with django_assert_max_num_queries(PREVIEW_MAX_QUERIES):
        client.get(reverse("inspections:pack_preview"))


def test_the_context_names_children_once_for_the_whole_pack(django_assert_num_queries):
    agency = small_agency()
    ctx = PackContext(today=timezone.localdate())
    with django_assert_num_queries(1):
        labels = [ctx.child(child.pk) for child in agency.children]
    assert labels == [label(child) for child in agency.children]
