"""The column spec an import type is declared with, and the parsers that turn a cell into a value.

A cell arrives as text (CSV) or as a typed value (XLSX: date, number, bool). Each parser takes
that raw value and returns the Python value for the model field, or raises CellError with a
reason a person can act on.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from collections.abc import Callable

from compliance.exports import FORMULA_STARTS

TRUE_WORDS = {"yes", "y", "true", "1", "x", "ticked"}
FALSE_WORDS = {"no", "n", "false", "0", ""}


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason shown to the user."""


def text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    value = str(raw).strip()
    # Our exports quote text a spreadsheet would run as a formula ('=...); take the quote off again.
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        value = value[1:]
    return value


def parse_date(raw):
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    value = text(raw)
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CellError("bad date: use YYYY-MM-DD or DD/MM/YYYY")


def parse_time(raw):
    if isinstance(raw, datetime):
        return raw.time()
    if isinstance(raw, time):
        return raw
    value = text(raw)
    if not value:
        return None
    for pattern in ("%H:%M", "%H:%M:%S", "%H.%M"):
        try:
            return datetime.strptime(value, pattern).time()
        except ValueError:
            continue
    raise CellError("bad time: use HH:MM (24-hour clock)")


def parse_int(raw):
    if isinstance(raw, bool):
        raise CellError("not a whole number")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    value = text(raw)
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise CellError("not a whole number") from None


def parse_bool(raw):
    if isinstance(raw, bool):
        return raw
    value = text(raw).lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise CellError("not yes or no")


def choice(choices) -> Callable:
    """A parser accepting a choice's stored value or its label, in any case."""
    pairs = list(getattr(choices, "choices", choices))
    lookup = {}
    for value, label in pairs:
        lookup[str(value).lower()] = value
        lookup[str(label).lower()] = value

    def parse(raw):
        value = text(raw)
        if not value:
            return ""
        try:
            return lookup[value.lower()]
        except KeyError:
            raise CellError(f"not one of: {', '.join(str(label) for _, label in pairs)}") from None
    parse.choices = choices
    return parse


def choice_list(choices) -> Callable:
    """Several choices in one cell, separated by semicolons (values or labels)."""
    one = choice(choices)

    def parse(raw):
        return [one(part) for part in text(raw).split(";") if part.strip()]
    parse.choices = choices
    return parse


@dataclass(frozen=True)
class Col:
    """One spreadsheet column: its header, the model field it fills and how to read it.

    `field` None means the column only helps find a related record (see Spec.resolve).
    """

    header: str
    field: str | None
    parse: Callable = text
    required: bool = False
    example: str = ""
    # How to write the model value back as a cell (exports and templates); default: str / ISO date.
    show: Callable | None = None


def show_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, list):
        return "; ".join(str(part) for part in value)
    return str(value)


@dataclass(frozen=True)
class Spec:
    """One import type: its columns, the fields that identify a record, and how to find related ones.

    `resolve(cells)` turns the helper columns (field None) into model fields, returning
    {field: value} and raising CellError(column header, reason) via ResolveError when it cannot.
    """

    slug: str
    model: type
    columns: tuple
    key: tuple  # model fields that identify a record: re-importing matches on these
    resolve: Callable | None = None
    describe: Callable = str
    notes: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def headers(self):
        return [col.header for col in self.columns]

    def column(self, header):
        wanted = header.strip().lower()
        return next((col for col in self.columns if col.header.lower() == wanted), None)


class ResolveError(Exception):
    """A related record that cannot be found; names the column so the user can fix it."""

    def __init__(self, header, value, reason):
        super().__init__(reason)
        self.header, self.value, self.reason = header, value, reason
