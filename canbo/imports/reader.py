"""Reading an uploaded file into rows of cells: .xlsx (python-calamine, openpyxl as fallback), .csv, .zip of CSVs.

Every refusal is an `ImportFileError` whose message says, in Vietnamese, what is wrong; nothing else
escapes for any bytes. The guards run before any parser sees the file: the size of the upload; for
zip containers (an .xlsx is one) the number of members, each member's size and compression ratio, and
the total, all measured while decompressing rather than trusted from the headers (zip bombs); and for
each worksheet the area its cells span, because calamine builds a dense grid of that area and two
cells at A1 and XFD1048576 would ask it for 17 billion cells.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from canbo.core.bulk import gc_paused
from canbo.core.formatting import format_number

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_CELL_REF = re.compile(rb"<(?:\w+:)?(c|row)\b[^>]*?\sr=\"([A-Z]{0,3})([0-9]{1,9})\"")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b")
_ROW_REF = re.compile(rb'<row r="([0-9]{1,9})"')
_WIDE_REF = re.compile(rb'<c r="([A-Z]{2,3})[0-9]')
_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTRIBUTE = re.compile(rb"([\w:]+)=\"([^\"]*)\"")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_CHUNK = 1 << 20
_OVERLAP = 64


class ImportFileError(Exception):
    """A file the importer cannot take in at all; the message says what and where, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Limits:
    """How big an upload may be, and what it may expand to (settings CANBO_IMPORT_*)."""

    max_bytes: int = 50 * 1024 * 1024
    max_uncompressed: int = 400 * 1024 * 1024
    max_ratio: int = 200
    max_members: int = 2000
    max_cells: int = 12_000_000

    @classmethod
    def from_settings(cls) -> Limits:
        """The limits configured for this site, or the defaults."""
        return cls(
            max_bytes=getattr(settings, "CANBO_IMPORT_MAX_BYTES", cls.max_bytes),
            max_uncompressed=getattr(settings, "CANBO_IMPORT_MAX_UNCOMPRESSED", cls.max_uncompressed),
            max_ratio=getattr(settings, "CANBO_IMPORT_MAX_RATIO", cls.max_ratio),
            max_members=getattr(settings, "CANBO_IMPORT_MAX_MEMBERS", cls.max_members),
            max_cells=getattr(settings, "CANBO_IMPORT_MAX_CELLS", cls.max_cells),
        )


@dataclass
class RawSheet:
    """The cells of one sheet as read: rows[0] is Excel row 1, column 0 is column A; empty is None or ""."""

    name: str
    rows: list[list[Any]] = field(default_factory=list)


@dataclass
class RawBook:
    """A file read into sheets; names of sheets that were not read are kept for the report."""

    filename: str
    kind: str  # "xlsx", "csv" or "zip"
    sheets: list[RawSheet] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def megabytes(size: int) -> str:
    """A size in MB the Vietnamese way (52,4)."""
    return format_number(size / (1024 * 1024), 1)


def check_size(size: int, limits: Limits | None = None) -> None:
    """Refuse an upload above the configured size, before anything reads it."""
    limits = limits or Limits.from_settings()
    if size > limits.max_bytes:
        raise ImportFileError(
            _("Tệp nặng %(size)s MB, vượt giới hạn %(limit)s MB; hãy tách thành nhiều tệp nhỏ hơn.")
            % {"size": megabytes(size), "limit": megabytes(limits.max_bytes)}
        )


def read_book(
    data: bytes,
    filename: str,
    *,
    wanted: Callable[[str], bool] = lambda name: True,
    limits: Limits | None = None,
) -> RawBook:
    """Read an .xlsx workbook, a .csv file or a .zip of CSV files; only the sheets `wanted` accepts."""
    with gc_paused():  # a province's file is millions of cells kept in lists: nothing for the collector
        return _read_book(data, filename, wanted=wanted, limits=limits)


