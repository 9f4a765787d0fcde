"""Factories for inspections; each builds a record that passes full_clean()."""

from datetime import datetime

from inspections.models import Inspection
from inspections.timeline import LONDON
from tests.factories._common import CleanedFactory


class InspectionFactory(CleanedFactory):
    """A full inspection whose notice arrived at 09:15 on Thursday 26 November 2026 (fieldwork Monday 30th).

    The information deadline and upload window are left blank, so the model's defaults fill them.
    """

    class Meta:
        model = Inspection

    type = Inspection.Type.FULL
    notice_received_at = datetime(2026, 11, 26, 9, 15, tzinfo=LONDON)
    notice_working_days = 2
    lead_inspector = "Priya Raman"
