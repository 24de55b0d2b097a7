"""The ratings pages of a person: list, add, edit, delete; scoped, audited, bad input shown on the form."""

import datetime as dt
from decimal import Decimal

import pytest

from canbo.audit.models import AuditAction, AuditEvent
from canbo.conduct import services
from canbo.conduct.models import AnnualRating
from canbo.core import testing as make

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: D(2026, 11, 22))


@pytest.fixture
def case(shipped):
    home, other = make.unit("Sở Nội vụ"), make.unit("Sở Tài chính")
    inside = make.person("Trần Văn An", recruited_on=D(2012, 8, 1))
    outside = make.person("Lê Văn Bình")
    make.assign(inside, home, make.title(), D(2020, 1, 1))
    make.assign(outside, other, make.title(), D(2020, 1, 1))
    officer = make.make_user("hr", role="hr_officer", unit=home)
    return inside, outside, officer


def test_the_list_shows_ratings_and_the_bands_in_force(client, case):
    inside, outside, officer = case
    AnnualRating.objects.create(person=inside, year=2026, level="HTTNV", score=Decimal("82.5"))
    client.force_login(officer)
    page = client.get(f"/can-bo/{inside.pk}/xep-loai/")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-year="2026"' in text and "82,50" in text and "Hoàn thành tốt nhiệm vụ" in text
    assert "từ 90 điểm: HTXSNV" in text and "335/2025" in text
    assert 'data-testid="recruitment-unknown"' not in text
    assert f"/can-bo/{inside.pk}/xep-loai/" in client.get(f"/can-bo/{inside.pk}/").content.decode()
    assert client.get(f"/can-bo/{outside.pk}/xep-loai/").status_code == 404


def test_a_year_before_recruitment_is_shown_on_the_form_and_nothing_stored(client, case):
    inside, _outside, officer = case
    client.force_login(officer)
    page = client.post(f"/can-bo/{inside.pk}/xep-loai/them/", {"year": "2011", "level": "HTTNV"})
    assert page.status_code == 200
    assert "Năm đánh giá 2011 trước năm tuyển dụng của cán bộ (01/08/2012)." in page.content.decode()
    bad_score = client.post(f"/can-bo/{inside.pk}/xep-loai/them/", {"year": "2026", "score": "tám mươi"})
    assert "không phải là số" in bad_score.content.decode()
    contradiction = client.post(
        f"/can-bo/{inside.pk}/xep-loai/them/", {"year": "2026", "level": "HTXSNV", "score": "82"}
    )
    assert "Điểm 82 chỉ đạt mức HTTNV trở xuống" in contradiction.content.decode()
    assert not AnnualRating.objects.exists()


def test_a_score_gives_the_level_and_the_write_is_audited(client, case):
    inside, _outside, officer = case
    client.force_login(officer)
    reply = client.post(f"/can-bo/{inside.pk}/xep-loai/them/", {"year": "2026", "level": "", "score": "82,5"})
    assert reply.status_code == 302 and reply["Location"] == f"/can-bo/{inside.pk}/xep-loai/"
    rating = AnnualRating.objects.get()
    assert (rating.level, rating.score) == ("HTTNV", Decimal("82.5"))
    event = AuditEvent.objects.get(object_type="conduct.annualrating", action=AuditAction.CREATE)
    assert event.actor == officer and event.person_id == inside.pk


def test_an_edit_from_a_stale_form_is_refused_with_what_changed(client, case):
    inside, _outside, officer = case
    rating = AnnualRating.objects.create(person=inside, year=2025, level="HTNV")
    client.force_login(officer)
    url = f"/can-bo/{inside.pk}/xep-loai/{rating.pk}/sua/"
    assert 'name="version" value="1"' in client.get(url).content.decode()
    assert client.post(url, {"year": "2025", "level": "HTTNV", "version": "1"}).status_code == 302
    stale = client.post(url, {"year": "2025", "level": "KHTNV", "version": "1"})
    assert stale.status_code == 409
    text = stale.content.decode()
    assert 'id="xung-dot"' in text
    assert "<td>Hoàn thành nhiệm vụ</td><td><strong>Hoàn thành tốt nhiệm vụ</strong></td>" in text
    rating.refresh_from_db()
    assert (rating.level, rating.version) == ("HTTNV", 2)


def test_delete_and_the_other_units_records(client, case):
    inside, outside, officer = case
    mine = AnnualRating.objects.create(person=inside, year=2025, level="HTNV")
    theirs = AnnualRating.objects.create(person=outside, year=2025, level="HTNV")
    client.force_login(officer)
    assert client.get(f"/can-bo/{outside.pk}/xep-loai/them/").status_code == 404
    assert client.post(f"/can-bo/{outside.pk}/xep-loai/{theirs.pk}/xoa/").status_code == 404
    assert client.post(f"/can-bo/{inside.pk}/xep-loai/{theirs.pk}/xoa/").status_code == 404
    assert client.post(f"/can-bo/{inside.pk}/xep-loai/{mine.pk}/xoa/").status_code == 302
    assert list(AnnualRating.objects.values_list("pk", flat=True)) == [theirs.pk]
    assert (
        AuditEvent.objects.filter(object_type="conduct.annualrating", action=AuditAction.DELETE).count() == 1
    )
