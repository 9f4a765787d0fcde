"""The gap list as CSV or XLSX, with the same columns either way.

Cells come from record text people typed (names, details), so any text that a spreadsheet would
run as a formula (starting = + - @, or a tab/carriage return that some programs skip before one)
is prefixed with a quote: it shows as typed and never runs (OWASP "CSV injection").
"""

import csv
from datetime import date
from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = [
    ("Severity", 10), ("Rule", 11), ("Rule title", 40), ("Subject", 36), ("Household", 28), ("Social worker", 22),
    ("State", 10), ("Due date", 12), ("Days overdue", 8), ("Detail", 50), ("Clauses", 24), ("How to fix", 50),
    ("Status", 9), ("First seen", 12), ("Resolved", 12), ("Link", 40),
]


def safe_cell(value):
    """Text that cannot run as a formula; other values (numbers, dates, None) unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _local_date(moment):
    return moment.date() if moment else None


def gap_row(gap, *, day: date, base_url: str) -> list:
    """One gap as cells, in COLUMNS order. `gap.rule` is the registered rule or None (see views.common)."""
    rule = gap.rule
    return [
        gap.get_severity_display(), gap.rule_id, rule.title if rule else "", gap.subject_label,
        gap.household.name if gap.household_id and gap.household else "",
        str(gap.social_worker) if gap.social_worker_id and gap.social_worker else "",
        gap.get_state_display(), gap.due_date,
        (day - gap.due_date).days if gap.due_date and gap.due_date < day else 0,
        gap.detail, ", ".join(gap.clause_ids), rule.hint if rule else "", gap.get_status_display(),
        _local_date(gap.first_seen_at), _local_date(gap.resolved_at),
        base_url + gap.subject_url if gap.subject_url else "",
    ]


def gaps_csv(gaps, *, day: date, base_url: str, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # so Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([title for title, _ in COLUMNS])
    for gap in gaps:
        writer.writerow([_csv_text(safe_cell(value)) for value in gap_row(gap, day=day, base_url=base_url)])
    return response


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


def gaps_xlsx(gaps, *, day: date, base_url: str, filename: str, title: str) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Gaps"
    sheet.append([heading for heading, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for gap in gaps:
        sheet.append([safe_cell(value) for value in gap_row(gap, day=day, base_url=base_url)])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(cell.value, str):
                # openpyxl writes a string starting "=" as a formula: keep every text cell a string.
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    workbook.properties.title = title
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
