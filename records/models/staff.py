from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from records.choices import StaffRole, SupervisionKind
from records.models.base import TrackedModel
from records.validators import validate_not_future


class StaffMember(TrackedModel):
    """Someone employed or engaged by the agency (Schedule 1 checks apply to them)."""

    user = models.OneToOneField(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="staff_member",
    )
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    role = models.CharField(max_length=32, choices=StaffRole.choices)
    job_title = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    qualifications = models.TextField(blank=True, help_text="Relevant qualifications, e.g. Social Work degree (2014).")
    swe_registration_number = models.CharField(
        "Social Work England registration number", max_length=20, blank=True,
    )
    swe_registration_checked_date = models.DateField(
        "Registration last checked", null=True, blank=True, validators=[validate_not_future],
    )
    interview_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    references_verified_date = models.DateField(
        "References verified by telephone", null=True, blank=True, validators=[validate_not_future],
        help_text="When each written reference was confirmed by a call to the referee.",
    )
    induction_started_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    induction_completed_date = models.DateField(null=True, blank=True, validators=[validate_not_future])
    employment_gaps_explained = models.BooleanField(
        default=False, help_text="Every gap in the full employment history has a written explanation.",
    )

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self):
        return str(self)

    def get_absolute_url(self):
        return reverse("records:staffmember_detail", args=[self.pk])

    @property
    def is_social_worker(self):
        return self.role in {StaffRole.SUPERVISING_SOCIAL_WORKER, StaffRole.ASSESSING_SOCIAL_WORKER,
                             StaffRole.REGISTERED_MANAGER, StaffRole.MANAGER}

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "Leaving cannot be before starting."})
        if (self.induction_started_date and self.induction_completed_date
                and self.induction_completed_date < self.induction_started_date):
            raise ValidationError({"induction_completed_date": "Induction cannot be completed before it started."})
        if self.role == StaffRole.SUPERVISING_SOCIAL_WORKER and not self.swe_registration_number:
            raise ValidationError({
                "swe_registration_number": "A supervising social worker must be registered with Social Work England.",
            })


class StaffSupervision(TrackedModel):
    """A recorded supervision session or annual appraisal for a member of staff."""

    staff_member = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="supervisions")
    kind = models.CharField(max_length=20, choices=SupervisionKind.choices, default=SupervisionKind.SUPERVISION)
    date = models.DateField(validators=[validate_not_future])
    supervisor = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="supervisions_given",
    )
    # NMS 24.5: each supervision record gives its time and length and is signed by both.
    start_time = models.TimeField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField("Length (minutes)", null=True, blank=True,
                                                        validators=[MinValueValidator(1)])
    supervisor_signed = models.BooleanField("Signed by the supervisor", default=False)
    supervisee_signed = models.BooleanField("Signed by the member of staff", default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.staff_member} on {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("records:staffsupervision_detail", args=[self.pk])

    def clean(self):
        if self.supervisor_id and self.supervisor_id == self.staff_member_id:
            raise ValidationError({"supervisor": "Staff cannot supervise themselves."})
