from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.utils import pretty_name
from django.utils.html import format_html

from compliance.badges import badges_html
from compliance.catalogue.loader import catalogue_index
from compliance.engine import State
from compliance.models import AgencyPolicy
from compliance.models.policy import validate_period
from compliance.periods import parse_period
from compliance.registry import Area, Severity, all_rules, rules_by_clause
from records.choices import StaffRole
from records.models import StaffMember


class ClauseBadgesFormMixin:
    """For ModelForms: shows the clause badges after the label of every tagged field.

    Put it before ModelForm in the bases. The label becomes safe HTML (the label text itself is
    escaped), which crispy-forms renders as it is. Badges open in a new tab so
    following one never loses what has been typed.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            badges = badges_html(self._meta.model, name, new_tab=True)
            if badges:
                label = pretty_name(name) if field.label is None else field.label
                field.label = format_html("{} {}", label, badges)


# The gap list's filters ------------------------------------------------------------------------

DUE_WINDOWS = [("overdue", "Overdue"), ("7", "Due in the next 7 days"), ("30", "Due in the next 30 days")]
STATUSES = [("open", "Open"), ("resolved", "Resolved"), ("all", "Open and resolved")]
PREVIEW_HORIZON_DAYS = 2 * 365


def _any(choices, label="Any"):
    return [("", label), *choices]


class GapFilterForm(forms.Form):
    """Filters for the gap list (and the dashboard's "as of" date). Every field is optional.

    `filter(gaps, day)` narrows a Gap queryset; `keep(gap, day)` says the same of one unsaved
    preview gap, so a preview is filtered exactly as the stored list is.
    """

    q = forms.CharField(label="Search", required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Name, rule, detail…"}))
    severity = forms.ChoiceField(required=False, choices=_any(Severity.CHOICES))
    area = forms.ChoiceField(required=False, choices=_any(Area.CHOICES))
    clause = forms.ChoiceField(required=False)
    social_worker = forms.ModelChoiceField(
        required=False, queryset=StaffMember.objects.filter(role=StaffRole.SUPERVISING_SOCIAL_WORKER),
        empty_label="Any", label="Social worker")
    due = forms.ChoiceField(required=False, choices=_any(DUE_WINDOWS, "Any time"), label="Due")
    state = forms.ChoiceField(required=False, choices=_any(State.CHOICES))
    status = forms.ChoiceField(required=False, choices=STATUSES, initial="open")
    household = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    as_of = forms.DateField(
        label="As of", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="A future date previews what will be open then (not saved).")

    def __init__(self, *args, today: date, show_social_worker=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        index = catalogue_index()
        cited = rules_by_clause()
        self.fields["clause"].choices = _any([(clause_id, f"{info.label} – {info.title}")
                                              for clause_id, info in index.items() if clause_id in cited])
        if not show_social_worker:
            del self.fields["social_worker"]
        for name, field in self.fields.items():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select form-select-sm" if select else "form-control form-control-sm")

    def clean_as_of(self):
        day = self.cleaned_data["as_of"]
        if day is None:
            return None
        if day < self.today:
            raise ValidationError("Choose today or a later date: a preview looks ahead from today's records.")
        if day > self.today + timedelta(days=PREVIEW_HORIZON_DAYS):
            raise ValidationError("Choose a date within two years.")
        return day

    def value(self, name):
        """A field's cleaned value; None when unset or invalid (a bad filter is shown, not applied)."""
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name)

    @property
    def preview_date(self):
        return self.value("as_of")

    @property
    def wanted_status(self):
        return self.value("status") or "open"

    def _rule_ids_for_clause(self):
        return [r.id for r in rules_by_clause().get(self.value("clause"), [])]

    def _rule_ids_matching(self, word):
        return [r.id for r in all_rules() if word in r.title.lower()]

    def filter(self, gaps, day: date):
        """Narrow a Gap queryset; `day` is the date "overdue" and "due within" count from."""
        if self.value("severity"):
            gaps = gaps.filter(severity=self.value("severity"))
        if self.value("area"):
            gaps = gaps.filter(area=self.value("area"))
        if self.value("clause"):
            gaps = gaps.filter(rule_id__in=self._rule_ids_for_clause())
        if self.value("social_worker"):
            gaps = gaps.filter(social_worker=self.value("social_worker"))
        if self.value("state"):
            gaps = gaps.filter(state=self.value("state"))
        if self.value("household"):
            gaps = gaps.filter(household_id=self.value("household"))
        due = self.value("due")
        if due == "overdue":
            gaps = gaps.filter(due_date__lt=day)
        elif due:
            gaps = gaps.filter(due_date__gte=day, due_date__lte=day + timedelta(days=int(due)))
        for word in (self.value("q") or "").lower().split():
            gaps = gaps.filter(Q(subject_label__icontains=word) | Q(detail__icontains=word)
                               | Q(rule_id__icontains=word) | Q(rule_id__in=self._rule_ids_matching(word)))
        return gaps

    def keep(self, gap, day: date) -> bool:
        """The same test as `filter`, for one unsaved (previewed) gap."""
        social_worker = self.value("social_worker")
        due = self.value("due")
        tests = [
            not self.value("severity") or gap.severity == self.value("severity"),
            not self.value("area") or gap.area == self.value("area"),
            not self.value("clause") or gap.rule_id in self._rule_ids_for_clause(),
            not social_worker or gap.social_worker_id == social_worker.pk,
            not self.value("state") or gap.state == self.value("state"),
            not self.value("household") or gap.household_id == self.value("household"),
            due != "overdue" or (gap.due_date is not None and gap.due_date < day),
            due in (None, "", "overdue") or (
                gap.due_date is not None and day <= gap.due_date <= day + timedelta(days=int(due))),
        ]
        for word in (self.value("q") or "").lower().split():
            text = " ".join([gap.subject_label, gap.detail, gap.rule_id]).lower()
            tests.append(word in text or gap.rule_id in self._rule_ids_matching(word))
        return all(tests)


