"""The analytics snapshot: every kind of definition gives the same figures as the database; the snapshot is
built atomically, knows its "data as of" time, is refreshed when the records change, and that time is
shown with every figure taken from it."""

import datetime as dt
import json
import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command

from canbo.core import testing as make
from canbo.geo.models import CodeSystem, Locality
from canbo.org.choices import BodyKind, Level
from canbo.org.services import (
    elected_body_create,
    membership_create,
    nomination_create,
    term_create,
)
from canbo.people.choices import QualificationKind, StaffCategory
from canbo.people.models import QualificationLevel
from canbo.people.services import person_update, qualification_create
from canbo.posts.choices import TitleRank
from canbo.posts.models import ManagementCategory
from canbo.programmes.analytics import snapshot
from canbo.programmes.engine import DATABASE, compare_units, compute, compute_programme
from canbo.programmes.models import Indicator, Programme

pytestmark = pytest.mark.django_db
D = dt.date
DATES = (D(2020, 12, 11), D(2021, 6, 1), D(2025, 8, 1))


@pytest.fixture
def analytics(settings, tmp_path):
    """The snapshot backend, its file in the test's directory, refreshed before answering."""
    settings.CANBO_ANALYTICS_BACKEND = "snapshot"
    settings.CANBO_ANALYTICS_PATH = tmp_path / "analytics" / "snapshot.duckdb"
    settings.CANBO_ANALYTICS_REFRESH = "inline"
    return settings.CANBO_ANALYTICS_PATH


def _locality(code, level, *, system=CodeSystem.QD124_2004, **keys):
    return Locality.objects.create(
        code=code, code_system=system, name=f"Nơi {code}", kind=level, level=level, province_code="10", **keys
    )


def _level(kind, code, rank, *, legacy=False):
    level = make.level(kind, code, code, rank)
    if legacy:
        QualificationLevel.objects.filter(pk=level.pk).update(is_legacy=True)
        level.refresh_from_db()
    return level


