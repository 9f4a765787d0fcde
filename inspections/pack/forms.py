"""The one form of the pack: generate a new version, for an inspection or as a practice pack."""

from django import forms

from inspections.models import Inspection


class PackRequestForm(forms.Form):
    inspection = forms.ModelChoiceField(queryset=Inspection.objects.all(), required=False,
                                        widget=forms.HiddenInput)
    full_names = forms.BooleanField(
        required=False, label="Show children's full names",
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        help_text="Off: children appear by initials and reference, as Ofsted usually expects.")
