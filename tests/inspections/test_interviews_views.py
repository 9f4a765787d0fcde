"""Interview records: managers see and write every record; the interviewee reads their own (a social
worker sees theirs and nobody else's); everyone else gets a 404. The record prints without the menu."""

import pytest
from django.urls import reverse

from inspections.models import Interview
from tests.factories.inspection_outcomes import InterviewEntryFactory, InterviewFactory
from tests.factories.inspections import InspectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def interviews(ssw, other_ssw):
    """One inspection with an interview of `ssw` (two entries, one linked to NMS 21) and one of `other_ssw`."""
    inspection = InspectionFactory()
    mine = InterviewFactory(inspection=inspection, interviewee=ssw, interviewee_role="Supervising social worker")
    InterviewEntryFactory(interview=mine)
    InterviewEntryFactory(interview=mine, question="Tell me about the Fenwick household.", clause=None,
                          response="")
    theirs = InterviewFactory(inspection=inspection, interviewee=other_ssw,
                              interviewee_role="Supervising social worker")
    return mine, theirs


def detail(interview):
    return interview.get_absolute_url()


def test_anonymous_visitors_are_sent_to_sign_in(client, interviews):
    mine, _ = interviews
    for url in (detail(mine), reverse("inspections:interview_list", args=[mine.inspection_id]),
                reverse("inspections:interview_create", args=[mine.inspection_id])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["carer_user", "inspector", "panel_member", "administrator", "decision_maker"])
def test_people_who_were_not_interviewed_find_nothing(request, client_for, interviews, role):
    mine, _ = interviews
    client = client_for(request.getfixturevalue(role))
    assert client.get(detail(mine)).status_code == 404
    assert client.get(reverse("inspections:interview_list", args=[mine.inspection_id])).status_code == 404


def test_the_interviewee_reads_their_own_record_and_nobody_elses(client_for, ssw, interviews):
    mine, theirs = interviews
    client = client_for(ssw)
    page = client.get(detail(mine)).content.decode()
    assert "How do you know supervision visits happen" in page and "NMS 21" in page
    assert "No response recorded." in page and "data-print" in page and 'class="no-print' in page
    assert client.get(detail(theirs)).status_code == 404
    listing = client.get(reverse("inspections:interview_list", args=[mine.inspection_id])).content.decode()
    assert str(mine.held_at.day) in listing and theirs.interviewee_name not in listing
    assert client.get(reverse("inspections:interview_edit", args=[mine.inspection_id, mine.pk])).status_code == 403


def test_the_manager_sees_every_record(client_for, manager, interviews):
    mine, theirs = interviews
    listing = client_for(manager).get(reverse("inspections:interview_list", args=[mine.inspection_id]))
    assert mine.interviewee_name in listing.content.decode() and theirs.interviewee_name in listing.content.decode()
    assert client_for(manager).get(detail(theirs)).status_code == 200


def entry_rows(*rows, initial=0):
    data = {"entries-TOTAL_FORMS": str(len(rows)), "entries-INITIAL_FORMS": str(initial),
            "entries-MIN_NUM_FORMS": "0", "entries-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        data |= {f"entries-{i}-{name}": value for name, value in row.items()}
    return data


def test_the_manager_records_an_interview_with_entries_and_clauses(client_for, manager, ssw):
    inspection = InspectionFactory()
    client = client_for(manager)
    form = client.get(reverse("inspections:interview_create", args=[inspection.pk])).content.decode()
    assert '<optgroup label="Regulations (FSR 2011)">' in form
    response = client.post(reverse("inspections:interview_create", args=[inspection.pk]), {
        "interviewee": ssw.pk, "interviewee_name": "", "interviewee_role": "", "held_at": "2026-12-01T10:30",
        "inspector_name": "Priya Raman", "notes": "",
        **entry_rows({"question": "How often do you visit?", "clause": "nms2011:21", "response": "Monthly."},
                     {"question": "", "clause": "", "response": ""},
                     {"question": "Who signs off plans?", "clause": "", "response": "The manager."}),
    })
    interview = Interview.objects.get()
    assert response.status_code == 302 and response["Location"] == interview.get_absolute_url()
    assert interview.interviewee_name == ssw.get_full_name()
    assert interview.interviewee_role == "Supervising social worker" and interview.created_by == manager
    assert list(interview.entries.values_list("order", "question", "clause_id")) == [
        (1, "How often do you visit?", "nms2011:21"), (2, "Who signs off plans?", None)]


def test_the_manager_changes_and_removes_entries(client_for, manager, interviews):
    mine, _ = interviews
    first, second = mine.entries.all()
    response = client_for(manager).post(reverse("inspections:interview_edit", args=[mine.inspection_id, mine.pk]), {
        "interviewee": mine.interviewee_id, "interviewee_name": mine.interviewee_name,
        "interviewee_role": mine.interviewee_role, "held_at": "2026-12-01T10:30", "inspector_name": "Priya Raman",
        "notes": "",
        **entry_rows({"id": first.pk, "question": first.question, "clause": "fsr2011:r35", "response": "Changed."},
                     {"id": second.pk, "question": second.question, "clause": "", "response": "", "DELETE": "on"},
                     initial=2),
    })
    assert response.status_code == 302
    assert list(mine.entries.values_list("question", "clause_id", "response")) == [
        (first.question, "fsr2011:r35", "Changed.")]
    assert first.history.count() == 2  # the change is in the entry's history


def test_an_interview_without_a_name_or_login_is_refused(client_for, manager):
    inspection = InspectionFactory()
    response = client_for(manager).post(reverse("inspections:interview_create", args=[inspection.pk]), {
        "interviewee": "", "interviewee_name": "", "interviewee_role": "", "held_at": "",
        "inspector_name": "", "notes": "", **entry_rows()})
    page = response.content.decode()
    assert response.status_code == 200 and "Give the name of the person interviewed, or choose their login." in page
    assert not Interview.objects.exists()


def test_the_inspection_page_lists_only_the_interviews_a_person_may_read(client_for, ssw, manager, interviews):
    mine, theirs = interviews
    page = client_for(ssw).get(mine.inspection.get_absolute_url()).content.decode()
    assert mine.get_absolute_url() in page and theirs.get_absolute_url() not in page
    page = client_for(manager).get(mine.inspection.get_absolute_url()).content.decode()
    assert theirs.get_absolute_url() in page and "Record an interview" in page


def test_the_record_makes_a_fixed_number_of_queries(client_for, manager, interviews, django_assert_max_num_queries):
    mine, _ = interviews
    for _ in range(6):
        InterviewEntryFactory(interview=mine)
    client = client_for(manager)
    with django_assert_max_num_queries(7):
        assert client.get(detail(mine)).status_code == 200