@pytest.fixture
def world():
    """A province with a district, communes before and after the reform, people of every kind, bodies."""
    old = {"old_province": "10", "new_province": "15"}
    prov = _locality("10", "province", **old)
    dist = _locality("080", "district", old_district="080", **old)
    com_a = _locality("02000", "commune", old_district="080", old_commune="02000", new_commune="90001", **old)
    com_b = _locality("02001", "commune", old_district="080", old_commune="02001", new_commune="90001", **old)
    com_c = _locality("02100", "commune", old_district="081", old_commune="02100", new_commune="90002", **old)
    away = _locality("00700", "commune", old_province="02", old_district="020", old_commune="00700")
    Locality.objects.filter(pk=away.pk).update(new_province="08", new_commune="80001")
    new_c = _locality("90001", "commune", system=CodeSystem.QD19_2025, new_province="15", new_commune="90001")

    root = make.unit("Tỉnh Thử", kind="administration", code="TT", locality=prov)
    dept = make.unit("Sở Nội vụ", parent=root, code="SNV", sector="state", locality=prov)
    party = make.unit("Ban Tổ chức", parent=root, code="BTC", sector="party", locality=prov)
    service = make.unit("Bệnh viện", parent=root, code="BV", sector="public_service", locality=prov)
    district = make.unit(
        "Huyện ủy", parent=root, level=Level.DISTRICT, valid_to=D(2025, 6, 30), code="HU", locality=dist
    )
    commune = make.unit(
        "Đảng ủy xã A",
        parent=district,
        level=Level.COMMUNE,
        valid_to=D(2025, 6, 30),
        code="XA",
        sector="party",
        locality=com_a,
    )
    commune_new = make.unit(
        "Đảng ủy xã mới",
        parent=root,
        level=Level.COMMUNE,
        valid_from=D(2025, 7, 1),
        code="XM",
        sector="party",
        locality=new_c,
    )
    btv, _ = ManagementCategory.objects.get_or_create(code="BTV_TINH", defaults={"name": "BTV tỉnh quản lý"})
    head = make.title(
        "Giám đốc", rank=TitleRank.HEAD, sole=True, leadership=True, management_category=btv, code="GD"
    )
    deputy = make.title("Phó Giám đốc", rank=TitleRank.DEPUTY, leadership=True, code="PGD")
    staff = make.title("Chuyên viên", code="CV")
    d_secretary = make.title(
        "Bí thư Huyện ủy", level=Level.DISTRICT, rank=TitleRank.KEY, sole=True, leadership=True, code="BTH"
    )
    c_secretary = make.title(
        "Bí thư xã", level=Level.COMMUNE, rank=TitleRank.KEY, leadership=True, code="BTX"
    )
    c_staff = make.title("Công chức xã", level=Level.COMMUNE, rank=TitleRank.COMMUNE_CADRE, code="CCX")

    master = _level(QualificationKind.EDUCATION, "THAC_SI", 7)
    degree = _level(QualificationKind.EDUCATION, "DAI_HOC", 6)
    senior = _level(QualificationKind.POLITICAL_THEORY, "CAO_CAP", 3)
    middle = _level(QualificationKind.POLITICAL_THEORY, "TRUNG_CAP", 2)
    b2 = _level(QualificationKind.FOREIGN_LANGUAGE, "B2", 4)
    old_c = _level(QualificationKind.FOREIGN_LANGUAGE, "C_CU", 5, legacy=True)
    abroad = _level(QualificationKind.INTERNATIONAL, "QUOC_TE", 1)
    tay = make.ethnicity("Tày", code="02")

    an = make.person(
        "Trần Văn An",
        birth_date=D(1985, 3, 1),
        party_joined_on=D(2010, 5, 19),
        staff_category=StaffCategory.CADRE,
        home_town=com_a,
        birthplace=com_a,
    )
    hang = make.person(
        "Nguyễn Thị Hằng",
        birth_date=D(1990, 7, 2),
        ethnicity=tay,
        staff_category=StaffCategory.CIVIL_SERVANT,
        home_town=away,
    )
    binh = make.person(
        "Lê Văn Bình",
        birth_date=D(1960, 1, 1),
        party_joined_on=D(1990, 1, 1),
        staff_category=StaffCategory.PUBLIC_EMPLOYEE,
        home_town=com_c,
        birthplace=com_a,
    )
    mai = make.person(
        "Hoàng Thị Mai",
        birth_date=D(1980, 12, 11),
        ethnicity=tay,
        party_joined_on=D(2020, 12, 12),
        staff_category=StaffCategory.CADRE,
    )
    tu = make.person(
        "Phạm Văn Tú",
        birth_date=D(1995, 4, 4),
        party_joined_on=D(2019, 2, 3),
        home_town=com_b,
        birthplace=away,
    )
    lan = make.person("Đỗ Thị Lan", birth_date=D(1970, 9, 9), staff_category=StaffCategory.CIVIL_SERVANT)

    make.assign(an, dept, head, D(2015, 1, 1))
    make.assign(hang, party, deputy, D(2018, 1, 1))
    make.assign(binh, service, staff, D(2000, 1, 1))
    make.assign(binh, dept, deputy, D(2019, 1, 1), is_concurrent=True)
    make.assign(mai, district, d_secretary, D(2016, 1, 1), D(2025, 6, 30))
    make.assign(mai, dept, deputy, D(2025, 7, 1))
    make.assign(tu, commune, c_secretary, D(2020, 1, 1), D(2025, 6, 30))
    make.assign(tu, commune_new, c_secretary, D(2025, 7, 1))
    make.assign(lan, commune, c_staff, D(2010, 1, 1), D(2025, 6, 30))
    make.assign(lan, commune_new, c_staff, D(2025, 7, 1))

    for who, level, day in (
        (an, master, D(2015, 6, 1)),
        (an, senior, D(2018, 1, 1)),
        (an, b2, D(2019, 1, 1)),
        (hang, degree, D(2012, 1, 1)),
        (hang, old_c, D(2010, 1, 1)),
        (hang, middle, D(2021, 3, 1)),
        (binh, degree, D(1982, 1, 1)),
        (mai, degree, D(2005, 1, 1)),
        (mai, middle, D(2015, 1, 1)),
        (tu, b2, D(2021, 1, 1)),
        (lan, abroad, D(2020, 12, 11)),
    ):
        qualification_create(actor=None, person=who, data={"level": level, "obtained_on": day})

    def body(unit, kind, level, name, start, end, election=None):
        created = elected_body_create(
            actor=None, data={"org_unit": unit, "kind": kind, "level": level, "name": name}
        )
        return term_create(
            actor=None,
            body=created,
            data={"name": f"{start.year}", "valid_from": start, "valid_to": end, "election_date": election},
        )

    executive = body(root, BodyKind.PARTY_EXECUTIVE, Level.PROVINCE, "BCH", D(2020, 10, 1), D(2025, 9, 30))
    standing = body(
        district, BodyKind.PARTY_STANDING, Level.DISTRICT, "BTV huyện", D(2020, 8, 1), D(2025, 6, 30)
    )
    council = body(
        root, BodyKind.PEOPLES_COUNCIL, Level.PROVINCE, "HĐND", D(2021, 5, 23), D(2026, 3, 14), D(2021, 5, 23)
    )
    for who in (an, hang, mai):
        membership_create(actor=None, person=who, data={"term": executive, "valid_from": D(2020, 10, 1)})
    for who in (mai, tu):
        membership_create(actor=None, person=who, data={"term": standing, "valid_from": D(2020, 8, 1)})
    for who in (hang, lan, binh):
        nomination_create(actor=None, person=who, data={"term": council, "nominated_on": D(2021, 3, 1)})
    membership_create(actor=None, person=hang, data={"term": council, "valid_from": D(2021, 5, 23)})

    programme = Programme.objects.create(
        code="T",
        title="Thử",
        kind="scheme",
        issuer="Tỉnh ủy",
        period_start=2020,
        period_end=2030,
        territory=root,
    )
    return {"root": root, "dept": dept, "district": district, "programme": programme, "people": [an, hang]}


