from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from records.choices import (
    ApprovalCategory, CarerRole, HouseholdStatus, MemberRelationship, PlacementType,
)
from records.models.base import TrackedModel
from records.validators import validate_not_future


def validate_placement_types(value):
    valid = set(PlacementType.values)
    if not isinstance(value, list) or not set(value) <= valid:
        raise ValidationError("Choose placement types from the list.")


class Sex(models.TextChoices):
    """For the register of foster carers (reg 31). Kept here: only Carer uses it."""

    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other / self-described"


class Household(TrackedModel):
    """A fostering household: the unit that is assessed, approved, reviewed and supervised."""

    reference = models.CharField(max_length=20, unique=True, help_text="The agency's own reference, e.g. HH-0042.")
    name = models.CharField(max_length=120, help_text="How the agency refers to the household, e.g. 'Khan household'.")
    status = models.CharField(max_length=20, choices=HouseholdStatus.choices, default=HouseholdStatus.ENQUIRY)
    approval_category = models.CharField(
        max_length=20, choices=ApprovalCategory.choices, default=ApprovalCategory.MAINSTREAM,
    )
    enquiry_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    application_date = models.DateField(null=True, blank=True, validators=[validate_not_future],
                                        help_text="Date the application to be assessed was received.")
    panel_date = models.DateField(null=True, blank=True, help_text="Date the assessment went to panel.")
    approval_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    foster_care_agreement_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    deregistration_date = models.DateField(null=True, blank=True)
    approved_places = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Number of children the household is approved for.",
    )
    age_range_min = models.PositiveSmallIntegerField("Youngest age approved", null=True, blank=True)
    age_range_max = models.PositiveSmallIntegerField("Oldest age approved", null=True, blank=True)
    placement_types = models.JSONField(default=list, blank=True, validators=[validate_placement_types])
    supervising_social_worker = models.ForeignKey(
        "records.StaffMember", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="allocated_households",
        # Not limited to staff still in post: a household stays valid after its worker leaves.
        limit_choices_to={"role": "supervising_social_worker"},
    )
    address_line_1 = models.CharField(max_length=120, blank=True)
    address_line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=80, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    safer_care_plan_reviewed_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    # Assessment (reg 26, Schedule 3): stage 1 signed off and the report shared before panel (CR-HH-012).
    stage_one_completed_date = models.DateField(
        "Stage 1 checks signed off", null=True, blank=True, validators=[validate_not_future],
        help_text="Every Schedule 3 Part 1 item received and stage 1 signed off.")
    assessment_report_shared_date = models.DateField(
        "Assessment report given to the applicant", null=True, blank=True, validators=[validate_not_future],
        help_text="When the applicant had the stage 2 report to comment on before panel.")
    # Another fostering provider asked for this household's records (regs 26, 32; CR-HH-009).
    records_requested_date = models.DateField(
        "Records requested by another provider", null=True, blank=True, validators=[validate_not_future])
    records_provided_date = models.DateField(
        "Records provided", null=True, blank=True, validators=[validate_not_future],
        help_text="Due within 15 working days of the request.")
    # Usual fostering limit of three (Children Act 1989 Sch 7; CR-HH-026).
    fostering_limit_exemption_until = models.DateField(
        "Fostering limit exemption valid until", null=True, blank=True,
        help_text="The exemption from the local authority where the carers live, for more than three children.")
    children_placed_are_siblings = models.BooleanField(
        "All children placed are siblings", default=False,
        help_text="More than three children may be placed without an exemption if they are all siblings.")
    # Ending approval (regs 28, 32; CR-HH-031).
    resignation_notice_date = models.DateField(
        "Resignation notice received", null=True, blank=True, validators=[validate_not_future])
    approval_end_reasons = models.TextField("Reasons approval ended", blank=True)
    records_retain_until = models.DateField(
        "Keep the records until", null=True, blank=True,
        help_text="At least 10 years after approval ended (reg 32).")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.reference})"

    def get_absolute_url(self):
        return reverse("records:household_detail", args=[self.pk])

    @property
    def is_approved(self):
        return self.status == HouseholdStatus.APPROVED

    def get_placement_types_display(self):
        labels = dict(PlacementType.choices)
        return ", ".join(labels.get(value, value) for value in self.placement_types)

    def clean(self):
        errors = {}
        if self.application_date and self.enquiry_date and self.application_date < self.enquiry_date:
            errors["application_date"] = "The application cannot be before the first enquiry."
        if self.approval_date and self.application_date and self.approval_date < self.application_date:
            errors["approval_date"] = "Approval cannot be before the application was received."
        if self.panel_date and self.approval_date and self.approval_date < self.panel_date:
            errors["approval_date"] = "Approval cannot be before the panel that recommended it."
        if self.deregistration_date and self.approval_date and self.deregistration_date < self.approval_date:
            errors["deregistration_date"] = "Deregistration cannot be before approval."
        if self.status == HouseholdStatus.APPROVED and not self.approval_date:
            errors["approval_date"] = "An approved household needs its approval date."
        if self.status == HouseholdStatus.DEREGISTERED and not self.deregistration_date:
            errors["deregistration_date"] = "A deregistered household needs its deregistration date."
        if self.records_provided_date and self.records_requested_date \
                and self.records_provided_date < self.records_requested_date:
            errors["records_provided_date"] = "Records cannot be provided before they were requested."
        if self.resignation_notice_date and self.deregistration_date \
                and self.deregistration_date < self.resignation_notice_date:
            errors["deregistration_date"] = "Approval cannot end before the resignation notice."
        if self.records_retain_until and self.deregistration_date \
                and self.records_retain_until < self.deregistration_date:
            errors["records_retain_until"] = "Records must be kept beyond the end of approval."
        if (self.age_range_min is not None and self.age_range_max is not None
                and self.age_range_min > self.age_range_max):
            errors["age_range_max"] = "The upper age must not be below the lower age."
        if errors:
            raise ValidationError(errors)


