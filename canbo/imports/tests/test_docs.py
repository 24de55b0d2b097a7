"""docs/import-format.md documents every sheet, column and other accepted header."""

from pathlib import Path

from canbo.imports import schema

DOC = Path(__file__).resolve().parents[3] / "docs" / "import-format.md"


def test_every_sheet_column_and_alias_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for sheet in schema.SHEETS:
        assert f"### {sheet.name}" in text
        for column in sheet.columns:
            assert f"| {column.header} |" in text, column.header
            for alias in column.aliases:
                assert alias in text, alias


def test_headers_do_not_collide_within_a_sheet() -> None:
    for sheet in schema.SHEETS:
        seen: dict[str, str] = {}
        for column in sheet.columns:
            for name in (column.header, *column.aliases):
                key = schema.header_key(name)
                assert seen.setdefault(key, column.key) == column.key, (sheet.name, name)