NOT_LOCAL = {"field": "not_local", "basis": ["home_town", "birthplace"]}
DEFINITIONS = {
    "young-leaders": ({"source": "posts", "levels": ["province"], "leadership": True}, [{"field": "age", "op": "<", "value": 40}]),
    "btv-40": ({"source": "posts", "management_categories": ["BTV_TINH"]}, [{"field": "age", "op": "<=", "value": 40}]),
    "older": ({"source": "posts", "include_concurrent": False}, [{"field": "age", "op": ">=", "value": 40}]),
    "over-55": ({"source": "posts"}, [{"field": "age", "op": ">", "value": 55}]),
    "women-ranks": ({"source": "posts", "ranks": ["head", "deputy", "key"], "include_concurrent": False}, [{"field": "sex", "value": "nu"}]),
    "minority-staff": ({"source": "posts", "staff_categories": ["can_bo", "cong_chuc"]}, [{"field": "ethnic_minority", "value": True}]),
    "kinh": ({"source": "posts"}, [{"field": "ethnic_minority", "value": False}]),
    "party": ({"source": "posts"}, [{"field": "party_member", "value": True}]),
    "not-party": ({"source": "posts"}, [{"field": "party_member", "value": False}]),
    "master-political": ({"source": "posts", "sectors": ["party", "state"]}, [{"field": "qualification", "kind": "education", "min_level": "THAC_SI"}]),
    "two-qualifications": ({"source": "posts"}, [
        {"field": "qualification", "kind": "political_theory", "min_level": "TRUNG_CAP"},
        {"field": "qualification", "kind": "education", "min_level": "DAI_HOC"},
    ]),
    "international": ({"source": "posts"}, [{"field": "international", "min_language_rank": 4}]),
    "international-3": ({"source": "posts", "levels": ["commune", "province"]}, [{"field": "international", "min_language_rank": 3}]),
    "not-local-secretary": ({"source": "posts", "titles": ["BTX", "BTH"]}, [NOT_LOCAL]),
    "not-local-home": ({"source": "posts"}, [{"field": "not_local", "basis": ["home_town"]}]),
    "young-international": ({"source": "posts", "leadership": True, "where": [{"field": "age", "op": "<", "value": 40}]}, [{"field": "international"}]),
    "executive-seats": ({"source": "bodies", "body_kinds": ["party_executive"]}, [{"field": "sex", "value": "nu"}]),
    "bodies-persons": ({"source": "bodies", "levels": ["province", "district"], "count": "persons"}, [{"field": "sex", "value": "nu"}]),
    "bodies-not-local": ({"source": "bodies"}, [NOT_LOCAL]),
    "bodies-minority": ({"source": "bodies", "where": [{"field": "ethnic_minority", "value": True}]}, [{"field": "party_member", "value": True}]),
    "nominees-now": ({"source": "nominees", "body_kinds": ["peoples_council"]}, [{"field": "sex", "value": "nu"}]),
    "nominees-2021": ({"source": "nominees", "election_year": 2021, "count": "persons"}, [{"field": "party_member", "value": False}]),
    "district-only": ({"source": "posts", "levels": ["district"]}, [NOT_LOCAL]),
}  # fmt: skip


