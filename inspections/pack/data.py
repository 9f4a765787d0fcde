"""What a gathered pack is: sections of tables, every list already materialised.

The HTML, the PDF, the CSV and the XLSX files all read these objects, so they always agree.
A cell is text, a number, a date, a datetime, None or a list of text (several lines in one cell).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

GRID, FACTS = "grid", "facts"


def cell_text(value, *, joiner="\n") -> str:
    """A cell as a person reads it: UK dates, "Yes"/"No", "–" for nothing."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (list, tuple)):
        return joiner.join(str(part) for part in value) if value else "–"
    return str(value)


@dataclass(frozen=True)
class Cell:
    lines: list[str]
    numeric: bool

    @property
    def text(self) -> str:
        """The lines joined by newlines: printed with `white-space: pre-line`, which lays out faster than <br>s."""
        return "\n".join(self.lines)


def _cell(value) -> Cell:
    if isinstance(value, (list, tuple)):
        lines = [str(part) for part in value if part not in (None, "")]
        return Cell(lines or ["–"], False)
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    return Cell(cell_text(value).split("\n"), numeric)


@dataclass
class Table:
    """One table of the pack. `layout` FACTS is a two-column label/value list (agency details, figures)."""

    id: str
    title: str
    columns: list[str]
    rows: list[tuple]
    layout: str = GRID
    note: str = ""
    empty: str = "None recorded in the period."

    def __post_init__(self):
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"Table {self.id}: a row has {len(row)} cells for {len(self.columns)} columns.")

    def column_widths(self) -> list[float]:
        """Percent widths from what the columns hold (the longest header word, the 90th-percentile line),
        so the PDF can use a fixed table layout: WeasyPrint then need not measure every cell twice."""
        weights = []
        for index, column in enumerate(self.columns):
            lengths = sorted(max((len(line) for line in _cell(row[index]).lines), default=1) for row in self.rows)
            typical = lengths[int(len(lengths) * 0.9)] if lengths else 4
            longest_word = max((len(word) for word in column.split()), default=4)
            weights.append(min(max(typical, longest_word, 4), 32) + 3)  # + 3: the cell's padding
        total = sum(weights)
        return [round(100 * weight / total, 2) for weight in weights]

    def header(self) -> list[tuple[str, bool]]:
        """(column title, numeric?) pairs: a numeric column's title aligns right, over its figures."""
        numeric = [all(_cell(row[index]).numeric for row in self.rows if row[index] not in (None, ""))
                   and any(row[index] not in (None, "") for row in self.rows) for index in range(len(self.columns))]
        return list(zip(self.columns, numeric, strict=True))

    def display_rows(self) -> list[list[Cell]]:
        """Rows for the templates: each cell its lines of text, numbers flagged for right alignment."""
        return [[_cell(value) for value in row] for row in self.rows]


@dataclass
class Section:
    id: str
    title: str
    intro: str
    tables: list[Table] = field(default_factory=list)
    landscape: bool = False


@dataclass
class Pack:
    """Everything the pack shows. `meta` is what the cover and running header print."""

    sections: list[Section]
    meta: dict

    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    def table(self, table_id: str) -> Table:
        return next(table for table in self.tables() if table.id == table_id)
