"""docs/import-columns.md (linked from the README) names every column of every import type."""

from pathlib import Path

from records.imports.types import SPECS

DOC = Path(__file__).resolve().parents[3] / "docs" / "import-columns.md"


def test_the_columns_page_lists_every_type_with_its_columns_in_order():
    sections = DOC.read_text().split("\n## ")[1:]
    documented = {section.split("`")[1]: section for section in sections}
    assert set(documented) == set(SPECS)
    for slug, spec in SPECS.items():
        assert f"Columns: {', '.join(spec.headers)}." in documented[slug], slug
        required = [col.header for col in spec.columns if col.required]
        assert f"Required: {', '.join(required)}." in documented[slug], slug
