"""Round trip: a unit exported with `canbo export_workbook` and imported into an empty database gives the same records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
from django.core.management import call_command

from canbo.conduct.models import AnnualRating
from canbo.conduct.services import ratings_upsert
from canbo.core import testing as make
from canbo.org.choices import BodyKind, Level, MemberRole, NominationOutcome, Sector, UnitKind
from canbo.org.models import ElectedBody, Membership, Nomination, OrgUnit, Term
from canbo.org.services import elected_body_create, membership_create, nomination_create, term_create
from canbo.people.models import Person, Qualification, QualificationLevel, TrainingCourse
from canbo.people.services import qualification_create
from canbo.people.training import training_course_create
from canbo.posts.models import Assignment, Decision, PlanningEntry, Title
from canbo.posts.planning import planning_entry_create

D = dt.date


def build(places: dict[str, Any]) -> None:
    """A small province written through the single-row services, with every kind of record."""
    dept = make.unit("Sở Nội vụ", code="SNV", locality=places["lao_cai"])
    division = make.unit(
        "Phòng Công chức, viên chức", code="SNV-CC", parent=dept, kind=UnitKind.DIVISION, short_name="CCVC"
    )
    district = make.unit(
        "UBND huyện Bảo Thắng",
        code="HBT",
        level=Level.DISTRICT,
        kind=UnitKind.PEOPLES_COMMITTEE,
        valid_to=D(2025, 6, 30),
        locality=places["bao_thang"],
    )
    committee = make.unit("Tỉnh ủy Lào Cai", code="TU", sector=Sector.PARTY, kind=UnitKind.PARTY_COMMITTEE)
    make.unit("Sở Tài chính", code="STC")  # not part of the export
    titles = {
        code: Title.objects.get(code=code)
        for code in ("CHUYEN_VIEN", "CHUYEN_VIEN_HUYEN", "PHO_GIAM_DOC_SO", "TRUONG_PHONG_HUYEN")
    }
    kinh, mong = make.ethnicity("Kinh", "01"), make.ethnicity("HMông", "08")
    hang = make.person(
        "Nguyễn Thị Hằng",
        birth_date=D(1985, 3, 2),
        national_id="010185000123",
        ethnicity=kinh,
        home_town=places["ban_phiet"],
        home_town_text="xã Bản Phiệt, huyện Bảo Thắng, tỉnh Lào Cai",
        birthplace=places["gia_phu"],
        party_joined_on=D(2010, 3, 5),
        party_official_on=D(2011, 3, 5),
        general_education="12/12",
        notes="Ghi chú",
    )
    pao = make.person(
        "Giàng A Páo",
        birth_date=D(1979, 1, 1),
        birth_date_precision="y",
        code="CB-002",
        ethnicity=mong,
        home_town_text="Nghĩa Lộ, Yên Bái",
        staff_category="can_bo",
    )
    mai = make.person(
        "Lò Thị Mai",
        birth_date=D(1990, 3, 1),
        birth_date_precision="m",
        national_id="015190000777",
        staff_category="vien_chuc",
    )
    make.assign(
        hang,
        district,
        titles["CHUYEN_VIEN_HUYEN"],
        D(2008, 9, 1),
        D(2021, 5, 31),
        description="Chuyên viên phòng Nội vụ",
    )
    make.assign(
        hang,
        division,
        titles["PHO_GIAM_DOC_SO"],
        D(2021, 6, 1),
        decision_number="125/QĐ-UBND",
        decision_signed_on=D(2021, 5, 20),
        decision_signer="Chủ tịch UBND tỉnh",
        decision_issuer="UBND tỉnh Lào Cai",
        term_ends_on=D(2026, 6, 1),
    )
    make.assign(pao, dept, titles["CHUYEN_VIEN"], D(2005, 1, 1))
    make.assign(mai, dept, titles["CHUYEN_VIEN"], D(2015, 1, 1))
    make.assign(mai, division, titles["CHUYEN_VIEN"], D(2020, 1, 1), is_concurrent=True)
    levels = {(level.kind, level.code): level for level in QualificationLevel.objects.all()}
    qualification_create(
        actor=None,
        person=hang,
        data={
            "level": levels[("education", "THAC_SI")],
            "field": "Quản lý công",
            "obtained_on": D(2015, 10, 1),
            "obtained_on_precision": "m",
        },
    )
    qualification_create(
        actor=None,
        person=hang,
        data={
            "level": levels[("political_theory", "CAO_CAP")],
            "obtained_on": D(2019, 1, 1),
            "obtained_on_precision": "y",
        },
    )
    qualification_create(
        actor=None,
        person=pao,
        data={
            "level": levels[("foreign_language", "BAC_4")],
            "language": "Tiếng Anh",
            "institution": "Đại học Sư phạm",
            "mode": "tai_chuc",
            "started_on": D(2011, 9, 1),
            "obtained_on": D(2012, 6, 30),
            "note": "Chứng chỉ B2",
        },
    )
    executive = elected_body_create(
        actor=None,
        data={
            "org_unit": committee,
            "kind": BodyKind.PARTY_EXECUTIVE,
            "level": Level.PROVINCE,
            "name": "Ban Chấp hành Đảng bộ tỉnh",
        },
    )
    term = term_create(
        actor=None,
        body=executive,
        data={
            "name": "2020-2025",
            "valid_from": D(2020, 10, 15),
            "valid_to": D(2025, 9, 30),
            "election_date": D(2020, 10, 14),
        },
    )
    membership_create(
        actor=None,
        person=hang,
        data={
            "term": term,
            "role": MemberRole.MEMBER,
            "valid_from": D(2020, 10, 15),
            "note": "Bầu tại Đại hội",
        },
    )
    nomination_create(
        actor=None,
        person=pao,
        data={
            "term": term,
            "nominated_on": D(2020, 9, 1),
            "constituency": "Đơn vị số 1",
            "outcome": NominationOutcome.NOT_ELECTED,
        },
    )
    ratings_upsert(
        actor=None,
        rows=[
            (None, hang, {"year": 2023, "level": "HTTNV"}),
            (None, hang, {"year": 2024, "level": "HTXSNV"}),
        ],
    )
    training_course_create(
        actor=None,
        person=hang,
        data={
            "name": "Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 2",
            "kind": "theo_chuc_danh",
            "institution": "Trường Quân sự tỉnh",
            "started_on": D(2022, 3, 7),
            "ended_on": D(2022, 3, 25),
            "note": "Giấy chứng nhận số 12",
        },
    )
    training_course_create(
        actor=None,
        person=pao,
        data={
            "name": "Cập nhật kiến thức pháp luật",
            "kind": "cap_nhat_kien_thuc",
            "started_on": D(2023, 5, 1),
            "ended_on": D(2023, 5, 31),
        },
    )
    planning_entry_create(
        actor=None,
        person=mai,
        data={
            "title": titles["PHO_GIAM_DOC_SO"],
            "unit": dept,
            "term_label": "2025-2030",
            "approved_by": "Ban Thường vụ Tỉnh ủy",
            "decision_number": "45-QĐ/TU",
            "decision_date": D(2024, 12, 20),
            "expertise_field": "cong_nghe_thong_tin",
            "deep_expertise": True,
            "valid_from": D(2025, 1, 1),
            "valid_to": D(2030, 12, 31),
        },
    )
    planning_entry_create(
        actor=None,
        person=hang,
        data={
            "title": titles["TRUONG_PHONG_HUYEN"],
            "unit": district,
            "term_label": "2020-2025",
            "valid_from": D(2021, 3, 1),
        },
    )


def records() -> dict[str, list[tuple[Any, ...]]]:
    """Every record, field by field, with the ids of other records replaced by their natural keys."""

    def who(person: Person) -> Any:
        return person.national_id or person.code

    people = [
        tuple(
            getattr(person, field.attname)
            for field in Person._meta.concrete_fields
            if field.attname not in ("id", "created_at", "updated_at")
        )
        for person in Person.objects.order_by("full_name")
    ]
    return {
        "units": sorted(
            (
                u.code,
                u.name,
                u.short_name,
                u.parent.code if u.parent else None,
                u.level,
                u.sector,
                u.kind,
                u.locality_id,
                u.position,
                u.valid_from,
                u.valid_to,
                u.depth,
            )
            for u in OrgUnit.objects.select_related("parent")
        ),
        "people": people,
        "assignments": sorted(
            (
                who(a.person),
                a.unit.code,
                a.title.code,
                a.valid_from,
                a.valid_to,
                a.is_concurrent,
                a.is_sole_post,
                a.term_ends_on,
                a.description,
                (a.decision.number, a.decision.signed_on, a.decision.signer, a.decision.issuer)
                if a.decision
                else None,
            )
            for a in Assignment.objects.select_related("person", "unit", "title", "decision")
        ),
        "qualifications": sorted(
            (
                who(q.person),
                q.kind,
                q.level.code,
                q.field,
                q.language,
                q.institution,
                q.mode,
                q.started_on,
                q.obtained_on,
                q.obtained_on_precision,
                q.note,
            )
            for q in Qualification.objects.select_related("person", "level")
        ),
        "memberships": sorted(
            (
                who(m.person),
                m.term.body.org_unit.code,
                m.term.body.kind,
                m.term.body.name,
                m.term.body.level,
                m.term.name,
                m.term.valid_from,
                m.term.valid_to,
                m.term.election_date,
                m.role,
                m.valid_from,
                m.valid_to,
                m.note,
            )
            for m in Membership.objects.select_related("person", "term__body__org_unit")
        ),
        "nominations": sorted(
            (who(n.person), n.term.body.org_unit.code, n.term.name, n.nominated_on, n.constituency, n.outcome)
            for n in Nomination.objects.select_related("person", "term__body__org_unit")
        ),
        "ratings": sorted(
            (who(r.person), r.year, r.level, r.score) for r in AnnualRating.objects.select_related("person")
        ),
        "training": sorted(
            (who(c.person), c.name, c.kind, c.institution, c.started_on, c.ended_on, c.note)
            for c in TrainingCourse.objects.select_related("person")
        ),
        "planning": sorted(
            (
                who(e.person),
                e.title.code,
                e.unit.code,
                e.term_label,
                e.valid_from,
                e.valid_to,
                e.approved_by,
                e.decision_number,
                e.decision_date,
                e.expertise_field,
                e.deep_expertise,
            )
            for e in PlanningEntry.objects.select_related("person", "title", "unit")
        ),
    }


def empty_database() -> None:
    """Remove every record the workbook carries (code lists and localities stay)."""
    for model in (
        PlanningEntry,
        TrainingCourse,
        AnnualRating,
        Nomination,
        Membership,
        Term,
        ElectedBody,
        Qualification,
        Assignment,
        Decision,
        Person,
    ):
        model.objects.all().delete()
    for unit in OrgUnit.objects.order_by("-depth"):
        unit.delete()


def test_a_unit_exported_and_imported_into_an_empty_database_is_the_same(
    reference: dict[str, int], places: dict[str, Any], tmp_path: Path
) -> None:
    build(places)
    out = tmp_path / "so-noi-vu.xlsx"
    call_command("export_workbook", str(out), "--unit", "SNV", verbosity=0)
    expected = records()
    expected["units"] = [row for row in expected["units"] if row[0] != "STC"]  # outside the unit
    empty_database()
    assert Person.objects.count() == OrgUnit.objects.count() == 0
    call_command("import", str(out), verbosity=0)
    assert records() == expected
    assert len(expected["training"]) == 2 and len(expected["planning"]) == 2


def test_the_export_is_the_import_format(
    reference: dict[str, int], places: dict[str, Any], tmp_path: Path
) -> None:
    build(places)
    out = tmp_path / "tinh.xlsx"
    call_command("export_workbook", str(out), verbosity=0)
    workbook = openpyxl.load_workbook(out, read_only=True)
    assert workbook.sheetnames == [
        "Đơn vị",
        "Cán bộ",
        "Quá trình công tác",
        "Trình độ",
        "Cấp ủy - HĐND",
        "Ứng cử",
        "Đánh giá xếp loại",
        "Đào tạo, bồi dưỡng",
        "Quy hoạch",
    ]
    people = list(workbook["Cán bộ"].iter_rows(values_only=True))
    assert people[0][:4] == ("Số hiệu cán bộ", "Họ và tên", "Tên gọi khác", "Ngày sinh")
    assert [row[1] for row in people[1:]] == [
        "Nguyễn Thị Hằng",
        "Lò Thị Mai",
        "Giàng A Páo",
    ]  # given name order
    assert people[3][3] == "1979" and people[2][3] == "03/1990"
    units = list(workbook["Đơn vị"].iter_rows(values_only=True))
    assert {row[0] for row in units[1:]} == {"SNV", "SNV-CC", "HBT", "TU", "STC"}
    before = records()
    call_command("import", str(out), verbosity=0)  # importing an export changes nothing
    assert records() == before
