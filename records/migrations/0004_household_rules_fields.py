# Fields the carers-and-households compliance rules need (CR-HH-005, 009, 012, 026, 030, 031).
# Written by hand so that it holds only these fields: other record changes get their own migration.

import records.validators
from django.db import migrations, models

SEX = [("female", "Female"), ("male", "Male"), ("other", "Other / self-described")]
SCREEN = [("not_disqualified", "Not a disqualifying offence"), ("disqualified", "Disqualified from fostering"),
          ("exception", "Disqualifying, but an exception applies (recorded)")]


def household_fields():
    past = [records.validators.validate_not_future]
    return [
        ("stage_one_completed_date", models.DateField(
            blank=True, null=True, validators=past, verbose_name="Stage 1 checks signed off",
            help_text="Every Schedule 3 Part 1 item received and stage 1 signed off.")),
        ("assessment_report_shared_date", models.DateField(
            blank=True, null=True, validators=past, verbose_name="Assessment report given to the applicant",
            help_text="When the applicant had the stage 2 report to comment on before panel.")),
        ("records_requested_date", models.DateField(
            blank=True, null=True, validators=past, verbose_name="Records requested by another provider")),
        ("records_provided_date", models.DateField(
            blank=True, null=True, validators=past, verbose_name="Records provided",
            help_text="Due within 15 working days of the request.")),
        ("fostering_limit_exemption_until", models.DateField(
            blank=True, null=True, verbose_name="Fostering limit exemption valid until",
            help_text="The exemption from the local authority where the carers live, for more than three "
                      "children.")),
        ("children_placed_are_siblings", models.BooleanField(
            default=False, verbose_name="All children placed are siblings",
            help_text="More than three children may be placed without an exemption if they are all siblings.")),
        ("resignation_notice_date", models.DateField(
            blank=True, null=True, validators=past, verbose_name="Resignation notice received")),
        ("approval_end_reasons", models.TextField(blank=True, verbose_name="Reasons approval ended")),
        ("records_retain_until", models.DateField(
            blank=True, null=True, verbose_name="Keep the records until",
            help_text="At least 10 years after approval ended (reg 32).")),
    ]


def carer_fields():
    return [
        ("sex", models.CharField(blank=True, choices=SEX, max_length=10,
                                 help_text="Shown on the register (reg 31).")),
        ("previous_fostering_provider", models.CharField(
            blank=True, max_length=120, help_text="A fostering provider that approved this carer before, if any.")),
        ("previous_approval_ended_date", models.DateField(
            blank=True, null=True, validators=[records.validators.validate_not_future],
            verbose_name="Previous approval ended", help_text="Leave blank if that approval has not ended.")),
    ]


def check_fields():
    return [
        ("disqualification_screen", models.CharField(
            blank=True, choices=SCREEN, max_length=20, verbose_name="Disqualification determination",
            help_text="Needed when a DBS discloses a conviction or caution.")),
        ("disqualification_screened_date", models.DateField(
            blank=True, null=True, validators=[records.validators.validate_not_future],
            verbose_name="Determination made")),
    ]


def add(model_names, fields):
    return [migrations.AddField(model_name=model_name, name=name, field=field.clone())
            for model_name in model_names for name, field in fields()]


class Migration(migrations.Migration):

    dependencies = [
        ("records", "0003_visit_staff_optional"),
    ]

    operations = [
        *add(["household", "historicalhousehold"], household_fields),
        *add(["carer", "historicalcarer"], carer_fields),
        *add(["check", "historicalcheck"], check_fields),
    ]
