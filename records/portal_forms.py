"""Forms for the carer portal and the change-request queue: few fields, big labels, phone-friendly inputs."""

from django import forms
from django.utils import timezone

from records.choices import MemberRelationship
from records.concurrency import SeveralRecordsVersionMixin

DATE = {"type": "date"}


def _date_field(label, *, required=True, help_text=""):
    return forms.DateField(label=label, required=required, help_text=help_text,
                           widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))


class ContactForm(SeveralRecordsVersionMixin, forms.Form):
    """The carer's own phone and email, and the household's: two records, each version-checked."""

    phone = forms.CharField(label="Your mobile or phone number", max_length=30, required=False,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    email = forms.EmailField(label="Your email address", required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    household_phone = forms.CharField(label="Home phone number", max_length=30, required=False,
                                      widget=forms.TextInput(attrs={"type": "tel"}))
    household_email = forms.EmailField(label="Household email address", required=False)

    def __init__(self, *args, carer, **kwargs):
        self.carer = carer
        super().__init__(*args, **kwargs)

    def versioned_records(self):
        return {"carer_version": (self.carer, ["phone", "email"]),
                "household_version": (self.carer.household, ["phone", "email"])}


class ReasonMixin(forms.Form):
    reason = forms.CharField(label="Anything your social worker should know (optional)", required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class MemberForm(ReasonMixin):
    first_name = forms.CharField(label="First name", max_length=80, widget=forms.TextInput(
        attrs={"autocomplete": "off"}))
    last_name = forms.CharField(label="Last name", max_length=80)
    date_of_birth = _date_field("Date of birth")
    relationship = forms.ChoiceField(label="Who they are to you", choices=MemberRelationship.choices)
    moved_in_date = _date_field("Date they moved in", required=False,
                                help_text="Leave blank if they have always lived with you.")
    field_order = ("first_name", "last_name", "date_of_birth", "relationship", "moved_in_date", "reason")

    def __init__(self, *args, adding=True, **kwargs):
        super().__init__(*args, **kwargs)
        if adding:
            self.fields["moved_in_date"].required = True
            self.fields["moved_in_date"].help_text = ""

    def values(self):
        return {name: self.cleaned_data[name] for name in
                ("first_name", "last_name", "date_of_birth", "relationship", "moved_in_date")}


class MemberLeavingForm(ReasonMixin):
    moved_out_date = _date_field("Date they moved out")

    def clean_moved_out_date(self):
        value = self.cleaned_data["moved_out_date"]
        if value > timezone.localdate():
            raise forms.ValidationError("Tell us once they have moved out.")
        return value


class AddressForm(ReasonMixin):
    address_line_1 = forms.CharField(label="Address line 1", max_length=120,
                                     widget=forms.TextInput(attrs={"autocomplete": "address-line1"}))
    address_line_2 = forms.CharField(label="Address line 2 (optional)", max_length=120, required=False,
                                     widget=forms.TextInput(attrs={"autocomplete": "address-line2"}))
    town = forms.CharField(label="Town or city", max_length=80,
                           widget=forms.TextInput(attrs={"autocomplete": "address-level2"}))
    postcode = forms.CharField(label="Postcode", max_length=10,
                               widget=forms.TextInput(attrs={"autocomplete": "postal-code"}))
    field_order = ("address_line_1", "address_line_2", "town", "postcode", "reason")

    def values(self):
        return {name: self.cleaned_data[name].strip() for name in ("address_line_1", "address_line_2", "town",
                                                                   "postcode")}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="Decision", choices=[("approve", "Approve and apply the change"),
                                                            ("reject", "Reject: nothing changes")],
                                 widget=forms.RadioSelect)
    decision_note = forms.CharField(label="Note to the carer", required=False,
                                    help_text="Needed when you reject, so the carer knows what to do next.",
                                    widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("decision_note", "").strip():
            self.add_error("decision_note", "Say why, so the carer knows what to do next.")
        return cleaned