def _read_book(
    data: bytes,
    filename: str,
    *,
    wanted: Callable[[str], bool],
    limits: Limits | None,
) -> RawBook:
    limits = limits or Limits.from_settings()
    check_size(len(data), limits)
    if not data:
        raise ImportFileError(_("Tệp rỗng."))
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_MARK in data:
            raise ImportFileError(
                _(
                    "Tệp được đặt mật khẩu. Hãy mở tệp trong Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ) rồi tải lên lại."
                )
            )
        raise ImportFileError(
            _(
                "Tệp theo định dạng Excel 97–2003 (.xls) cũ. Hãy mở trong Excel và lưu lại dạng .xlsx rồi tải lên lại."
            )
        )
    if data.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            names = archive.namelist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
            raise ImportFileError(
                _("Tệp bị hỏng: không mở được (%(reason)s).") % {"reason": _short(exc)}
            ) from exc
        with archive:
            if "xl/workbook.xml" in names or any(name.endswith("workbook.xml") for name in names):
                return _read_xlsx(archive, data, filename, wanted, limits)
            if any(name.lower().endswith(".csv") for name in names):
                return _read_zip_of_csv(archive, filename, wanted, limits)
        raise ImportFileError(
            _(
                "Tệp nén không chứa workbook Excel (.xlsx) hay tệp CSV nào; hãy tải lên tệp .xlsx, .csv hoặc .zip các tệp .csv."
            )
        )
    if filename.lower().endswith(".xlsx"):
        raise ImportFileError(
            _("Tệp có đuôi .xlsx nhưng không phải workbook Excel: nội dung bị hỏng hoặc sai định dạng.")
        )
    text = _decode_text(data, filename)
    if text is None:
        raise ImportFileError(
            _(
                "Không đọc được tệp “%(name)s”: chỉ nhận workbook Excel (.xlsx), tệp .csv hoặc tệp .zip chứa các tệp .csv."
            )
            % {"name": _short(filename)}
        )
    sheet = _csv_sheet(text, PurePosixPath(filename).stem, limits)
    return RawBook(filename=filename, kind="csv", sheets=[sheet])


def _short(value: Any, size: int = 80) -> str:
    text = str(value)
    return text if len(text) <= size else text[: size - 1] + "…"


# --- zip containers ---------------------------------------------------------------------------------


def _member_bytes(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, budget: list[int]
) -> Iterator[bytes]:
    """Decompress one member in chunks, refusing it once it grows past the limits (headers are not trusted)."""
    seen = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                seen += len(chunk)
                budget[0] -= len(chunk)
                if budget[0] < 0:
                    raise ImportFileError(
                        _(
                            "Tệp giải nén ra quá %(limit)s MB (giới hạn dữ liệu); có thể là tệp nén độc hại hoặc quá lớn."
                        )
                        % {"limit": megabytes(limits.max_uncompressed)}
                    )
                if seen > 1024 * 1024 and seen > limits.max_ratio * max(info.compress_size, 1):
                    raise ImportFileError(
                        _(
                            "Phần “%(name)s” trong tệp nén giãn ra hơn %(ratio)s lần: có thể là tệp nén độc hại (zip bomb)."
                        )
                        % {"name": _short(info.filename), "ratio": limits.max_ratio}
                    )
                yield chunk
    except ImportFileError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,
        NotImplementedError,  # zipfile: a compression method it cannot read (a damaged or odd file)
    ) as exc:
        raise ImportFileError(
            _("Tệp bị hỏng: không giải nén được phần “%(name)s” (%(reason)s).")
            % {"name": _short(info.filename), "reason": _short(exc)}
        ) from exc


