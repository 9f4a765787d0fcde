"""Records about the agency itself: its periodic reviews, what it tells Ofsted about its registration,
the registered manager, Ofsted's reports and the carers' allowance rates. Managers only.

Choices live here rather than in records/choices.py because nothing else uses them.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from records.choices import StaffRole
from records.models.base import TrackedModel
from records.validators import validate_not_future


def _require_order(errors, earlier, later, field, message):
    if earlier and later and later < earlier:
        errors[field] = message


class AgencyReview(TrackedModel):
    """A review or report the agency must repeat: reg 35, board reports, its published documents, allowances."""

    class Kind(models.TextChoices):
        REG35 = "reg35", "Regulation 35 quality-of-care review"
        BOARD_REPORT = "board_report", "Management, outcomes and finance report to the board"
        STATEMENT_OF_PURPOSE = "statement_of_purpose", "Statement of purpose reviewed"
        CHILDRENS_GUIDE = "childrens_guide", "Children's guide reviewed"
        ALLOWANCES = "allowances", "Allowances reviewed after consulting carers"
        PAYMENT_POLICY = "payment_policy", "Payment policy issued to carers"

    kind = models.CharField(max_length=24, choices=Kind.choices)
    completed_date = models.DateField("Completed", validators=[validate_not_future])
    summary = models.TextField(blank=True, help_text="What was reviewed, who was consulted, what changed.")

    class Meta:
        ordering = ["-completed_date"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.completed_date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("records:agencyreview_detail", args=[self.pk])


class RegistrationNotice(TrackedModel):
    """A change to the agency's registration, or a long absence of its manager, that Ofsted must be told of."""

    class Kind(models.TextChoices):
        MANAGER = "manager", "Change of registered manager"
        RESPONSIBLE_INDIVIDUAL = "responsible_individual", "Change of responsible individual"
        DIRECTORS = "directors", "Change of directors, partners or company officers"
        NAME_OR_ADDRESS = "name_or_address", "Change of the provider's name or address"
        OTHER = "other", "Other change to the registration"
        MANAGER_ABSENCE = "manager_absence", "Registered manager absent for 28 days or more"

    kind = models.CharField(max_length=24, choices=Kind.choices)
    # Not validate_not_future: a planned change or absence is recorded before it happens.
    event_date = models.DateField("Date", help_text="The date of the change, or the first day of the absence.")
    end_date = models.DateField("Absence ends", null=True, blank=True,
                                help_text="Absences only: the manager's first day back.")
    ofsted_notified_date = models.DateField("Ofsted notified", null=True, blank=True,
                                            validators=[validate_not_future])
    return_notified_date = models.DateField("Return notified to Ofsted", null=True, blank=True,
                                            validators=[validate_not_future])
    interim_arrangements = models.TextField(blank=True, help_text="Absences only: who manages the agency meanwhile.")
    details = models.TextField(blank=True)

    class Meta:
        ordering = ["-event_date"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.event_date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("records:registrationnotice_detail", args=[self.pk])

    @property
    def is_absence(self):
        return self.kind == self.Kind.MANAGER_ABSENCE

    def clean(self):
        errors = {}
        if self.is_absence:
            _require_order(errors, self.event_date, self.end_date, "end_date",
                           "The manager cannot be back before the absence started.")
            _require_order(errors, self.end_date, self.return_notified_date, "return_notified_date",
                           "The return cannot be notified before the manager is back.")
            if self.return_notified_date and not self.end_date:
                errors["end_date"] = "Give the date the manager came back."
            if not self.interim_arrangements.strip():
                errors["interim_arrangements"] = "Say who manages the agency during the absence."
        else:
            for field in ("end_date", "return_notified_date"):
                if getattr(self, field):
                    errors[field] = "Only an absence of the manager has an end and a return."
        if errors:
            raise ValidationError(errors)


class ManagerRegistration(TrackedModel):
    """One registered manager's time in post: appointment, registration with Ofsted, management qualification."""

    manager = models.ForeignKey("records.StaffMember", on_delete=models.PROTECT, related_name="manager_registrations",
                                limit_choices_to={"role": StaffRole.REGISTERED_MANAGER})
    appointed_date = models.DateField("Appointed", validators=[validate_not_future])
    left_date = models.DateField("Left the post", null=True, blank=True, validators=[validate_not_future])
    registration_applied_date = models.DateField("Applied to Ofsted to register", null=True, blank=True,
                                                 validators=[validate_not_future])
    registered_date = models.DateField("Registered by Ofsted", null=True, blank=True,
                                       validators=[validate_not_future])
    qualification_enrolled_date = models.DateField("Enrolled on the management qualification", null=True,
                                                   blank=True, validators=[validate_not_future])
    qualification_achieved_date = models.DateField(
        "Management qualification achieved", null=True, blank=True, validators=[validate_not_future],
        help_text="Level 5 Diploma in Leadership and Management or equivalent; may be before the appointment.",
    )

    class Meta:
        ordering = ["-appointed_date"]

    def __str__(self):
        return f"{self.manager} – registered manager from {self.appointed_date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("records:managerregistration_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.manager_id and self.manager.role != StaffRole.REGISTERED_MANAGER:
            errors["manager"] = f"{self.manager} is not recorded as a registered manager; change their role first."
        _require_order(errors, self.appointed_date, self.left_date, "left_date",
                       "A manager cannot leave the post before being appointed.")
        _require_order(errors, self.registration_applied_date, self.registered_date, "registered_date",
                       "Ofsted cannot register a manager before the application.")
        _require_order(errors, self.qualification_enrolled_date, self.qualification_achieved_date,
                       "qualification_achieved_date", "The qualification cannot be achieved before enrolling.")
        if self.appointed_date and "left_date" not in errors:
            others = ManagerRegistration.objects.exclude(pk=self.pk)
            others = others.filter(models.Q(left_date__isnull=True) | models.Q(left_date__gt=self.appointed_date))
            if self.left_date:
                others = others.filter(appointed_date__lt=self.left_date)
            if others.exists():
                errors["appointed_date"] = (f"{others.first().manager} was registered manager then; "
                                            "record when they left the post first.")
        if errors:
            raise ValidationError(errors)


class InspectionReport(TrackedModel):
    """An Ofsted inspection report and when the agency shared it (NMS 25.6)."""

    published_date = models.DateField("Published", validators=[validate_not_future])
    shared_date = models.DateField(
        "Shared", null=True, blank=True, validators=[validate_not_future],
        help_text="Made available to staff, carers, children, parents and placing authorities.",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-published_date"]

    def __str__(self):
        return f"Ofsted report published {self.published_date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("records:inspectionreport_detail", args=[self.pk])

    def clean(self):
        errors = {}
        _require_order(errors, self.published_date, self.shared_date, "shared_date",
                       "The report cannot be shared before it was published.")
        if errors:
            raise ValidationError(errors)


class AllowanceRate(TrackedModel):
    """The weekly allowance the agency pays carers for one age band, beside the national minimum (NMS 28)."""

    class AgeBand(models.TextChoices):
        # The DfE national minimum allowance bands.
        UNDER_3 = "0_2", "0 to 2"
        AGE_3_4 = "3_4", "3 to 4"
        AGE_5_10 = "5_10", "5 to 10"
        AGE_11_15 = "11_15", "11 to 15"
        AGE_16_17 = "16_17", "16 to 17"

    age_band = models.CharField(max_length=8, choices=AgeBand.choices)
    effective_from = models.DateField()
    weekly_allowance = models.DecimalField("Agency weekly allowance (£)", max_digits=7, decimal_places=2,
                                           validators=[MinValueValidator(0)])
    national_minimum = models.DecimalField(
        "National minimum allowance (£ a week)", max_digits=7, decimal_places=2, validators=[MinValueValidator(0)],
        help_text="The DfE figure for this age band and the agency's region, for the same year.",
    )

    class Meta:
        ordering = ["-effective_from", "age_band"]
        constraints = [models.UniqueConstraint(fields=["age_band", "effective_from"],
                                               name="one_allowance_rate_per_band_and_date")]

    def __str__(self):
        return f"Allowance {self.get_age_band_display()} from {self.effective_from:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("records:allowancerate_detail", args=[self.pk])
