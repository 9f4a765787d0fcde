"""Builds import files in memory: the type's own columns, rows from records or by hand, CSV or XLSX."""

import io

from records.imports.plan import import_plan
from records.imports.types import SPECS
from records.imports.write import export_rows, table_bytes


def upload(headers, rows, *, fmt="csv", name="records"):
    """An in-memory file and its name, as the command and the web page pass them."""
    return io.BytesIO(table_bytes(headers, rows, fmt=fmt)), f"{name}.{fmt}"


def plan_for(slug, headers, rows, *, fmt="csv"):
    file, filename = upload(headers, rows, fmt=fmt)
    return import_plan(spec=SPECS[slug], upload=file, filename=filename)


def exported(slug, objects):
    """The headers and rows an export of `objects` would have."""
    spec = SPECS[slug]
    return spec.headers, list(export_rows(spec, objects))
