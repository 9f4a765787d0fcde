"""The panel facts against PostgreSQL: a fixed number of queries, and the right facts.

Our bugs live in the joins, so these tests build records with the factories and gather for real.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from compliance.engine import Context, evaluate
from compliance.facts import Facts, Scope
from compliance.facts import panels as panel_facts
from compliance.models import AgencyPolicy
from compliance.registry import Area, all_rules
from panels.choices import Decision, ItemKind, Recommendation
from tests.factories.panels import (
    AgencyDecisionFactory, AgendaItemFactory, PanelMeetingFactory, PanelMemberFactory, PanelMinutesFactory,
    quorate_members,
)

pytestmark = pytest.mark.django_db


def add_meetings(count, members):
    """`count` meetings the `members` sat on, each with minutes and one household's item decided by the ADM."""
    items = []
    for _ in range(count):
        meeting = PanelMeetingFactory(attendees=members)
        PanelMinutesFactory(meeting=meeting)
        item = AgendaItemFactory(meeting=meeting, recommended=True)
        AgencyDecisionFactory(item=item)
        items.append(item)
    return items


def queries(scope=Scope()):
    with CaptureQueriesContext(connection) as context:
        panel_facts.gather(scope)
    return len(context)


def test_gather_makes_the_same_number_of_queries_for_2_and_20_meetings():
    members = quorate_members()
    add_meetings(2, members)
    few = queries()
    add_meetings(18, members)
    assert queries() == few == 5
    facts = panel_facts.gather(Scope())
    assert (len(facts.meetings), len(facts.items), len(facts.decisions)) == (20, 20, 20)
    assert {len(m.attendees) for m in facts.meetings} == {5}


def test_a_household_recheck_reads_its_items_decisions_and_their_meetings_only():
    members = quorate_members()
    mine, other = add_meetings(2, members)
    scope = Scope(household_ids=frozenset({mine.household_id}))
    assert queries(scope) == 3
    facts = panel_facts.gather(scope)
    assert [i.id for i in facts.items] == [mine.pk]
    assert [d.item_id for d in facts.decisions] == [mine.pk]
    assert [m.id for m in facts.meetings] == [mine.meeting_id]
    assert facts.members == () and facts.meetings[0].attendees == ()


