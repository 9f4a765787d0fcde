"""The panel journey end to end in Chromium: meeting, attendance, recommendation, then the ADM's decision."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from panels.models import AgencyDecision, PanelMeeting
from records.choices import HouseholdStatus
from records.models import Household
from tests.browser.conftest import login, screenshot
from tests.factories import TEST_PASSWORD, CarerFactory, HouseholdFactory
from tests.factories.panels import quorate_members

pytestmark = pytest.mark.browser


@pytest.fixture
def applicant(ssw):
    household = HouseholdFactory(assessment=True, supervising_social_worker=ssw.staff_member, surname="Ashworth",
                                 reference="HH-4100")
    CarerFactory(household=household, first_name="Dana", last_name="Ashworth")
    return household


def test_a_panel_recommends_approval_and_the_decision_maker_approves(page, manager, decision_maker, applicant):
    members = quorate_members()
    today = timezone.localdate()

    login(page, "manager", TEST_PASSWORD)
    page.get_by_role("button", name="Panels").click()
    page.get_by_role("link", name="Central list").click()
    assert page.get_by_role("link", name=str(members[0])).is_visible()
    screenshot(page, "panels-00-central-list")
    page.get_by_role("button", name="Panels").click()
    page.get_by_role("link", name="Panel meetings").click()
    page.get_by_role("link", name="Add a meeting").click()
    page.fill("#id_date", today.isoformat())
    page.fill("#id_papers_sent_date", (today - timedelta(days=10)).isoformat())
    screenshot(page, "panels-01-meeting-form")
    page.get_by_role("button", name="Save").click()

    meeting = PanelMeeting.objects.get()
    assert urlsplit(page.url).path == meeting.get_absolute_url()
    assert page.get_by_text("Now record who is attending.").is_visible()

    page.get_by_role("link", name="Record attendance").click()
    for member in members:
        page.get_by_label(str(member)).check()
    screenshot(page, "panels-02-attendance")
    page.get_by_role("button", name="Save attendance").click()
    assert page.get_by_text("Attendance saved. The panel is quorate.").is_visible()

    page.get_by_role("link", name="Add an item").click()
    page.select_option("#id_household", str(applicant.pk))
    page.select_option("#id_kind", "approval")
    page.fill("#id_description", "Mainstream approval following the Form F assessment.")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("added to the agenda").is_visible()

    page.get_by_role("link", name="Record recommendation").click()
    page.select_option("#id_recommendation", "approve")
    page.fill("#id_recommendation_reasons", "A thorough assessment; the applicants showed warmth and insight.")
    page.fill("#id_dissent", "None.")
    page.fill("#id_approved_places", "2")
    page.fill("#id_age_range_min", "0")
    page.fill("#id_age_range_max", "11")
    page.get_by_label("Short-term").check()
    page.get_by_label("Long-term").check()
    screenshot(page, "panels-03-recommendation-form")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("recommendation on").first.is_visible()
    screenshot(page, "panels-04-meeting-detail")
    page.goto("/panels/meetings/")
    assert page.get_by_text("Quorate").is_visible()
    screenshot(page, "panels-04b-meeting-list")

    page.locator("#mainnav .dropdown-toggle").last.click()  # the account menu
    page.get_by_role("button", name="Sign out").click()
    login(page, "adm", TEST_PASSWORD)
    page.get_by_role("button", name="Panels").click()
    page.get_by_role("link", name="Decisions to make").click()
    queue = page.get_by_role("row", name="Ashworth household")
    assert queue.get_by_text("Awaiting final minutes").is_visible()
    screenshot(page, "panels-05-decision-queue")
    queue.get_by_role("link", name="Decide").click()

    assert page.input_value("#id_approved_places") == "2"
    page.select_option("#id_decision", "approve")
    page.fill("#id_reasons", "I agree with the panel: the assessment is thorough and the applicants are suitable.")
    screenshot(page, "panels-06-decision-form")
    page.get_by_role("button", name="Record decision").click()
    assert page.get_by_text("Decision recorded: Approve for Ashworth household.").is_visible()
    screenshot(page, "panels-07-item-decided")

    decision = AgencyDecision.objects.get()
    household = Household.objects.get(pk=applicant.pk)
    assert household.status == HouseholdStatus.APPROVED
    assert household.approval_date == today
    assert (household.approved_places, household.age_range_max) == (2, 11)

    page.goto(household.get_absolute_url())
    assert page.get_by_role("heading", name="Panel history").is_visible()
    assert page.locator("dd", has_text="Approved").first.is_visible()
    screenshot(page, "panels-08-household-approved")
    page.get_by_role("link", name="History").click()
    assert page.get_by_text(f"ADM decision #{decision.pk}: Approve").is_visible()
    screenshot(page, "panels-09-household-history")

    page.goto(f"/panels/decisions/{decision.pk}/letter/")
    assert page.get_by_text("I have decided to approve you as foster carers").is_visible()
    screenshot(page, "panels-10-letter")


def test_a_panel_member_sees_only_the_panel_they_sat_on(page, panel_member, manager):
    from tests.factories.panels import PanelMeetingFactory, PanelMemberFactory

    members = quorate_members()
    seat = PanelMemberFactory(user=panel_member, first_name="Rosa", last_name="Quinn")
    theirs = PanelMeetingFactory(attendees=[*members, seat])
    other = PanelMeetingFactory(date=theirs.date - timedelta(days=28), papers_sent_date=None, attendees=members)

    login(page, "panel", TEST_PASSWORD)
    page.get_by_role("button", name="Panels").click()
    page.get_by_role("link", name="My panel meetings").click()
    assert page.get_by_role("link", name=str(theirs)).is_visible()
    assert page.get_by_role("link", name=str(other)).count() == 0
    screenshot(page, "panels-11-panel-member-meetings")
    assert page.goto(other.get_absolute_url()).status == 404
    assert page.goto("/panels/members/").status == 403


def test_an_overdue_refusal_is_decided_notified_and_explained_in_the_letter(page, decision_maker, applicant):
    from compliance.calendar import add_working_days
    from tests.factories.panels import AgendaItemFactory, PanelMeetingFactory, PanelMinutesFactory

    today = timezone.localdate()
    held = today - timedelta(days=30)
    meeting = PanelMeetingFactory(date=held, papers_sent_date=held - timedelta(days=10), attendees=quorate_members())
    PanelMinutesFactory(meeting=meeting, drafted_date=held, signed_by_chair_date=held, sent_to_adm_date=held)
    AgendaItemFactory(meeting=meeting, household=applicant, recommendation="not_approve",
                      recommendation_reasons="The applicants' support network is not yet in place.")

    login(page, "adm", TEST_PASSWORD)
    page.goto("/panels/decisions/")
    row = page.get_by_role("row", name="Ashworth household")
    assert row.get_by_text("Overdue").is_visible()
    screenshot(page, "panels-12-queue-overdue")
    row.get_by_role("link", name="Decide").click()
    page.select_option("#id_decision", "not_approve")
    page.fill("#id_reasons", "I agree with the panel that the support network is not yet in place.")
    page.get_by_role("button", name="Record decision").click()
    assert page.get_by_text("Qualifying determination").is_visible()
    assert page.locator("dd", has_text="No").first.is_visible()  # not within 7 working days

    page.get_by_role("link", name="Record notices").click()
    page.fill("#id_oral_notice_date", today.isoformat())
    page.fill("#id_written_notice_date", today.isoformat())
    screenshot(page, "panels-13-notices-form")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Notice dates saved.").is_visible()
    screenshot(page, "panels-14-item-refused")

    page.get_by_role("link", name="Outcome letter").click()
    deadline = today + timedelta(days=28)
    assert page.get_by_text("not to approve you as foster carers").is_visible()
    assert page.get_by_text(f"{deadline.day} {deadline:%B %Y}").is_visible()
    screenshot(page, "panels-15-letter-qualifying-determination")
    assert Household.objects.get(pk=applicant.pk).status == HouseholdStatus.ASSESSMENT
    assert add_working_days(held, 7) < today
