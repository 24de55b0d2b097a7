"""Property tests: random cells under the workbook's headers give problems, never an exception."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canbo.imports import schema
from canbo.imports.engine import Importer
from canbo.imports.reader import RawBook, RawSheet

DB = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
near = st.text(alphabet="0123456789/-.: ,'ABCĐHKMNTSabcdghikmnrstuyàâăêôơưạảấầếệồớờợụủứừữĩỹ", max_size=20)
cell = st.one_of(
    st.none(),
    st.text(max_size=30),
    near,
    st.integers(min_value=-(10**13), max_value=10**13),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.datetimes(),
    st.booleans(),
    st.sampled_from(
        ["Nam", "Nữ", "Kinh", "Không", "SNV", "Chuyên viên", "ThS", "2020-2025", "HTTNV", "010185000123"]
    ),
)


@st.composite
def books(draw: Any) -> RawBook:
    """A workbook of one to three canonical sheets whose cells are anything at all."""
    specs = draw(st.lists(st.sampled_from(schema.SHEETS), min_size=1, max_size=3, unique_by=lambda s: s.key))
    sheets = []
    for spec in specs:
        headers = [column.header for column in spec.columns]
        if draw(st.booleans()):
            headers = draw(st.permutations(headers))
        rows = draw(st.lists(st.lists(cell, min_size=len(headers), max_size=len(headers)), max_size=4))
        sheets.append(RawSheet(name=spec.name, rows=[headers, *rows]))
    return RawBook(filename="ngau-nhien.xlsx", kind="xlsx", sheets=sheets)


@DB
@given(book=books())
def test_random_cells_give_problems_and_never_raise(
    reference: dict[str, int], places: Any, book: RawBook
) -> None:
    report = Importer(book).run()
    for problem in report.problems:
        assert isinstance(problem.message, str) and problem.message
        assert problem.severity in ("error", "warning")


@DB
@given(
    headers=st.lists(st.one_of(st.text(max_size=20), cell), max_size=8),
    rows=st.lists(st.lists(cell, max_size=8), max_size=3),
)
def test_random_headers_never_raise(
    reference: dict[str, int], headers: list[Any], rows: list[list[Any]]
) -> None:
    book = RawBook(filename="a.xlsx", kind="xlsx", sheets=[RawSheet(name="Cán bộ", rows=[headers, *rows])])
    Importer(book).run()
