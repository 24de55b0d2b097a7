"""Fixtures of the import tests: code lists, a few localities made by hand, users, and workbook builders."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import Any

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from canbo.access.models import Grant, Role
from canbo.core import testing as make
from canbo.geo.models import CodeSystem, Locality, LocalityLevel, LocalityMapping
from canbo.imports.engine import Importer, Report
from canbo.imports.reader import read_book
from canbo.org.choices import Level, Sector, UnitKind
from canbo.reference.loader import reference_load

D = dt.date
PASSWORD = "mat-khau-thu-nghiem"
OLD_END, NEW_START = D(2025, 6, 30), D(2025, 7, 1)


@pytest.fixture(autouse=True)
def _inline_jobs(settings: Any) -> None:
    """Run job steps in the request or call that starts them: background threads and the test database do not mix."""
    settings.CANBO_IMPORT_RUNNER = "inline"


@pytest.fixture
def reference(db: None) -> dict[str, int]:
    """The shipped code lists: ethnicities, religions, qualification levels, titles, management categories."""
    return reference_load()


def _place(
    system: str, level: str, code: str, kind: str, name: str, parent: Locality | None, province: str
) -> Locality:
    old = system == CodeSystem.QD124_2004
    return Locality.objects.create(
        code_system=system,
        level=level,
        code=code,
        kind=kind,
        name=name,
        parent=parent,
        province_code=province,
        valid_from=None if old else NEW_START,
        valid_to=OLD_END if old else None,
    )


@pytest.fixture
def places(db: None) -> dict[str, Locality]:
    """A handful of real units before and after the 2025 reform (codes as published), with their crosswalk."""
    old, new = CodeSystem.QD124_2004, CodeSystem.QD19_2025
    P, DI, C = LocalityLevel.PROVINCE, LocalityLevel.DISTRICT, LocalityLevel.COMMUNE
    lao_cai_old = _place(old, P, "10", "tỉnh", "Lào Cai", None, "10")
    bao_thang = _place(old, DI, "086", "huyện", "Bảo Thắng", lao_cai_old, "10")
    ban_phiet = _place(old, C, "02911", "xã", "Bản Phiệt", bao_thang, "10")
    gia_phu_old = _place(old, C, "02923", "xã", "Gia Phú", bao_thang, "10")
    lao_cai = _place(new, P, "15", "tỉnh", "Lào Cai", None, "15")
    gia_phu = _place(new, C, "02923", "xã", "Gia Phú", lao_cai, "15")
    bao_thang_new = _place(new, C, "02905", "xã", "Bảo Thắng", lao_cai, "15")
    yen_bai = _place(old, P, "15", "tỉnh", "Yên Bái", None, "15")
    nghia_lo_town = _place(old, DI, "133", "thị xã", "Nghĩa Lộ", yen_bai, "15")
    nghia_lo = _place(old, C, "04624", "xã", "Nghĩa Lộ", nghia_lo_town, "15")
    ha_noi_old = _place(old, P, "01", "thành phố", "Hà Nội", None, "01")
    ha_noi = _place(new, P, "01", "thành phố", "Hà Nội", None, "01")
    for before, after in (
        (lao_cai_old, lao_cai),
        (yen_bai, lao_cai),
        (bao_thang, lao_cai),
        (nghia_lo_town, lao_cai),
        (ban_phiet, bao_thang_new),
        (gia_phu_old, gia_phu),
        (ha_noi_old, ha_noi),
    ):
        LocalityMapping.objects.create(old=before, new=after, effective_on=NEW_START)
    return {
        "lao_cai_old": lao_cai_old,
        "bao_thang": bao_thang,
        "ban_phiet": ban_phiet,
        "gia_phu_old": gia_phu_old,
        "lao_cai": lao_cai,
        "gia_phu": gia_phu,
        "bao_thang_new": bao_thang_new,
        "yen_bai": yen_bai,
        "nghia_lo_town": nghia_lo_town,
        "nghia_lo": nghia_lo,
        "ha_noi_old": ha_noi_old,
        "ha_noi": ha_noi,
    }


@pytest.fixture
def user(db: None) -> Any:
    """A Board specialist who imports workbooks."""
    user = get_user_model().objects.create_user("chuyenvien", password=PASSWORD, first_name="Chuyên viên")
    Grant.objects.create(
        user=user, role=Role.SPECIALIST, unit=None, valid_from=D(2000, 1, 1)
    )  # the whole province
    return user


@pytest.fixture
def client_in(client: Any, user: Any) -> Any:
    """A test client signed in as the specialist."""
    client.force_login(user)
    return client


@pytest.fixture
def province(reference: dict[str, int], places: dict[str, Locality]) -> dict[str, Any]:
    """Units already in the database: a department with a division, and the provincial party committee."""
    dept = make.unit("Sở Nội vụ", code="SNV", locality=places["lao_cai"])
    division = make.unit("Phòng Công chức", code="SNV-CC", parent=dept, kind=UnitKind.DIVISION)
    committee = make.unit(
        "Tỉnh ủy Lào Cai", code="TU", sector=Sector.PARTY, kind=UnitKind.PARTY_COMMITTEE, level=Level.PROVINCE
    )
    return {"dept": dept, "division": division, "committee": committee, **places}


def xlsx(sheets: dict[str, Iterable[Iterable[Any]]]) -> bytes:
    """An .xlsx workbook with the given sheets and rows (cells as Python values: text, numbers, dates)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def check(
    data: bytes, name: str = "tep.xlsx", *, write: bool = False, actor: Any = None, **kwargs: Any
) -> Report:
    """Read and check (or write, inside the caller's transaction) a workbook."""
    return Importer(read_book(data, name), actor=actor, write=write, **kwargs).run()


def problems(report: Report, severity: str | None = None) -> list[tuple[Any, ...]]:
    """(sheet, row, column, value, message) of each problem, optionally of one severity."""
    return [
        (p.sheet, p.row, p.column, p.value, p.message)
        for p in report.problems
        if severity is None or p.severity == severity
    ]


PEOPLE_HEADER = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Tôn giáo",
    "Quê quán",
    "Số định danh cá nhân",
]
HANG = [
    "Nguyễn Thị Hằng",
    "02/03/1985",
    "Nữ",
    "Kinh",
    "Không",
    "xã Bản Phiệt, huyện Bảo Thắng, tỉnh Lào Cai",
    "010185000123",
]
PAO = ["Giàng A Páo", "1979", "Nam", "H'Mông", "Không", "xã Gia Phú, tỉnh Lào Cai", "015079000456"]


def id_for(year: int, female: bool, serial: int, province: str = "010") -> str:
    """A valid personal identification number for a birth year and sex."""
    digit = 2 * ((year - 1900) // 100) + int(female)
    return f"{province}{digit}{year % 100:02d}{serial:06d}"
