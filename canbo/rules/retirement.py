"""Statutory retirement dates (BLLĐ 2019 Art 169; NĐ 135/2020 Arts 3–4 and Appendix I; NĐ 83/2022).

The arithmetic is pure and reads every figure from rule parameters:

* ``R(Y)`` is the age (in months) in force in calendar year ``Y`` (the "retirement.age" schedule).
* A person reaches retirement in the first year ``Y`` in which their birth month plus ``R(Y)`` falls
  inside ``Y``; that month is the retirement month. This reproduces Appendix I of NĐ 135 (a man born
  09/1961 reaches 60y3m in 12/2021; one born 10/1961 reaches 60y6m in 04/2022).
* The retirement moment is the end of the last day of that month (NĐ 135 Art 3(1)); pension starts on
  the first day of the next month (Art 3(2)).
* Only the birth month matters. When only the year is known, 1 January is used (Art 3(3)); when the
  month is known but not the day, that month is used (the day never changes the result).

For thousands of people the dates come from RetirementDate, a table of (sex, birth month) → date
rebuilt from the versions in force, joined in SQL by ``with_retirement_date``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    Case,
    DateField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext as _

from canbo.core.dates import DatePrecision, active_on, today

from .choices import RetirementVariant

FIRST_BIRTH_YEAR = 1930


@dataclass(frozen=True)
class Retirement:
    """When a person retires: the last working day, the age reached, and what decided it."""

    retires_on: dt.date
    age_months: int
    citation: str = ""
    reason: str = ""

    @property
    def pension_from(self) -> dt.date:
        """The first day of retirement (the day after the retirement moment)."""
        return self.retires_on + dt.timedelta(days=1)

    @property
    def age_text(self) -> str:
        """The age reached, in Vietnamese: "60 tuổi 3 tháng"."""
        return format_age(self.age_months)


def format_age(months: int) -> str:
    """An age in months as Vietnamese text: "61 tuổi", "60 tuổi 3 tháng"."""
    years, rest = divmod(months, 12)
    if rest:
        return _("%(y)s tuổi %(m)s tháng") % {"y": years, "m": rest}
    return _("%(y)s tuổi") % {"y": years}


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    return dt.date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def age_in_force(schedule: list[list[int]], year: int) -> int:
    """R(year): the age in months of the last schedule entry starting on or before year."""
    months = schedule[0][1]
    for start, value in schedule:
        if start <= year:
            months = value
        else:
            break
    return months


def retirement_month(schedule: list[list[int]], birth_year: int, birth_month: int) -> tuple[int, int, int]:
    """(year, month, age in months) of reaching retirement age under a yearly schedule."""
    born = birth_year * 12 + birth_month - 1

    def reached(age: int) -> int:
        return (born + age) // 12

    year = reached(age_in_force(schedule, birth_year))
    for _step in range(200):
        age = age_in_force(schedule, year)
        if reached(age) <= year:
            # Reached inside this year (or, for a schedule that jumps by more than a year, already passed:
            # then the age in force this year is taken, which is the earliest lawful reading).
            index = born + age
            return index // 12, index % 12 + 1, age
        year += 1
    raise ValueError("retirement schedule never reached")  # pragma: no cover - schedules are validated


def statutory_retirement(
    *, sex: str, birth_year: int, birth_month: int, parameters: dict[str, Any]
) -> tuple[dt.date, int]:
    """The standard retirement date (end of month) and age in months for one sex and birth month."""
    schedule = parameters["male" if sex == "nam" else "female"]
    year, month, age = retirement_month(schedule, birth_year, birth_month)
    return month_end(year, month), age


def senior_female_retirement(
    *, birth_year: int, birth_month: int, standard: tuple[dt.date, int], parameters: dict[str, Any]
) -> tuple[dt.date, int]:
    """The later retirement of a woman holding a listed leadership post (never earlier than the standard)."""
    age = parameters["age_months"]
    index = birth_year * 12 + birth_month - 1 + age
    later = month_end(index // 12, index % 12 + 1)
    return (later, age) if later > standard[0] else standard


_BIRTH_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_birth(text: str, *, field: str = "birth") -> tuple[dt.date, str]:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD into (date with unknown parts as 1, precision); Vietnamese errors."""
    match = _BIRTH_RE.match(text.strip())
    if not match:
        raise ValidationError(
            {
                field: [
                    _("Ngày sinh “%(v)s” không hợp lệ: nhập theo dạng YYYY, YYYY-MM hoặc YYYY-MM-DD.")
                    % {"v": text}
                ]
            }
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        born = dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValidationError({field: [_("Ngày sinh “%(v)s” không có trên lịch.") % {"v": text}]}) from None
    check_birth_year(born, field=field)
    precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
    return born, precision


def check_birth_year(born: dt.date, *, field: str = "birth") -> None:
    """Refuse a birth before 1930 or after today with a Vietnamese message."""
    if born.year < FIRST_BIRTH_YEAR:
        raise ValidationError(
            {
                field: [
                    _("Năm sinh %(y)s trước năm %(min)s: kiểm tra lại.")
                    % {"y": born.year, "min": FIRST_BIRTH_YEAR}
                ]
            }
        )
    if born > today():
        raise ValidationError({field: [_("Ngày sinh không được sau ngày hôm nay.")]})


def retirement_for(
    *,
    sex: str,
    birth: dt.date,
    on: dt.date | None = None,
    title_codes: frozenset[str] | set[str] = frozenset(),
) -> Retirement:
    """The statutory retirement of one person under the versions in force on `on` (today by default).

    `birth` carries unknown parts as 1 (so a year-only birth is 1 January, as NĐ 135 Art 3(3) says);
    `title_codes` are the titles the person holds, for the NĐ 83/2022 exception for women leaders.
    """
    from .selectors import rule_in_force

    check_birth_year(birth)
    if sex not in ("nam", "nu"):
        raise ValidationError({"sex": [_("Giới tính phải là “nam” hoặc “nu”.")]})
    day = on or today()
    version = rule_in_force("retirement.age", on=day)
    if version is None:
        raise ValidationError(
            {
                "rule": [
                    _("Chưa có phiên bản quy định “retirement.age” áp dụng ngày %(d)s.")
                    % {"d": f"{day:%d/%m/%Y}"}
                ]
            }
        )
    standard = statutory_retirement(
        sex=sex, birth_year=birth.year, birth_month=birth.month, parameters=version.parameters
    )
    result = Retirement(standard[0], standard[1], version.citation, _("Tuổi nghỉ hưu chung"))
    if sex == "nu" and title_codes:
        senior = rule_in_force("retirement.senior_female", on=day)
        if senior is not None and set(title_codes) & set(senior.parameters["title_codes"]):
            later = senior_female_retirement(
                birth_year=birth.year,
                birth_month=birth.month,
                standard=standard,
                parameters=senior.parameters,
            )
            if later != standard:
                result = Retirement(
                    later[0], later[1], senior.citation, _("Nữ lãnh đạo nghỉ hưu ở tuổi cao hơn")
                )
    return result


# --- The precomputed table -------------------------------------------------------------------------


def _table_versions(day: dt.date) -> tuple[Any, Any]:
    from .selectors import rule_in_force

    return rule_in_force("retirement.age", on=day), rule_in_force("retirement.senior_female", on=day)


def retirement_table_rebuild(*, on: dt.date | None = None) -> int:
    """Recompute RetirementDate for every sex and birth month from 1930 to this year; return the row count."""
    from .models import RetirementDate

    day = on or today()
    age_version, senior_version = _table_versions(day)
    rows: list[RetirementDate] = []
    if age_version is not None:
        for sex in ("nam", "nu"):
            for year in range(FIRST_BIRTH_YEAR, day.year + 1):
                for month in range(1, 13):
                    born_in = dt.date(year, month, 1)
                    standard = statutory_retirement(
                        sex=sex, birth_year=year, birth_month=month, parameters=age_version.parameters
                    )
                    rows.append(
                        RetirementDate(
                            sex=sex,
                            born_in=born_in,
                            variant=RetirementVariant.STANDARD,
                            age_months=standard[1],
                            retires_on=standard[0],
                            version=age_version,
                        )
                    )
                    if sex == "nu" and senior_version is not None:
                        later = senior_female_retirement(
                            birth_year=year,
                            birth_month=month,
                            standard=standard,
                            parameters=senior_version.parameters,
                        )
                        rows.append(
                            RetirementDate(
                                sex=sex,
                                born_in=born_in,
                                variant=RetirementVariant.SENIOR_FEMALE,
                                age_months=later[1],
                                retires_on=later[0],
                                version=senior_version,
                            )
                        )
    with transaction.atomic():
        RetirementDate.objects.all().delete()
        RetirementDate.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def retirement_table_ensure(*, on: dt.date | None = None) -> None:
    """Rebuild the table when the versions in force (or the current year) changed since it was built."""
    from .models import RetirementDate

    day = on or today()
    wanted = {version.pk for version in _table_versions(day) if version is not None}
    built = set(RetirementDate.objects.values_list("version_id", flat=True).distinct())
    covered = RetirementDate.objects.filter(born_in__year=day.year).exists() if wanted else True
    if built != wanted or not covered:
        retirement_table_rebuild(on=day)


def with_retirement_date(queryset: QuerySet[Any], *, on: dt.date | None = None) -> QuerySet[Any]:
    """Annotate persons with `retirement_date` (and `retirement_age_months`) computed in SQL.

    A recorded early retirement wins; a woman holding, on `on`, a title listed by retirement.senior_female
    gets the later date; everyone else gets the standard date of their sex and birth month.
    """
    from canbo.posts.models import Assignment

    from .models import EarlyRetirement, RetirementDate
    from .selectors import rule_in_force

    day = on or today()
    retirement_table_ensure(on=day)
    queryset = queryset.alias(retirement_born_in=TruncMonth("birth_date", output_field=DateField()))
    born_in = OuterRef("retirement_born_in")

    def table(variant: str, column: str) -> Subquery:
        return Subquery(
            RetirementDate.objects.filter(sex=OuterRef("sex"), born_in=born_in, variant=variant).values(
                column
            )[:1]
        )

    senior = rule_in_force("retirement.senior_female", on=day)
    if senior is not None:
        holds_listed = Exists(
            Assignment.objects.filter(
                active_on(day), person=OuterRef("pk"), title__code__in=senior.parameters["title_codes"]
            )
        )
        condition = Q(sex="nu") & Q(holds_listed)
        date_expr: Any = Case(
            When(condition, then=table(RetirementVariant.SENIOR_FEMALE, "retires_on")),
            default=table(RetirementVariant.STANDARD, "retires_on"),
            output_field=DateField(),
        )
        age_expr: Any = Case(
            When(condition, then=table(RetirementVariant.SENIOR_FEMALE, "age_months")),
            default=table(RetirementVariant.STANDARD, "age_months"),
        )
    else:
        date_expr = table(RetirementVariant.STANDARD, "retires_on")
        age_expr = table(RetirementVariant.STANDARD, "age_months")
    early = Subquery(EarlyRetirement.objects.filter(person=OuterRef("pk")).values("retires_on")[:1])
    return queryset.annotate(
        retirement_date=Coalesce(early, date_expr, output_field=DateField()),
        retirement_age_months=age_expr,
        retirement_is_early=Exists(EarlyRetirement.objects.filter(person=OuterRef("pk"))),
    )