def _check_members(archive: zipfile.ZipFile, limits: Limits) -> list[zipfile.ZipInfo]:
    """The members of a container, refused when there are too many or the headers promise too much."""
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise ImportFileError(
            _("Tệp nén có %(n)s phần, quá nhiều (tối đa %(max)s).")
            % {"n": len(infos), "max": limits.max_members}
        )
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_uncompressed:
        raise ImportFileError(
            _("Tệp giải nén ra %(size)s MB, vượt giới hạn %(limit)s MB; hãy tách thành nhiều tệp nhỏ hơn.")
            % {"size": megabytes(declared), "limit": megabytes(limits.max_uncompressed)}
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise ImportFileError(_("Tệp nén được đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại."))
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise ImportFileError(
                _(
                    "Phần “%(name)s” trong tệp nén giãn ra hơn %(ratio)s lần: có thể là tệp nén độc hại (zip bomb)."
                )
                % {"name": _short(info.filename), "ratio": limits.max_ratio}
            )
    return infos


def _attributes(tag: bytes) -> dict[str, str]:
    """Attributes of one XML start tag, by local name (namespace prefixes dropped)."""
    return {
        key.decode("ascii", "replace").rsplit(":", 1)[-1]: value.decode("utf-8", "replace")
        for key, value in _ATTRIBUTE.findall(tag)
    }


def _sheet_files(archive: zipfile.ZipFile, limits: Limits) -> list[tuple[str, str, bool]]:
    """(sheet name, member name, visible) of each worksheet, in workbook order."""
    budget = [limits.max_uncompressed]
    try:
        workbook = b"".join(_member_bytes(archive, archive.getinfo("xl/workbook.xml"), limits, budget))
        rels = b"".join(_member_bytes(archive, archive.getinfo("xl/_rels/workbook.xml.rels"), limits, budget))
    except KeyError as exc:
        raise ImportFileError(_("Tệp bị hỏng: thiếu phần mô tả các sheet của workbook.")) from exc
    targets = {}
    for tag in _RELATIONSHIP.findall(rels):
        attrs = _attributes(tag)
        target = attrs.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[attrs.get("Id", "")] = str(PurePosixPath(target))
    sheets = []
    for tag in _SHEET_TAG.findall(workbook):
        attrs = _attributes(tag)
        member = targets.get(attrs.get("id", ""), "")
        sheets.append(
            (
                unicodedata.normalize("NFC", attrs.get("name", "")),
                member,
                attrs.get("state", "visible") == "visible",
            )
        )
    return sheets


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (letter - 64)
    return number


class _AreaScan:
    """The last row and column a worksheet's cells reach, found by scanning its XML as it streams by."""

    def __init__(self) -> None:
        self.max_row = 0
        self.max_col = 0
        self.cells = 0
        self.referenced = 0
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        """Scan a chunk; a tag cut at the chunk's end is kept for the next one."""
        block = self._tail + chunk
        cut = block.rfind(b"<")
        if cut < 0 or len(block) - cut > _CHUNK:  # no tag start, or a runaway tag: nothing to keep
            cut = len(block)
        self._scan(block[:cut])
        self._tail = block[cut:]

    def close(self) -> None:
        """Scan what is left."""
        self._scan(self._tail)
        self._tail = b""

    def _scan(self, block: bytes) -> None:
        cells = block.count(b"<c ") + block.count(b"<c>")
        referenced = block.count(b'<c r="')
        if b":c " in block or b":c>" in block or cells != referenced:
            self._scan_slowly(block)  # prefixed tags, or references not first or missing
            return
        # Usual layout (Excel, LibreOffice, openpyxl, xlsxwriter): <row r="7" …><c r="AB7" …>.
        rows = _ROW_REF.findall(block)
        if rows:
            self.max_row = max(self.max_row, max(int(row) for row in rows))
        wide = _WIDE_REF.findall(block)  # columns AA and beyond are rare: find them all
        if wide:
            self.max_col = max(self.max_col, max(_column_number(letters) for letters in set(wide)))
        else:
            for letter in range(ord("Z"), ord("A") - 1, -1):  # else the last single letter present
                if block.find(b'<c r="' + bytes([letter])) >= 0:
                    self.max_col = max(self.max_col, letter - 64)
                    break
        self.cells += cells
        self.referenced += referenced

    def _scan_slowly(self, block: bytes) -> None:
        for match in _CELL_REF.finditer(block):
            self.max_row = max(self.max_row, int(match.group(3)))
            if match.group(1) == b"c":
                self.referenced += 1
                self.max_col = max(self.max_col, _column_number(match.group(2)))
        self.cells += len(_CELL_TAG.findall(block))

    @property
    def all_referenced(self) -> bool:
        """Whether every cell carries its reference (calamine places the others by counting)."""
        return self.cells == self.referenced


def _read_xlsx(
    archive: zipfile.ZipFile, data: bytes, filename: str, wanted: Callable[[str], bool], limits: Limits
) -> RawBook:
    """Read the wanted worksheets of an .xlsx workbook after checking it cannot blow up the reader."""
    infos = _check_members(archive, limits)
    book = RawBook(filename=filename, kind="xlsx")
    sheets = _sheet_files(archive, limits)
    scans: dict[str, tuple[str, _AreaScan]] = {}
    for name, member, visible in sheets:
        if visible and wanted(name):
            scans[member] = (name, _AreaScan())
        else:
            book.skipped.append(name)
    budget = [limits.max_uncompressed]
    for info in infos:  # every member once, measured while decompressing, CRC checked at its end
        scan = scans.get(info.filename)
        for chunk in _member_bytes(archive, info, limits, budget):
            if scan is not None:
                scan[1].feed(chunk)
        if scan is not None:
            scan[1].close()
    chosen: list[tuple[str, bool]] = []
    for name, member, _visible in sheets:
        if member not in scans:
            continue
        area = scans[member][1]
        rows, cols = area.max_row, area.max_col
        if rows * cols > limits.max_cells:
            raise ImportFileError(
                _(
                    "Sheet “%(sheet)s” trải tới dòng %(rows)s, cột %(cols)s (%(cells)s ô), vượt giới hạn %(max)s ô. "
                    "Hãy xóa các dòng, cột thừa ở cuối sheet hoặc tách tệp."
                )
                % {
                    "sheet": _short(name),
                    "rows": format_number(rows),
                    "cols": format_number(cols),
                    "cells": format_number(rows * cols),
                    "max": format_number(limits.max_cells),
                }
            )
        chosen.append((name, area.all_referenced))
    if not chosen:
        return book
    try:
        book.sheets = _calamine_sheets(data, chosen)
    except ImportFileError:
        raise
    except Exception:  # any calamine failure falls back to the slower, stricter reader
        book.sheets = _openpyxl_sheets(data, [name for name, _ref in chosen])
    return book


def _plain_cell(value: Any) -> Any:
    """A cell as a plain Python value (None for empty, times of day as text)."""
    if value == "" or value is None:
        return None
    if isinstance(value, str | bool | int | float | dt.date):
        return value
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return str(value)


def _calamine_sheets(data: bytes, chosen: list[tuple[str, bool]]) -> list[RawSheet]:
    """Read sheets with python-calamine (fast; cells without references go to openpyxl, which streams)."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = []
    for name, referenced in chosen:
        if not referenced:
            sheets.extend(_openpyxl_sheets(data, [name]))
            continue
        # Cells stay as calamine gives them ("" for empty): the importer reads each cell once anyway.
        grid = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets.append(RawSheet(name=name, rows=grid))
    return sheets


def _openpyxl_sheets(data: bytes, names: list[str]) -> list[RawSheet]:
    """Read sheets with openpyxl in read-only mode (streams rows; used when calamine cannot)."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise ImportFileError(
            _("Tệp bị hỏng: không đọc được workbook (%(reason)s).") % {"reason": _short(exc)}
        ) from exc
    sheets = []
    try:
        for name in names:
            rows = [[_plain_cell(cell) for cell in row] for row in workbook[name].iter_rows(values_only=True)]
            sheets.append(RawSheet(name=name, rows=rows))
    except Exception as exc:  # idem
        raise ImportFileError(
            _("Tệp bị hỏng: không đọc được sheet (%(reason)s).") % {"reason": _short(exc)}
        ) from exc
    finally:
        workbook.close()
    return sheets


