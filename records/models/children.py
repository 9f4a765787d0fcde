from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from records.choices import HouseholdStatus, LegalStatus, PlacementEndReason, PlacementType
from records.models.base import TrackedModel
from records.validators import validate_not_future


class Resident(TrackedModel):
    """A child or young person placed with the agency's carers."""

    reference = models.CharField(max_length=20, unique=True, help_text="The agency's reference, e.g. C-0107.")
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    date_of_birth = models.DateField(validators=[validate_not_future])
    legal_status = models.CharField(max_length=20, choices=LegalStatus.choices)
    placing_authority = models.CharField(max_length=120)
    social_worker_name = models.CharField("Child's social worker", max_length=120, blank=True)
    social_worker_email = models.EmailField(blank=True)
    social_worker_phone = models.CharField(max_length=30, blank=True)
    gp_registered = models.BooleanField("Registered with a GP", default=False)
    dentist_registered = models.BooleanField("Registered with a dentist", default=False)
    last_health_assessment_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    views_last_recorded_date = models.DateField(
        "Child's views last recorded", null=True, blank=True, validators=[validate_not_future],
    )

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.reference})"

    @property
    def initials(self):
        return f"{self.first_name[:1]}{self.last_name[:1]}".upper()

    def get_absolute_url(self):
        return reverse("records:resident_detail", args=[self.pk])

    def clean(self):
        if not (self.first_name and self.last_name and self.date_of_birth):
            return
        twins = Resident.objects.filter(
            first_name__iexact=self.first_name.strip(), last_name__iexact=self.last_name.strip(),
            date_of_birth=self.date_of_birth,
        ).exclude(pk=self.pk)
        if twins.exists():
            raise ValidationError(
                f"{self.first_name} {self.last_name}, born {self.date_of_birth:%d/%m/%Y}, is already recorded "
                f"as {twins.first().reference}."
            )


class Placement(TrackedModel):
    """A child living with a fostering household, from start to end."""

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="placements")
    household = models.ForeignKey("records.Household", on_delete=models.PROTECT, related_name="placements")
    placement_type = models.CharField(max_length=20, choices=PlacementType.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=PlacementEndReason.choices, blank=True)
    placement_plan_received_date = models.DateField("Placement plan received", null=True, blank=True, validators=[validate_not_future])
    placement_plan_chased_date = models.DateField(
        "Placement plan chased", null=True, blank=True, validators=[validate_not_future],
        help_text="When the agency last asked the placing authority for a plan that is late.",
    )
    delegated_authority_recorded_date = models.DateField("Delegated authority recorded", null=True, blank=True, validators=[validate_not_future])
    care_plan_received_date = models.DateField("Care plan received", null=True, blank=True, validators=[validate_not_future])
    childrens_guide_given_date = models.DateField("Children's guide given", null=True, blank=True, validators=[validate_not_future])
    # The register of children placed (Schedule 2) records where the child came from and went to.
    previous_address = models.TextField("Child's address before the placement", blank=True)
    address_on_leaving = models.TextField("Child's address on leaving", blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-start_date"]

    def __str__(self):
        return f"{self.resident} with {self.household.name} from {self.start_date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("records:placement_detail", args=[self.pk])

    @property
    def is_current(self):
        return self.end_date is None

    def clean(self):
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = "A placement cannot end before it starts."
        if self.end_date and not self.end_reason:
            errors["end_reason"] = "Say why the placement ended."
        if self.address_on_leaving.strip() and not self.end_date:
            errors["address_on_leaving"] = "Give the address on leaving with the date the placement ended."
        if self.household_id and self._state.adding and self.household.status != HouseholdStatus.APPROVED:
            errors["household"] = (
                f"{self.household.name} is {self.household.get_status_display().lower()}, not approved: "
                "children can only be placed with an approved household."
            )
        if self.household_id and self.start_date and self.household.approval_date \
                and self.start_date < self.household.approval_date:
            errors["start_date"] = (
                f"{self.household.name} was approved on {self.household.approval_date:%d/%m/%Y}; "
                "a placement cannot start before approval."
            )
        if self.resident_id and self.start_date:
            overlapping = Placement.objects.filter(resident_id=self.resident_id).exclude(pk=self.pk)
            overlapping = overlapping.filter(models.Q(end_date__isnull=True) | models.Q(end_date__gt=self.start_date))
            if self.end_date:
                overlapping = overlapping.filter(start_date__lt=self.end_date)
            if overlapping.exists():
                errors["start_date"] = "This child already has a placement covering these dates; end it first."
        if errors:
            raise ValidationError(errors)


class JournalEntry(TrackedModel):
    """A dated entry in a child's journal, usually written by the carer."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="journal_entries")
    entry_date = models.DateField(validators=[validate_not_future])
    author = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+",
                               editable=False)
    text = models.TextField()

    class Meta:
        ordering = ["-entry_date", "-created_at"]
        verbose_name_plural = "journal entries"

    def __str__(self):
        return f"Journal {self.entry_date:%d/%m/%Y} – {self.placement.resident}"

    @property
    def resident(self):
        return self.placement.resident

    def get_absolute_url(self):
        return reverse("records:journalentry_detail", args=[self.pk])

    def clean(self):
        if self.placement_id and self.entry_date:
            if self.entry_date < self.placement.start_date or (
                    self.placement.end_date and self.entry_date > self.placement.end_date):
                raise ValidationError({"entry_date": "The entry date must fall within the placement."})
