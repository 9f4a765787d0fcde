"""Reads used by the pages and, later, the inspection pack."""

from datetime import date, timedelta

from django.utils import timezone

from panels.choices import Recommendation
from panels.selectors import decision_queue, household_panel_history, latest_minutes, notices_outstanding
from tests.factories.panels import (
    AgencyDecisionFactory, AgendaItemFactory, PanelMeetingFactory, PanelMinutesFactory,
)


def test_latest_minutes_are_the_three_most_recent_signed_sets_newest_first(db):
    today = timezone.localdate()
    signed = [PanelMinutesFactory(meeting=PanelMeetingFactory(date=today - timedelta(days=30 * n)),
                                  drafted_date=None, signed_by_chair_date=today - timedelta(days=30 * n - 2),
                                  sent_to_adm_date=None)
              for n in (1, 2, 3, 4)]
    PanelMinutesFactory(meeting=PanelMeetingFactory(date=today - timedelta(days=5)), drafted_date=today,
                        signed_by_chair_date=None, sent_to_adm_date=None)  # a draft: not final

    assert latest_minutes() == signed[:3]
    assert latest_minutes(count=1) == signed[:1]


def test_latest_minutes_for_a_user_are_narrowed_to_what_they_may_see(ssw, manager):
    PanelMinutesFactory()
    assert latest_minutes(user=ssw) == []
    assert len(latest_minutes(user=manager)) == 1


def test_a_households_panel_history_is_newest_first_with_decisions(meeting, applicant, decision_maker):
    older = AgendaItemFactory(meeting=PanelMeetingFactory(date=meeting.date - timedelta(days=60)),
                              household=applicant, recommendation=Recommendation.DEFERRED,
                              recommendation_reasons="More information needed on the support network.")
    newer = AgencyDecisionFactory(item=AgendaItemFactory(meeting=meeting, household=applicant, recommended=True),
                                  decided_by=decision_maker).item
    AgendaItemFactory(meeting=meeting)  # another household

    history = household_panel_history(applicant)
    assert history == [newer, older]
    assert history[0].decision.decided_by == decision_maker


def test_the_decision_queue_puts_overdue_items_first_and_waits_for_minutes(decision_maker, members, applicant):
    # Fixed dates, so the bank-holiday arithmetic is the one worked out in test_timescales.
    christmas_panel = PanelMeetingFactory(date=date(2026, 12, 16), attendees=members)
    PanelMinutesFactory(meeting=christmas_panel, drafted_date=date(2026, 12, 17),
                        signed_by_chair_date=date(2026, 12, 23), sent_to_adm_date=date(2026, 12, 23))
    overdue = AgendaItemFactory(meeting=christmas_panel, household=applicant, recommended=True)
    no_minutes = AgendaItemFactory(meeting=PanelMeetingFactory(date=date(2026, 12, 30), attendees=members),
                                   recommended=True)
    AgendaItemFactory(meeting=christmas_panel, recommendation=Recommendation.DEFERRED, recommendation_reasons="x")
    AgencyDecisionFactory(item=AgendaItemFactory(meeting=christmas_panel, recommended=True))

    rows = decision_queue(user=decision_maker, today=date(2027, 1, 7))
    assert [row.item for row in rows] == [overdue, no_minutes]
    assert rows[0].countdown.due == date(2027, 1, 6)
    assert rows[0].countdown.overdue
    assert not rows[1].countdown.started

    on_time = decision_queue(user=decision_maker, today=date(2026, 12, 31))[0].countdown
    assert (on_time.working_days_left, on_time.overdue) == (3, False)


def test_notices_outstanding_lists_decisions_not_yet_told(decision_maker):
    told = AgencyDecisionFactory(decision_date=date(2026, 11, 2), oral_notice_date=date(2026, 11, 3),
                                 written_notice_date=date(2026, 11, 4))
    untold = AgencyDecisionFactory(decision_date=date(2026, 11, 2))
    rows = notices_outstanding(user=decision_maker, today=date(2026, 11, 10))
    assert [row.decision for row in rows] == [untold]
    assert told not in [row.decision for row in rows]
    # Decided Mon 2 Nov: oral by Wed 4 Nov, written by Mon 9 Nov; both overdue on Tue 10 Nov.
    assert rows[0].oral.due == date(2026, 11, 4) and rows[0].oral.overdue
    assert rows[0].written.due == date(2026, 11, 9) and rows[0].written.overdue


def test_central_list_counts_only_panels_already_held(db, manager):
    from panels.selectors import central_list
    from tests.factories.panels import PanelMemberFactory

    today = timezone.localdate()
    member = PanelMemberFactory()
    PanelMeetingFactory(date=today - timedelta(days=20), attendees=[member])
    PanelMeetingFactory(date=today + timedelta(days=10), papers_sent_date=today, attendees=[member])

    listed = central_list(user=manager, today=today).get(pk=member.pk)
    assert listed.last_sat == today - timedelta(days=20)
    assert listed.sittings == 1
