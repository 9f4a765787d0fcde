from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.utils import timezone

from accounts.models import Role, User
from compliance.models import Clause
from compliance.registry import Area, Severity
from inspections.models import Action, Finding, Inspection, Interview, InterviewEntry
from inspections.permissions import STAFF_ROLES
from inspections.services import finding_clause_error
from records.concurrency import versioned

NOTICE_FIELDS = ["type", "notice_received_at", "notice_working_days", "information_deadline_at",
                 "records_upload_until", "lead_inspector", "notes"]


def _datetime_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class InspectionForm(forms.ModelForm):
    """Record a notice (`status` left out) or change a recorded inspection."""

    class Meta:
        model = Inspection
        fields = [*NOTICE_FIELDS, "status"]
        widgets = {
            "notice_received_at": _datetime_input(),
            "information_deadline_at": _datetime_input(),
            "records_upload_until": _datetime_input(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, recording=False, **kwargs):
        super().__init__(*args, **kwargs)
        if recording:
            del self.fields["status"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Div(*[
            Div(name, css_class="col-12" if name == "notes" else "col-md-6") for name in self.fields
        ], css_class="row"))


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# Readiness -----------------------------------------------------------------------------------------

class ReadinessFilterForm(forms.Form):
    """The outstanding list's filters (GET). `people` are readiness.Person, the filter's choices."""

    # Any key is accepted: its choices (everyone responsible for a gap) are known only after filtering.
    person = forms.CharField(required=False, widget=forms.Select)
    area = forms.ChoiceField(required=False, choices=[("", "Every area"), *Area.CHOICES])
    severity = forms.ChoiceField(required=False, choices=[("", "Every severity"), *Severity.CHOICES])
    since = forms.ChoiceField(required=False, label="Open", choices=[
        ("", "Open now"), ("notice", "Open since the notice"), ("new", "New since the notice")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_people(())
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def set_people(self, people):
        self.fields["person"].widget.choices = [("", "Everyone"), *((p.key, f"{p.name} ({p.role})")
                                                                  for p in people)]

    def value(self, name):
        return self.cleaned_data.get(name, "") if self.is_valid() else ""


# After fieldwork -----------------------------------------------------------------------------------

OUTCOME_DATES = ["fieldwork_end", "draft_received_on", "comments_sent_on", "final_report_on", "published_on"]
JUDGEMENTS = ["judgement_overall", "judgement_helped_protected", "judgement_leaders"]


class OutcomesForm(forms.ModelForm):
    """The post-inspection dates and the three judgements. Each date must follow the one it depends on."""

    class Meta:
        model = Inspection
        fields = [*OUTCOME_DATES, *JUDGEMENTS]
        widgets = {name: _date_input() for name in OUTCOME_DATES}
        labels = {"fieldwork_end": "Fieldwork ended (the feedback day)"}

    # (field, the field it cannot come before, in words)
    ORDER = [("draft_received_on", "fieldwork_end", "the end of fieldwork"),
             ("comments_sent_on", "draft_received_on", "the draft arrived"),
             ("final_report_on", "fieldwork_end", "the end of fieldwork"),
             ("published_on", "final_report_on", "the final report arrived")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Div(*[Div(name, css_class="col-md-4") for name in OUTCOME_DATES],
                                        css_class="row"),
                                    Div(*[Div(name, css_class="col-md-4") for name in JUDGEMENTS], css_class="row"))

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for name in OUTCOME_DATES:
            if data.get(name) and data[name] > today:
                self.add_error(name, "This date is in the future: record it once it has happened.")
        for name, after, words in self.ORDER:
            day, before = data.get(name), data.get(after)
            if day and not before:
                self.add_error(name, f"Record when {words} first.")
            elif day and before and day < before:
                self.add_error(name, f"This cannot be before {words} ({before:%d %b %Y}).")
        if data.get("fieldwork_end") and self.instance.notice_received_at:
            notice_day = timezone.localtime(self.instance.notice_received_at).date()
            if data["fieldwork_end"] < notice_day:
                self.add_error("fieldwork_end", f"Fieldwork cannot end before the notice ({notice_day:%d %b %Y}).")
        return data


class ClauseChoiceField(forms.ModelChoiceField):
    """A clause picker: one select, grouped by instrument (regulations, then standards), labels as "Reg 26 – ..."."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Clause.objects.order_by("sort_order"), **kwargs)
        groups = {}
        for clause in self.queryset:
            groups.setdefault(clause.instrument, []).append((clause.pk, f"{clause.label} – {clause.title}"))
        self.choices = [("", "---------"), *((INSTRUMENT_NAMES.get(key, key), options)
                                             for key, options in groups.items())]


INSTRUMENT_NAMES = {"fsr2011": "Regulations (FSR 2011)", "nms2011": "National Minimum Standards (NMS 2011)"}


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["kind", "text", "clause", "due_date", "met_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_date": _date_input(), "met_on": _date_input()}
        labels = {"due_date": "Compliance date", "met_on": "Met on"}
        help_texts = {"clause": "A requirement cites a regulation; a recommendation a standard."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"] = ClauseChoiceField(help_text=self.Meta.help_texts["clause"])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Div(Div("kind", css_class="col-md-4"), Div("clause", css_class="col-md-8"),
                                        Div("text", css_class="col-12"), Div("due_date", css_class="col-md-4"),
                                        Div("met_on", css_class="col-md-4"), css_class="row"))

    def clean(self):
        data = super().clean()
        clause = data.get("clause")
        if clause and (error := finding_clause_error(kind=data.get("kind"), clause_id=clause.pk)):
            self.add_error("clause", error)
        if data.get("met_on") and data["met_on"] > timezone.localdate():
            self.add_error("met_on", "This date is in the future: record it once the requirement is met.")
        return data


def staff_users():
    """People who can own an action: active staff logins (not carers, panel members or inspectors)."""
    return User.objects.filter(is_active=True, role__in=STAFF_ROLES).order_by("first_name", "last_name", "username")


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["description", "owner", "due_date", "status", "completed_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "due_date": _date_input(),
                   "completed_on": _date_input()}
        help_texts = {"completed_on": "Blank when marked done: today."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()
        self.fields["owner"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Div(Div("description", css_class="col-12"), Div("owner", css_class="col-md-3"),
                                        Div("due_date", css_class="col-md-3"), Div("status", css_class="col-md-3"),
                                        Div("completed_on", css_class="col-md-3"), css_class="row"))

    def clean(self):
        data = super().clean()
        if data.get("status") == Action.Status.DONE and not data.get("completed_on"):
            data["completed_on"] = timezone.localdate()
        if data.get("completed_on") and data.get("status") != Action.Status.DONE:
            self.add_error("completed_on", "Only a step marked done has a completion date.")
        if data.get("completed_on") and data["completed_on"] > timezone.localdate():
            self.add_error("completed_on", "This date is in the future.")
        return data


# Interview records ---------------------------------------------------------------------------------

class InterviewForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = ["interviewee", "interviewee_name", "interviewee_role", "held_at", "inspector_name", "notes"]
        widgets = {"held_at": _datetime_input(), "notes": forms.Textarea(attrs={"rows": 2})}
        labels = {"held_at": "Date and time", "interviewee": "Their login"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewee"].queryset = User.objects.filter(is_active=True).exclude(
            role__in=[Role.INSPECTOR]).order_by("first_name", "last_name", "username")
        self.fields["interviewee_name"].required = False
        self.fields["interviewee_name"].help_text = "Blank: their login's name."
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Div(*[Div(name, css_class="col-12" if name == "notes" else "col-md-4")
                                          for name in self.fields], css_class="row"))

    def clean(self):
        data = super().clean()
        if not data.get("interviewee_name"):
            user = data.get("interviewee")
            if user is None:
                self.add_error("interviewee_name", "Give the name of the person interviewed, or choose their login.")
            else:
                data["interviewee_name"] = self.instance.interviewee_name = user.get_full_name() or user.username
        if data.get("interviewee") and not data.get("interviewee_role"):
            data["interviewee_role"] = data["interviewee"].get_role_display()
        return data


class InterviewEntryForm(forms.ModelForm):
    class Meta:
        model = InterviewEntry
        fields = ["question", "clause", "response"]
        widgets = {"question": forms.Textarea(attrs={"rows": 2}), "response": forms.Textarea(attrs={"rows": 3})}
        labels = {"clause": "Regulation or standard"}

    def __init__(self, *args, clause_field=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"] = clause_field or ClauseChoiceField(required=False)
        self.fields["clause"].required = False
        self.fields["clause"].label = "Regulation or standard"


class BaseEntryFormSet(forms.BaseInlineFormSet):
    """One clause list for every row: the clause query runs once, not once per row."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if not hasattr(self, "_clause_field"):
            self._clause_field = ClauseChoiceField(required=False)
        kwargs["clause_field"] = self._clause_field
        return kwargs

    def entries(self):
        """(entries to keep, in order; entries to delete) from a valid formset."""
        keep, removed = [], []
        for form in self.forms:
            if form.cleaned_data.get("DELETE"):
                removed.append(form.instance)
            elif form.instance.pk is not None or form.has_changed():
                keep.append(form.save(commit=False))
        return keep, removed


# Each saved entry carries the version it was loaded at, like the interview itself (records/concurrency.py).
InterviewEntryFormSet = forms.inlineformset_factory(
    Interview, InterviewEntry, form=versioned(InterviewEntryForm), formset=BaseEntryFormSet, extra=3,
    can_delete=True)
