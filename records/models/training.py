from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from records.choices import TrainingCourse
from records.models.base import TrackedModel
from records.validators import validate_not_future


class TrainingRecord(TrackedModel):
    """A course completed by a foster carer or a member of staff."""

    carer = models.ForeignKey("records.Carer", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="training_records")
    staff_member = models.ForeignKey("records.StaffMember", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="training_records")
    household = models.ForeignKey("records.Household", null=True, blank=True, editable=False,
                                  on_delete=models.CASCADE, related_name="training_records")
    course = models.CharField(max_length=32, choices=TrainingCourse.choices)
    course_title = models.CharField(max_length=160, blank=True, help_text="The provider's course name, if different.")
    provider = models.CharField(max_length=120, blank=True)
    completed_date = models.DateField(validators=[validate_not_future])
    expiry_date = models.DateField(null=True, blank=True, help_text="When a refresher is due, if the course expires.")
    certificate_reference = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["-completed_date"]
        constraints = [
            models.CheckConstraint(
                name="training_has_exactly_one_trainee",
                condition=(models.Q(carer__isnull=False, staff_member__isnull=True)
                           | models.Q(carer__isnull=True, staff_member__isnull=False)),
            ),
        ]

    def __str__(self):
        return f"{self.get_course_display()} – {self.trainee}"

    def get_absolute_url(self):
        return reverse("records:trainingrecord_detail", args=[self.pk])

    @property
    def trainee(self):
        return self.carer or self.staff_member

    def clean(self):
        if bool(self.carer_id) == bool(self.staff_member_id):
            raise ValidationError("Choose either a carer or a member of staff who did the training.")
        if self.expiry_date and self.completed_date and self.expiry_date <= self.completed_date:
            raise ValidationError({"expiry_date": "The refresher date must be after the course was completed."})

    def save(self, *args, **kwargs):
        self.household_id = self.carer.household_id if self.carer_id else None
        super().save(*args, **kwargs)
