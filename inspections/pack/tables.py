"""Every table of the pack as CSV, and all of them as one XLSX workbook (a sheet each).

Cells come from what people typed, so text a spreadsheet would run as a formula (starting = + - @,
or a tab or carriage return) gets a leading quote and is stored as text (compliance.exports.safe_cell).
Dates are real dates in the workbook and ISO 8601 (2026-11-26) in the CSV files.
"""

import csv
import io
from datetime import date, datetime

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from compliance.exports import safe_cell

MULTI_LINE_JOINER = "; "
SHEET_TITLE_MAX = 31


def export_value(value):
    """A cell for a spreadsheet: lists joined, aware datetimes in UK time without the zone, text made safe."""
    if isinstance(value, (list, tuple)):
        value = MULTI_LINE_JOINER.join(str(part) for part in value if part not in (None, ""))
    if isinstance(value, datetime):
        value = timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return safe_cell(value)


def table_csv(table) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so Excel reads the file as UTF-8
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(column) for column in table.columns])
    for row in table.rows:
        writer.writerow([_csv_text(export_value(value)) for value in row])
    return buffer.getvalue().encode("utf-8")


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return value


def tables_xlsx(tables, *, about: list[tuple[str, str]]) -> bytes:
    """One workbook: an "About" sheet (`about` rows, then the list of sheets), then a sheet per table.

    Written in openpyxl's write-only mode (rows streamed, a fraction of the time and memory). Text
    cells never start with a formula character (safe_cell), so openpyxl stores them all as text."""
    workbook = Workbook(write_only=True)
    names = _sheet_names([table.id for table in tables])
    cover = workbook.create_sheet("About")
    cover.column_dimensions["A"].width, cover.column_dimensions["B"].width = 34, 80
    bold = Font(bold=True)
    for label, value in about:
        cover.append([_styled(cover, label, font=bold), safe_cell(value)])
    cover.append([])
    cover.append([_styled(cover, "Sheet", font=bold), _styled(cover, "Table", font=bold)])
    for table, name in zip(tables, names, strict=True):
        cover.append([name, safe_cell(table.title)])
    for table, name in zip(tables, names, strict=True):
        _table_sheet(workbook.create_sheet(name), table, bold)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_names(ids):
    names, used = [], set()
    for table_id in ids:
        name, number = table_id[:SHEET_TITLE_MAX], 2
        while name in used:
            suffix = f"-{number}"
            name, number = table_id[:SHEET_TITLE_MAX - len(suffix)] + suffix, number + 1
        used.add(name)
        names.append(name)
    return names


def _table_sheet(sheet, table, bold):
    rows = [[export_value(value) for value in row] for row in table.rows]
    widths = [min(max(len(column), 10), 40) for column in table.columns]
    for values in rows:
        for index, value in enumerate(values):
            if isinstance(value, str):
                widths[index] = min(max(widths[index], len(value) + 2), 60)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    wrap = Alignment(wrap_text=True, vertical="bottom")
    sheet.append([_styled(sheet, safe_cell(column), font=bold, alignment=wrap) for column in table.columns])
    for values in rows:
        sheet.append([_dated(sheet, value) for value in values])


def _styled(sheet, value, **style):
    cell = WriteOnlyCell(sheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _dated(sheet, value):
    if isinstance(value, datetime):
        return _styled(sheet, value, number_format="DD/MM/YYYY HH:MM")
    if isinstance(value, date):
        return _styled(sheet, value, number_format="DD/MM/YYYY")
    return value
