"""Make `mat-khau.xlsx`: a real password-protected workbook (ECMA-376 agile encryption, as Excel writes it).

The committed file is what the tests read; this script only says how it was made, so it can be made
again. It needs msoffcrypto-tool, which the project does not depend on:

    pip install --target /tmp/crypto msoffcrypto-tool
    PYTHONPATH=/tmp/crypto .venv/bin/python canbo/imports/tests/files/make_encrypted.py

The workbook inside is a clean sheet Cán bộ with two people, so that the only thing wrong with the
file is its password.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from msoffcrypto.format.ooxml import OOXMLFile  # type: ignore[import-not-found]

PASSWORD = "MatKhau@2025"
HERE = Path(__file__).resolve().parent
ROWS = [
    ["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Số định danh cá nhân"],
    ["Nguyễn Thị Hằng", "02/03/1985", "Nữ", "Kinh", "Không", "010185000123"],
    ["Giàng A Páo", "1979", "Nam", "H'Mông", "Không", "015079000456"],
]


def main() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Cán bộ"
    for row in ROWS:
        sheet.append(row)
    plain = io.BytesIO()
    workbook.save(plain)
    plain.seek(0)
    encrypted = io.BytesIO()
    OOXMLFile(plain).encrypt(PASSWORD, encrypted)
    (HERE / "mat-khau.xlsx").write_bytes(encrypted.getvalue())


if __name__ == "__main__":
    main()
