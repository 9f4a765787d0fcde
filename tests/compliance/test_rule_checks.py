"""The rule check (compliance.E010): every registered gap rule cites catalogue clauses, at least one."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from compliance import checks, registry
from compliance.registry import Area, Severity


@pytest.fixture
def temporary_rule():
    """`temporary_rule(id, clauses)` registers a throwaway rule; it is removed after the test."""
    added = []

    def register(rule_id, clauses):
        registry.rule(id=rule_id, title="Temporary", clauses=clauses, severity=Severity.LOW, area=Area.AGENCY,
                      applies_to="agency", hint="")(lambda facts, ctx: iter(()))
        added.append(rule_id)

    yield register
    for rule_id in added:
        registry._rules.pop(rule_id, None)


def e010(errors):
    return [error for error in errors if error.id == "compliance.E010"]


def test_the_registered_rules_all_cite_catalogue_clauses():
    assert e010(checks.check_rules()) == []


def test_a_rule_citing_an_unknown_clause_is_an_error(temporary_rule):
    temporary_rule("CR-TEST-901", ["fsr2011:r28", "fsr2011:r99", "nms2011:99.9"])

    [error] = e010(checks.check_rules())

    assert error.msg == "Rule CR-TEST-901 cites unknown clauses: fsr2011:r99, nms2011:99.9."
    assert "compliance/catalogue" in error.hint


def test_a_rule_citing_no_clause_is_an_error(temporary_rule):
    temporary_rule("CR-TEST-902", [])
    assert [error.msg for error in e010(checks.check_rules())] == ["Rule CR-TEST-902 cites no clause."]


def test_manage_py_check_fails_on_a_bad_rule(temporary_rule):
    temporary_rule("CR-TEST-903", ["fsr2011:r99"])
    with pytest.raises(SystemCheckError, match="compliance.E010"):
        call_command("check")
