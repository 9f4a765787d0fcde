"""An inspection's defaults: noon information deadline, upload window and notice period from settings."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from inspections.models import Inspection
from inspections.timeline import LONDON
from tests.factories.inspections import InspectionFactory

pytestmark = pytest.mark.django_db

NOTICE = datetime(2026, 11, 26, 9, 15, tzinfo=LONDON)


def test_blank_deadlines_default_to_noon_and_six_hours_after_the_notice():
    inspection = InspectionFactory(notice_received_at=NOTICE)
    assert inspection.information_deadline_at == datetime(2026, 11, 26, 12, 0, tzinfo=LONDON)
    assert inspection.records_upload_until == NOTICE + timedelta(hours=6)
    assert inspection.fieldwork_start == datetime(2026, 11, 30, 9, 0, tzinfo=LONDON)


def test_the_defaults_follow_the_settings(settings):
    settings.INSPECTION_NOTICE_WORKING_DAYS = 3
    settings.INSPECTION_UPLOAD_WINDOW_HOURS = 4
    inspection = Inspection(notice_received_at=NOTICE)
    inspection.full_clean()
    assert inspection.notice_working_days == 3
    assert inspection.records_upload_until == NOTICE + timedelta(hours=4)
    assert inspection.fieldwork_start == datetime(2026, 12, 1, 9, 0, tzinfo=LONDON)


def test_a_deadline_the_inspector_gave_is_kept():
    given = datetime(2026, 11, 26, 16, 0, tzinfo=LONDON)
    inspection = InspectionFactory(notice_received_at=NOTICE, information_deadline_at=given)
    assert inspection.information_deadline_at == given


def test_the_upload_window_cannot_close_before_the_notice():
    with pytest.raises(ValidationError) as error:
        InspectionFactory(notice_received_at=NOTICE, records_upload_until=NOTICE - timedelta(hours=1))
    assert "records_upload_until" in error.value.message_dict


def test_changes_are_kept_in_the_history():
    inspection = InspectionFactory()
    inspection.lead_inspector = "Sam Ito"
    inspection.save()
    assert [h.lead_inspector for h in inspection.history.all()] == ["Sam Ito", "Priya Raman"]
