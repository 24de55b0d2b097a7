"""Worklists of discipline, ratings and the political standard (issue 6 items 4, 7, 8).

Registered with canbo.worklists.registry; each reads through the scoped selectors of canbo.conduct and
runs a fixed number of queries. Each list's rows and its counter (@counts, one COUNT query beside the rule
reads) filter the same queryset, so the index's number and the list cannot disagree. The lists of the
discipline tier keep to the people under the user's grants that carry it (canbo.conduct.tiers).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    Case,
    Count,
    DateField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.access.models import Tier
from canbo.rules.retirement import add_months
from canbo.rules.selectors import rule_in_force
from canbo.rules.terms import TermEnd
from canbo.worklists.registry import Row, counts, worklist

from .models import DisciplineRecord
from .selectors import (
    EXCELLENT,
    consecutive_not_completed,
    excellent_cap,
    latest_rated_year,
    missing_political_standard,
)
from .tiers import persons_seeing_tier

WINDOW_MONTHS = 6
GROUP = gettext_lazy("Kỷ luật, xếp loại, tiêu chuẩn chính trị")


def _vn(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def bars_ending_queryset(user: Any, *, on: dt.date) -> tuple[QuerySet[Any], Any]:
    """Discipline records in scope whose bar (under the version in force on `on`) ends within the window.

    Only of persons under the user's grants that carry the discipline tier (persons_seeing_tier).

    The last barred day is computed in SQL per form (canbo.rules.terms.TermEnd: add_months - 1 day, as
    canbo.conduct.selectors.bar_ends_on does); permanent forms never end and are left out.
    """
    version = rule_in_force("discipline.bar", on=on)
    permanent = set(version.parameters.get("permanent", [])) if version else set()
    months = {
        f: m
        for f, m in (version.parameters.get("months", {}) if version else {}).items()
        if f not in permanent
    }
    if not months:
        return DisciplineRecord.objects.none(), version
    bar_end = Case(
        *(When(form=form, then=TermEnd(F("valid_from"), months=m)) for form, m in months.items()),
        default=Value(None),
        output_field=DateField(),
    )
    queryset = (
        DisciplineRecord.objects.filter(
            valid_from__lte=on, form__in=list(months), person__in=persons_seeing_tier(user)
        )
        .annotate(bar_end=bar_end)
        .filter(bar_end__range=(on, add_months(on, WINDOW_MONTHS)))
    )
    return queryset, version


@worklist(
    "discipline_bars_ending",
    gettext_lazy("Hết thời hạn không quy hoạch, bổ nhiệm do kỷ luật trong 6 tháng tới"),
    rule="discipline.bar",
    date_label=gettext_lazy("Hết thời hạn"),
    group=GROUP,
    order=200,
    tier=Tier.DISCIPLINE,
)
def discipline_bars_ending(user: Any, *, on: dt.date) -> list[Row]:
    queryset, version = bars_ending_queryset(user, on=on)
    return [
        Row(
            person=record.person,
            day=record.bar_end,
            reason=_("%(f)s theo quyết định %(n)s, hiệu lực từ %(s)s; hết thời hạn ngày %(e)s.")
            % {
                "f": record.get_form_display(),
                "n": record.decision_number,
                "s": _vn(record.valid_from),
                "e": _vn(record.bar_end),
            },
            citation=version.citation,
        )
        for record in queryset.select_related("person").order_by("bar_end", "pk")
    ]


@counts("discipline_bars_ending")
def discipline_bars_ending_count(user: Any, *, on: dt.date) -> int:
    return bars_ending_queryset(user, on=on)[0].count()


@worklist(
    "not_completed_consecutive",
    gettext_lazy("Không hoàn thành nhiệm vụ nhiều năm liên tiếp"),
    rule="rating.not_completed_dismissal",
    group=GROUP,
    order=210,
)
def not_completed_consecutive(user: Any, *, on: dt.date) -> list[Row]:
    year = latest_rated_year(user=user, on=on)
    if year is None:
        return []
    persons, version = consecutive_not_completed(user=user, year=year)
    if version is None:
        return []
    span = version.parameters["years"]
    return [
        Row(
            person=p,
            day=None,
            reason=_(
                "Không hoàn thành nhiệm vụ %(k)s năm liên tiếp (%(a)s–%(b)s): xem xét miễn nhiệm, cho thôi việc."
            )
            % {"k": span, "a": year - span + 1, "b": year},
            citation=version.citation,
        )
        for p in persons
    ]


@counts("not_completed_consecutive")
def not_completed_consecutive_count(user: Any, *, on: dt.date) -> int:
    year = latest_rated_year(user=user, on=on)
    if year is None:
        return 0
    persons, version = consecutive_not_completed(user=user, year=year)
    return persons.order_by().count() if version is not None else 0


def over_cap_queryset(user: Any, *, year: int) -> tuple[QuerySet[Any], Any]:
    """Excellent ratings of `year` in scope whose managing agency exceeds the cap (grouped in a subquery).

    The agencies are those of canbo.conduct.selectors.excellent_cap: excellent × 100 > base × percent over
    the ratings in the user's scope.
    """
    from canbo.conduct.models import AnnualRating
    from canbo.people.selectors import visible_persons

    version = rule_in_force("rating.excellent_cap", on=dt.date(year, 12, 31))
    if version is None:
        return AnnualRating.objects.none(), None
    percent, base_levels = version.parameters["percent"], version.parameters["base_levels"]
    in_scope = AnnualRating.objects.filter(year=year, person__in=visible_persons(user))
    over_units = (
        in_scope.values("person__managing_unit_id")
        .annotate(
            excellent=Count("pk", filter=Q(level=EXCELLENT)),
            base=Count("pk", filter=Q(level__in=base_levels)),
        )
        .annotate(
            margin=ExpressionWrapper(F("excellent") * 100 - F("base") * percent, output_field=IntegerField())
        )
        .filter(margin__gt=0)
        .values("person__managing_unit_id")
    )
    ratings = in_scope.filter(level=EXCELLENT, person__managing_unit_id__in=over_units)
    return ratings, version


@worklist(
    "excellent_cap_exceeded",
    gettext_lazy("Vượt tỷ lệ hoàn thành xuất sắc nhiệm vụ"),
    rule="rating.excellent_cap",
    group=GROUP,
    order=220,
)
def excellent_cap_exceeded(user: Any, *, on: dt.date) -> list[Row]:
    year = latest_rated_year(user=user, on=on)
    if year is None:
        return []
    ratings, version = over_cap_queryset(user, year=year)
    if version is None:
        return []
    groups = {g.unit_id: g for g in excellent_cap(user=user, year=year)[0]}
    rows = []
    for rating in ratings.select_related("person").order_by("person__sort_key", "pk"):
        group = groups[rating.person.managing_unit_id]
        rows.append(
            Row(
                person=rating.person,
                day=None,
                reason=_(
                    "Năm %(y)s, %(u)s có %(x)s người hoàn thành xuất sắc trên %(b)s người làm cơ sở; tối đa %(p)s%% "
                    "(%(a)s người)."
                )
                % {
                    "y": year,
                    "u": group.unit_name,
                    "x": group.excellent,
                    "b": group.base,
                    "p": version.parameters["percent"],
                    "a": group.allowed,
                },
                citation=version.citation,
            )
        )
    return rows


@counts("excellent_cap_exceeded")
def excellent_cap_exceeded_count(user: Any, *, on: dt.date) -> int:
    year = latest_rated_year(user=user, on=on)
    return over_cap_queryset(user, year=year)[0].count() if year is not None else 0


@worklist(
    "political_standard_missing",
    gettext_lazy("Lãnh đạo chưa có kết luận tiêu chuẩn chính trị"),
    rule="political_standard.required",
    group=GROUP,
    order=230,
    tier=Tier.DISCIPLINE,
)
def political_standard_missing(user: Any, *, on: dt.date) -> list[Row]:
    persons, version = missing_political_standard(user=user, on=on, among=persons_seeing_tier(user))
    return [
        Row(
            person=p,
            day=None,
            reason=_(
                "Đang giữ chức vụ lãnh đạo, quản lý nhưng chưa có kết luận đủ tiêu chuẩn chính trị còn giá trị."
            ),
            citation=version.citation if version else "",
        )
        for p in persons
    ]


@counts("political_standard_missing")
def political_standard_missing_count(user: Any, *, on: dt.date) -> int:
    return missing_political_standard(user=user, on=on, among=persons_seeing_tier(user))[0].order_by().count()
