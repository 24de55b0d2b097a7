"""Form 2C items with no field of their own on the person: filled from the records that hold the data."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from docx import Document

from canbo.access.models import Grant, Role
from canbo.conduct.models import AnnualRating
from canbo.documents.form2c import form2c_build
from canbo.documents.pdf import form2c_pdf
from canbo.documents.word import form2c_docx
from canbo.people.selectors import person_dossier
from canbo.posts.models import Assignment

from .conftest import AS_OF
from .test_form2c_docx import line, lines, table_after
from .test_form2c_pdf import poppler

pytestmark = pytest.mark.django_db
D = dt.date


def forms(people: list[Any], as_of: dt.date = AS_OF) -> list[Any]:
    user, created = get_user_model().objects.get_or_create(username="doc-items")
    if created:
        Grant.objects.create(user=user, role=Role.SPECIALIST, unit=None, valid_from=D(2000, 1, 1))
    return form2c_build(dossiers=[person_dossier(user=user, person=p, as_of=as_of) for p in people])


def word(people: list[Any], as_of: dt.date = AS_OF) -> Any:
    return Document(io.BytesIO(form2c_docx(forms(people, as_of))))


def rate(person: Any, year: int, level: str, score: Decimal | None = None) -> None:
    AnnualRating.objects.create(person=person, year=year, level=level, score=score)


def test_item_32_lists_the_annual_ratings_up_to_the_forms_year(province: dict[str, Any]) -> None:
    hang = province["hang"]
    rate(hang, 2024, "HTXSNV")
    rate(hang, 2023, "HTTNV")
    rate(hang, 2026, "HTTNV", Decimal("85.50"))  # after the form's date (30/06/2025)
    text = lines(word([hang]))
    start = text.index("32) NHẬN XÉT, ĐÁNH GIÁ CỦA CƠ QUAN, ĐƠN VỊ QUẢN LÝ VÀ SỬ DỤNG CÁN BỘ, CÔNG CHỨC")
    assert text[start + 1 : start + 5] == [
        "Năm 2023: Hoàn thành tốt nhiệm vụ.",
        "Năm 2024: Hoàn thành xuất sắc nhiệm vụ.",
        "\t",  # then lines left for the agency's comment
        "\t",
    ]
    # On a later date the 2026 rating and its score are printed too, the score the Vietnamese way.
    later = forms([hang], as_of=D(2027, 1, 1))[0]
    assert later.assessment[-1] == "Năm 2026: Hoàn thành tốt nhiệm vụ (85,50 điểm)."


def test_item_32_without_ratings_keeps_its_blank_lines(province: dict[str, Any]) -> None:
    text = lines(word([province["dung"]]))
    start = text.index("32) NHẬN XÉT, ĐÁNH GIÁ CỦA CƠ QUAN, ĐƠN VỊ QUẢN LÝ VÀ SỬ DỤNG CÁN BỘ, CÔNG CHỨC")
    assert text[start + 1 : start + 5] == ["\t", "\t", "\t", "\t"]


def test_item_13_is_the_main_posts_own_description(province: dict[str, Any]) -> None:
    hang = province["hang"]
    assert line(word([hang]), "13)") == "13) Công việc chính được giao: …………"
    Assignment.objects.filter(person=hang, valid_to=None, is_concurrent=False).update(
        description="Phó Giám đốc Sở Nội vụ, phụ trách công tác tổ chức, biên chế"
    )
    document = word([hang])
    assert line(document, "13)") == (
        "13) Công việc chính được giao: Phó Giám đốc Sở Nội vụ, phụ trách công tác tổ chức, biên chế"
    )


def test_without_a_post_the_managing_unit_heads_the_form(province: dict[str, Any]) -> None:
    anh = province["anh"]  # her district post ended on 30/06/2025
    anh.managing_unit = province["dept"]
    anh.save(update_fields=["managing_unit"])
    form = forms([anh], as_of=D(2025, 8, 1))[0]
    assert (form.managing_agency, form.employing_agency) == ("Sở Nội vụ", "")


def test_work_history_prints_dates_as_precisely_as_they_are_known(province: dict[str, Any]) -> None:
    hang = province["hang"]
    Assignment.objects.filter(person=hang, valid_from=D(2001, 9, 1)).update(valid_from_precision="y")
    Assignment.objects.filter(person=hang, valid_from=D(2011, 1, 1)).update(valid_to_precision="y")
    rows = table_after(word([hang]), "Từ tháng, năm đến tháng, năm")
    assert [row[0] for row in rows[1:3]] == ["2001 – 12/2010", "01/2011 – 2015"]


def test_the_pdf_says_the_same(province: dict[str, Any], tmp_path: Any) -> None:
    hang = province["hang"]
    rate(hang, 2024, "HTXSNV")
    path = tmp_path / "2c.pdf"
    path.write_bytes(form2c_pdf(forms([hang])))
    text = subprocess.run(
        [poppler("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Năm 2024: Hoàn thành xuất sắc nhiệm vụ." in " ".join(text.split())