# The agency policy -------------------------------------------------------------------------------

class AgencyPolicyForm(forms.ModelForm):
    """Every figure of AgencyPolicy; the model's validators explain a bad period ("P3X")."""

    # (heading, field names) in the order the page shows them.
    SECTIONS = [
        ("Warnings", ["due_soon_days"]),
        ("Carers and households", [
            "dbs_renewal", "dbs_update_service_check", "new_adult_dbs_within", "new_adult_review_within",
            "medical_renewal", "ad_hoc_review_within", "tsd_mainstream", "tsd_connected", "carer_induction_within",
            "pdp_review_interval", "mandatory_courses", "supervision_interval_with_child",
            "supervision_interval_without_child", "safer_care_plan_review", "post_first_placement_review",
            "post_first_placement_review_within"]),
        ("Children", ["child_views_interval"]),
        ("Staff", ["staff_dbs_renewal", "staff_supervision_interval", "max_households_per_ssw"]),
        ("Agency", [
            "complaint_acknowledge_within", "complaint_respond_within", "notification_outcome_within",
            "return_interview_within_hours", "reg35_interval", "board_report_interval", "document_review_interval",
            "manager_absence_notice_within", "manager_return_notice_within"]),
    ]

    class Meta:
        model = AgencyPolicy
        fields = "__all__"
        widgets = {"mandatory_courses": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django adds a hidden copy of the initial value for a callable default; the saved policy is
        # the initial value here, so compare with it (a form posted without that copy "changed").
        self.fields["mandatory_courses"].show_hidden_initial = False
        # The page explains how periods are written; under each one say what the saved value means.
        for name, field in self.fields.items():
            if validate_period in AgencyPolicy._meta.get_field(name).validators:
                field.help_text = f"Now: {parse_period(getattr(self.instance, name)).describe()}."

    def sections(self):
        return [(heading, [self[name] for name in names]) for heading, names in self.SECTIONS]
