"""Annual ratings: the checks of one year's rating, the bands read from the rule, scope, versions, audit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from canbo.access.scopes import ScopeDenied
from canbo.audit.models import AuditAction, AuditEvent
from canbo.audit.versions import StaleVersion
from canbo.conduct import services
from canbo.conduct.models import AnnualRating
from canbo.conduct.services import rating_create, rating_delete, rating_update, rating_upsert, ratings_upsert
from canbo.core import testing as make
from canbo.core.bulk import BULK_CREATED, BULK_INVALID
from canbo.rules.models import RuleVersion

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 11, 22)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Pin today so that 2026 is the current year whatever the machine's clock."""
    monkeypatch.setattr(services, "today", lambda: TODAY)


@pytest.fixture
def who():
    return make.person("Nguyễn Thị Hằng", birth_date=D(1985, 3, 2), recruited_on=D(2010, 9, 1))


CASES = [
    # (data, field with the error or None, fragment of the message or the level stored)
    ({"year": 2009, "level": "HTTNV"}, "year", "trước năm tuyển dụng của cán bộ (01/09/2010)"),
    ({"year": 2027, "level": "HTTNV"}, "year", "không được sau năm nay"),
    ({"year": 1929, "level": "HTTNV"}, "year", "chỉ ghi từ năm 1930"),
    ({"year": 2025, "level": "HTTNV"}, None, "HTTNV"),
    ({"year": 2010, "level": "KHTNV"}, None, "KHTNV"),
    ({"year": 2025, "level": "HTTNV", "score": Decimal(80)}, "score", "chỉ ghi cho các năm từ 2026"),
    ({"year": 2026, "score": Decimal(82)}, None, "HTTNV"),
    ({"year": 2026, "score": Decimal("90")}, None, "HTXSNV"),
    ({"year": 2026, "score": Decimal("49.5")}, None, "KHTNV"),
    ({"year": 2026, "level": "HTNV", "score": Decimal(82)}, None, "HTNV"),  # lower than the band: allowed
    ({"year": 2026, "level": "HTXSNV", "score": Decimal(82)}, "level", "Điểm 82 chỉ đạt mức HTTNV trở xuống"),
    ({"year": 2026, "level": "HTTNV", "score": Decimal(101)}, "score", "từ 0 đến 100"),
    ({"year": 2026, "level": "HTTNV", "score": Decimal(-1)}, "score", "từ 0 đến 100"),
    ({"year": 2025}, "level", "Chưa chọn mức xếp loại"),
    ({"year": 2025, "level": "GIOI"}, "level", ""),
]


@pytest.mark.parametrize(("data", "field", "expected"), CASES)
def test_each_rating_is_checked_and_a_refused_one_stores_nothing(shipped, who, data, field, expected):
    if field is None:
        rating = rating_create(actor=None, person=who, data=data)
        assert rating.level == expected
        assert AnnualRating.objects.get(person=who, year=data["year"]).level == expected
        return
    with pytest.raises(ValidationError) as caught:
        rating_create(actor=None, person=who, data=data)
    messages = caught.value.message_dict
    assert field in messages, messages
    assert expected in " ".join(messages[field])
    assert not AnnualRating.objects.exists()


def test_the_contradiction_message_gives_the_bands_and_their_source(shipped, who):
    with pytest.raises(ValidationError) as caught:
        rating_create(
            actor=None, person=who, data={"year": 2026, "level": "HTXSNV", "score": Decimal("85.5")}
        )
    assert caught.value.message_dict["level"] == [
        "Điểm 85,5 chỉ đạt mức HTTNV trở xuống (từ 90 điểm: HTXSNV; từ 70 đến dưới 90: HTTNV; từ 50 đến dưới "
        "70: HTNV; dưới 50: KHTNV — Nghị định 335/2025/NĐ-CP; Quy định 366-QĐ/TW Điều 11)."
    ]


def test_the_bands_are_the_rule_in_force_not_a_table_in_the_code(shipped, who):
    RuleVersion.objects.filter(rule="rating.score_bands").update(
        parameters={"bands": [[80, "HTXSNV"], [60, "HTTNV"], [40, "HTNV"], [0, "KHTNV"]]}
    )
    assert rating_create(actor=None, person=who, data={"year": 2026, "score": Decimal(82)}).level == "HTXSNV"