def _indicators(programme):
    return {
        code: Indicator.objects.create(
            programme=programme,
            code=code,
            name=code,
            subject="người",
            definition={"population": population, "numerator": numerator},
        )
        for code, (population, numerator) in DEFINITIONS.items()
    }


def test_every_kind_of_definition_gives_the_same_figures_on_both_backends(world, analytics):
    indicators = _indicators(world["programme"])
    snap = snapshot.current()
    assert snap is not None
    compared, counted = 0, set()
    for code, ind in indicators.items():
        for day in DATES:
            for unit in (None, world["dept"], world["district"]):
                live = compute(ind, as_of=day, unit=unit, source=DATABASE)
                columnar = compute(ind, as_of=day, unit=unit, source=snap)
                assert (columnar.numerator, columnar.denominator) == (live.numerator, live.denominator), (
                    code,
                    day,
                    unit,
                )
                assert columnar.status == live.status and columnar.gap == live.gap
                assert columnar.data_as_of == snap.data_as_of and live.data_as_of is None
                compared += 1
                if live.numerator and live.denominator and live.numerator < live.denominator:
                    counted.add(code)
    # The comparison means something: most definitions split their population somewhere.
    assert compared == len(DEFINITIONS) * len(DATES) * 3
    assert len(counted) >= len(DEFINITIONS) - 6, sorted(set(DEFINITIONS) - counted)


def test_hand_checked_figures_on_the_snapshot(world, analytics):
    ind = _indicators(world["programme"])
    before, after = D(2020, 12, 11), D(2025, 8, 1)
    figures = {
        code: (compute(i, as_of=before).numerator, compute(i, as_of=before).denominator)
        for code, i in ind.items()
    }
    assert figures["young-leaders"] == (2, 3)  # An 35 and Hằng 30 of An, Hằng, Bình (concurrent deputy)
    assert figures["not-party"] == (3, 6)  # Hằng, Mai (admitted the day after), Lan
    assert figures["not-local-secretary"] == (1, 2)  # Tú: home town in another commune; Mai: unknown
    assert figures["executive-seats"] == (2, 3)
    assert figures["international"] == (2, 6)  # An's B2 and Lan's attested work; Hằng's old C does not count
    assert compute(ind["not-local-secretary"], as_of=after).numerator == 0  # Tú's home town merged in
    assert compute(ind["district-only"], as_of=after).status == "not_applicable"


