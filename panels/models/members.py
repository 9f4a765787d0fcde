from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format

from accounts.models import Role
from panels.choices import MemberRole
from records.models.base import TrackedModel
from records.validators import validate_not_future


def _day(value: date) -> str:
    return date_format(value, "j M Y")


class PanelMember(TrackedModel):
    """A person on the agency's central list (reg 23): only they may sit on a fostering panel."""

    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    user = models.OneToOneField(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="panel_membership",
        limit_choices_to={"role": Role.PANEL_MEMBER}, verbose_name="Panel member login",
        help_text="Lets an independent member sign in to see the papers and minutes of meetings they attend.",
    )
    staff_member = models.OneToOneField(
        "records.StaffMember", null=True, blank=True, on_delete=models.SET_NULL, related_name="panel_membership",
        help_text="For agency staff who sit on panel; they see the meetings they attend with their own login.",
    )
    role = models.CharField(max_length=20, choices=MemberRole.choices)
    is_independent = models.BooleanField("Independent of the agency", default=False)
    pqe_years = models.PositiveSmallIntegerField(
        "Social work post-qualifying experience (years)", null=True, blank=True,
        help_text="Leave blank for members who are not social workers. Update it at each annual review.",
    )
    joined_date = models.DateField("Joined the central list")
    left_date = models.DateField("Left the central list", null=True, blank=True)
    dbs_date = models.DateField("Enhanced DBS certificate", null=True, blank=True, validators=[validate_not_future])
    references_received_date = models.DateField(
        "References received", null=True, blank=True, validators=[validate_not_future],
        help_text="Two written references, verified by telephone.",
    )
    induction_date = models.DateField("Induction completed", null=True, blank=True, validators=[validate_not_future])
    annual_review_date = models.DateField(
        "Last annual review / appraisal", null=True, blank=True, validators=[validate_not_future],
    )
    last_training_date = models.DateField("Last panel training", null=True, blank=True,
                                          validators=[validate_not_future])
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = "panel member"

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self):
        return str(self)

    def get_absolute_url(self):
        return reverse("panels:member_detail", args=[self.pk])

    def is_active_on(self, day: date) -> bool:
        return self.not_active_reason(day) is None

    def not_active_reason(self, day: date) -> str | None:
        """Why this person cannot sit on a panel held on `day`, or None if they can."""
        if self.joined_date and self.joined_date > day:
            return (f"{self} joined the central list on {_day(self.joined_date)}, after the meeting on "
                    f"{_day(day)}.")
        if self.left_date and self.left_date < day:
            return f"{self} left the central list on {_day(self.left_date)}, before the meeting on {_day(day)}."
        return None

    def vetted_before(self, day: date) -> bool:
        """DBS and references on file on or before `day` (CR-PN-003: before the first sitting)."""
        return bool(self.dbs_date and self.references_received_date
                    and self.dbs_date <= day and self.references_received_date <= day)

    def review_due_by(self) -> date | None:
        """When the next annual review falls due (CR-PN-004; PANEL_MEMBER_REVIEW_DAYS, low confidence)."""
        start = self.annual_review_date or self.joined_date
        return start + timedelta(days=settings.PANEL_MEMBER_REVIEW_DAYS) if start else None

    def clean(self):
        errors = {}
        if self.left_date and self.joined_date and self.left_date < self.joined_date:
            errors["left_date"] = "Leaving the central list cannot be before joining it."
        if self.role == MemberRole.SOCIAL_WORKER and self.pqe_years is None:
            errors["pqe_years"] = "A social worker member needs their years of post-qualifying experience."
        if self.role == MemberRole.CHAIR and not self.is_independent:
            errors["is_independent"] = "The chair must be independent of the agency (reg 23)."
        if self.user_id and self.user.role != Role.PANEL_MEMBER:
            errors["user"] = "Choose a login with the panel member role."
        if self.user_id and self.staff_member_id:
            errors["user"] = ("Link a panel member login or a staff member, not both: "
                              "staff sign in with their own login.")
        if errors:
            raise ValidationError(errors)
