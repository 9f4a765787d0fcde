"""The clause pages: the evidence map (clause_list) and one clause (clause_detail)."""

import pytest
from django.urls import reverse

from compliance.models import Clause

pytestmark = pytest.mark.django_db

LIST_URL = reverse("compliance:clause_list")


def detail_url(clause_id):
    return reverse("compliance:clause_detail", args=[clause_id])


def test_anonymous_users_are_sent_to_sign_in(client):
    for url in (LIST_URL, detail_url("fsr2011:r26")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_evidence_map_lists_fields_under_their_clause_in_legal_order(client_for, administrator):
    response = client_for(administrator).get(LIST_URL)

    assert response.status_code == 200
    html = response.content.decode()
    r27 = html.index(f'href="{detail_url("fsr2011:r27")}"')
    assert "Household · Approval date" in html[r27:html.index(f'href="{detail_url("fsr2011:r28")}"')]
    assert html.index(">Reg 2<") < html.index(">Reg 10<") < html.index(">Sch 1<") < html.index(">NMS 1<")
    assert html.index(">Sch 1<") < html.index(">Sch 1 para 2<") < html.index(">Sch 2<")


def test_a_foster_carer_may_read_the_catalogue(client_for, carer_user):
    assert client_for(carer_user).get(LIST_URL).status_code == 200
    assert client_for(carer_user).get(detail_url("nms2011:20.3")).status_code == 200


def test_search_narrows_the_map(client_for, administrator):
    response = client_for(administrator).get(LIST_URL, {"q": "barred list"})

    html = response.content.decode()
    assert "Check · Barred list checked" in html
    assert ">NMS 19.3<" in html
    assert ">Reg 1<" not in html
    assert response.context["shown"] < Clause.objects.count()


def test_evidenced_only_filter_hides_clauses_without_fields(client_for, administrator):
    response = client_for(administrator).get(LIST_URL, {"evidenced": "1"})

    rows = {row.clause.pk: row for _, group in response.context["groups"] for row in group}
    assert rows["fsr2011:r26"].matched
    assert "fsr2011:r1" not in rows and "nms2011:27" not in rows
    # NMS 19 has no fields of its own but stays, greyed, as the parent of NMS 19.3.
    assert rows["nms2011:19.3"].matched and not rows["nms2011:19"].matched
    matched = [row for row in rows.values() if row.matched]
    assert all(row.fields for row in matched)
    assert response.context["shown"] == response.context["shown_evidenced"] == len(matched)


def test_evidence_map_makes_a_fixed_number_of_queries(client_for, administrator, django_assert_max_num_queries):
    client = client_for(administrator)
    # Session, user, two-step device, clauses: the badges and field lists come from the registry.
    with django_assert_max_num_queries(4):
        response = client.get(LIST_URL)
    assert response.status_code == 200
    assert response.context["shown"] == Clause.objects.count()


def test_clause_page_makes_a_fixed_number_of_queries(client_for, administrator, django_assert_max_num_queries):
    client = client_for(administrator)
    # Session, user, two-step device, the clause with its parent, its children.
    with django_assert_max_num_queries(6):
        response = client.get(detail_url("nms2011:14"))
    assert len(response.context["children"]) == 10


def test_clause_page_shows_summary_source_parent_and_evidence(client_for, administrator):
    response = client_for(administrator).get(detail_url("nms2011:19.3"))

    assert response.status_code == 200
    html = response.content.decode()
    clause = Clause.objects.get(pk="nms2011:19.3")
    assert "NMS 19.3" in html and "Record of checks" in html
    assert clause.summary in html
    assert f'href="{clause.source_url}"' in html
    assert f'href="{detail_url("nms2011:19")}"' in html
    assert "Check · <strong>Certificate number</strong>" in html
    assert "counted from an unnumbered copy" in html
    assert "Rules and open gaps" in html


def test_parent_clause_page_lists_its_parts(client_for, administrator):
    html = client_for(administrator).get(detail_url("fsr2011:sch7")).content.decode()

    assert f'href="{detail_url("fsr2011:sch7(a)")}"' in html
    assert "Sch 7(j) – Tenth event (to confirm)" in html


def test_low_confidence_clause_is_flagged(client_for, administrator):
    html = client_for(administrator).get(detail_url("fsr2011:r24")).content.decode()

    assert "check against the published text" in html
    assert "Low confidence" in html


def test_high_confidence_clause_is_not_flagged(client_for, administrator):
    html = client_for(administrator).get(detail_url("fsr2011:r26")).content.decode()

    assert "High confidence" in html
    assert "Low confidence" not in html


def test_unknown_clause_is_not_found(client_for, administrator):
    assert client_for(administrator).get(detail_url("fsr2011:r99")).status_code == 404
