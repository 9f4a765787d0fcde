"""Load the clause catalogue so every migrated database, the test database included, has it.

Later catalogue edits reach existing databases through `manage.py load_clauses`.
"""

from django.db import migrations


def load(apps, schema_editor):
    from compliance.catalogue.loader import load_catalogue

    load_catalogue(apps.get_model("compliance", "Clause"))


class Migration(migrations.Migration):

    dependencies = [
        ("compliance", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
