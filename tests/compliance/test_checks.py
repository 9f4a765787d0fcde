"""The clause-tag system check (compliance/checks.py), on throwaway models and on the real project."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test.utils import isolate_apps

from compliance import checks, registry
from compliance.catalogue.loader import CatalogueError


@pytest.fixture
def scratch():
    """Models defined inside this block live in a private 'records' registry; their tags are dropped after."""
    with isolate_apps("records") as scratch_apps:
        defined = []

        def define(name, **fields):
            attrs = {"__module__": "records.models", "Meta": type("Meta", (), {"app_label": "records"}), **fields}
            model = type(name, (models.Model,), attrs)
            defined.append(model)
            return model

        define.app_config = scratch_apps.get_app_config("records")
        yield define
        for model in defined:
            registry.untag_fields(model)


def errors_for(scratch, model):
    return [error for error in checks.check_clause_tags(app_configs=[scratch.app_config]) if error.obj is model]


def test_an_untagged_field_is_an_error(scratch):
    model = scratch("Visit", visit_date=models.DateField(), notes=models.TextField())
    registry.tag_fields(model, fields={"visit_date": ["nms2011:21.8"]})

    errors = errors_for(scratch, model)

    assert [error.id for error in errors] == ["compliance.E005"]
    assert "records.Visit.notes" in errors[0].msg
    assert "not_evidence" in errors[0].hint


def test_an_unknown_clause_id_is_an_error(scratch):
    model = scratch("Visit", visit_date=models.DateField())
    registry.tag_fields(model, fields={"visit_date": ["nms2011:21.8", "fsr2011:r99"]})

    errors = errors_for(scratch, model)

    assert [error.id for error in errors] == ["compliance.E001"]
    assert "'fsr2011:r99'" in errors[0].msg and "records.Visit.visit_date" in errors[0].msg


def test_a_tag_on_a_missing_field_is_an_error(scratch):
    model = scratch("Visit", visit_date=models.DateField())
    registry.tag_fields(model, fields={"visit_date": ["nms2011:21.8"], "visited_on": ["nms2011:21.8"]})

    errors = errors_for(scratch, model)

    assert [error.id for error in errors] == ["compliance.E002"]
    assert "visited_on" in errors[0].msg


def test_a_missing_not_evidence_field_is_an_error(scratch):
    model = scratch("Visit", visit_date=models.DateField())
    registry.tag_fields(model, fields={"visit_date": ["nms2011:21.8"]}, not_evidence=["remarks"])

    assert [error.id for error in errors_for(scratch, model)] == ["compliance.E003"]


def test_an_undeclared_model_is_an_error(scratch):
    model = scratch("Visit", visit_date=models.DateField())

    errors = errors_for(scratch, model)

    assert [error.id for error in errors] == ["compliance.E004"]
    assert "records.Visit has no clause declaration" in errors[0].msg
    assert "records/clauses.py" in errors[0].hint


def test_an_empty_tag_and_a_double_listing_are_errors(scratch):
    model = scratch("Visit", visit_date=models.DateField(), notes=models.TextField())
    registry.tag_fields(model, fields={"visit_date": [], "notes": ["fsr2011:r17"]}, not_evidence=["notes"])

    assert sorted(error.id for error in errors_for(scratch, model)) == ["compliance.E006", "compliance.E007"]


def test_many_to_many_fields_need_a_declaration_but_their_through_tables_do_not(scratch):
    course = scratch("Course", title=models.CharField(max_length=20))
    attendee = scratch("Attendee", courses=models.ManyToManyField(course))
    registry.tag_fields(course, fields={}, not_evidence=["title"])
    registry.tag_fields(attendee, fields={})

    errors = checks.check_clause_tags(app_configs=[scratch.app_config])

    assert [(error.id, error.obj) for error in errors if error.id != "compliance.E005"] == []
    assert [error.msg for error in errors if error.obj is attendee] == [
        "records.Attendee.courses is neither tagged with clauses nor listed in not_evidence."
    ]


def test_an_unreadable_catalogue_is_an_error(monkeypatch):
    def broken():
        raise CatalogueError("fsr2011.yaml is not a valid catalogue file")

    monkeypatch.setattr(checks, "catalogue_index", broken)

    assert [error.id for error in checks.check_clause_tags()] == ["compliance.E000"]


def test_the_project_passes_the_check():
    assert checks.check_clause_tags() == []
    call_command("check")  # raises SystemCheckError on any error


def test_every_records_model_is_declared_and_history_models_are_not_needed():
    records_models = list(apps.get_app_config("records").get_models())
    history = [model for model in records_models if model.__name__.startswith("Historical")]
    concrete = [model for model in records_models if model not in history]

    # Every record type has generic pages (records/resources.py) except evidence and change requests,
    # which have their own (the inbox and upload pages; the carer portal and the social worker's queue).
    from records.models import ChangeRequest, Evidence
    from records.resources import BY_MODEL
    assert set(concrete) == set(BY_MODEL) | {Evidence, ChangeRequest}
    assert all(registry.clauses_for(model) for model in concrete)
    assert history and not any(registry.clauses_for(model) for model in history)
