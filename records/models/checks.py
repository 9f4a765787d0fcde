from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from records.choices import CheckKind, CheckOutcome
from records.models.base import TrackedModel
from records.validators import validate_not_future


class DisqualificationScreen(models.TextChoices):
    """The manager's determination on a DBS that disclosed something (reg 26, Schedule 4; CR-HH-005)."""

    NOT_DISQUALIFIED = "not_disqualified", "Not a disqualifying offence"
    DISQUALIFIED = "disqualified", "Disqualified from fostering"
    EXCEPTION = "exception", "Disqualifying, but an exception applies (recorded)"


DISCLOSING_OUTCOMES = {CheckOutcome.INFORMATION_DISCLOSED, CheckOutcome.UNSATISFACTORY}


class Check(TrackedModel):
    """A vetting check on one person: a carer, a household member or a member of staff."""

    kind = models.CharField(max_length=32, choices=CheckKind.choices)
    carer = models.ForeignKey("records.Carer", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="checks")
    household_member = models.ForeignKey("records.HouseholdMember", null=True, blank=True,
                                         on_delete=models.CASCADE, related_name="checks")
    staff_member = models.ForeignKey("records.StaffMember", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="checks")
    # Copied from the carer or member so access rules and lists need no extra join.
    household = models.ForeignKey("records.Household", null=True, blank=True, editable=False,
                                  on_delete=models.CASCADE, related_name="checks")
    requested_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    completed_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    outcome = models.CharField(max_length=24, choices=CheckOutcome.choices, default=CheckOutcome.PENDING)
    certificate_number = models.CharField(max_length=40, blank=True,
                                          help_text="DBS certificate or document number (masked in lists).")
    barred_list_checked = models.BooleanField(default=False, help_text="Children's barred list included.")
    update_service_subscribed = models.BooleanField(default=False, help_text="Subscribed to the DBS update service.")
    expiry_date = models.DateField(null=True, blank=True, help_text="When this check must be renewed.")
    referee_name = models.CharField(max_length=120, blank=True)
    disqualification_screen = models.CharField(
        "Disqualification determination", max_length=20, choices=DisqualificationScreen.choices, blank=True,
        help_text="Needed when a DBS discloses a conviction or caution.")
    disqualification_screened_date = models.DateField(
        "Determination made", null=True, blank=True, validators=[validate_not_future])
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-completed_date", "-requested_date"]
        constraints = [
            models.CheckConstraint(
                name="check_has_exactly_one_subject",
                condition=(
                    models.Q(carer__isnull=False, household_member__isnull=True, staff_member__isnull=True)
                    | models.Q(carer__isnull=True, household_member__isnull=False, staff_member__isnull=True)
                    | models.Q(carer__isnull=True, household_member__isnull=True, staff_member__isnull=False)
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.subject}"

    def get_absolute_url(self):
        return reverse("records:check_detail", args=[self.pk])

    @property
    def subject(self):
        return self.carer or self.household_member or self.staff_member

    @property
    def masked_certificate_number(self):
        number = self.certificate_number
        if len(number) <= 4:
            return "•" * len(number)
        return "•" * (len(number) - 4) + number[-4:]

    def clean(self):
        subjects = [s for s in (self.carer_id, self.household_member_id, self.staff_member_id) if s]
        if len(subjects) != 1:
            raise ValidationError("Choose exactly one person the check is about: a carer, a household member or staff.")
        if self.requested_date and self.completed_date and self.completed_date < self.requested_date:
            raise ValidationError({"completed_date": "A check cannot be completed before it was requested."})
        if self.expiry_date and self.completed_date and self.expiry_date <= self.completed_date:
            raise ValidationError({"expiry_date": "The renewal date must be after the check was completed."})
        if self.outcome != CheckOutcome.PENDING and not self.completed_date:
            raise ValidationError({"completed_date": "Record when the check was completed to give its outcome."})
        if bool(self.disqualification_screen) != bool(self.disqualification_screened_date):
            raise ValidationError({"disqualification_screened_date":
                                   "Give the determination and the date it was made together."})

    def save(self, *args, **kwargs):
        person = self.carer or self.household_member
        self.household_id = person.household_id if person else None
        super().save(*args, **kwargs)
