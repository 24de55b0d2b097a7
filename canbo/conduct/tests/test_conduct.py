"""Discipline records, political-standard conclusions and ratings: validation, scope, rule checks."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from canbo.access.scopes import ScopeDenied
from canbo.conduct.models import AnnualRating, DisciplineRecord, PoliticalStandardConclusion
from canbo.conduct.selectors import (
    consecutive_not_completed,
    discipline_bars,
    excellent_cap,
    missing_political_standard,
    valid_conclusions,
)
from canbo.conduct.services import (
    discipline_record_create,
    discipline_record_update,
    political_standard_record,
)
from canbo.core import testing as make
from canbo.rules.definitions import validate_parameters
from canbo.rules.eligibility import eligibility, eligibility_summary
from canbo.rules.selectors import rule_in_force
from canbo.rules.services import rule_version_create

pytestmark = pytest.mark.django_db
D = dt.date


def discipline(person, form="khien_trach", start=None, system="party", **extra):
    start = start or D(2024, 3, 1)
    data = {
        "form": form,
        "system": system,
        "decision_number": "12-QĐ/UBKT",
        "decision_date": start,
        "valid_from": start,
        **extra,
    }
    return discipline_record_create(actor=None, person=person, data=data)


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        ({"valid_to": D(2024, 2, 1)}, "valid_to", "trước khi có hiệu lực"),
        ({"decision_date": D(2099, 1, 1), "valid_from": D(2099, 1, 1)}, "decision_date", "tương lai"),
        ({"decision_date": D(1970, 1, 1), "valid_from": D(1970, 1, 1)}, "decision_date", "trước ngày sinh"),
        ({"decision_date": D(2024, 4, 1)}, "valid_from", "trước ngày quyết định"),
        ({"form": "khai_tru", "system": "admin"}, "form", "kỷ luật hành chính"),
        ({"form": "giang_chuc", "system": "party"}, "form", "kỷ luật đảng"),
        ({"form": "xu_phat"}, "form", ""),
    ],
)
def test_bad_discipline_is_refused_with_a_message_and_nothing_stored(data, field, fragment):
    who = make.person()
    base = {
        "form": "khien_trach",
        "system": "party",
        "decision_number": "1",
        "decision_date": D(2024, 3, 1),
        "valid_from": D(2024, 3, 1),
    }
    with pytest.raises(ValidationError) as caught:
        discipline_record_create(actor=None, person=who, data={**base, **data})
    assert fragment in " ".join(caught.value.message_dict[field])
    assert not DisciplineRecord.objects.exists()


def test_discipline_writes_are_scoped_and_audited():
    from canbo.audit.models import AuditEvent

    home, other = make.unit("Sở Nội vụ"), make.unit("Sở Tài chính")
    who = make.person()
    make.assign(who, other, make.title(), D(2020, 1, 1))
    officer = make.make_user("hr", role="hr_officer", unit=home)
    with pytest.raises(ScopeDenied):
        discipline_record_create(
            actor=officer,
            person=who,
            data={
                "form": "canh_cao",
                "system": "party",
                "decision_number": "1",
                "decision_date": D(2024, 3, 1),
                "valid_from": D(2024, 3, 1),
            },
        )
    assert not DisciplineRecord.objects.exists()
    item = discipline(who)
    discipline_record_update(actor=None, record_=item, data={"valid_to": D(2025, 2, 28)})
    assert AuditEvent.objects.filter(object_type__contains="disciplinerecord").count() == 2


def test_political_standard_conclusion_in_the_future_is_refused():
    who = make.person()
    with pytest.raises(ValidationError) as caught:
        political_standard_record(
            actor=None,
            person=who,
            data={"concluded_on": D(2099, 1, 1), "conclusion": "dat", "concluded_by": "BTV Tỉnh ủy"},
        )
    assert "tương lai" in " ".join(caught.value.message_dict["concluded_on"])
    assert not PoliticalStandardConclusion.objects.exists()


@pytest.mark.parametrize(
    ("rule", "parameters", "fragment"),
    [
        ("discipline.bar", {"months": {"khien_trach": "24"}, "permanent": ["khai_tru"]}, "số tháng nguyên"),
        ("discipline.bar", {"months": {"khien_trach": 500}, "permanent": ["khai_tru"]}, "từ 0 đến 240"),
        ("discipline.bar", {"months": [], "permanent": ["khai_tru"]}, "không rỗng"),
        ("rating.score_bands", {"bands": [[70, "HTTNV"], [90, "HTXSNV"], [0, "KHTNV"]]}, "giảm dần"),
        ("rating.score_bands", {"bands": [[90, "HTXSNV"], [50, "HTNV"]]}, "điểm tối thiểu 0"),
        ("rating.excellent_cap", {"percent": 0, "base_levels": ["HTTNV"]}, "nhỏ hơn 1"),
    ],
)
def test_rule_parameters_of_the_wrong_shape_are_refused(rule, parameters, fragment):
    with pytest.raises(ValidationError) as caught:
        validate_parameters(rule, parameters)
    assert fragment in " ".join(caught.value.message_dict["parameters"])


@pytest.mark.parametrize(
    ("form", "start", "on", "barred", "citation"),
    [
        # A 2024 reprimand checked in 2025 under the civil-service law: 12 months, over on 28/02/2025.
        ("khien_trach", D(2024, 3, 1), D(2025, 2, 28), True, "52/2019"),
        ("khien_trach", D(2024, 3, 1), D(2025, 3, 1), False, "52/2019"),
        # The same reprimand checked in 2026 under QĐ 377: 24 months, to 28/02/2026.
        ("khien_trach", D(2024, 3, 1), D(2026, 2, 28), True, "377-QĐ/TW"),
        ("khien_trach", D(2024, 3, 1), D(2026, 3, 1), False, "377-QĐ/TW"),
        ("canh_cao", D(2023, 1, 10), D(2026, 1, 9), True, "377-QĐ/TW"),
        ("canh_cao", D(2023, 1, 10), D(2026, 1, 10), False, "377-QĐ/TW"),
        ("cach_chuc", D(2021, 6, 1), D(2026, 5, 31), True, "377-QĐ/TW"),
        ("cach_chuc", D(2021, 6, 1), D(2026, 6, 1), False, "377-QĐ/TW"),
    ],
)
def test_discipline_bars_follow_the_version_in_force_on_the_day_checked(
    shipped, form, start, on, barred, citation
):
    who = make.person()
    discipline(who, form=form, start=start)
    user = make.make_user(role="specialist")
    bars = discipline_bars(user=user, on=on)
    assert bool(bars) is barred
    items = {item.check.rule: item.check for item in eligibility(who, make.title(), on=on)}
    check = items["discipline.bar"]
    assert check.status == ("fail" if barred else "pass")
    assert citation in check.citation


def test_forms_without_a_period_are_unknown_and_expulsion_bars_for_good(shipped):
    demoted, expelled = make.person("Trần Văn Giáng"), make.person("Lê Văn Trừ")
    discipline(demoted, form="giang_chuc", system="admin", start=D(2025, 11, 1))
    discipline(expelled, form="khai_tru", start=D(2015, 1, 1))
    post = make.title()
    assert {i.check.rule: i.status for i in eligibility(demoted, post, on=D(2026, 3, 1))}[
        "discipline.bar"
    ] == "unknown"
    assert {i.check.rule: i.status for i in eligibility(expelled, post, on=D(2026, 3, 1))}[
        "discipline.bar"
    ] == "fail"


def test_bars_ending_soon_in_scope_in_a_fixed_number_of_queries(shipped):
    home, other = make.unit("Sở Nội vụ"), make.unit("Sở Tài chính")
    post = make.title()
    ending, later, outside = make.person("An"), make.person("Bình"), make.person("Cường")
    for who, where in ((ending, home), (later, home), (outside, other)):
        make.assign(who, where, post, D(2020, 1, 1))
    discipline(ending, start=D(2024, 6, 1))  # QĐ 377: to 31/05/2026
    discipline(later, form="canh_cao", start=D(2024, 6, 1))  # to 31/05/2027
    discipline(outside, start=D(2024, 6, 1))
    officer = make.make_user("hr", role="hr_officer", unit=home)
    with CaptureQueriesContext(connection) as queries:
        rows = discipline_bars(user=officer, on=D(2026, 1, 1), ending_by=D(2026, 7, 1))
    assert [(b.record.person, b.ends_on) for b in rows] == [(ending, D(2026, 5, 31))]
    assert len(queries) <= 3
    assert {b.record.person for b in discipline_bars(user=officer, on=D(2026, 1, 1))} == {ending, later}


def test_two_consecutive_not_completed_years_are_flagged(shipped):
    user = make.make_user(role="specialist")
    flagged, once, apart = make.person("An"), make.person("Bình"), make.person("Cường")
    ratings = {
        flagged: {2024: "KHTNV", 2025: "KHTNV"},
        once: {2024: "HTNV", 2025: "KHTNV"},
        apart: {2023: "KHTNV", 2025: "KHTNV"},
    }
    for who, years in ratings.items():
        for year, level in years.items():
            AnnualRating.objects.create(person=who, year=year, level=level)
    persons, version = consecutive_not_completed(user=user, year=2025)
    assert list(persons) == [flagged]
    assert "80/2025" in version.citation


def test_the_excellent_cap_is_counted_per_agency(shipped):
    user = make.make_user(role="specialist")
    over, within = make.unit("Sở Nội vụ"), make.unit("Sở Tài chính")
    levels = {over: ["HTXSNV", "HTXSNV"] + ["HTTNV"] * 5, within: ["HTXSNV"] + ["HTTNV"] * 5 + ["HTNV"]}
    for agency, given in levels.items():
        for n, level in enumerate(given):
            who = make.person(f"Người {agency.name} {n}", managing_unit=agency)
            AnnualRating.objects.create(person=who, year=2026, level=level)
    with CaptureQueriesContext(connection) as queries:
        rows, version = excellent_cap(user=user, year=2026)
    assert {(r.unit_name, r.excellent, r.base, r.exceeded) for r in rows} == {
        ("Sở Nội vụ", 2, 5, True),
        ("Sở Tài chính", 1, 5, False),
    }
    assert "335/2025" in version.citation and len(queries) <= 3


def test_leaders_without_a_valid_conclusion_are_listed_and_validity_is_data(shipped):
    admin = make.make_user("quantri", role="admin")
    user = make.make_user(role="specialist")
    where, boss = make.unit(), make.title("Giám đốc", leadership=True)
    concluded, missing, refused = make.person("An"), make.person("Bình"), make.person("Cường")
    for who in (concluded, missing, refused):
        make.assign(who, where, boss, D(2022, 1, 1))
    for who, outcome in ((concluded, "dat"), (refused, "khong_dat")):
        political_standard_record(
            actor=None,
            person=who,
            data={"concluded_on": D(2021, 6, 1), "conclusion": outcome, "concluded_by": "BTV"},
        )
    persons, _version = missing_political_standard(user=user, on=D(2026, 1, 1))
    assert set(persons) == {missing, refused}
    post = make.title()
    assert {i.check.rule: i.status for i in eligibility(missing, post, on=D(2026, 1, 1))}[
        "political_standard.required"
    ] == "unknown"
    assert {i.check.rule: i.status for i in eligibility(refused, post, on=D(2026, 1, 1))}[
        "political_standard.required"
    ] == "fail"
    assert {i.check.rule: i.status for i in eligibility(concluded, post, on=D(2026, 1, 1))}[
        "political_standard.required"
    ] == "pass"
    # An administrator sets a 24-month validity: the 2021 conclusion no longer counts in 2026.
    rule_version_create(
        actor=admin,
        data={
            "rule": "political_standard.required",
            "valid_from": D(2026, 1, 1),
            "parameters": {"validity_months": 24},
            "source": "Hướng dẫn của Ban Tổ chức Tỉnh ủy",
            "confidence": "design",
        },
        close_previous=True,
    )
    persons, _version = missing_political_standard(user=user, on=D(2026, 1, 1))
    assert set(persons) == {concluded, missing, refused}


def test_a_later_conclusion_that_does_not_meet_ends_an_earlier_one_that_meets(shipped):
    user = make.make_user(role="specialist")
    where, boss = make.unit(), make.title("Giám đốc", leadership=True)
    who = make.person("Dũng")
    make.assign(who, where, boss, D(2022, 1, 1))
    for day, outcome in ((D(2021, 6, 1), "dat"), (D(2024, 3, 1), "khong_dat")):
        political_standard_record(
            actor=None, person=who, data={"concluded_on": day, "conclusion": outcome, "concluded_by": "BTV"}
        )
    # Before the second conclusion the first one counts; after it, it does not.
    assert set(missing_political_standard(user=user, on=D(2024, 2, 1))[0]) == set()
    assert set(missing_political_standard(user=user, on=D(2024, 3, 1))[0]) == {who}
    version = rule_in_force("political_standard.required", on=D(2025, 1, 1))
    valid = PoliticalStandardConclusion.objects.filter(valid_conclusions(version, D(2025, 1, 1)))
    assert not valid.exists()


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ({2024: "HTTNV", 2025: "HTXSNV"}, "pass"),
        ({2024: "HTTNV", 2025: "HTNV"}, "fail"),
        ({2025: "HTTNV"}, "unknown"),
        ({}, "unknown"),
    ],
)
def test_recent_ratings_pass_fail_or_unknown(shipped, ratings, expected):
    who = make.person()
    for year, level in ratings.items():
        AnnualRating.objects.create(person=who, year=year, level=level)
    items = {i.check.rule: i for i in eligibility(who, make.title(), on=D(2026, 3, 1))}
    assert items["eligibility.recent_ratings"].status == expected


@pytest.mark.parametrize(
    ("birth", "on", "expected"),
    [
        (D(1970, 5, 17), D(2026, 3, 1), "pass"),  # woman born 05/1970 retires 2028-2029: …
        (D(1968, 5, 17), D(2026, 3, 1), "fail"),
    ],
)
def test_the_checklist_names_every_rule_with_its_citation(shipped, birth, on, expected):
    who = make.person("Trần Văn Nam", birth_date=birth)
    items = eligibility(who, make.title("Phó Giám đốc Sở", leadership=True), on=on)
    by_rule = {i.check.rule: i.check for i in items}
    assert set(by_rule) == {
        "appointment.min_months_before_retirement",
        "discipline.bar",
        "political_standard.required",
        "eligibility.recent_ratings",
        "title.standards",
        "nonlocal.titles",
    }
    assert by_rule["appointment.min_months_before_retirement"].status == expected
    assert by_rule["title.standards"].status == "unknown"
    assert all(c.citation for c in by_rule.values())
    assert eligibility_summary(items) in {"fail", "unknown"}
