"""Retirement dates: NĐ 135/2020 Appendix I for every birth month 1960–1976, partial dates, NĐ 83/2022."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from canbo.core import testing as make
from canbo.core.dates import DatePrecision
from canbo.people.models import Person
from canbo.rules.models import EarlyRetirement, RetirementDate
from canbo.rules.retirement import format_age, parse_birth, retirement_for, with_retirement_date
from canbo.rules.services import early_retirement_record

pytestmark = pytest.mark.django_db
D = dt.date

# Appendix I of NĐ 135/2020, typed from the decree: (retirement year, age in months, first and last birth
# month retiring that year). People who reached 60 (men) or 55 (women) before 2021 retired under BLLĐ 2012.
MEN = [
    (2021, 60 * 12 + 3, (1961, 1), (1961, 9)),
    (2022, 60 * 12 + 6, (1961, 10), (1962, 6)),
    (2023, 60 * 12 + 9, (1962, 7), (1963, 3)),
    (2024, 61 * 12, (1963, 4), (1963, 12)),
    (2025, 61 * 12 + 3, (1964, 1), (1964, 9)),
    (2026, 61 * 12 + 6, (1964, 10), (1965, 6)),
    (2027, 61 * 12 + 9, (1965, 7), (1966, 3)),
    (2028, 62 * 12, (1966, 4), None),  # 2028 onward: 62
]
WOMEN = [
    (2021, 55 * 12 + 4, (1966, 1), (1966, 8)),
    (2022, 55 * 12 + 8, (1966, 9), (1967, 4)),
    (2023, 56 * 12, (1967, 5), (1967, 12)),
    (2024, 56 * 12 + 4, (1968, 1), (1968, 8)),
    (2025, 56 * 12 + 8, (1968, 9), (1969, 4)),
    (2026, 57 * 12, (1969, 5), (1969, 12)),
    (2027, 57 * 12 + 4, (1970, 1), (1970, 8)),
    (2028, 57 * 12 + 8, (1970, 9), (1971, 4)),
    (2029, 58 * 12, (1971, 5), (1971, 12)),
    (2030, 58 * 12 + 4, (1972, 1), (1972, 8)),
    (2031, 58 * 12 + 8, (1972, 9), (1973, 4)),
    (2032, 59 * 12, (1973, 5), (1973, 12)),
    (2033, 59 * 12 + 4, (1974, 1), (1974, 8)),
    (2034, 59 * 12 + 8, (1974, 9), (1975, 4)),
    (2035, 60 * 12, (1975, 5), None),  # 2035 onward: 60
]
BEFORE_2021 = {"nam": 60 * 12, "nu": 55 * 12}


def expected(sex, year, month):
    """(retirement year, age) from the appendix rows, or the pre-2021 age."""
    for ry, age, first, last in MEN if sex == "nam" else WOMEN:
        if last is None and first <= (year, month):
            return (year * 12 + month - 1 + age) // 12, age
        if last is not None and first <= (year, month) <= last:
            return ry, age
    age = BEFORE_2021[sex]
    return (year * 12 + month - 1 + age) // 12, age


BIRTH_MONTHS = [(year, month) for year in range(1960, 1977) for month in range(1, 13)]


@pytest.mark.parametrize("sex", ["nam", "nu"])
def test_every_birth_month_1960_1976_matches_the_appendix(shipped, sex):
    for year, month in BIRTH_MONTHS:
        ry, age = expected(sex, year, month)
        result = retirement_for(sex=sex, birth=D(year, month, 17))
        index = year * 12 + month - 1 + age
        assert result.retires_on.year == ry, (sex, year, month)
        assert (result.retires_on.month, result.age_months) == (index % 12 + 1, age), (sex, year, month)
        nxt = result.retires_on + dt.timedelta(days=1)
        assert nxt.day == 1 and result.pension_from == nxt  # end of the month; pension from the 1st


@pytest.mark.parametrize(
    ("sex", "birth", "day", "age"),
    [
        ("nam", D(1961, 9, 30), D(2021, 12, 31), "60 tuổi 3 tháng"),
        ("nam", D(1961, 10, 1), D(2022, 4, 30), "60 tuổi 6 tháng"),
        ("nu", D(1966, 8, 31), D(2021, 12, 31), "55 tuổi 4 tháng"),
        ("nu", D(1966, 9, 1), D(2022, 5, 31), "55 tuổi 8 tháng"),
        ("nam", D(1963, 4, 2), D(2024, 4, 30), "61 tuổi"),
        ("nu", D(1976, 2, 29), D(2036, 2, 29), "60 tuổi"),
        ("nam", D(1960, 12, 5), D(2020, 12, 31), "60 tuổi"),
    ],
)
def test_the_checks_of_the_reference(shipped, sex, birth, day, age):
    result = retirement_for(sex=sex, birth=birth)
    assert (result.retires_on, result.age_text) == (day, age)


def test_partial_birth_dates_follow_the_decree(shipped):
    # Year only: 1 January of that year (NĐ 135 Art 3(3)); month and year: that month.
    born, precision = parse_birth("1966")
    assert (born, precision) == (D(1966, 1, 1), DatePrecision.YEAR)
    assert retirement_for(sex="nu", birth=born).retires_on == D(2021, 5, 31)
    born, precision = parse_birth("1966-09")
    assert (born, precision) == (D(1966, 9, 1), DatePrecision.MONTH)
    assert retirement_for(sex="nu", birth=born).retires_on == D(2022, 5, 31)
    assert parse_birth("1966-09-17") == (D(1966, 9, 17), DatePrecision.DAY)


@pytest.mark.parametrize("text", ["1929", "1961-13", "1961-02-30", "61", "1961/09", "2999"])
def test_bad_births_are_refused_in_vietnamese(shipped, text):
    with pytest.raises(ValidationError) as exc:
        parse_birth(text)
    assert "sinh" in " ".join(exc.value.messages).lower()


def test_women_holding_a_listed_post_retire_at_the_higher_age(shipped):
    standard = retirement_for(sex="nu", birth=D(1970, 3, 1))
    assert (standard.retires_on, standard.age_months) == (D(2027, 7, 31), 57 * 12 + 4)
    leader = retirement_for(sex="nu", birth=D(1970, 3, 1), title_codes={"CHU_TICH_UBND_TINH"})
    assert (leader.retires_on, leader.age_text) == (D(2030, 3, 31), "60 tuổi")
    assert "83/2022" in leader.citation
    other_post = retirement_for(sex="nu", birth=D(1970, 3, 1), title_codes={"GIAM_DOC_SO"})
    assert other_post.retires_on == standard.retires_on
    man = retirement_for(sex="nam", birth=D(1970, 3, 1), title_codes={"CHU_TICH_UBND_TINH"})
    assert man.retires_on == D(2032, 3, 31)


def test_the_command_prints_the_iso_date_and_the_age(shipped, capsys):
    call_command("rules", "retirement", "--sex", "nam", "--birth", "1961-10")
    assert capsys.readouterr().out.strip() == "2022-04-30\t60 tuổi 6 tháng"
    call_command("rules", "retirement", "--sex", "nu", "--birth", "1966")
    assert capsys.readouterr().out.strip() == "2021-05-31\t55 tuổi 4 tháng"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--sex", "male", "--birth", "1961"], "Giới tính"),
        (["--sex", "nam", "--birth", "1929"], "1930"),
        (["--sex", "nu", "--birth", "1966-02-30"], "không có trên lịch"),
    ],
)
def test_the_command_refuses_bad_input_with_exit_code_2(shipped, args, words):
    with pytest.raises(CommandError) as exc:
        call_command("rules", "retirement", *args)
    assert exc.value.returncode == 2
    assert words in str(exc.value)


def test_the_table_gives_the_same_dates_in_sql(shipped):
    unit = make.unit()
    people = []
    for index, (sex, born, precision) in enumerate(
        [
            ("nam", D(1961, 9, 30), DatePrecision.DAY),
            ("nam", D(1961, 10, 1), DatePrecision.MONTH),
            ("nu", D(1966, 1, 1), DatePrecision.YEAR),
            ("nu", D(1975, 4, 3), DatePrecision.DAY),
            ("nu", D(1975, 5, 3), DatePrecision.DAY),
        ]
    ):
        name = f"Nguyễn {'Thị' if sex == 'nu' else 'Văn'} Số{index}"
        people.append(
            make.person(name, sex=sex, birth_date=born, birth_date_precision=precision, managing_unit=unit)
        )
    rows = dict(with_retirement_date(Person.objects.all()).values_list("pk", "retirement_date"))
    for person in people:
        assert rows[person.pk] == retirement_for(sex=person.sex, birth=person.birth_date).retires_on
    assert RetirementDate.objects.filter(
        born_in=D(1966, 1, 1), sex="nu", variant="standard"
    ).get().retires_on == D(2021, 5, 31)


def test_the_sql_date_honours_listed_posts_and_early_retirement(shipped):
    province = make.unit("Ủy ban nhân dân tỉnh", kind="administration")
    chair = make.title("Chủ tịch UBND tỉnh", code="CHU_TICH_UBND_TINH", leadership=True, sole=True)
    leader = make.person("Lê Thị Lan", sex="nu", birth_date=D(1970, 3, 1))
    make.assign(leader, province, chair, D(2021, 6, 1))
    staff = make.person("Trần Thị Mai", sex="nu", birth_date=D(1970, 3, 1), managing_unit=province)
    early = make.person("Phạm Văn Hùng", sex="nam", birth_date=D(1966, 5, 10), managing_unit=province)
    early_retirement_record(
        actor=None,
        person=early,
        data={"retires_on": D(2026, 12, 31), "reason": "work_capacity", "basis": "QĐ 1/QĐ"},
    )
    rows = dict(
        with_retirement_date(Person.objects.all(), on=D(2026, 6, 1)).values_list("pk", "retirement_date")
    )
    assert rows[leader.pk] == D(2030, 3, 31)
    assert rows[staff.pk] == D(2027, 7, 31)
    assert rows[early.pk] == D(2026, 12, 31)


def test_early_retirement_must_lie_within_five_years(shipped):
    person = make.person("Phạm Văn Hùng", sex="nam", birth_date=D(1966, 5, 10), managing_unit=make.unit())
    for day, words in [(D(2028, 5, 31), "trước ngày nghỉ hưu"), (D(2023, 4, 30), "tối đa 60 tháng")]:
        with pytest.raises(ValidationError) as exc:
            early_retirement_record(
                actor=None, person=person, data={"retires_on": day, "reason": "other", "basis": "x"}
            )
        assert words in " ".join(exc.value.messages)
    assert not EarlyRetirement.objects.exists()


def test_ages_read_in_vietnamese():
    assert format_age(723) == "60 tuổi 3 tháng"
    assert format_age(744) == "62 tuổi"


def test_retiring_within_a_window_is_scoped_and_costs_fixed_queries(shipped):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from canbo.access.models import Grant, Role
    from canbo.rules.selectors import persons_retiring

    root = make.unit("Tỉnh", kind="administration")
    dept = make.unit("Sở Nội vụ", parent=root)
    other = make.unit("Sở Tài chính", parent=root)
    soon = make.person("Trần Văn An", sex="nam", birth_date=D(1965, 2, 3), managing_unit=dept)  # 31/08/2026
    later = make.person("Lê Văn Bình", sex="nam", birth_date=D(1970, 2, 3), managing_unit=dept)
    elsewhere = make.person("Phạm Văn Cường", sex="nam", birth_date=D(1965, 3, 3), managing_unit=other)
    user = make.make_user("hr")
    Grant.objects.create(user=user, role=Role.HR_OFFICER, unit=dept, valid_from=D(2020, 1, 1))
    window = {"start": D(2026, 6, 1), "end": D(2027, 5, 31), "on": D(2026, 6, 1)}
    rows = list(persons_retiring(user=user, **window))
    assert [(p.pk, p.retirement_date) for p in rows] == [(soon.pk, D(2026, 8, 31))]
    assert later.pk not in {p.pk for p in rows} and elsewhere.pk not in {p.pk for p in rows}
    with CaptureQueriesContext(connection) as few:
        list(persons_retiring(user=user, **window))
    for index in range(6):
        make.person(f"Nguyễn Văn Số{index}", sex="nam", birth_date=D(1965, 1, 1), managing_unit=dept)
    with CaptureQueriesContext(connection) as many:
        assert len(list(persons_retiring(user=user, **window))) == 7
    assert len(many) == len(few)
