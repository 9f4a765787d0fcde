"""Fixtures shared by the compliance tests that store runs and gaps."""

import pytest

from compliance.models import ComplianceRun, Gap


@pytest.fixture
def no_runs_from_elsewhere(request):
    """Start without compliance rows committed by other modules' fixtures.

    tests/panels/test_demo.py seeds a demo agency in a module fixture with commits, and seeding stores
    compliance runs and gaps; with pytest-xdist those rows can be visible to these tests.
    """
    if "transactional_db" in request.fixturenames:
        request.getfixturevalue("transactional_db")
    elif "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
    else:
        return
    Gap.objects.all().delete()
    ComplianceRun.objects.all().delete()