def test_without_a_bands_rule_a_score_is_refused_and_a_level_alone_is_kept(db, who):
    with pytest.raises(ValidationError) as caught:
        rating_create(actor=None, person=who, data={"year": 2026, "level": "HTTNV", "score": Decimal(82)})
    assert "Chưa có quy định thang điểm 100" in caught.value.message_dict["score"][0]
    assert rating_create(actor=None, person=who, data={"year": 2026, "level": "HTTNV"}).score is None


def test_an_unknown_recruitment_date_does_not_stop_a_rating(shipped):
    person = make.person("Lê Văn Bình", birth_date=D(1985, 3, 2))
    assert person.recruited_on is None
    assert rating_create(actor=None, person=person, data={"year": 2004, "level": "HTNV"}).pk


def test_one_rating_a_year(shipped, who):
    rating_create(actor=None, person=who, data={"year": 2024, "level": "HTTNV"})
    with pytest.raises(ValidationError) as caught:
        rating_create(actor=None, person=who, data={"year": 2024, "level": "HTNV"})
    assert caught.value.message_dict["year"] == ["Cán bộ đã có xếp loại của năm này."]
    assert AnnualRating.objects.get().level == "HTTNV"


def test_a_correction_is_audited_and_a_stale_form_is_refused(shipped, who):
    rating = rating_create(actor=None, person=who, data={"year": 2026, "score": Decimal(75)})
    assert (rating.level, rating.version) == ("HTTNV", 1)
    rating_update(actor=None, rating=rating, data={"score": Decimal(92), "level": ""}, version=1)
    rating.refresh_from_db()
    assert (rating.level, rating.score, rating.version) == ("HTXSNV", Decimal(92), 2)
    with pytest.raises(StaleVersion):
        rating_update(actor=None, rating=rating, data={"level": "HTNV"}, version=1)
    rating.refresh_from_db()
    assert rating.level == "HTXSNV"
    events = AuditEvent.objects.filter(object_type="conduct.annualrating", object_id=str(rating.pk))
    assert [e.action for e in events.order_by("id")] == [AuditAction.CREATE, AuditAction.UPDATE]
    assert events.get(action=AuditAction.UPDATE).changes["level"] == ["HTTNV", "HTXSNV"]
    rating_delete(actor=None, rating=rating)
    assert not AnnualRating.objects.exists()
    assert events.filter(action=AuditAction.DELETE).count() == 1


def test_upsert_corrects_the_year_already_rated(shipped, who):
    first = rating_upsert(actor=None, person=who, data={"year": 2024, "level": "HTNV"})
    again = rating_upsert(actor=None, person=who, data={"year": 2024, "level": "HTTNV"})
    assert first.pk == again.pk and AnnualRating.objects.get().level == "HTTNV"


def test_an_officer_cannot_rate_a_person_of_another_unit(shipped):
    home, other = make.unit("Sở Nội vụ"), make.unit("Sở Tài chính")
    inside, outside = make.person("Trần Văn An"), make.person("Lê Văn Bình")
    make.assign(inside, home, make.title(), D(2020, 1, 1))
    make.assign(outside, other, make.title(), D(2020, 1, 1))
    officer = make.make_user("hr", role="hr_officer", unit=home)
    assert rating_create(actor=officer, person=inside, data={"year": 2025, "level": "HTTNV"}).pk
    with pytest.raises(ScopeDenied):
        rating_create(actor=officer, person=outside, data={"year": 2025, "level": "HTTNV"})
    assert not AnnualRating.objects.filter(person=outside).exists()
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, person_id=outside.pk).exists()


def test_the_bulk_writer_applies_the_same_checks_in_a_fixed_number_of_queries(
    shipped, who, django_assert_max_num_queries
):
    rows = [(None, who, {"year": year, "level": "HTTNV"}) for year in range(2011, 2026)]
    rows.append((None, who, {"year": 2026, "score": Decimal(82)}))
    with django_assert_max_num_queries(8):
        result = ratings_upsert(actor=None, rows=rows, write=False)
    assert set(result.statuses) == {BULK_CREATED} and result.instances[-1].level == "HTTNV"
    refused = ratings_upsert(
        actor=None,
        rows=[
            (None, who, {"year": 2009, "level": "HTTNV"}),
            (None, who, {"year": 2026, "level": "HTXSNV", "score": Decimal(82)}),
        ],
    )
    assert refused.statuses == [BULK_INVALID, BULK_INVALID]
    assert "trước năm tuyển dụng" in refused.errors[0]["year"][0]
    assert "chỉ đạt mức HTTNV" in refused.errors[1]["level"][0]
    assert not AnnualRating.objects.exists()