class Person(TrackedModel):
    """Shared by carers and household members: a named person with a date of birth."""

    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    date_of_birth = models.DateField(validators=[validate_not_future])

    class Meta:
        abstract = True
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self):
        return str(self)

    def age_on(self, day: date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def clean_duplicate(self, queryset, where):
        """Refuse a second record of the same person (same name and date of birth)."""
        if not (self.first_name and self.last_name and self.date_of_birth):
            return
        twins = queryset.filter(
            first_name__iexact=self.first_name.strip(),
            last_name__iexact=self.last_name.strip(),
            date_of_birth=self.date_of_birth,
        ).exclude(pk=self.pk)
        if twins.exists():
            raise ValidationError(
                f"{self.first_name} {self.last_name}, born {self.date_of_birth:%d/%m/%Y}, "
                f"is already recorded {where}."
            )


class Carer(Person):
    """An approved foster carer or an applicant being assessed."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="carers")
    user = models.OneToOneField(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="carer",
        limit_choices_to={"role": "foster_carer"},
    )
    carer_role = models.CharField(max_length=10, choices=CarerRole.choices, default=CarerRole.MAIN)
    sex = models.CharField(max_length=10, choices=Sex.choices, blank=True, help_text="Shown on the register (reg 31).")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    induction_completed_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    tsd_standards_completed = models.PositiveSmallIntegerField(
        "TSD standards completed", default=0, help_text="Training, Support and Development standards signed off (of 7).",
    )
    tsd_completed_date = models.DateField("TSD completed", null=True, blank=True, validators=[validate_not_future])
    pdp_reviewed_date = models.DateField(
        "Development plan reviewed", null=True, blank=True, validators=[validate_not_future],
        help_text="Last review of the carer's personal development plan.",
    )
    # Reg 26(1A): approved elsewhere in the last 12 months means a reference from that provider (CR-HH-009).
    previous_fostering_provider = models.CharField(
        max_length=120, blank=True, help_text="A fostering provider that approved this carer before, if any.")
    previous_approval_ended_date = models.DateField(
        "Previous approval ended", null=True, blank=True, validators=[validate_not_future],
        help_text="Leave blank if that approval has not ended.")

    class Meta(Person.Meta):
        pass

    def get_absolute_url(self):
        return reverse("records:carer_detail", args=[self.pk])

    def clean(self):
        if self.tsd_standards_completed > 7:
            raise ValidationError({"tsd_standards_completed": "There are 7 TSD standards."})
        if self.tsd_completed_date and self.tsd_standards_completed < 7:
            raise ValidationError({"tsd_completed_date": "TSD is only complete when all 7 standards are signed off."})
        self.clean_duplicate(Carer.objects.all(), "as a foster carer")


class HouseholdMember(Person):
    """Anyone else living in the household: carers' children, adult children, relatives, lodgers."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="members")
    relationship = models.CharField(max_length=20, choices=MemberRelationship.choices)
    moved_in_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    moved_out_date = models.DateField(null=True, blank=True)

    class Meta(Person.Meta):
        pass

    def get_absolute_url(self):
        return reverse("records:householdmember_detail", args=[self.pk])

    def clean(self):
        if self.moved_in_date and self.moved_out_date and self.moved_out_date < self.moved_in_date:
            raise ValidationError({"moved_out_date": "Moving out cannot be before moving in."})
        if self.date_of_birth and self.moved_in_date and self.moved_in_date < self.date_of_birth:
            raise ValidationError({"moved_in_date": "Moving in cannot be before the date of birth."})
        if self.household_id:
            self.clean_duplicate(
                HouseholdMember.objects.filter(household_id=self.household_id), "in this household",
            )
