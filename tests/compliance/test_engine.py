"""compliance/engine.py: states, the shared renewal mechanism, evaluation and readiness (no database)."""

from datetime import date

import pytest

from compliance.engine import Context, Finding, Outcome, State, Subject, evaluate
from compliance.models import AgencyPolicy
from compliance.registry import Area, Rule, Severity

TODAY = date(2026, 6, 1)
CARER = Subject("carer", 7, "Ann Fenwick (Fenwick household)", "/records/carers/7/", 1, 50)


def ctx(as_of=TODAY, **policy):
    return Context(as_of=as_of, policy=AgencyPolicy(**policy))


@pytest.mark.parametrize("due, done, state", [
    (None, True, State.MET), (date(2020, 1, 1), True, State.MET),  # done wins whatever the date
    (None, False, State.MISSING),
    (date(2026, 5, 31), False, State.OVERDUE),  # the day after it was due
    (date(2026, 6, 1), False, State.DUE_SOON),  # due today is not overdue
    (date(2026, 7, 1), False, State.DUE_SOON),  # 30 days ahead: the window's last day
    (date(2026, 7, 2), False, State.MET),  # 31 days ahead: not yet a concern
])
def test_state_for(due, done, state):
    assert ctx().state_for(due, done=done) == state


def test_the_warning_window_is_the_agencys_policy():
    assert ctx(due_soon_days=60).state_for(date(2026, 7, 31)) == State.DUE_SOON
    assert ctx(due_soon_days=0).state_for(date(2026, 6, 2)) == State.MET


def test_period_reads_a_policy_field():
    assert str(ctx(dbs_renewal="P2Y").period("dbs_renewal")) == "P2Y"


@pytest.mark.parametrize("as_of, state", [
    (date(2026, 1, 29), State.MET), (date(2026, 1, 30), State.DUE_SOON),  # 30 days before: the window opens
    (date(2026, 3, 1), State.DUE_SOON), (date(2026, 3, 2), State.OVERDUE),
])
def test_renewal_is_due_one_interval_after_it_was_last_done(as_of, state):
    found = ctx(as_of).renewal(CARER, last_done=date(2023, 3, 1), interval="P3Y", what="enhanced DBS")
    assert (found.due, found.state) == (date(2026, 3, 1), state)
    assert found.detail.startswith("Last enhanced DBS 01 Mar 2023; next")
    assert ("was due" in found.detail) is (state == State.OVERDUE)


def test_renewal_on_29_february_falls_due_on_28_february():
    found = ctx(date(2025, 3, 1)).renewal(CARER, last_done=date(2024, 2, 29), interval="P12M", what="review")
    assert (found.due, found.state) == (date(2025, 2, 28), State.OVERDUE)


def test_renewal_never_done_is_missing_or_due_on_its_first_due_date():
    never = ctx().renewal(CARER, last_done=None, interval="P3Y", what="medical")
    assert (never.state, never.due, never.detail) == (State.MISSING, None, "No medical recorded")
    ahead = ctx().renewal(CARER, last_done=None, interval="P3Y", first_due=date(2026, 6, 20), what="medical", key="m")
    assert (ahead.state, ahead.key) == (State.DUE_SOON, "m")
    assert ahead.detail == "No medical recorded; due by 20 Jun 2026"
    far = ctx().renewal(CARER, last_done=None, interval="P3Y", first_due=date(2027, 1, 1), what="medical")
    assert far.state == State.MET
    late = ctx().renewal(CARER, last_done=None, interval="P3Y", first_due=date(2026, 5, 31), what="medical")
    assert late.state == State.OVERDUE


def test_renewal_in_working_days_skips_bank_holidays():
    found = ctx(date(2027, 1, 5)).renewal(CARER, last_done=date(2026, 12, 22), interval="6WD", what="visit")
    assert (found.due, found.state) == (date(2027, 1, 4), State.OVERDUE)


