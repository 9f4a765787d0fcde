"""The agency's own compliance figures: intervals that no regulation fixes (common practice).

Statutory timescales stay in the rules; figures marked common practice or with a config key in
the reference are fields here, so the registered manager can change them (with history).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from compliance.periods import parse_period


def validate_period(value):
    try:
        parse_period(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def validate_course_periods(value):
    if not isinstance(value, dict) or not value:
        raise ValidationError('Give courses and their refresh periods, e.g. {"first_aid": "P3Y"}.')
    for course, period in value.items():
        validate_period(period)


def default_mandatory_courses():
    return {"first_aid": "P3Y", "safeguarding": "P3Y"}


def period_field(default, label, help_text=""):
    return models.CharField(label, max_length=12, default=default, validators=[validate_period],
                            help_text=help_text or "An ISO 8601 period (P3Y, P12M, P10D) or working days (5WD).")


class AgencyPolicy(models.Model):
    """One row: the agency's compliance settings. Use AgencyPolicy.current()."""

    due_soon_days = models.PositiveSmallIntegerField(
        "Warn this many days before something falls due", default=30)
    # Carers and households
    dbs_renewal = period_field("P3Y", "Renew carers' and household DBS every")
    dbs_update_service_check = period_field("P12M", "Check DBS update service status every")
    new_adult_dbs_within = period_field("P10D", "Apply for DBS for a new adult in the household within")
    new_adult_review_within = period_field("P28D", "Consider a review after a new adult joins within")
    medical_renewal = period_field("P3Y", "Update carers' medicals every")
    ad_hoc_review_within = period_field("28WD", "Review approval after a significant event within")
    tsd_mainstream = period_field("P12M", "TSD standards complete after approval within (mainstream, short breaks)")
    tsd_connected = period_field("P18M", "TSD standards complete after approval within (family and friends)")
    carer_induction_within = period_field("P3M", "Carer induction complete after approval within")
    pdp_review_interval = period_field("P12M", "Review carers' development plans every")
    mandatory_courses = models.JSONField(
        "Mandatory carer courses and refresh periods", default=default_mandatory_courses,
        validators=[validate_course_periods], help_text='Course codes and periods, e.g. {"first_aid": "P3Y"}.')
    supervision_interval_with_child = period_field("P1M", "Supervision visit every (child placed)")
    supervision_interval_without_child = period_field("P2M", "Supervision visit every (no child placed)")
    safer_care_plan_review = period_field("P12M", "Review the household's safer-care plan every")
    post_first_placement_review = models.BooleanField("Review approval after the first placement", default=False)
    post_first_placement_review_within = period_field(
        "P3M", "Hold the review after the first placement within (from its start)")
    # Children
    child_views_interval = period_field("P6M", "Record each child's views every")
    # Staff
    staff_dbs_renewal = period_field("P3Y", "Renew staff DBS every")
    staff_supervision_interval = period_field("P1M", "Staff supervision every")
    max_households_per_ssw = models.PositiveSmallIntegerField(
        "Most households per supervising social worker", default=15)
    # Agency
    complaint_acknowledge_within = period_field("5WD", "Acknowledge complaints within")
    complaint_respond_within = period_field("20WD", "Respond to complaints within")
    notification_outcome_within = period_field("P30D", "Record the outcome of a notification within")
    # Statutory guidance on children missing from care, not the reference: agency policy here.
    return_interview_within_hours = models.PositiveSmallIntegerField(
        "Hold the return interview within (hours after the child returns)", default=72,
        validators=[MinValueValidator(1)])
    reg35_interval = period_field("P6M", "Regulation 35 quality review every")
    board_report_interval = period_field("P3M", "Report to the board (management, outcomes, finance) every")
    document_review_interval = period_field("P12M", "Review the statement of purpose and children's guide every")
    # Regulation 38's lead times, unverified (the reference's confidence is low; as recalled, a month before
    # a planned absence or within a week of an emergency one, and the return within 7 days).
    manager_absence_notice_within = period_field(
        "P7D", "Notify Ofsted of a manager's absence (28 days or more) within (from its start)")
    manager_return_notice_within = period_field("P7D", "Notify Ofsted of the manager's return within")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "agency compliance policy"
        verbose_name_plural = "agency compliance policy"

    def __str__(self):
        return "Agency compliance policy"

    @classmethod
    def current(cls):
        policy, _ = cls.objects.get_or_create(pk=1)
        return policy
