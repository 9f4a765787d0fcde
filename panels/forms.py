"""Forms for the panels pages: Bootstrap grid layouts, date pickers and clause badges on every tagged field."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Layout
from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import escape, format_html

from compliance.badges import badges_html
from compliance.forms import ClauseBadgesFormMixin
from panels.choices import DECISIONS_FOR, RECOMMENDATIONS_FOR, Decision, Recommendation
from panels.models import AgencyDecision, AgendaItem, PanelMeeting, PanelMember, PanelMinutes, PanelPaper
from panels.terms import FIELDS as TERMS_FIELDS
from panels.terms import Terms
from records.choices import PlacementType
from records.files import ALLOWED_TEXT, describe_size, upload_max_bytes, validate_upload
from records.models import Household, StaffMember

WIDE = (forms.Textarea, forms.CheckboxSelectMultiple)


class PanelForm(ClauseBadgesFormMixin, forms.ModelForm):
    """Two columns on wide screens; long text and tick-lists span the row; dates get the browser's picker."""

    # (heading, field names) groups, each its own grid; None puts every field in one grid.
    sections = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            elif isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
            if name == "placement_types":
                self.fields[name] = forms.TypedMultipleChoiceField(
                    choices=PlacementType.choices, widget=forms.CheckboxSelectMultiple, required=False,
                    label=field.label,
                )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = self._layout()

    def _grid(self, names):
        return Div(*[Div(name, css_class="col-12" if isinstance(self.fields[name].widget, WIDE) else "col-md-6")
                     for name in names if name in self.fields], css_class="row")

    def _layout(self):
        if self.sections is None:
            return Layout(self._grid(list(self.fields)))
        parts = []
        for heading, names in self.sections:
            if heading:
                parts.append(HTML(f'<h2 class="h6 border-bottom pb-1 mt-2 mb-3">{escape(heading)}</h2>'))
            parts.append(self._grid(names))
        return Layout(*parts)


class PanelMemberForm(PanelForm):
    sections = [
        (None, ["first_name", "last_name", "role", "pqe_years", "is_independent", "joined_date", "left_date",
                "user", "staff_member"]),
        ("Vetting before the first sitting", ["dbs_date", "references_received_date"]),
        ("Induction, annual review and training", ["induction_date", "annual_review_date", "last_training_date"]),
        (None, ["notes"]),
    ]

    class Meta:
        model = PanelMember
        fields = ["first_name", "last_name", "role", "is_independent", "pqe_years", "user", "staff_member",
                  "joined_date", "left_date", "dbs_date", "references_received_date", "induction_date",
                  "annual_review_date", "last_training_date", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff_member"].queryset = StaffMember.objects.filter(end_date__isnull=True)


class MeetingForm(PanelForm):
    class Meta:
        model = PanelMeeting
        fields = ["date", "is_joint", "joint_with", "papers_sent_date"]


class AttendanceForm(forms.Form):
    """Tick-boxes for everyone on the central list on the meeting date; anyone else is refused by name."""

    members = forms.ModelMultipleChoiceField(
        queryset=PanelMember.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Members attending",
        error_messages={"invalid_choice": "That person is not on the central list. Add them to the central "
                                          "list before recording them at a panel.",
                        "invalid_pk_value": "That person is not on the central list."},
    )

    def __init__(self, *args, active_members, **kwargs):
        super().__init__(*args, **kwargs)
        # Validation uses the whole list, so someone who has left is refused with their name and date.
        self.fields["members"].choices = [(member.pk, member) for member in active_members]


class ItemForm(PanelForm):
    class Meta:
        model = AgendaItem
        fields = ["household", "kind", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = Household.objects.order_by("name")


class RecommendationForm(PanelForm):
    sections = [
        (None, ["recommendation", "carers_attended", "recommendation_reasons", "dissent", "report_feedback"]),
        ("Recommended terms of approval (for approval or a change of terms)", TERMS_FIELDS),
    ]

    class Meta:
        model = AgendaItem
        fields = ["recommendation", "recommendation_reasons", "dissent", "carers_attended", "report_feedback",
                  *TERMS_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        item = self.instance
        allowed = RECOMMENDATIONS_FOR[item.kind]
        field = self.fields["recommendation"]
        field.required = True
        field.choices = [("", "Choose the panel's recommendation")] + [
            (value, label) for value, label in Recommendation.choices if value in allowed]
        if not self.is_bound and item.recommended_terms.is_empty:
            self.initial.update(Terms.of(item.household).as_fields())

    def terms(self) -> Terms:
        return Terms.of(_Values(self.cleaned_data))


class _Values:
    """cleaned_data seen as an object, so Terms.of() can read it."""

    def __init__(self, data):
        self.__dict__.update({name: data.get(name) for name in TERMS_FIELDS})


class FileUploadMixin:
    """A file checked by content (records/files.py). Not a model field here: the service stores it under a
    generated name, so the person's own file name is never validated or used as a path."""

    def _file_field_setup(self, *, required: bool, label: str):
        badges = badges_html(self._meta.model, "file", new_tab=True)
        self.fields["file"] = forms.FileField(
            required=required, label=format_html("{} {}", label, badges) if badges else label,
            widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx"}),
            help_text=f"Upload {ALLOWED_TEXT}, up to {describe_size(upload_max_bytes())}.",
        )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            validate_upload(upload)
            return upload
        return None


class PaperForm(FileUploadMixin, PanelForm):
    class Meta:
        model = PanelPaper
        fields = ["kind", "title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._file_field_setup(required=True, label="Document")
        self.helper.layout = self._layout()


class MinutesForm(FileUploadMixin, PanelForm):
    class Meta:
        model = PanelMinutes
        fields = ["drafted_date", "signed_by_chair_date", "sent_to_adm_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._file_field_setup(required=False, label="Minutes document")
        if self.instance.file:
            self.fields["file"].help_text += f" Leave empty to keep “{self.instance.original_filename}”."
        self.helper.layout = self._layout()


class DecisionForm(PanelForm):
    sections = [
        (None, ["decision", "decision_date", "reasons"]),
        ("Terms of approval (when approving or changing terms)", [*TERMS_FIELDS, "carer_agrees_to_terms"]),
    ]

    class Meta:
        model = AgencyDecision
        fields = ["decision", "decision_date", "reasons", *TERMS_FIELDS, "carer_agrees_to_terms"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        item = self.instance.item
        allowed = DECISIONS_FOR[item.kind]
        self.fields["decision"].choices = [("", "Choose the decision")] + [
            (value, label) for value, label in Decision.choices if value in allowed]
        self.fields["carer_agrees_to_terms"].widget = forms.Select(choices=[
            ("unknown", "Not applicable / not asked"), ("true", "Yes, the carer agrees"),
            ("false", "No, the carer does not agree")])
        if not self.is_bound:
            terms = item.recommended_terms if not item.recommended_terms.is_empty else Terms.of(item.household)
            self.initial.update(terms.as_fields())

    def terms(self) -> Terms:
        return Terms.of(_Values(self.cleaned_data))


class NoticesForm(PanelForm):
    class Meta:
        model = AgencyDecision
        fields = ["oral_notice_date", "written_notice_date", "irm_notified_date", "irm_papers_sent_date"]