def test_units_are_compared_alike_on_both_backends(world, analytics, settings):
    indicators = _indicators(world["programme"])
    for code, ind in indicators.items():
        for day in DATES:
            settings.CANBO_ANALYTICS_BACKEND = "database"
            live = [
                (r.unit.code, r.numerator, r.denominator, r.status)
                for r in compare_units(ind, as_of=day, parent=world["root"])
            ]
            settings.CANBO_ANALYTICS_BACKEND = "snapshot"
            columnar = compare_units(ind, as_of=day, parent=world["root"])
            assert [(r.unit.code, r.numerator, r.denominator, r.status) for r in columnar] == live, (
                code,
                day,
            )


def test_the_snapshot_is_built_atomically_and_records_what_it_contains(world, analytics):
    built = snapshot.build()
    assert built is not None and analytics.is_symlink() and analytics.resolve() == built.path
    assert built.high_water == snapshot.high_water() and built.high_water[0] > 0
    assert built.rows["people_person"] == 6 and built.rows["posts_assignment"] == 10
    assert not list(analytics.parent.glob("*.tmp")) and not list(analytics.parent.glob(".snapshot-csv-*"))
    again = snapshot.build()
    assert again.path != built.path and analytics.resolve() == again.path
    assert built.path.exists()  # the previous build stays for readers that still have it open
    third = snapshot.build()
    assert not built.path.exists() and third.path.exists()


def test_a_failed_build_leaves_the_previous_snapshot_in_place(world, analytics, monkeypatch):
    first = snapshot.build()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(snapshot, "_fill", broken)
    with pytest.raises(RuntimeError):
        snapshot.build()
    assert snapshot.open_current().path == first.path
    assert not list(analytics.parent.glob("*.tmp"))


def test_audited_reads_do_not_make_the_snapshot_stale(world, analytics):
    from canbo.audit.models import AuditAction
    from canbo.audit.services import record

    ind = _indicators(world["programme"])["young-leaders"]
    compute(ind, as_of=D(2020, 12, 11))
    built = snapshot.current().high_water
    for action in (AuditAction.VIEW, AuditAction.EXPORT, AuditAction.LOGIN):
        record(actor=None, action=action, instance=world["people"][0], person_id=world["people"][0].pk)
    assert snapshot.high_water() == built
    person_update(actor=None, person=world["people"][0], data={"birth_date": D(1970, 3, 1)})
    assert snapshot.high_water() != built


def test_a_change_through_a_service_makes_the_snapshot_stale(world, analytics, settings):
    ind = _indicators(world["programme"])["young-leaders"]
    first = compute(ind, as_of=D(2020, 12, 11))
    assert (first.numerator, first.denominator) == (2, 3)
    an = world["people"][0]
    person_update(actor=None, person=an, data={"birth_date": D(1970, 3, 1)})
    settings.CANBO_ANALYTICS_REFRESH = "manual"  # readers keep the old snapshot until it is rebuilt
    stale = compute(ind, as_of=D(2020, 12, 11))
    assert stale.numerator == 2 and stale.data_as_of == first.data_as_of
    assert snapshot.current().high_water != snapshot.high_water()
    settings.CANBO_ANALYTICS_REFRESH = "inline"
    fresh = compute(ind, as_of=D(2020, 12, 11))
    assert fresh.numerator == 1 and fresh.data_as_of > first.data_as_of


def test_in_the_background_readers_get_the_previous_snapshot(world, analytics, settings, monkeypatch):
    ind = _indicators(world["programme"])["young-leaders"]
    first = compute(ind, as_of=D(2020, 12, 11))
    person_update(actor=None, person=world["people"][0], data={"birth_date": D(1970, 3, 1)})
    settings.CANBO_ANALYTICS_REFRESH = "background"
    started = threading.Event()
    monkeypatch.setattr(snapshot, "start_background_refresh", lambda: started.set() or True)
    result = compute(ind, as_of=D(2020, 12, 11))
    assert started.is_set()
    assert result.numerator == 2 and result.data_as_of == first.data_as_of


