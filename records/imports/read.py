"""A CSV or XLSX file → its header and its rows, refusing what would exhaust memory.

The size is checked before anything is read (IMPORT_MAX_BYTES) and the rows are counted while
streaming (IMPORT_MAX_ROWS), so a huge file stops early. CSV is read with the csv module as UTF-8
(with or without the BOM Excel adds); XLSX with openpyxl in read-only mode, first sheet only.
"""

import codecs
import csv
import os
import zipfile
from datetime import datetime

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

SAVE_AS = "Save it from your spreadsheet as \"CSV UTF-8\" or as an Excel workbook (.xlsx) and try again."


class FileRefused(Exception):
    """The whole file cannot be imported; the message says why and what to do."""


def file_size(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        position = upload.tell()
        size = upload.seek(0, os.SEEK_END)
        upload.seek(position)
    return size


def read_table(upload, *, name: str):
    """Returns (headers, rows) where rows yields (spreadsheet row number, list of cells), header = row 1.

    Raises FileRefused for a file that is too big, not CSV/XLSX, or not readable; the rows
    iterator raises it too, when the row limit is passed or the text stops being UTF-8.
    """
    limit = settings.IMPORT_MAX_BYTES
    if file_size(upload) > limit:
        raise FileRefused(f"The file is larger than the {filesizeformat(limit)} an import may be. "
                          "Split it into smaller files.")
    extension = os.path.splitext(name)[1].lower()
    if extension == ".csv":
        rows = _csv_rows(upload)
    elif extension == ".xlsx":
        rows = _xlsx_rows(upload)
    else:
        raise FileRefused("Only .csv and .xlsx files can be imported. " + SAVE_AS)
    rows = _limited(rows)
    try:
        _, headers = next(rows)
    except StopIteration:
        raise FileRefused("The file is empty: the first row should hold the column headings.") from None
    return [_heading(cell) for cell in headers], rows


def _heading(cell) -> str:
    return "" if cell is None else str(cell).strip()


def _limited(rows):
    limit = settings.IMPORT_MAX_ROWS
    for number, cells in rows:
        if number > limit + 1:  # the header row does not count
            raise FileRefused(f"The file has more than {limit:,} rows; split it into smaller files.")
        if any(cell not in (None, "") for cell in cells):
            yield number, cells


def _csv_rows(upload):
    start = upload.read(4)
    upload.seek(0)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileRefused("The file is saved as UTF-16 (\"Unicode text\"), which cannot be read. " + SAVE_AS)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    line = 0

    def lines():
        nonlocal line
        # Decoded line by line (not in blocks) so an encoding error can name the line it is on.
        for line, raw in enumerate(upload, start=1):
            yield decoder.decode(raw)
        yield decoder.decode(b"", final=True)

    number = 0
    try:
        for number, cells in enumerate(csv.reader(lines()), start=1):
            yield number, cells
    except UnicodeDecodeError as error:
        raise FileRefused(
            f"Line {line} is not UTF-8 text (byte 0x{error.object[error.start]:02X} cannot be read): the file was "
            "probably saved as \"CSV\" in a Windows or Latin-1 encoding. " + SAVE_AS) from None
    except csv.Error as error:
        raise FileRefused(f"Row {number + 1} cannot be read as CSV ({error}). " + SAVE_AS) from None


def _xlsx_rows(upload):
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError):
        raise FileRefused("The file is not a readable Excel workbook (.xlsx). " + SAVE_AS) from None
    try:
        sheet = workbook.worksheets[0]
        if (sheet.max_row or 0) > settings.IMPORT_MAX_ROWS + 1:  # the sheet's stated size; counted again below
            raise FileRefused(f"The file has more than {settings.IMPORT_MAX_ROWS:,} rows; split it into smaller files.")
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [cell.date() if isinstance(cell, datetime) else cell for cell in cells]
    finally:
        workbook.close()
