"""Rendering loads nothing but local static files, and the spreadsheets never run what people typed."""

import csv
import io
import socket
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings

from inspections.pack.data import Table
from inspections.pack.render import RefusedURL, css_string, local_static_path, pdf_render
from inspections.pack.tables import table_csv, tables_xlsx

STATIC_CSS = Path(settings.BASE_DIR, "static", "css", "pack.css").resolve()


@pytest.mark.parametrize("url", [
    "https://example.org/logo.png", "http://127.0.0.1:8000/static/css/pack.css", "ftp://example.org/a.css",
    "data:text/css,body{}", "file:///etc/passwd", "file://example.org/static/css/pack.css",
    f"file://{Path(settings.BASE_DIR, 'static', '..', 'manage.py')}", f"file://{Path(settings.BASE_DIR, 'README.md')}",
])
def test_the_fetcher_refuses_anything_but_a_static_file(url):
    with pytest.raises(RefusedURL):
        local_static_path(url)


def test_the_fetcher_serves_the_pack_stylesheet():
    assert local_static_path(STATIC_CSS.as_uri()) == STATIC_CSS


def test_rendering_never_opens_a_connection(monkeypatch):
    """A page pointing at remote images and stylesheets still renders, and no socket was ever opened."""
    attempts = []

    def connect(self, address):
        attempts.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", connect)
    html = ('<html><head><link rel="stylesheet" href="https://cdn.example.org/x.css">'
            '<style>@import url("http://example.org/y.css");</style></head>'
            '<body><img src="https://example.org/a.png"><img src="file:///etc/hostname"><p>Hello</p></body></html>')
    rendered = pdf_render(html)
    assert rendered.pdf.startswith(b"%PDF-") and rendered.page_count == 1
    assert attempts == []


def test_running_header_strings_are_escaped_for_css():
    assert css_string('Riverside "Fostering"') == '"Riverside \\22 Fostering\\22 "'
    assert "<" not in css_string("</style><script>") and "\\3c " in css_string("</style>")


@pytest.fixture
def risky_table():
    return Table(id="complaints", title="Complaints", columns=["Received", "Summary", "Outcome"],
                 rows=[(date(2026, 3, 2), "=HYPERLINK(\"http://evil.example\",\"click\")", "Upheld"),
                       (date(2026, 4, 1), ["+44 1632 960000", "@SUM(A1:A2)"], "-1+1")])


def test_csv_cells_that_look_like_formulas_are_quoted(risky_table):
    rows = list(csv.reader(io.StringIO(table_csv(risky_table).decode("utf-8-sig"))))
    assert rows[0] == ["Received", "Summary", "Outcome"]
    assert rows[1] == ["2026-03-02", "'=HYPERLINK(\"http://evil.example\",\"click\")", "Upheld"]
    assert rows[2] == ["2026-04-01", "'+44 1632 960000; @SUM(A1:A2)", "'-1+1"]


def test_workbook_cells_that_look_like_formulas_stay_text(risky_table):
    workbook = openpyxl.load_workbook(io.BytesIO(tables_xlsx([risky_table], about=[("Agency", "=1+1")])))
    assert workbook.sheetnames == ["About", "complaints"]
    assert workbook["About"]["B1"].value == "'=1+1"
    sheet = workbook["complaints"]
    assert sheet["B2"].value.startswith("'=HYPERLINK") and sheet["B2"].data_type == "s"
    assert sheet["C3"].value == "'-1+1"
    assert sheet["A2"].is_date and sheet["A2"].value.date() == date(2026, 3, 2)


def test_a_table_refuses_a_row_of_the_wrong_width():
    with pytest.raises(ValueError, match="3 columns"):
        Table(id="t", title="T", columns=["A", "B", "C"], rows=[("only", "two")])
