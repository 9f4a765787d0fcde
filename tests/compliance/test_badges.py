"""Clause badges: the HTML helper, the template tag and the ModelForm mixin under crispy-forms."""

import re

from django import forms
from django.template import Context, Template

from compliance import badges
from compliance.catalogue.loader import ClauseInfo
from compliance.forms import ClauseBadgesFormMixin
from records.models import Household


def test_badges_link_each_clause_with_its_label_title_and_summary():
    html = badges.badges_html(Household, "approval_date")

    for clause_id, label in [("fsr2011:r27", "Reg 27"), ("fsr2011:r31", "Reg 31"), ("nms2011:20.3", "NMS 20.3")]:
        assert f'href="/compliance/clauses/{clause_id}/"' in html
        assert f">{label}</a>" in html
    assert 'data-bs-title="Reg 31 – Register of foster parents"' in html
    assert 'title="Register of foster parents"' in html
    assert 'data-bs-toggle="popover" data-bs-trigger="hover focus"' in html
    assert 'tabindex="0"' in html
    assert html.count('class="badge text-bg-light border clause-badge"') == 4


def test_badges_accept_an_instance_and_are_empty_for_untagged_fields():
    assert badges.badges_html(Household(name="Khan"), "approval_date") == badges.badges_html(Household, "approval_date")
    assert badges.badges_html(Household, "notes") == ""


def test_badges_escape_catalogue_text(monkeypatch):
    nasty = ClauseInfo(id="fsr2011:r27", label='Reg <27>', title='Approval "&" <script>x</script>',
                       summary="Carer's <b>duty</b>", kind="regulation", confidence="high", numbering=None,
                       parent=None)
    monkeypatch.setattr(badges, "catalogue_index", lambda: {"fsr2011:r27": nasty})

    html = badges.badges_html(Household, "approval_date")

    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert 'data-bs-content="Carer&#x27;s &lt;b&gt;duty&lt;/b&gt;"' in html
    assert 'title="Approval &quot;&amp;&quot; &lt;script&gt;x&lt;/script&gt;"' in html
    assert ">Reg &lt;27&gt;</a>" in html


def test_template_tag_renders_badges_for_an_instance():
    html = Template('{% load clauses %}{% clause_badges household "deregistration_date" %}').render(
        Context({"household": Household()})
    )

    assert ">Reg 28</a>" in html and ">Reg 32</a>" in html
    assert "&lt;a" not in html


class HouseholdForm(ClauseBadgesFormMixin, forms.ModelForm):
    class Meta:
        model = Household
        fields = ["name", "approval_date"]
        labels = {"approval_date": "Approved <on>"}


def crispy_label(html, field_name):
    return re.search(rf'<label\s+for="id_{field_name}".*?</label>', html, re.S).group(0)


def test_form_mixin_puts_badges_in_crispy_labels_unescaped():
    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": HouseholdForm()}))

    label = crispy_label(html, "approval_date")
    assert "Approved &lt;on&gt;" in label  # the label's own text is still escaped
    assert '<a target="_blank" rel="noopener" href="/compliance/clauses/fsr2011:r27/"' in label
    assert ">NMS 20.3</a>" in label
    assert "&lt;a" not in html
    assert "clause-badge" not in crispy_label(html, "name")
