from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms

from inspections.models import Inspection

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