def test_panel_facts_of_a_small_agency():
    chair = PanelMemberFactory(chair=True, first_name="Ada", last_name="Chair", joined_date=date(2020, 3, 2),
                               dbs_date=date(2020, 2, 3), references_received_date=date(2020, 2, 10),
                               annual_review_date=date(2025, 11, 4), last_training_date=date(2025, 9, 1))
    worker = PanelMemberFactory(social_worker=True, pqe_years=6)
    left = PanelMemberFactory(left_date=date(2024, 5, 1), joined_date=date(2021, 1, 4))
    held = PanelMeetingFactory(date=date(2026, 3, 11), is_joint=True, joint_with="Another agency",
                               papers_sent_date=date(2026, 3, 2), attendees=[chair, worker])
    PanelMinutesFactory(meeting=held, drafted_date=date(2026, 3, 12), signed_by_chair_date=date(2026, 3, 13),
                        sent_to_adm_date=date(2026, 3, 16))
    upcoming = PanelMeetingFactory(date=timezone.localdate(), papers_sent_date=None)  # no minutes, no attendance
    approval = AgendaItemFactory(meeting=held, recommended=True)
    refused = AgendaItemFactory(meeting=held, recommendation=Recommendation.NOT_APPROVE,
                                recommendation_reasons="  ")
    waiting = AgendaItemFactory(meeting=upcoming, kind=ItemKind.APPROVAL)
    decided = AgencyDecisionFactory(item=approval, decision_date=date(2026, 3, 18), oral_notice_date=None)
    refusal = AgencyDecisionFactory(item=refused, decision=Decision.NOT_APPROVE, decision_date=date(2026, 3, 19),
                                    oral_notice_date=date(2026, 3, 19), written_notice_date=date(2026, 3, 20),
                                    irm_notified_date=date(2026, 4, 1), irm_papers_sent_date=date(2026, 4, 10),
                                    approval_category="", approved_places=None, age_range_min=None,
                                    age_range_max=None, placement_types=[])

    facts = panel_facts.gather(Scope())

    members = {m.id: m for m in facts.members}
    assert set(members) == {chair.pk, worker.pk, left.pk}
    assert members[chair.pk] == panel_facts.MemberFact(
        id=chair.pk, name="Ada Chair", role="chair", joined_date=date(2020, 3, 2), is_independent=True,
        pqe_years=None, left_date=None, dbs_date=date(2020, 2, 3), references_received_date=date(2020, 2, 10),
        induction_date=chair.induction_date, annual_review_date=date(2025, 11, 4),
        last_training_date=date(2025, 9, 1))
    assert members[chair.pk].url == chair.get_absolute_url()
    assert members[left.pk].left_date == date(2024, 5, 1) and not members[left.pk].is_active_on(date(2026, 3, 11))

    meetings = {m.id: m for m in facts.meetings}
    fact = meetings[held.pk]
    assert (fact.date, fact.is_joint, fact.papers_sent_date) == (date(2026, 3, 11), True, date(2026, 3, 2))
    assert set(fact.attendees) == {panel_facts.AttendeeFact(chair.pk, "chair", None),
                                   panel_facts.AttendeeFact(worker.pk, "social_worker", 6)}
    assert (fact.minutes_drafted_date, fact.minutes_signed_date, fact.minutes_sent_to_adm_date) == (
        date(2026, 3, 12), date(2026, 3, 13), date(2026, 3, 16))
    held.refresh_from_db()
    assert fact.url == held.get_absolute_url() and fact.quorum() == held.quorum()
    assert (fact.papers_due_by, fact.papers_lead_working_days, fact.papers_short) == (
        held.papers_due_by, held.papers_lead_working_days, held.papers_short)
    assert meetings[upcoming.pk].attendees == () and meetings[upcoming.pk].minutes_signed_date is None
    assert facts.first_sitting(members[chair.pk]) == date(2026, 3, 11)

    items = {i.id: i for i in facts.items}
    household = approval.household
    assert items[approval.pk] == panel_facts.ItemFact(
        id=approval.pk, meeting_id=held.pk, household_id=household.pk, household_name=household.name,
        kind="approval", social_worker_id=household.supervising_social_worker_id, recommendation="approve",
        reasons_recorded=True)
    assert not items[refused.pk].reasons_recorded  # blank reasons do not count
    assert items[waiting.pk].recommendation == "" and not items[waiting.pk].awaits_decision
    assert items[approval.pk].url == approval.get_absolute_url()

    decisions = {d.item_id: d for d in facts.decisions}
    assert decisions[approval.pk] == panel_facts.DecisionFact(
        id=decided.pk, item_id=approval.pk, decision="approve", decision_date=date(2026, 3, 18),
        reasons_recorded=True, carer_agrees_to_terms=None, oral_notice_date=None, written_notice_date=None,
        irm_notified_date=None, irm_papers_sent_date=None)
    for record in (decided, refusal):
        found = decisions[record.item_id]
        assert (found.is_qualifying_determination, found.oral_notice_due, found.written_notice_due,
                found.representation_deadline, found.irm_papers_due) == (
            record.is_qualifying_determination, record.oral_notice_due, record.written_notice_due,
            record.representation_deadline, record.irm_papers_due)
    assert decisions[refused.pk].is_qualifying_determination


def test_every_panel_rule_runs_on_gathered_facts():
    [item, _] = add_meetings(2, quorate_members())
    item.decision.decision = Decision.NOT_APPROVE  # a qualifying determination, for CR-ADM-003
    item.decision.save()
    rules = [r for r in all_rules() if r.area == Area.PANELS]
    evaluation = evaluate(Facts(Scope()), Context(as_of=timezone.localdate(), policy=AgencyPolicy()), rules=rules)
    assert {f.rule.id for f in evaluation.findings} == {r.id for r in rules}
    assert not [f for f in evaluation.gaps if f.rule.id in ("CR-PN-001", "CR-PN-005", "CR-ADM-001")]