def fake_rule(rule_id, area, results):
    return Rule(id=rule_id, title="Test", clauses=("fsr2011:r28",), severity=Severity.HIGH, area=area,
                applies_to="carer", hint="", func=lambda facts, context: iter(results))


def test_evaluate_keeps_every_outcome_and_lists_the_gaps_by_severity_then_due_date():
    low = Rule(id="T-LOW", title="", clauses=("fsr2011:r28",), severity=Severity.LOW, area=Area.CARERS,
               applies_to="carer", hint="", func=lambda f, c: iter([Outcome(CARER, State.OVERDUE, date(2026, 1, 1))]))
    high = fake_rule("T-HIGH", Area.CARERS, [
        Outcome(CARER, State.MET, date(2027, 1, 1), key="a"),
        Outcome(CARER, State.DUE_SOON, date(2026, 6, 20), key="b"),
        Outcome(CARER, State.OVERDUE, date(2026, 5, 1), key="c"),
    ])
    evaluation = evaluate(facts=None, ctx=ctx(), rules=[low, high])
    assert len(evaluation.findings) == 4
    assert [f.key for f in evaluation.gaps] == ["T-HIGH|carer:7|c", "T-HIGH|carer:7|b", "T-LOW|carer:7|"]


def test_readiness_counts_met_and_due_soon_as_met_per_area():
    carers = fake_rule("T-1", Area.CARERS, [Outcome(CARER, State.MET), Outcome(CARER, State.DUE_SOON, key="2"),
                                            Outcome(CARER, State.OVERDUE, key="3")])
    staff = fake_rule("T-2", Area.STAFF, [Outcome(CARER, State.MISSING)])
    assert evaluate(None, ctx(), rules=[carers, staff]).readiness() == {Area.CARERS: (2, 3), Area.STAFF: (0, 1)}


def test_a_finding_knows_its_key_and_days_overdue_or_until_due():
    rule = fake_rule("T-1", Area.CARERS, [])
    overdue = Finding(rule, Outcome(CARER, State.OVERDUE, date(2026, 5, 22), key="dbs"), TODAY)
    soon = Finding(rule, Outcome(CARER, State.DUE_SOON, date(2026, 6, 11)), TODAY)
    assert overdue.key == "T-1|carer:7|dbs" and overdue.is_gap
    assert (overdue.days_overdue, overdue.days_until_due) == (10, None)
    assert (soon.days_overdue, soon.days_until_due) == (0, 10)
    assert not Finding(rule, Outcome(CARER, State.MET), TODAY).is_gap


def test_a_monthly_renewal_warns_only_in_the_last_quarter_of_its_interval():
    from datetime import date

    from compliance.engine import AGENCY, Context, State
    from compliance.models import AgencyPolicy

    done = date(2026, 10, 1)  # next due 1 November 2026: 31-day interval, 7-day warning
    ctx_early = Context(as_of=date(2026, 10, 24), policy=AgencyPolicy())
    ctx_late = Context(as_of=date(2026, 10, 25), policy=AgencyPolicy())
    assert ctx_early.renewal(AGENCY, last_done=done, interval="P1M", what="visit").state == State.MET
    assert ctx_late.renewal(AGENCY, last_done=done, interval="P1M", what="visit").state == State.DUE_SOON


def test_a_yearly_renewal_keeps_the_agency_warning_window():
    from datetime import date

    from compliance.engine import AGENCY, Context, State
    from compliance.models import AgencyPolicy

    done = date(2025, 12, 1)  # due 1 December 2026; the policy warns 30 days ahead
    assert Context(as_of=date(2026, 10, 31), policy=AgencyPolicy()).renewal(
        AGENCY, last_done=done, interval="P12M", what="review").state == State.MET
    assert Context(as_of=date(2026, 11, 1), policy=AgencyPolicy()).renewal(
        AGENCY, last_done=done, interval="P12M", what="review").state == State.DUE_SOON
