"""A real password-protected workbook (made by files/make_encrypted.py): refused in Vietnamese, nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from canbo.audit.models import AuditEvent
from canbo.imports.models import ImportJob
from canbo.imports.reader import ENCRYPTED_MARK, OLE_MAGIC, ImportFileError, read_book
from canbo.org.models import OrgUnit
from canbo.people.models import Person

from .test_views import upload

ENCRYPTED = Path(__file__).resolve().parent / "files" / "mat-khau.xlsx"
MESSAGE = (
    "Tệp được đặt mật khẩu. Hãy mở tệp trong Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ) rồi tải lên lại."
)


def written() -> tuple[int, int, int]:
    return Person.objects.count(), OrgUnit.objects.count(), AuditEvent.objects.count()


def test_the_fixture_is_an_encrypted_office_file() -> None:
    data = ENCRYPTED.read_bytes()
    # What Excel writes for "Encrypt with password": an OLE compound file with the encryption header and
    # the encrypted package instead of the zip of an ordinary .xlsx.
    assert data.startswith(OLE_MAGIC) and not data.startswith(b"PK")
    assert ENCRYPTED_MARK in data and "EncryptedPackage".encode("utf-16-le") in data


def test_the_reader_refuses_it_with_the_reason() -> None:
    with pytest.raises(ImportFileError) as caught:
        read_book(ENCRYPTED.read_bytes(), ENCRYPTED.name)
    assert caught.value.message == MESSAGE


def test_the_command_line_refuses_it_and_writes_nothing(province: dict[str, Any]) -> None:
    before = written()
    with pytest.raises(CommandError, match="Tệp được đặt mật khẩu"):
        call_command("import", str(ENCRYPTED))
    assert written() == before
    job = ImportJob.objects.get()
    assert (job.status, job.message) == ("failed", MESSAGE)


def test_the_web_page_says_why_and_writes_nothing(client_in: Any, province: dict[str, Any]) -> None:
    before = written()
    response = upload(client_in, ENCRYPTED.read_bytes(), name="mat-khau.xlsx")
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    job = ImportJob.objects.get()
    assert job.status == "failed" and not job.can_commit
    assert written() == before
