"""The worklists of retirement, terms, position change, rotation and non-local posts (issue 6 item 8).

Each is registered with ``@worklist`` (see canbo.worklists.registry); each reads through scoped selectors
and runs a fixed number of queries. The look-ahead windows are the ones the issue names (retirements in
the next 6 and 12 months) and, for terms, position changes and rotations, the same 6 months.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.rules.retirement import add_months

from .registry import Row, counts, worklist

WINDOW_MONTHS = 6
LONG_WINDOW_MONTHS = 12


def _vn(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _retiring(user: Any, on: dt.date, months: int) -> list[Row]:
    from canbo.rules.selectors import persons_retiring

    rows = persons_retiring(user=user, start=on, end=add_months(on, months), on=on)
    return [
        Row(
            person=p,
            day=p.retirement_date,
            reason=(
                _("Nghỉ hưu trước tuổi theo quyết định ngày %(d)s.")
                if p.retirement_is_early
                else _("Đủ tuổi nghỉ hưu, nghỉ từ ngày %(d)s.")
            )
            % {"d": _vn(p.retirement_date)},
        )
        for p in rows
    ]


@worklist(
    "retiring_6_months",
    gettext_lazy("Nghỉ hưu trong 6 tháng tới"),
    rule="retirement.age",
    date_label=gettext_lazy("Ngày nghỉ hưu"),
    order=10,
)
def retiring_6(user: Any, *, on: dt.date) -> list[Row]:
    return _retiring(user, on, WINDOW_MONTHS)


@worklist(
    "retiring_12_months",
    gettext_lazy("Nghỉ hưu trong 12 tháng tới"),
    rule="retirement.age",
    date_label=gettext_lazy("Ngày nghỉ hưu"),
    order=11,
)
def retiring_12(user: Any, *, on: dt.date) -> list[Row]:
    return _retiring(user, on, LONG_WINDOW_MONTHS)


def _retiring_count(user: Any, on: dt.date, months: int) -> int:
    from canbo.rules.selectors import persons_retiring

    return persons_retiring(user=user, start=on, end=add_months(on, months), on=on).order_by().count()


@counts("retiring_6_months")
def retiring_6_count(user: Any, *, on: dt.date) -> int:
    return _retiring_count(user, on, WINDOW_MONTHS)


@counts("retiring_12_months")
def retiring_12_count(user: Any, *, on: dt.date) -> int:
    return _retiring_count(user, on, LONG_WINDOW_MONTHS)


def _post(status: Any) -> str:
    a = status.assignment
    return f"{a.title.name} — {a.unit.name}"


@worklist(
    "terms_ending",
    gettext_lazy("Hết thời hạn bổ nhiệm trong 6 tháng tới"),
    rule="appointment.term_years",
    date_label=gettext_lazy("Hết thời hạn"),
    order=20,
)
def terms_ending_rows(user: Any, *, on: dt.date) -> list[Row]:
    from canbo.rules.terms import terms_ending

    rows = []
    for s in terms_ending(user=user, start=on, end=add_months(on, WINDOW_MONTHS), on=on):
        if s.ends_by_retirement:
            reason = _("Nghỉ hưu ngày %(r)s, trước khi hết thời hạn.") % {"r": _vn(s.retirement_date)}
        elif s.extension:
            reason = _("Còn dưới thời hạn quy định đến tuổi nghỉ hưu: xem xét kéo dài thời gian giữ chức vụ.")
        else:
            reason = _("Chuẩn bị bổ nhiệm lại; thông báo chậm nhất ngày %(d)s.") % {"d": _vn(s.notice_due)}
        rows.append(
            Row(
                s.assignment.person,
                s.term_ends_on,
                reason,
                detail=_post(s),
                citation=s.term_citation,
                extra=_notice_action(s.assignment)
                if s.notice_on is None and not s.ends_by_retirement
                else {},
            )
        )
    return rows


@counts("terms_ending")
def terms_ending_count(user: Any, *, on: dt.date) -> int:
    """One COUNT over the queryset the list reads (canbo.rules.terms.terms_ending_queryset)."""
    from canbo.rules.selectors import RuleBook
    from canbo.rules.terms import terms_ending_queryset

    end = add_months(on, WINDOW_MONTHS)
    return terms_ending_queryset(user=user, start=on, end=end, on=on, book=RuleBook.load()).count()


def _notice_window(on: dt.date) -> dict[str, dt.date]:
    # Notices due within the window (or overdue) belong to terms ending up to a year after it.
    return {
        "horizon": add_months(on, WINDOW_MONTHS),
        "until": add_months(on, LONG_WINDOW_MONTHS + WINDOW_MONTHS),
    }


def _notice_action(assignment: Any) -> dict[str, Any]:
    """The row links to recording the notice (canbo.rules.records)."""
    return {
        "action_url": reverse("rules:reappointment_notice_update", args=[assignment.pk]),
        "action_label": _("Ghi nhận thông báo"),
    }


@worklist(
    "reappointment_notices",
    gettext_lazy("Thông báo chuẩn bị bổ nhiệm lại đến hạn, quá hạn"),
    rule="reappointment.notice",
    date_label=gettext_lazy("Hạn thông báo"),
    order=21,
)
def notices_rows(user: Any, *, on: dt.date) -> list[Row]:
    """Terms still running whose notice is due within the window or overdue, with no notice recorded."""
    from canbo.rules.terms import notices_due

    rows = []
    for s in notices_due(user=user, on=on, **_notice_window(on)):
        reason = (
            _("Quá hạn thông báo (chậm nhất ngày %(d)s).")
            if s.notice_due and s.notice_due < on
            else _("Phải thông báo chậm nhất ngày %(d)s.")
        ) % {"d": _vn(s.notice_due)}
        rows.append(
            Row(
                s.assignment.person,
                s.notice_due,
                reason,
                detail=_post(s),
                citation=s.notice_citation,
                extra=_notice_action(s.assignment),
            )
        )
    return rows


@counts("reappointment_notices")
def notices_count(user: Any, *, on: dt.date) -> int:
    """One COUNT over the queryset the list reads (canbo.rules.terms.notices_due_queryset)."""
    from canbo.rules.selectors import RuleBook
    from canbo.rules.terms import notices_due_queryset

    return notices_due_queryset(user=user, on=on, book=RuleBook.load(), **_notice_window(on)).count()


@worklist(
    "late_reappointments",
    gettext_lazy("Bổ nhiệm lại chậm"),
    rule="reappointment.notice",
    date_label=gettext_lazy("Hết thời hạn"),
    order=22,
)
def late_rows(user: Any, *, on: dt.date) -> list[Row]:
    from canbo.rules.terms import late_reappointments

    return [
        Row(
            s.assignment.person,
            s.term_ends_on,
            " ".join(reasons),
            detail=_post(s),
            extra=_notice_action(s.assignment)
            if s.notice_on is None and s.term_ends_on and s.term_ends_on >= on
            else {},
        )
        for s, reasons in late_reappointments(user=user, on=on)
    ]


@counts("late_reappointments")
def late_count(user: Any, *, on: dt.date) -> int:
    """One COUNT over the queryset the list reads (canbo.rules.terms.late_reappointments_queryset)."""
    from canbo.rules.selectors import RuleBook
    from canbo.rules.terms import late_reappointments_queryset

    return late_reappointments_queryset(user=user, on=on, book=RuleBook.load()).count()


@worklist(
    "position_changes_due",
    gettext_lazy("Đến hạn chuyển đổi vị trí công tác"),
    rule="position_change.fields",
    date_label=gettext_lazy("Đến hạn"),
    order=30,
)
def position_rows(user: Any, *, on: dt.date) -> list[Row]:
    from canbo.rotation.selectors import position_changes_due

    rows = []
    for item in position_changes_due(user=user, on=on, until=add_months(on, WINDOW_MONTHS)):
        p = item.position
        reason = _("Giữ vị trí %(pos)s (lĩnh vực %(f)s) từ ngày %(s)s; định kỳ %(m)s tháng.") % {
            "pos": p.position,
            "f": item.field_name,
            "s": _vn(p.valid_from),
            "m": item.months,
        }
        rows.append(Row(p.person, item.due_on, reason, detail=p.unit.name, citation=item.citation))
    return rows


@counts("position_changes_due")
def position_count(user: Any, *, on: dt.date) -> int:
    from canbo.rotation.selectors import position_changes_due_count

    return position_changes_due_count(user=user, on=on, until=add_months(on, WINDOW_MONTHS))


@worklist(
    "movements_ending",
    gettext_lazy("Luân chuyển, biệt phái, điều động sắp kết thúc"),
    rule="rotation.length",
    date_label=gettext_lazy("Dự kiến kết thúc"),
    order=31,
)
def movement_rows(user: Any, *, on: dt.date) -> list[Row]:
    from canbo.rotation.selectors import movements_ending

    rows = []
    for m in movements_ending(user=user, on=on, until=add_months(on, WINDOW_MONTHS)):
        target = m.to_title.name if m.to_title else m.to_post
        reason = (
            _("%(k)s đến %(u)s từ ngày %(s)s; quá ngày dự kiến kết thúc, chưa ghi nhận kết thúc.")
            if m.planned_end and m.planned_end < on
            else _("%(k)s đến %(u)s từ ngày %(s)s.")
        ) % {"k": m.get_kind_display(), "u": m.to_unit.name, "s": _vn(m.valid_from)}
        rows.append(Row(m.person, m.planned_end, reason, detail=f"{target} — {m.decision}".strip(" —")))
    return rows


@counts("movements_ending")
def movement_count(user: Any, *, on: dt.date) -> int:
    from canbo.rotation.selectors import movements_ending_count

    return movements_ending_count(user=user, on=on, until=add_months(on, WINDOW_MONTHS))


def _nonlocal(user: Any, on: dt.date, status: str) -> list[Row]:
    from canbo.rules.non_local import explain, nonlocal_holders

    rows = []
    for a in nonlocal_holders(user=user, on=on).filter(locality_status=status):
        reason = explain(a, on=on)
        rows.append(Row(a.person, a.valid_from, reason.text, detail=f"{a.title.name} — {a.unit.name}"))
    return rows


@worklist(
    "local_holders_of_nonlocal_posts",
    gettext_lazy("Chức danh bố trí không phải người địa phương nhưng là người địa phương"),
    rule="nonlocal.titles",
    date_label=gettext_lazy("Giữ chức vụ từ"),
    order=40,
)
def local_holder_rows(user: Any, *, on: dt.date) -> list[Row]:
    from canbo.rules.non_local import LOCAL

    return _nonlocal(user, on, LOCAL)


@counts("local_holders_of_nonlocal_posts")
def local_holder_count(user: Any, *, on: dt.date) -> int:
    from canbo.rules.non_local import LOCAL, nonlocal_holders

    return nonlocal_holders(user=user, on=on).filter(locality_status=LOCAL).order_by().count()


@worklist(
    "missing_data",
    gettext_lazy("Thiếu dữ liệu để kiểm tra quy định"),
    rule="nonlocal.titles",
    date_label=gettext_lazy("Ngày sinh"),
    order=90,
)
def missing_rows(user: Any, *, on: dt.date) -> list[Row]:
    """People in scope whose records lack what a check needs: a full birth date, a home town for non-local posts."""
    from canbo.core.dates import DatePrecision
    from canbo.people.selectors import visible_persons
    from canbo.rules.non_local import UNKNOWN, nonlocal_holders

    rows = [
        Row(
            a.person,
            None,
            _(
                "Giữ chức danh %(t)s: thiếu quê quán hoặc địa bàn của đơn vị nên chưa xác định được người địa phương."
            )
            % {"t": a.title.name},
            detail=a.unit.name,
        )
        for a in nonlocal_holders(user=user, on=on).filter(locality_status=UNKNOWN)
    ]
    year_only = visible_persons(user).filter(birth_date_precision=DatePrecision.YEAR).order_by("pk")
    rows.extend(
        Row(
            p,
            None,
            _(
                "Chỉ có năm sinh: ngày nghỉ hưu tạm tính theo tháng 01 (NĐ 135/2020 Điều 3 khoản 3); cần bổ sung tháng sinh."
            ),
        )
        for p in year_only
    )
    return rows


@counts("missing_data")
def missing_count(user: Any, *, on: dt.date) -> int:
    """Holders with an unknown locality plus people with only a birth year: one COUNT over a UNION ALL."""
    from canbo.core.dates import DatePrecision
    from canbo.people.selectors import visible_persons
    from canbo.rules.non_local import UNKNOWN, nonlocal_holders

    holders = (
        nonlocal_holders(user=user, on=on)
        .filter(locality_status=UNKNOWN)
        .select_related(None)
        .order_by()
        .values_list("person_id")
    )
    year_only = (
        visible_persons(user).filter(birth_date_precision=DatePrecision.YEAR).order_by().values_list("pk")
    )
    return holders.union(year_only, all=True).count()
