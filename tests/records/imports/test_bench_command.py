"""manage.py bench_import runs a real import of generated rows and, by default, leaves nothing behind."""

from io import StringIO

import pytest
from django.core.management import call_command

from records.models import TrainingRecord
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_benchmark_imports_every_row_and_rolls_back(manager):
    for _ in range(3):
        f.CarerFactory()
    out = StringIO()
    call_command("bench_import", "--rows", "12", stdout=out)
    output = out.getvalue()
    assert "12 training rows for 3 carers" in output and "(12 created, rolled back)" in output
    assert not TrainingRecord.objects.exists()


def test_keep_leaves_the_imported_records(manager):
    f.CarerFactory()
    call_command("bench_import", "--rows", "5", "--keep", stdout=StringIO())
    assert TrainingRecord.objects.count() == 5
