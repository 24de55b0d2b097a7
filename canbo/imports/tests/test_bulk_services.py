"""The bulk variants of the services: the single-row services' rules and messages, set-wise, audited in bulk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from canbo.audit.context import audit_context
from canbo.audit.models import AuditEvent
from canbo.core import testing as make
from canbo.core.bulk import BULK_CREATED, BULK_INVALID, BULK_UNCHANGED, BULK_UPDATED
from canbo.org.models import Membership
from canbo.org.services import elected_body_create, memberships_upsert, nominations_upsert, term_create
from canbo.people.models import Person
from canbo.people.services import persons_upsert
from canbo.posts.models import Assignment, Title
from canbo.posts.services import assignments_upsert

D = dt.date


def person_data(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "full_name": name,
        "birth_date": D(1985, 3, 2),
        "sex": "nu",
        "ethnicity": make.ethnicity(),
        "religion": make.religion(),
        **extra,
    }


def test_persons_upsert_checks_like_person_create(reference: dict[str, int]) -> None:
    make.person("Trần Văn An", national_id="010085000001", birth_date=D(1985, 1, 1), sex="nam")
    result = persons_upsert(
        actor=None,
        rows=[
            (None, person_data("Nguyễn Thị Hằng", national_id="010185000123")),
            (
                None,
                person_data("Lò Thị Mai", national_id="010085000001"),
            ),  # taken, and the sex digit disagrees
            (None, person_data("Vàng Thị Dung", party_official_on=D(2010, 1, 1))),
            (None, person_data("Hà Thị Tú", national_id="010185000123")),  # twice in the batch
        ],
        write=False,
    )
    assert result.statuses == [BULK_CREATED, BULK_INVALID, BULK_INVALID, BULK_INVALID]
    assert "chữ số thứ 4 là “0”, dành cho nam" in " ".join(result.errors[1]["national_id"])
    assert "Cán bộ có Số định danh cá nhân đã tồn tại." in result.errors[1]["national_id"]
    assert result.errors[2] == {"party_official_on": ["Ngày chính thức không được trước ngày vào Đảng."]}
    assert list(result.errors[3]) == ["national_id"]
    assert Person.objects.count() == 1  # nothing written without write


def test_persons_upsert_writes_updates_and_audits(reference: dict[str, int], user: Any) -> None:
    an = make.person("Trần Văn An", birth_date=D(1985, 1, 1), sex="nam")
    with audit_context(source="import", reference="import:1:a.xlsx"):
        result = persons_upsert(
            actor=user,
            rows=[
                (None, person_data("Nguyễn  Thị Hằng")),
                (an, {"other_names": "Ba"}),
                (Person.objects.get(pk=an.pk), {}),
            ],
        )
    assert result.statuses == [BULK_CREATED, BULK_UPDATED, BULK_UNCHANGED]
    hang = Person.objects.get(full_name="Nguyễn Thị Hằng")  # prepared as person_create prepares it
    assert hang.search_text == "nguyen thi hang" and hang.sort_key
    events = AuditEvent.objects.filter(source="import").order_by("id")
    assert [(e.action, e.object_id, e.person_id, e.actor_id) for e in events] == [
        ("create", str(hang.pk), hang.pk, user.pk),
        ("update", str(an.pk), an.pk, user.pk),
    ]
    # The version steps with every save, imports included, so a form opened before the import is refused.
    assert events[1].changes == {"other_names": ["", "Ba"], "version": [1, 2]}
    assert events[1].prev_hash == events[0].hash  # the trail's hash chain goes on through bulk rows


def test_assignments_upsert_refuses_overlaps_against_stored_posts(reference: dict[str, int]) -> None:
    dept = make.unit("Sở Nội vụ")
    staff = Title.objects.get(code="CHUYEN_VIEN")
    director = Title.objects.get(code="GIAM_DOC_SO")
    an = make.person("Trần Văn An", birth_date=D(1970, 1, 1), sex="nam")
    hang = make.person("Nguyễn Thị Hằng")
    make.assign(an, dept, director, D(2015, 1, 1))
    make.assign(hang, dept, staff, D(2005, 1, 1), D(2012, 12, 31))
    result = assignments_upsert(
        actor=None,
        rows=[
            (None, hang, {"unit": dept, "title": staff, "valid_from": D(2012, 6, 1)}),
            (
                None,
                hang,
                {"unit": dept, "title": director, "valid_from": D(2020, 1, 1), "is_concurrent": True},
            ),
            (None, hang, {"unit": dept, "title": staff, "valid_from": D(2030, 1, 1)}),
        ],
        write=False,
    )
    assert result.errors[0]["valid_from"] == [
        "Trùng thời gian với chức vụ chính “Chuyên viên – Sở Nội vụ” (01/01/2005 – 31/12/2012). "
        "Hãy kết thúc chức vụ đó trước, hoặc đánh dấu kiêm nhiệm."
    ]
    assert result.errors[1]["title"] == [
        "Chức vụ “Giám đốc Sở” của “Sở Nội vụ” chỉ một người giữ; Trần Văn An đang giữ từ 01/01/2015 đến nay."
    ]
    assert "Ngày bắt đầu không được sau ngày hôm nay." in result.errors[2]["valid_from"]
    assert Assignment.objects.count() == 2


def test_memberships_and_nominations(reference: dict[str, int]) -> None:
    committee = make.unit("Tỉnh ủy", sector="party", kind="party_committee")
    body = elected_body_create(
        actor=None,
        data={"org_unit": committee, "kind": "party_executive", "level": "province", "name": "BCH"},
    )
    term = term_create(
        actor=None,
        body=body,
        data={"name": "2020-2025", "valid_from": D(2020, 10, 15), "valid_to": D(2025, 9, 30)},
    )
    hang = make.person("Nguyễn Thị Hằng")
    seats = memberships_upsert(
        actor=None,
        rows=[
            (None, hang, {"term": term, "valid_from": D(2020, 10, 15)}),
            (None, hang, {"term": term, "valid_from": D(2021, 1, 1)}),
            (None, hang, {"term": term, "valid_from": D(2019, 1, 1)}),
        ],
        write=False,
    )
    assert seats.statuses[0] == BULK_INVALID and seats.errors[0] == {
        "valid_from": ["Cán bộ đã là thành viên của nhiệm kỳ này trong thời gian đó."]
    }
    assert seats.errors[2]["valid_from"] == [
        "Thời gian là thành viên phải nằm trong nhiệm kỳ 2020-2025 (15/10/2020 – 30/09/2025)."
    ]
    written = memberships_upsert(
        actor=None, rows=[(None, hang, {"term": term, "valid_from": D(2020, 10, 15)})]
    )
    assert written.statuses == [BULK_CREATED]
    assert Membership.objects.get().valid_to == D(2025, 9, 30)  # a seat ends with its term
    nominees = nominations_upsert(
        actor=None,
        rows=[
            (None, hang, {"term": term, "nominated_on": D(2020, 9, 1)}),
            (None, hang, {"term": term, "nominated_on": D(2020, 11, 1)}),
            (None, hang, {"term": term, "nominated_on": D(2020, 9, 2)}),
        ],
        write=False,
    )
    assert nominees.errors[1] == {
        "nominated_on": ["Ngày giới thiệu phải trước hoặc đúng ngày bầu cử (15/10/2020)."]
    }
    assert list(nominees.errors[2]) == ["term"]  # one nomination per person and term
