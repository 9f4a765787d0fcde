"""Forms for evidence: one upload, bulk upload, verifying and rejecting. The services do the writing."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q

from records.choices import CheckOutcome, TrainingCourse
from records.evidence import CHECK_KINDS, DATED_KINDS, REFERENCE_KINDS, evidence_dates_check, target_of
from records.files import (
    ALLOWED_TEXT,
    describe_size,
    upload_max_bytes,
    validate_upload,
    validate_upload_name,
)
from records.models import Check, Evidence, EvidenceKind

# What a phone offers for this input: the camera or photos, and files. Types are still checked by content.
ACCEPT = "application/pdf,image/*,.docx,.heic"


def clean_document_dates(form, data):
    """The services' date rule, shown against the form's fields."""
    try:
        evidence_dates_check(data.get("issued_on"), data.get("expires_on"))
    except ValidationError as error:
        form.add_error(None, error)
    return data


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def checked_upload(upload):
    if isinstance(upload, UploadedFile):
        validate_upload_name(upload.name)
        validate_upload(upload)
    return upload


class UploadForm(forms.Form):
    file = forms.FileField(label="Document", widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))
    kind = forms.ChoiceField(label="Type of document", choices=EvidenceKind.choices)
    title = forms.CharField(label="Description", max_length=160, required=False,
                            help_text="Optional, if the type is not enough (e.g. “Reference from J Smith”).")
    issued_on = forms.DateField(label="Date on the document", required=False, widget=DateInput())
    expires_on = forms.DateField(label="Expiry date", required=False, widget=DateInput(),
                                 help_text="If the document says when it runs out.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = f"{ALLOWED_TEXT[0].upper()}{ALLOWED_TEXT[1:]}, up to " \
                                        f"{describe_size(upload_max_bytes())}. On a phone you can take a photo."

    def clean_file(self):
        return checked_upload(self.cleaned_data.get("file"))

    def clean(self):
        return clean_document_dates(self, super().clean())


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one <input type=file multiple>; each is checked on its own by the view."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [f for f in files if f]
        if not files:
            raise forms.ValidationError("Choose one or more files.")
        return files


class BulkUploadForm(forms.Form):
    files = MultipleFileField(label="Files")


def _check_label(check):
    done = f"completed {check.completed_date:%d/%m/%Y}" if check.completed_date else "not completed"
    return f"{check.get_kind_display()}, {done}"


def checks_for(items):
    """{evidence pk: [the checks of its person that its kind could confirm]} in one query, for the inbox."""
    people = {}
    for evidence in items:
        field, person = target_of(evidence)
        if evidence.kind in CHECK_KINDS and field in {"carer", "household_member", "staff_member"}:
            people[evidence.pk] = (field, person.pk, CHECK_KINDS[evidence.kind])
    if not people:
        return {}
    wanted = Q()
    for field, pk, _kind in people.values():
        wanted |= Q(**{f"{field}_id": pk})
    checks = list(Check.objects.filter(wanted).order_by("-completed_date", "-pk"))
    return {evidence_pk: [c for c in checks if getattr(c, f"{field}_id") == pk and (kind is None or c.kind == kind)]
            for evidence_pk, (field, pk, kind) in people.items()}


class VerifyForm(forms.Form):
    """Asks only what this kind of document needs to record its fact."""

    issued_on = forms.DateField(label="Date on the document", required=False, widget=DateInput())
    expires_on = forms.DateField(label="Expiry or renewal date", required=False, widget=DateInput())

    def __init__(self, *args, evidence: Evidence, checks=None, **kwargs):
        kwargs.setdefault("initial", {"issued_on": evidence.issued_on, "expires_on": evidence.expires_on})
        kwargs.setdefault("prefix", f"verify-{evidence.pk}")
        super().__init__(*args, **kwargs)
        self.evidence = evidence
        kind = evidence.kind
        if kind in DATED_KINDS:
            self.fields["issued_on"].required = True
        if kind in CHECK_KINDS:
            if kind == EvidenceKind.REFERENCE:
                self.fields["reference_kind"] = forms.ChoiceField(
                    label="Which reference", choices=[(k.value, k.label) for k in REFERENCE_KINDS])
            self.fields["outcome"] = forms.ChoiceField(
                label="Outcome", choices=[c for c in CheckOutcome.choices if c[0] != CheckOutcome.PENDING],
                initial=CheckOutcome.CLEAR)
            if checks is None:
                checks = checks_for([evidence]).get(evidence.pk, [])
            self.fields["check"] = forms.ChoiceField(
                label="Confirms an existing check", required=False,
                choices=[("", "No: record a new check"), *((str(c.pk), _check_label(c)) for c in checks)],
                help_text="Pick the check this document completes, if it is already on the person's record.")
        if kind in {EvidenceKind.DBS_CERTIFICATE, EvidenceKind.TRAINING_CERTIFICATE}:
            self.fields["certificate_number"] = forms.CharField(label="Certificate number", max_length=40,
                                                                required=False)
        if kind == EvidenceKind.TRAINING_CERTIFICATE:
            self.fields["course"] = forms.ChoiceField(label="Course", choices=[("", "Choose…"), *TrainingCourse.choices])

    def clean(self):
        return clean_document_dates(self, super().clean())

    def clean_check(self):
        pk = self.cleaned_data.get("check")
        if not pk:
            return None
        field, person = target_of(self.evidence)
        return Check.objects.filter(pk=pk, **{field: person}).first()

    def service_kwargs(self):
        data = self.cleaned_data
        return {"issued_on": data.get("issued_on"), "expires_on": data.get("expires_on"),
                "outcome": data.get("outcome") or CheckOutcome.CLEAR, "check": data.get("check"),
                "certificate_number": data.get("certificate_number", ""),
                "reference_kind": data.get("reference_kind", ""), "course": data.get("course", "")}


class RejectForm(forms.Form):
    rejection_reason = forms.CharField(label="Why it cannot be accepted", widget=forms.Textarea(attrs={"rows": 2}),
                                       help_text="The person who uploaded it will see this.")

    def __init__(self, *args, evidence: Evidence, **kwargs):
        kwargs.setdefault("prefix", f"reject-{evidence.pk}")
        super().__init__(*args, **kwargs)
