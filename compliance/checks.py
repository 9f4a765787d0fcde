"""System checks: every clause tag names a real field and a catalogue clause, no field is left out,
and every gap rule cites catalogue clauses (compliance.E010).

Runs with `manage.py check` (and before migrate/runserver). Reads the catalogue from the YAML,
so it needs no database.
"""

from django.apps import apps
from django.core.checks import Error
from simple_history.models import HistoricalChanges

from compliance import registry
from compliance.catalogue.loader import CatalogueError, catalogue_index

# Apps whose every concrete model must declare its fields in the app's clauses.py.
CLAUSE_TAGGED_APPS = ("records", "panels")


def check_clause_tags(app_configs=None, **kwargs):
    try:
        known_clauses = catalogue_index()
    except (CatalogueError, OSError) as exc:
        return [Error(f"The clause catalogue cannot be read: {exc}", id="compliance.E000",
                      hint="Fix the YAML in compliance/catalogue/.")]

    # Given app configs (`manage.py check records`, or tests) narrow the check to those apps.
    configs = app_configs if app_configs is not None else apps.get_app_configs()
    wanted = {config.label for config in configs}
    errors = []
    for model in _models_needing_tags(configs):
        if registry.clauses_for(model) is None:
            errors.append(Error(
                f"{model._meta.label} has no clause declaration.",
                hint=f"Call compliance.registry.tag_fields({model.__name__}, ...) in "
                     f"{model._meta.app_label}/clauses.py.",
                obj=model, id="compliance.E004",
            ))
    for entry in registry.tagged_models():
        if entry.model._meta.app_label in wanted:
            errors.extend(_check_declaration(entry, known_clauses))
    return errors


def _models_needing_tags(app_configs):
    for config in app_configs:
        if config.label not in CLAUSE_TAGGED_APPS:
            continue
        # get_models() already leaves out auto-created many-to-many through tables.
        for model in config.get_models():
            if not issubclass(model, HistoricalChanges) and not model._meta.proxy:
                yield model


def _declarable_fields(model):
    """Forward fields a declaration must cover: all concrete and many-to-many fields, minus bookkeeping."""
    opts = model._meta
    exempt = set(getattr(model, "BOOKKEEPING_FIELDS", ()))
    if opts.pk.auto_created:
        exempt.add(opts.pk.name)
    return [field.name for field in (*opts.concrete_fields, *opts.many_to_many) if field.name not in exempt]


def _check_declaration(entry, known_clauses):
    model = entry.model
    label = model._meta.label
    existing = {field.name for field in (*model._meta.concrete_fields, *model._meta.many_to_many)}
    errors = []
    for field_name, clause_ids in entry.fields.items():
        where = f"{label}.{field_name}"
        if field_name not in existing:
            errors.append(Error(
                f"{where} is tagged with clauses but {label} has no field '{field_name}'.",
                hint="Fix the field name in the clauses.py declaration, or remove the tag.",
                obj=model, id="compliance.E002",
            ))
        if not clause_ids:
            errors.append(Error(
                f"{where} is tagged with no clause ids.",
                hint="Name the clauses it evidences, or list it in not_evidence.",
                obj=model, id="compliance.E006",
            ))
        for clause_id in clause_ids:
            if clause_id not in known_clauses:
                errors.append(Error(
                    f"{where} cites '{clause_id}', which is not in the clause catalogue.",
                    hint="Use an id from compliance/catalogue/*.yaml (e.g. 'fsr2011:r26', 'nms2011:19.3').",
                    obj=model, id="compliance.E001",
                ))
        if field_name in entry.not_evidence:
            errors.append(Error(
                f"{where} is both tagged and listed in not_evidence.",
                hint="Keep it in one place.",
                obj=model, id="compliance.E007",
            ))
    for field_name in sorted(entry.not_evidence - existing):
        errors.append(Error(
            f"{label}.{field_name} is listed in not_evidence but {label} has no such field.",
            hint="Fix or remove the name in the clauses.py declaration.",
            obj=model, id="compliance.E003",
        ))
    for field_name in _declarable_fields(model):
        if field_name not in entry.fields and field_name not in entry.not_evidence:
            errors.append(Error(
                f"{label}.{field_name} is neither tagged with clauses nor listed in not_evidence.",
                hint=f"Add it to the {model.__name__} declaration in {model._meta.app_label}/clauses.py: "
                     "the clause ids it evidences, or not_evidence if it evidences nothing.",
                obj=model, id="compliance.E005",
            ))
    return errors


def check_rules(app_configs=None, **kwargs):
    """Every registered gap rule cites at least one clause, and only clauses in the catalogue."""
    try:
        known_clauses = catalogue_index()
    except (CatalogueError, OSError):
        return []  # check_clause_tags reports the unreadable catalogue (compliance.E000)
    errors = []
    for rule in registry.all_rules():
        unknown = [clause_id for clause_id in rule.clauses if clause_id not in known_clauses]
        if not rule.clauses or unknown:
            errors.append(Error(
                f"Rule {rule.id} cites " + (f"unknown clauses: {', '.join(unknown)}." if unknown else "no clause."),
                hint="Give @rule(clauses=[...]) ids from compliance/catalogue/*.yaml (e.g. 'fsr2011:r28'); "
                     "the reference's basis ids map through each entry's ref_id.",
                obj=f"{rule.func.__module__}.{rule.func.__qualname__}" if rule.func else rule.id,
                id="compliance.E010",
            ))
    return errors