def test_without_a_snapshot_the_engine_reads_the_database_and_starts_a_build(
    world, analytics, settings, monkeypatch
):
    ind = _indicators(world["programme"])["young-leaders"]
    settings.CANBO_ANALYTICS_REFRESH = "background"
    started = threading.Event()
    monkeypatch.setattr(snapshot, "start_background_refresh", lambda: started.set() or True)
    result = compute(ind, as_of=D(2020, 12, 11))
    assert started.is_set() and result.data_as_of is None and result.numerator == 2


def test_data_as_of_is_shown_wherever_a_figure_is(world, analytics, client):
    client.force_login(make.make_user("quantri", is_superuser=True, is_staff=True))
    ind = _indicators(world["programme"])["young-leaders"]
    compute(ind, as_of=D(2020, 12, 11))
    stamp = snapshot.current().data_as_of
    from django.utils import timezone

    text = f"Số liệu tính đến {timezone.localtime(stamp):%H:%M %d/%m/%Y}"
    out = StringIO()
    call_command("indicators", "--programme", "T", "--as-of", "2020-12-11", "--format", "json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["data_as_of"] == stamp.isoformat()
    assert payload["indicators"]["young-leaders"]["data_as_of"] == stamp.isoformat()
    table = StringIO()
    call_command("indicators", "--programme", "T", "--as-of", "2020-12-11", stdout=table)
    assert text in table.getvalue()
    detail = client.get("/chi-tieu/T/?as_of=11/12/2020")
    assert detail.status_code == 200 and text in detail.content.decode()
    compare = client.get("/chi-tieu/T/young-leaders/so-sanh/?as_of=11/12/2020")
    assert compare.status_code == 200 and text in compare.content.decode()
    from canbo.programmes.exports import indicator_table_docx, indicator_table_xlsx

    results = compute_programme(world["programme"], as_of=D(2020, 12, 11))
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(
        io.BytesIO(indicator_table_xlsx(results, programme=world["programme"], as_of=D(2020, 12, 11)))
    ).active
    assert text in str(sheet.cell(row=3, column=1).value)
    from docx import Document

    document = Document(
        io.BytesIO(indicator_table_docx(results, programme=world["programme"], as_of=D(2020, 12, 11)))
    )
    assert any(text in p.text for p in document.paragraphs)


def test_live_figures_carry_no_data_as_of_line(world, settings):
    settings.CANBO_ANALYTICS_BACKEND = "database"
    _indicators(world["programme"])
    table = StringIO()
    call_command("indicators", "--programme", "T", "--as-of", "2020-12-11", stdout=table)
    assert "Số liệu tính đến" not in table.getvalue()


def test_the_command_builds_the_snapshot(world, analytics):
    out = StringIO()
    call_command("analytics_refresh", stdout=out)
    assert "Số liệu tính đến" in out.getvalue() and analytics.exists()
    first = snapshot.open_current()
    call_command("analytics_refresh", "--if-stale", stdout=StringIO())
    assert snapshot.open_current().path == first.path  # nothing changed: nothing rebuilt


@pytest.mark.django_db(transaction=True)
def test_a_background_refresh_switches_readers_to_the_new_snapshot_when_done(world, analytics, settings):
    ind = _indicators(world["programme"])["young-leaders"]
    first = snapshot.build()
    person_update(actor=None, person=world["people"][0], data={"birth_date": D(1970, 3, 1)})
    settings.CANBO_ANALYTICS_REFRESH = "background"
    during = compute(ind, as_of=D(2020, 12, 11))  # starts the refresh, answers from the previous snapshot
    assert during.numerator == 2 and during.data_as_of == first.data_as_of
    deadline = time.monotonic() + 60
    while snapshot._building.is_set() and time.monotonic() < deadline:
        time.sleep(0.05)
    latest = snapshot.open_current()
    assert latest.path != first.path and latest.high_water == snapshot.high_water()
    after = compute(ind, as_of=D(2020, 12, 11))
    assert after.numerator == 1 and after.data_as_of == latest.data_as_of > first.data_as_of
