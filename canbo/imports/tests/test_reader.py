"""Bad files: each is refused with a Vietnamese message saying what and where, before any parser can blow up."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canbo.imports.reader import ENCRYPTED_MARK, OLE_MAGIC, ImportFileError, Limits, read_book

from .conftest import xlsx


def refused(data: bytes, name: str = "tep.xlsx", **kwargs: Any) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_book(data, name, **kwargs)
    return caught.value.message


def rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The same zip with some members replaced (None removes a member)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    target.writestr(info.filename, change[info.filename])
            else:
                target.writestr(info, source.read(info))
    return out.getvalue()


def cp1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: base letters precomposed, tone marks as combining characters."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
            out += (base + "".join(p for p in parts if p in tones)).encode("cp1258")
    return out


def test_it_reads_a_workbook() -> None:
    book = read_book(xlsx({"Cán bộ": [["Họ và tên"], ["Nguyễn Văn A"]]}), "a.xlsx")
    assert book.kind == "xlsx"
    assert [(sheet.name, sheet.rows) for sheet in book.sheets] == [
        ("Cán bộ", [["Họ và tên"], ["Nguyễn Văn A"]])
    ]


def test_it_refuses_what_is_not_a_workbook() -> None:
    assert refused(b"%PDF-1.7 not a spreadsheet\x00\x01", "ho-so.pdf") == (
        "Không đọc được tệp “ho-so.pdf”: chỉ nhận workbook Excel (.xlsx), tệp .csv hoặc tệp .zip chứa các tệp .csv."
    )
    assert refused(b"\x89PNG\r\n\x1a\n" + bytes(100), "anh.xlsx") == (
        "Tệp có đuôi .xlsx nhưng không phải workbook Excel: nội dung bị hỏng hoặc sai định dạng."
    )
    assert refused(b"", "rong.xlsx") == "Tệp rỗng."


def test_it_refuses_a_password_protected_workbook() -> None:
    # An encrypted .xlsx is an OLE compound file holding an "EncryptionInfo" stream.
    encrypted = OLE_MAGIC + bytes(500) + ENCRYPTED_MARK + bytes(500)
    assert refused(encrypted).startswith("Tệp được đặt mật khẩu.")
    assert refused(OLE_MAGIC + bytes(1000), "cu.xls").startswith(
        "Tệp theo định dạng Excel 97–2003 (.xls) cũ."
    )


def test_it_refuses_a_corrupt_workbook() -> None:
    data = xlsx({"Cán bộ": [["Họ và tên"]]})
    assert refused(data[: len(data) // 2]).startswith("Tệp bị hỏng")
    broken = rezip(data, {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row><c"})
    message = refused(broken)
    assert message.startswith("Tệp bị hỏng"), message
    assert refused(rezip(data, {"xl/workbook.xml": None})).startswith("Tệp nén không chứa workbook")


def test_it_refuses_a_file_above_the_limit_before_reading_it() -> None:
    limits = Limits(max_bytes=1024 * 1024)
    message = refused(b"PK\x03\x04" + bytes(2 * 1024 * 1024), limits=limits)
    assert message == "Tệp nặng 2,0 MB, vượt giới hạn 1,0 MB; hãy tách thành nhiều tệp nhỏ hơn."


def test_it_refuses_a_zip_bomb() -> None:
    data = xlsx({"Cán bộ": [["Họ và tên"]]})
    padding = b" " * (40 * 1024 * 1024)  # 40 MB of blanks compress about 1000 times
    bomb = rezip(data, {"xl/worksheets/sheet1.xml": b"<worksheet>" + padding + b"</worksheet>"})
    assert len(bomb) < 200_000
    message = refused(bomb)
    assert "có thể là tệp nén độc hại (zip bomb)" in message
    small = Limits(max_uncompressed=10 * 1024 * 1024, max_ratio=100_000)
    assert refused(bomb, limits=small) == (
        "Tệp giải nén ra 40,0 MB, vượt giới hạn 10,0 MB; hãy tách thành nhiều tệp nhỏ hơn."
    )


def test_it_refuses_a_sheet_spanning_the_whole_grid() -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Cán bộ"
    workbook.active["A1"] = "Họ và tên"
    workbook.active["XFD1048576"] = "x"  # calamine would build a grid of 17 billion cells
    stream = io.BytesIO()
    workbook.save(stream)
    assert refused(stream.getvalue()) == (
        "Sheet “Cán bộ” trải tới dòng 1.048.576, cột 16.384 (17.179.869.184 ô), vượt giới hạn 12.000.000 ô. "
        "Hãy xóa các dòng, cột thừa ở cuối sheet hoặc tách tệp."
    )


def test_cells_without_references_are_read_by_openpyxl() -> None:
    data = xlsx({"Cán bộ": [["Họ và tên", "Năm sinh"], ["Lò Văn A", 1990]]})
    source = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    stripped = re.sub(rb'(<c\b[^>]*?) r="[A-Z]+[0-9]+"', rb"\1", source)
    book = read_book(rezip(data, {"xl/worksheets/sheet1.xml": stripped}), "a.xlsx")
    assert book.sheets[0].rows == [["Họ và tên", "Năm sinh"], ["Lò Văn A", 1990]]


def test_it_reads_csv_files_and_zips_of_them() -> None:
    text = "\ufeffHọ và tên;Ngày sinh\r\nNguyễn Thị Hằng;02/03/1985\r\n"
    book = read_book(text.encode("utf-8"), "Cán bộ.csv")
    assert (book.kind, book.sheets[0].name, book.sheets[0].rows) == (
        "csv",
        "Cán bộ",
        [["Họ và tên", "Ngày sinh"], ["Nguyễn Thị Hằng", "02/03/1985"]],
    )
    windows = cp1258("Họ và tên,Giới tính\nLò Thị Mai,Nữ\n")
    assert read_book(windows, "can-bo.csv").sheets[0].rows[1] == ["Lò Thị Mai", "Nữ"]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as target:
        target.writestr("Cán bộ.csv", "Họ và tên,Ngày sinh\nA,1990\n")
        target.writestr("Trình độ.csv", "Họ và tên,Ngày sinh,Loại trình độ\n")
        target.writestr("__MACOSX/._Cán bộ.csv", b"\x00\x05")
        target.writestr("ghi-chu.txt", "x")
    book = read_book(archive.getvalue(), "don-vi.zip")
    assert [sheet.name for sheet in book.sheets] == ["Cán bộ", "Trình độ"]
    assert book.skipped == ["ghi-chu.txt"]


PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(data=st.binary(max_size=4000), name=st.sampled_from(["a.xlsx", "a.csv", "a.zip", "a", "a.xls"]))
def test_random_bytes_raise_only_the_importers_own_error(data: bytes, name: str) -> None:
    try:
        read_book(data, name)
    except ImportFileError as exc:
        assert exc.message


BASE = xlsx({"Cán bộ": [["Họ và tên", "Ngày sinh"], ["A", 1990]]})  # built once: it carries a timestamp


@st.composite
def containers(draw: Any) -> bytes:
    """Zips that look like workbooks: real members mixed with random ones, truncated or not."""
    source = zipfile.ZipFile(io.BytesIO(BASE))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            choice = draw(st.sampled_from(["keep", "keep", "random", "drop"]))
            if choice == "keep":
                target.writestr(info.filename, source.read(info))
            elif choice == "random":
                target.writestr(info.filename, draw(st.binary(max_size=300)))
    data = out.getvalue()
    cut = draw(st.integers(min_value=0, max_value=len(data)))
    return data if draw(st.booleans()) else data[:cut]


@PROPERTY
@given(data=containers())
def test_damaged_workbooks_raise_only_the_importers_own_error(data: bytes) -> None:
    try:
        read_book(data, "a.xlsx")
    except ImportFileError as exc:
        assert exc.message
