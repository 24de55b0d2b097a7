"""`canbo import FILE [--dry-run] [--unit CODE]`: check first, write all or nothing, say what is wrong."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from canbo.audit.models import AuditEvent
from canbo.imports.models import ImportJob
from canbo.people.models import Person

from .conftest import HANG, PAO, PEOPLE_HEADER, xlsx


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "can-bo.xlsx"
    path.write_bytes(xlsx({"Cán bộ": [PEOPLE_HEADER, HANG, PAO]}))
    return path


def test_a_dry_run_reports_and_writes_nothing(province: dict[str, Any], good: Path) -> None:
    out, _err = run(str(good), "--dry-run")
    assert "Cán bộ: 2 dòng — mới 2, thay đổi 0, không đổi 0, có lỗi 0" in out
    assert "Chạy thử: tệp không có lỗi; chưa ghi gì" in out
    assert Person.objects.count() == 0


def test_it_writes_and_audits_with_the_file(province: dict[str, Any], good: Path, user: Any) -> None:
    out, _err = run(str(good), "--user", user.username)
    job = ImportJob.objects.get()
    assert f"Đã ghi vào hệ thống (lượt nhập #{job.pk}, tệp can-bo.xlsx)." in out
    assert job.status == "committed" and job.uploaded_by == user
    assert Person.objects.count() == 2
    assert set(AuditEvent.objects.filter(object_type="people.person").values_list("source", "reference")) == {
        ("import", f"import:{job.pk}:can-bo.xlsx")
    }
    out, _err = run(str(good))
    assert "Cán bộ: 2 dòng — mới 0, thay đổi 0, không đổi 2, có lỗi 0" in out
    assert Person.objects.count() == 2


def test_errors_stop_it_and_are_listed(province: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "loi.xlsx"
    path.write_bytes(xlsx({"Cán bộ": [PEOPLE_HEADER, [*HANG[:6], "0101850001"], PAO]}))
    report = tmp_path / "loi-kiem-tra.xlsx"
    with pytest.raises(CommandError, match=r"Tệp có 1 lỗi; chưa ghi gì vào hệ thống\."):
        run(str(path), "--report", str(report))
    assert Person.objects.count() == 0
    workbook = openpyxl.load_workbook(report)
    assert workbook.sheetnames[0] == "Kết quả kiểm tra"
    cell = workbook["Cán bộ"]["G2"]
    assert cell.fill.fgColor.rgb.endswith("F8B4B4")
    assert "phải gồm đúng 12 chữ số (đang có 10)" in cell.comment.text


def test_bad_files_and_units_get_a_clear_message(
    province: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    with pytest.raises(CommandError, match="Không có tệp"):
        run(str(tmp_path / "khong-co.xlsx"))
    garbage = tmp_path / "rac.xlsx"
    garbage.write_bytes(b"not a workbook at all")
    with pytest.raises(CommandError, match="không phải workbook Excel"):
        run(str(garbage))
    good = tmp_path / "a.xlsx"
    good.write_bytes(xlsx({"Cán bộ": [PEOPLE_HEADER, HANG]}))
    with pytest.raises(CommandError, match=r"Không có đơn vị mã “KHONG-CO”\."):
        run(str(good), "--unit", "KHONG-CO")
    settings.CANBO_IMPORT_MAX_BYTES = 1000
    with pytest.raises(CommandError, match="vượt giới hạn 0,0 MB"):
        run(str(good))
