"""Form 2C as PDF: render it with WeasyPrint, read its text and fonts back, and look at the first page.

The text, font and image checks use Debian's poppler-utils (pdftotext, pdffonts, pdftoppm). Where they are
missing the check is skipped with a message, except in CI (env CI set), which installs them and must run it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from canbo.documents.form2c import form2c_build
from canbo.documents.pdf import form2c_html, form2c_pdf
from canbo.people.selectors import person_dossier

from .conftest import AS_OF, grant

pytestmark = pytest.mark.django_db
DPI = 50
CM = DPI / 2.54  # pixels per centimetre at DPI
# The serif faces the font stack may end on: Times New Roman, or a metric-compatible stand-in on Linux.
SERIF_FACES = (
    "TimesNewRoman",
    "Times-New-Roman",
    "Liberation-Serif",
    "LiberationSerif",
    "Tinos",
    "DejaVuSerif",
    "DejaVu-Serif",
)


def poppler(tool: str) -> str:
    """The path of a poppler-utils tool; skip without it, fail without it in CI."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (Debian package poppler-utils): the rendered PDF is not checked."
        if os.environ.get("CI"):
            pytest.fail(f"{message} CI must install poppler-utils.")
        pytest.skip(message)
    return path


def render(people: list[Any]) -> bytes:
    user = get_user_model().objects.create_user("pdf-reader")
    grant(user, "specialist")
    dossiers = [person_dossier(user=user, person=person, as_of=AS_OF) for person in people]
    return form2c_pdf(form2c_build(dossiers=dossiers))


@pytest.fixture
def pdf_file(province: dict[str, Any], tmp_path: Path) -> Path:
    path = tmp_path / "mau-2c.pdf"
    path.write_bytes(render([province["hang"], province["an"]]))
    return path


def test_it_is_a_pdf_with_a_page_break_between_people(pdf_file: Path) -> None:
    content = pdf_file.read_bytes()
    assert content.startswith(b"%PDF-")
    info = subprocess.run(
        [poppler("pdfinfo"), str(pdf_file)], capture_output=True, text=True, check=True
    ).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 4  # each form runs over two pages at least
    assert "595.276 x 841.89 pts (A4)" in info
    text = subprocess.run(
        [poppler("pdftotext"), "-layout", str(pdf_file), "-"], capture_output=True, text=True, check=True
    ).stdout
    forms = text.split("\f")
    starts = [index for index, page in enumerate(forms) if "SƠ YẾU LÝ LỊCH CÁN BỘ, CÔNG CHỨC" in page]
    assert len(starts) == 2 and starts[0] == 0
    second = forms[starts[1]]
    assert "TRẦN VĂN AN" in second and "NGUYỄN THỊ HẰNG" not in second


def test_the_text_reads_back(pdf_file: Path) -> None:
    text = subprocess.run(
        [poppler("pdftotext"), str(pdf_file), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for expected in (
        "Mẫu 2C-BNV/2008",
        "Cơ quan, đơn vị có thẩm quyền quản lý CBCC: Ban Thường vụ Tỉnh ủy",
        "Số hiệu cán bộ, công chức: LC-000123",
        "1) Họ và tên khai sinh (viết chữ in hoa): NGUYỄN THỊ HẰNG",
        "3) Sinh ngày: 02 tháng 03 năm 1978, Giới tính (nam, nữ): Nữ",
        "15.2- Trình độ chuyên môn cao nhất: Thạc sĩ, Quản lý công",
        "28) TÓM TẮT QUÁ TRÌNH CÔNG TÁC",
        "04/2020 – nay Phó Giám đốc Sở, Sở Nội vụ",
        # The two signature blocks sit side by side, so their lines interleave in the extracted text.
        "Người khai",
        "Tôi xin cam đoan",
        "Thủ trưởng cơ quan, đơn vị quản lý",
        "(Ký tên, đóng dấu)",
        "Số liệu hồ sơ tại ngày 30/06/2025",
    ):
        assert expected in flat


def test_fonts_are_embedded_serif_faces_with_vietnamese(pdf_file: Path) -> None:
    listing = subprocess.run(
        [poppler("pdffonts"), str(pdf_file)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing
    families = set()
    for row in listing:
        name, embedded = row.split()[0], row.split()[-5]
        assert embedded == "yes", row
        assert any(face in name for face in SERIF_FACES), f"{name} is not one of the serif faces of the stack"
        families.add(
            re.sub(r"[-,]?(Bold|Italic|Oblique|BoldItalic|BoldOblique|Regular)$", "", name.split("+")[-1])
        )
    # One family for every letter. Two would mean the first serif lacks Vietnamese letters and another
    # face fills them in (Debian's fonts-liberation 1.x does; install fonts-liberation2 instead).
    assert len(families) == 1, families


def test_it_fetches_nothing_from_outside(province: dict[str, Any]) -> None:
    user = get_user_model().objects.create_user("html-reader")
    grant(user, "specialist")
    html = form2c_html(
        form2c_build(dossiers=[person_dossier(user=user, person=province["hang"], as_of=AS_OF)])
    )
    assert "http://" not in html and "https://" not in html and "@font-face" not in html
    assert '"Times New Roman", "Liberation Serif"' in html  # Times New Roman first, its stand-in next
    assert 'src="data:image/jpeg;base64,' in html


def test_first_page_looks_like_the_form(pdf_file: Path, tmp_path: Path) -> None:
    """Render page 1 to PNG and look at it: an A4 page whose photo box is 4 × 6 cm, 3 cm from the left edge."""
    import numpy as np
    from PIL import Image

    prefix = tmp_path / "page"
    subprocess.run(
        [poppler("pdftoppm"), "-r", str(DPI), "-f", "1", "-l", "1", "-png", str(pdf_file), str(prefix)],
        check=True,
    )
    [png] = tmp_path.glob("page*.png")
    with Image.open(png) as image:
        page = np.asarray(image.convert("RGB")).astype(int)
    height_px, width_px = page.shape[:2]
    assert abs(width_px - 21 * CM) <= 2 and abs(height_px - 29.7 * CM) <= 2
    red, green, blue = page[..., 0], page[..., 1], page[..., 2]
    # The test photo is a blue portrait: find it on the page.
    ys, xs = np.nonzero((blue > 150) & (red < 120) & (green < 160))
    assert len(xs), "The photo is not on the first page"
    left, top = xs.min(), ys.min()
    width, height = xs.max() - left + 1, ys.max() - top + 1
    assert abs(left - 3 * CM) <= 3  # at the left margin
    assert top < 6 * CM  # in the heading block, under the two header lines
    assert abs(width - 4 * CM) <= 3 and abs(height - 6 * CM) <= 3
    ink = page.sum(axis=2) < 200
    # The items start under the box (item 1 is ink within 1.5 cm below it); the title is beside it.
    assert ink[top + height + 2 : top + height + int(1.5 * CM), int(3 * CM) : int(12 * CM)].any()
    assert ink[top + height // 2, left + width + int(1 * CM) : width_px - int(1.5 * CM)].any()
