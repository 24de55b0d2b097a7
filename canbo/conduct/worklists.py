"""Worklists of discipline, ratings and the political standard (issue 6 items 4, 7, 8).

Registered with canbo.worklists.registry; each reads through the scoped selectors of canbo.conduct and
runs a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.access.models import Tier
from canbo.rules.retirement import add_months
from canbo.worklists.registry import Row, worklist

from .selectors import (
    EXCELLENT,
    consecutive_not_completed,
    discipline_bars,
    excellent_cap,
    latest_rated_year,
    missing_political_standard,
)

WINDOW_MONTHS = 6
GROUP = gettext_lazy("Kỷ luật, xếp loại, tiêu chuẩn chính trị")


def _vn(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


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
    bars = discipline_bars(user=user, on=on, ending_by=add_months(on, WINDOW_MONTHS))
    return [
        Row(
            person=bar.record.person,
            day=bar.ends_on,
            reason=_("%(f)s theo quyết định %(n)s, hiệu lực từ %(s)s; hết thời hạn ngày %(e)s.")
            % {
                "f": bar.record.get_form_display(),
                "n": bar.record.decision_number,
                "s": _vn(bar.record.valid_from),
                "e": _vn(bar.ends_on) if bar.ends_on else "",
            },
            citation=bar.version.citation,
        )
        for bar in bars
    ]


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


@worklist(
    "excellent_cap_exceeded",
    gettext_lazy("Vượt tỷ lệ hoàn thành xuất sắc nhiệm vụ"),
    rule="rating.excellent_cap",
    group=GROUP,
    order=220,
)
def excellent_cap_exceeded(user: Any, *, on: dt.date) -> list[Row]:
    from canbo.conduct.models import AnnualRating
    from canbo.people.selectors import visible_persons

    year = latest_rated_year(user=user, on=on)
    if year is None:
        return []
    groups, version = excellent_cap(user=user, year=year)
    over = {g.unit_id: g for g in groups if g.exceeded}
    if not over or version is None:
        return []
    ratings = (
        AnnualRating.objects.filter(
            year=year,
            level=EXCELLENT,
            person__in=visible_persons(user),
            person__managing_unit_id__in=list(over),
        )
        .select_related("person")
        .order_by("person__sort_key", "pk")
    )
    rows = []
    for rating in ratings:
        group = over[rating.person.managing_unit_id]
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


@worklist(
    "political_standard_missing",
    gettext_lazy("Lãnh đạo chưa có kết luận tiêu chuẩn chính trị"),
    rule="political_standard.required",
    group=GROUP,
    order=230,
    tier=Tier.DISCIPLINE,
)
def political_standard_missing(user: Any, *, on: dt.date) -> list[Row]:
    persons, version = missing_political_standard(user=user, on=on)
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