# --- CSV ----------------------------------------------------------------------------------------------


def _decode_text(data: bytes, filename: str) -> str | None:
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, or Vietnamese Windows-1258."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if not filename.lower().endswith(".csv"):
            return None
        try:
            text = data.decode("cp1258")
        except UnicodeDecodeError:
            return None
    if "\x00" in text[:4096]:
        return None
    if not filename.lower().endswith(".csv"):
        # Without the extension, only text that looks like a table is read as CSV.
        first = text.split("\n", 1)[0]
        if not any(mark in first for mark in (",", ";", "\t")) or any(ord(ch) < 9 for ch in text[:4096]):
            return None
    return unicodedata.normalize("NFC", text)


def _csv_sheet(text: str, name: str, limits: Limits) -> RawSheet:
    """One CSV file as a sheet; the separator (comma, semicolon or tab) is taken from the first line."""
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows: list[list[Any]] = []
    cells = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            cells += max(len(row), 1)
            if cells > limits.max_cells:
                raise ImportFileError(
                    _("Tệp “%(name)s” có hơn %(max)s ô, vượt giới hạn; hãy tách tệp.")
                    % {"name": _short(name), "max": format_number(limits.max_cells)}
                )
            rows.append([cell if cell.strip() else None for cell in row])
    except csv.Error as exc:
        raise ImportFileError(
            _("Tệp CSV “%(name)s” bị lỗi ở dòng %(line)s: %(reason)s.")
            % {"name": _short(name), "line": len(rows) + 1, "reason": _short(exc)}
        ) from exc
    return RawSheet(name=unicodedata.normalize("NFC", name), rows=rows)


def _read_zip_of_csv(
    archive: zipfile.ZipFile, filename: str, wanted: Callable[[str], bool], limits: Limits
) -> RawBook:
    """Read each .csv member of a .zip as one sheet named after the file."""
    infos = _check_members(archive, limits)
    book = RawBook(filename=filename, kind="zip")
    budget = [limits.max_uncompressed]
    for info in infos:
        path = PurePosixPath(info.filename)
        if info.is_dir() or path.parts[0] == "__MACOSX" or path.name.startswith("."):
            continue
        if path.suffix.lower() != ".csv":
            book.skipped.append(path.name)
            continue
        name = unicodedata.normalize("NFC", path.stem)
        if not wanted(name):
            book.skipped.append(path.name)
            continue
        data = b"".join(_member_bytes(archive, info, limits, budget))
        text = _decode_text(data, path.name)
        if text is None:
            raise ImportFileError(
                _("Không đọc được tệp “%(name)s” trong tệp nén: hãy lưu CSV dạng UTF-8.")
                % {"name": _short(path.name)}
            )
        book.sheets.append(_csv_sheet(text, name, limits))
    return book


def read_stream(stream: IO[bytes], filename: str, **kwargs: Any) -> RawBook:
    """Read an open binary file (its size is checked before its content is read)."""
    limits = kwargs.get("limits") or Limits.from_settings()
    try:
        stream.seek(0, io.SEEK_END)
        size = stream.tell()
        stream.seek(0)
    except (OSError, ValueError):
        size = 0
    check_size(size, limits)
    return read_book(stream.read(limits.max_bytes + 1), filename, **kwargs)
