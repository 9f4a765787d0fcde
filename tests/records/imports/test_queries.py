"""A file's related records are read once per file, not once per row (the 10,000-row benchmark depends on it)."""

from datetime import date

from records.imports.apply import import_apply
from records.imports.plan import CREATE, UPDATE
from records.models import TrainingRecord
from tests.factories import CarerFactory, StaffMemberFactory, TrainingRecordFactory
from tests.records.imports.files import plan_for

HEADERS = ["Household reference", "Carer name", "Carer date of birth", "Staff member", "Course", "Completed date", "Provider"]
ROWS = 24


def training_rows(carers, staff):
    rows = []
    for number in range(ROWS):
        completed = f"2020-01-{number + 1:02d}"
        if number % 4 == 3:
            rows.append(["", "", "", staff.email, "Safeguarding children", completed, "County"])
        else:
            carer = carers[number % len(carers)]
            rows.append([carer.household.reference, carer.full_name, carer.date_of_birth.isoformat(), "",
                         "Safeguarding children", completed, "County"])
    return rows


def test_planning_reads_households_people_staff_and_existing_records_once(db, django_assert_max_num_queries):
    carers, staff = CarerFactory.create_batch(3), StaffMemberFactory()
    carer = carers[0]
    TrainingRecordFactory(carer=carer, course="safeguarding", completed_date=date(2020, 1, 1),
                          provider="Old")
    rows = training_rows(carers, staff)

    # Per new or changed row only Django's check-constraint query (in a savepoint inside the test's
    # transaction: three statements); per file a few. A lookup per row would add at least ROWS more.
    with django_assert_max_num_queries(3 * ROWS + 6):
        plan = plan_for("training", HEADERS, rows)

    assert plan.is_valid, plan.errors
    assert [row.action for row in plan.rows].count(CREATE) == ROWS - 1
    assert plan.rows[0].action == UPDATE and set(plan.rows[0].changes) == {"provider"}


def test_applying_saves_each_row_once_and_writes_history_in_bulk(db, manager, django_assert_max_num_queries):
    carers, staff = CarerFactory.create_batch(3), StaffMemberFactory()
    plan = plan_for("training", HEADERS, training_rows(carers, staff))

    with django_assert_max_num_queries(ROWS + 10):
        assert import_apply(plan=plan, user=manager) == {"create": ROWS, "update": 0}

    histories = TrainingRecord.history.filter(history_change_reason="Import of records.csv")
    assert histories.count() == ROWS
    assert set(histories.values_list("history_type", "history_user")) == {("+", manager.pk)}
