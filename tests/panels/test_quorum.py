"""quorum_check (CR-PN-005, reg 24): a pure function of who attended and the quorum settings."""

from types import SimpleNamespace

import pytest

from panels.choices import MemberRole
from panels.quorum import quorum_check


def person(role=MemberRole.INDEPENDENT, pqe_years=None):
    return SimpleNamespace(role=role, pqe_years=pqe_years)


def panel(size, *, chair=MemberRole.CHAIR, sw_pqe=5):
    """`size` members: a chair (or `chair` role), a social worker with `sw_pqe` years, then independents."""
    people = [person(chair), person(MemberRole.SOCIAL_WORKER, sw_pqe)]
    return people + [person() for _ in range(size - len(people))]


@pytest.fixture(autouse=True)
def reference_quorum(settings):
    settings.PANEL_QUORUM_MIN_MEMBERS = 5
    settings.PANEL_QUORUM_JOINT_MIN_MEMBERS = 6
    settings.PANEL_QUORUM_SW_MIN_PQE_YEARS = 3


def test_five_members_with_a_chair_and_a_qualified_social_worker_are_quorate():
    result = quorum_check(panel(5), joint=False)
    assert result.met
    assert result.reasons == []
    assert (result.members_counted, result.members_needed) == (5, 5)


def test_four_members_are_not_quorate():
    result = quorum_check(panel(4), joint=False)
    assert not result.met
    assert result.reasons == ["4 panel members attended; a panel needs at least 5."]


def test_a_joint_panel_needs_six_members():
    assert not quorum_check(panel(5), joint=True).met
    assert quorum_check(panel(5), joint=True).reasons == ["5 panel members attended; a joint panel needs at least 6."]
    assert quorum_check(panel(6), joint=True).met


def test_a_vice_chair_can_stand_in_for_the_chair():
    assert quorum_check(panel(5, chair=MemberRole.VICE_CHAIR), joint=False).met


def test_without_the_chair_or_a_vice_chair_the_panel_is_not_quorate():
    result = quorum_check(panel(5, chair=MemberRole.INDEPENDENT), joint=False)
    assert not result.met
    assert result.reasons == ["Neither the chair nor a vice chair attended."]


def test_a_social_worker_with_under_three_years_pqe_does_not_make_a_quorum():
    result = quorum_check(panel(5, sw_pqe=2), joint=False)
    assert not result.met
    assert result.reasons == ["No social worker with at least 3 years' post-qualifying experience attended."]
    assert quorum_check(panel(5, sw_pqe=3), joint=False).met


def test_the_panel_adviser_and_minute_taker_are_not_counted():
    attendees = panel(4) + [person(MemberRole.PANEL_ADVISER, pqe_years=20), person(MemberRole.MINUTE_TAKER)]
    result = quorum_check(attendees, joint=False)
    assert not result.met
    assert result.members_counted == 4


def test_an_adviser_cannot_be_the_qualified_social_worker():
    attendees = panel(5, sw_pqe=1) + [person(MemberRole.PANEL_ADVISER, pqe_years=20)]
    assert not quorum_check(attendees, joint=False).met


def test_every_missing_requirement_is_listed():
    result = quorum_check([person(), person()], joint=False)
    assert len(result.reasons) == 3


def test_nobody_attending_is_not_quorate():
    assert not quorum_check([], joint=False).met


def test_the_settings_change_the_quorum(settings):
    settings.PANEL_QUORUM_MIN_MEMBERS = 4
    assert quorum_check(panel(4), joint=False).met
    settings.PANEL_QUORUM_JOINT_MIN_MEMBERS = 7
    assert quorum_check(panel(6), joint=True).reasons == ["6 panel members attended; a joint panel needs at least 7."]
    settings.PANEL_QUORUM_SW_MIN_PQE_YEARS = 6
    assert not quorum_check(panel(5, sw_pqe=5), joint=False).met
