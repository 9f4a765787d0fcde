"""The demo agency's panel (panels/demo.py): what each demo login finds on the panel pages."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from compliance.calendar import add_working_days
from compliance.engine import State
from compliance.registry import Area
from compliance.services import gaps_preview
from panels import services
from panels.choices import MemberRole
from panels.demo import PANEL_MODELS
from panels.models import AgencyDecision, AgendaItem, PanelMeeting, PanelMember, PanelPaper
from panels.permissions import restrict
from panels.selectors import decision_queue, household_letters
from records.demo.build import agency_plan, build_agency
from records.demo.reset import demo_reset

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture(scope="module")
def agency(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo agency for seed 2011 as of today, seeded once for this module and deleted after it.

    Tests only read it, each inside its own rolled-back transaction. Built without per-record
    validation: tests/records/test_seed_demo.py runs full_clean() on every record, panels included.
    """
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")), django_db_blocker.unblock():
        yield build_agency(seed=2011, scale="demo", today=today(), validate=False)
        demo_reset()


@pytest.fixture(autouse=True)
def private_media():
    """Replaces the folder's per-test MEDIA_ROOT: the papers were written once, with the agency."""


def client_for(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_central_list_has_a_chair_and_the_people_a_panel_needs(agency):
    members = PanelMember.objects.all()
    assert 10 <= members.count() <= 15
    chair = members.get(role=MemberRole.CHAIR)
    assert chair.is_independent
    assert members.filter(role=MemberRole.VICE_CHAIR).exists()
    assert members.filter(role=MemberRole.SOCIAL_WORKER, pqe_years__gte=3).count() >= 2
    assert members.filter(role=MemberRole.MEDICAL_ADVISER).exists()
    assert members.filter(role=MemberRole.PANEL_ADVISER, staff_member__isnull=False).exists()
    assert members.filter(notes__icontains="care-experienced").exists()
    assert members.filter(left_date__lt=today()).count() == 1
    assert sum(1 for member in members if member.review_due_by() < today()) == 1
    assert members.get(user__username="panel").full_name == "Peter Lindqvist"


def test_every_held_meeting_was_quorate_with_final_minutes_sent(agency):
    held = PanelMeeting.objects.filter(date__lt=today()).prefetch_related("attendees").select_related("minutes")
    assert 5 <= held.count() <= 14
    for meeting in held:
        assert meeting.quorum().met, (meeting, meeting.quorum().reasons)
        assert meeting.minutes.signed_by_chair_date and meeting.minutes.sent_to_adm_date, meeting
        assert meeting.items.exists(), meeting
    assert sum(1 for meeting in held if meeting.papers_short) == 1
    assert not AgendaItem.objects.filter(meeting__in=held, recommendation="").exists()


def test_the_next_meeting_has_its_papers_out_and_items_to_hear(agency):
    upcoming = PanelMeeting.objects.get(date__gt=today())
    assert upcoming.papers_sent_date <= today() and not upcoming.papers_short
    assert upcoming.items.filter(recommendation="").exists()
    assert PanelPaper.objects.filter(item__meeting=upcoming).exists()
    assert upcoming.quorum().met


def test_approvals_match_the_households_dates(agency):
    for decision in AgencyDecision.objects.filter(item__kind="approval").select_related("item__meeting__minutes",
                                                                                          "item__household"):
        household = decision.item.household
        assert household.panel_date == decision.item.meeting.date
        assert household.approval_date == decision.decision_date
        assert decision.terms == decision.item.recommended_terms


def test_decisions_are_in_time_but_one_and_every_applicant_was_told(agency):
    late = in_time = 0
    for decision in AgencyDecision.objects.select_related("item__meeting__minutes"):
        due = add_working_days(decision.item.meeting.minutes.sent_to_adm_date, 7)
        late, in_time = (late + 1, in_time) if decision.decision_date > due else (late, in_time + 1)
        assert decision.oral_notice_date and decision.written_notice_date, decision
        assert decision.decided_by.username == "adm"
    assert late >= 1 and in_time > 3 * late


def test_the_adm_login_has_an_item_to_decide_in_time_and_one_overdue(agency):
    adm = User.objects.get(username="adm")
    rows = decision_queue(user=adm, today=today())
    assert any(row.countdown.started and not row.countdown.overdue for row in rows)
    assert any(row.countdown.overdue for row in rows)

    response = client_for("adm").get(reverse("panels:decision_queue"))
    assert response.status_code == 200
    assert "working days left" in response.content.decode() and "Overdue" in response.content.decode()

    # The applicant heard last week can be approved as recommended, as the ADM would from the queue.
    item = next(row.item for row in rows if row.item.kind == "approval")
    services.decision_record(item=item, user=adm, decision="approve", reasons="As the panel.",
                             decision_date=today(), terms=item.recommended_terms)
    item.household.refresh_from_db()
    assert item.household.status == "approved" and item.household.panel_date == item.meeting.date


def test_the_panel_login_sees_only_the_meetings_their_member_attended(agency):
    panel = User.objects.get(username="panel")
    attended = set(PanelMeeting.objects.filter(attendances__member__user=panel))
    visible = set(restrict(PanelMeeting.objects.all(), panel))
    assert visible == attended
    assert len(attended) >= PanelMeeting.objects.count() - 2
    missed = PanelMeeting.objects.exclude(pk__in=[meeting.pk for meeting in attended]).first()
    assert missed is not None

    client = client_for("panel")
    assert client.get(reverse("panels:meeting_list")).status_code == 200
    assert client.get(reverse("panels:meeting_detail", args=[missed.pk])).status_code == 404
    paper = PanelPaper.objects.filter(item__meeting__in=attended).first()
    held = next(meeting for meeting in attended if meeting.date < today())
    for url in (reverse("panels:paper_download", args=[paper.pk]), reverse("panels:minutes_download", args=[held.pk])):
        download = client.get(url)
        assert download.status_code == 200, url
        assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_the_carer_login_can_open_their_outcome_letter(agency):
    carer = User.objects.get(username="carer")
    household = carer.carer.household
    letters = household_letters(household, user=carer)
    assert len(letters) == 1

    client = client_for("carer")
    page = client.get(household.get_absolute_url())
    assert page.status_code == 200 and "Read the letter" in page.content.decode()
    letter = client.get(reverse("panels:decision_letter", args=[letters[0].pk]))
    assert letter.status_code == 200
    assert "terms of approval change" in letter.content.decode()


def test_the_engine_finds_only_the_planned_panel_gaps(agency):
    gaps = [f for f in gaps_preview(as_of=today()).gaps if f.rule.area == Area.PANELS]
    assert sorted((f.rule.id, f.outcome.state) for f in gaps) == [
        ("CR-ADM-001", State.DUE_SOON),  # the applicant heard last week
        ("CR-ADM-001", State.OVERDUE),  # the review whose decision is late
        ("CR-PN-003", State.DUE_SOON),  # the vice chair's DBS renewal
        ("CR-PN-004", State.OVERDUE),  # the member whose annual review is overdue
    ]
    vetting = next(f for f in gaps if f.rule.id == "CR-PN-003")
    assert PanelMember.objects.get(pk=vetting.outcome.subject.id).role == MemberRole.VICE_CHAIR


def panel_snapshot(seed: int):
    plan = agency_plan(seed=seed, scale="demo", today=today())
    members = [(m.first_name, m.last_name, m.role, m.joined_date) for m in plan.of(PanelMember)]
    meetings = [(m.date, m.papers_sent_date) for m in plan.of(PanelMeeting)]
    items = [(i.meeting.date, i.household.reference, i.kind, i.recommendation) for i in plan.of(AgendaItem)]
    decisions = [(d.item.household.reference, d.decision, d.decision_date) for d in plan.of(AgencyDecision)]
    return members, meetings, items, decisions


def test_the_same_seed_gives_the_same_panel_and_another_seed_a_different_one():
    assert panel_snapshot(2011) == panel_snapshot(2011)
    assert panel_snapshot(2011) != panel_snapshot(7)


def test_reseeding_prints_the_panel_counts_and_replaces_the_panel(agency):
    counts = {model: model.objects.count() for model in PANEL_MODELS}
    assert counts == {model: agency[model.__name__] for model in PANEL_MODELS}

    out = StringIO()
    call_command("seed_demo", "--no-validate", "--reset", stdout=out)
    assert "PanelMeeting" in out.getvalue() and "AgencyDecision" in out.getvalue()
    assert {model: model.objects.count() for model in PANEL_MODELS} == counts
    assert {model: model.history.count() for model in PANEL_MODELS} == counts
    paper = PanelPaper.objects.first()
    assert paper.file.storage.exists(paper.file.name)
