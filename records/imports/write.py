"""Writing a type's columns out: the template (header + example row) and records as import rows.

Both use the import's own columns, so an export can be edited and imported back. Text that a
spreadsheet would run as a formula is quoted (compliance.exports.safe_cell).
"""

import csv
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font

from compliance.exports import safe_cell
from records.imports.columns import Spec, show_value


def cell_for(column, obj) -> str:
    if column.field is None:
        return column.show(obj) if column.show else ""
    value = getattr(obj, column.field)
    if column.show:
        return column.show(value)
    choices = getattr(column.parse, "choices", None)
    if choices is not None:
        labels = dict(getattr(choices, "choices", choices))
        if isinstance(value, list):
            return "; ".join(str(labels.get(part, part)) for part in value)
        return str(labels.get(value, value)) if value else ""
    return show_value(value)


def export_rows(spec: Spec, objects):
    for obj in objects:
        yield [cell_for(column, obj) for column in spec.columns]


def template_rows(spec: Spec):
    return [[column.example for column in spec.columns]]


def table_bytes(headers, rows, *, fmt: str) -> bytes:
    """The rows as a CSV (UTF-8 with BOM, for Excel) or XLSX file; every cell kept as text."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows([[safe_cell(value) for value in row] for row in rows])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would write a string starting "=" as a formula
            elif isinstance(cell.value, date):
                cell.number_format = "YYYY-MM-DD"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
