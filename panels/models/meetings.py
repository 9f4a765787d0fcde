from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format

from panels import timescales
from panels.models.members import PanelMember
from panels.quorum import QuorumResult, quorum_check
from records.files import PrivateUploadPath
from records.models.base import TrackedModel
from records.validators import validate_not_future


class PanelMeeting(TrackedModel):
    """A fostering panel (reg 24): who sat, the papers' lead time, the items heard and the minutes."""

    date = models.DateField("Meeting date")
    is_joint = models.BooleanField(
        "Joint panel", default=False,
        help_text="Held jointly with another fostering provider; a joint panel needs more members.",
    )
    joint_with = models.CharField("Joint with", max_length=120, blank=True, help_text="The other provider.")
    papers_sent_date = models.DateField(
        "Papers sent to members", null=True, blank=True, validators=[validate_not_future],
        help_text="Papers must reach members at least five working days before the meeting (NMS 14.3).",
    )
    attendees = models.ManyToManyField(PanelMember, through="PanelAttendance", related_name="meetings", blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "panel meeting"

    def __str__(self):
        return f"Panel {date_format(self.date, 'j M Y')}" + (" (joint)" if self.is_joint else "")

    def get_absolute_url(self):
        return reverse("panels:meeting_detail", args=[self.pk])

    def quorum(self) -> QuorumResult:
        """Computed from attendance; prefetch `attendees` when listing meetings."""
        return quorum_check(self.attendees.all(), joint=self.is_joint)

    @property
    def papers_lead_working_days(self):
        return timescales.papers_lead_working_days(self.papers_sent_date, self.date)

    @property
    def papers_short(self) -> bool:
        return timescales.papers_short(self.papers_sent_date, self.date)

    @property
    def papers_due_by(self):
        return timescales.papers_due_by(self.date)

    def clean(self):
        errors = {}
        if self.papers_sent_date and self.date and self.papers_sent_date > self.date:
            errors["papers_sent_date"] = "Papers cannot be sent after the meeting."
        if self.is_joint and not self.joint_with.strip():
            errors["joint_with"] = "Name the provider the panel is held jointly with."
        if self.pk and self.date:
            stranded = [reason for member in self.attendees.all() if (reason := member.not_active_reason(self.date))]
            if stranded:
                errors["date"] = stranded
        if errors:
            raise ValidationError(errors)


class PanelAttendance(TrackedModel):
    """One central-list member sitting at one meeting."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="attendances")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="panels_attendance_once")]
        verbose_name = "panel attendance"

    def __str__(self):
        return f"{self.member} at {self.meeting}"

    def clean(self):
        if self.meeting_id and self.member_id:
            reason = self.member.not_active_reason(self.meeting.date)
            if reason:
                raise ValidationError({"member": reason})


class PanelMinutes(TrackedModel):
    """The written record of a meeting (reg 24, NMS 14.7); sending the final set starts the ADM's clock."""

    meeting = models.OneToOneField(PanelMeeting, on_delete=models.CASCADE, related_name="minutes")
    drafted_date = models.DateField("Draft minutes written", null=True, blank=True, validators=[validate_not_future])
    signed_by_chair_date = models.DateField("Signed by the chair", null=True, blank=True,
                                            validators=[validate_not_future])
    sent_to_adm_date = models.DateField(
        "Final minutes sent to the decision maker", null=True, blank=True, validators=[validate_not_future],
        help_text="The decision maker's seven-working-day clock (NMS 14.9) starts on this date.",
    )
    file = models.FileField(upload_to=PrivateUploadPath("panels/minutes"), blank=True)
    original_filename = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = "panel minutes"
        verbose_name_plural = "panel minutes"

    def __str__(self):
        return f"Minutes of {self.meeting}"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    @property
    def is_final(self) -> bool:
        return self.signed_by_chair_date is not None

    def clean(self):
        errors = {}
        meeting_date = self.meeting.date if self.meeting_id else None
        if meeting_date and self.drafted_date and self.drafted_date < meeting_date:
            errors["drafted_date"] = "Minutes cannot be drafted before the meeting."
        if self.signed_by_chair_date:
            if self.drafted_date and self.signed_by_chair_date < self.drafted_date:
                errors["signed_by_chair_date"] = "The chair cannot sign the minutes before they are drafted."
            elif meeting_date and self.signed_by_chair_date < meeting_date:
                errors["signed_by_chair_date"] = "The chair cannot sign the minutes before the meeting."
        if self.sent_to_adm_date:
            if not self.signed_by_chair_date:
                errors["sent_to_adm_date"] = ("Only final minutes go to the decision maker: "
                                              "record the chair's signature first.")
            elif self.sent_to_adm_date < self.signed_by_chair_date:
                errors["sent_to_adm_date"] = "Final minutes cannot be sent before the chair signed them."
        if errors:
            raise ValidationError(errors)
