"""Appointment terms, reappointment notices, extension to retirement and the age at appointment.

Pure functions take dates and read the rule version in force on the date the law attaches to the event:
the appointment's start for its term, the term's end for the notice and the extension, the day the file
was received for the age condition. The selectors apply them to posts.Assignment rows in bulk: a bounded
number of queries, then date arithmetic on the rows returned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from canbo.core.dates import active_on, today

from .models import RuleVersion
from .retirement import add_months
from .selectors import RuleBook
from .workdays import WorkingCalendar, working_calendar

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
ONE_DAY = dt.timedelta(days=1)


def _vn(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


@dataclass(frozen=True)
class RuleCheck:
    """The outcome of one rule for one case: pass, fail or unknown (missing data), why, and the citation."""

    status: str
    message: str
    rule: str
    citation: str = ""


def term_end(start: dt.date, *, years: int) -> dt.date:
    """The last day of a term of `years` starting on start (01/03/2021 + 5 years → 28/02/2026)."""
    return add_months(start, 12 * years) - dt.timedelta(days=1)


def appointment_term_end(
    start: dt.date, *, book: RuleBook | None = None
) -> tuple[dt.date, RuleVersion] | None:
    """The end of an appointment term under the rule in force when the appointment took effect."""
    version = (book or RuleBook.load()).in_force("appointment.term_years", on=start)
    if version is None:
        return None
    return term_end(start, years=version.parameters["years"]), version


def reappointment_notice_due(
    term_ends_on: dt.date, *, calendar: WorkingCalendar | None = None, book: RuleBook | None = None
) -> tuple[dt.date, RuleVersion] | None:
    """The last day the reappointment notice may be given, under the rule in force when the term ends."""
    version = (book or RuleBook.load()).in_force("reappointment.notice", on=term_ends_on)
    if version is None:
        return None
    days = version.parameters["days"]
    if version.parameters["working_days"]:
        due = (calendar or working_calendar()).add_working_days(term_ends_on, -days)
    else:
        due = term_ends_on - dt.timedelta(days=days)
    return due, version


def extension_instead_of_reappointment(
    term_ends_on: dt.date, retirement_date: dt.date, *, book: RuleBook | None = None
) -> tuple[bool, RuleVersion] | None:
    """Whether less than the rule's years remain to retirement when the term ends (extension, not reappointment)."""
    version = (book or RuleBook.load()).in_force("reappointment.extension_under_years", on=term_ends_on)
    if version is None:
        return None
    return retirement_date < add_months(term_ends_on, 12 * version.parameters["years"]), version


def appointment_age_check(
    *,
    retirement_date: dt.date | None,
    received_on: dt.date | None,
    exception: str = "",
    book: RuleBook | None = None,
) -> RuleCheck:
    """First appointment or promotion: at least N months to retirement on the day the file was received."""
    rule = "appointment.min_months_before_retirement"
    if received_on is None:
        return RuleCheck(UNKNOWN, _("Chưa rõ: thiếu ngày cơ quan tổ chức nhận hồ sơ."), rule)
    version = (book or RuleBook.load()).in_force(rule, on=received_on)
    if version is None:
        return RuleCheck(
            UNKNOWN, _("Chưa rõ: không có quy định áp dụng ngày %(d)s.") % {"d": _vn(received_on)}, rule
        )
    if retirement_date is None:
        return RuleCheck(
            UNKNOWN, _("Chưa rõ: thiếu ngày nghỉ hưu (ngày sinh, giới tính)."), rule, version.citation
        )
    months = version.parameters["months"]
    # The retirement moment is the end of retirement_date, so the time left runs to the next day.
    enough = add_months(received_on, months) <= retirement_date + dt.timedelta(days=1)
    values = {"m": months, "d": _vn(received_on), "r": _vn(retirement_date)}
    if enough:
        return RuleCheck(
            PASS,
            _("Đạt: ngày nhận hồ sơ %(d)s còn ít nhất %(m)s tháng đến ngày nghỉ hưu %(r)s.") % values,
            rule,
            version.citation,
        )
    if exception.strip():
        return RuleCheck(
            PASS,
            _("Đạt theo trường hợp đặc biệt (%(e)s): còn dưới %(m)s tháng đến ngày nghỉ hưu %(r)s.")
            % {**values, "e": exception.strip()},
            rule,
            version.citation,
        )
    return RuleCheck(
        FAIL,
        _("Không đạt: ngày nhận hồ sơ %(d)s còn dưới %(m)s tháng đến ngày nghỉ hưu %(r)s.") % values,
        rule,
        version.citation,
    )


@dataclass(frozen=True)
class TermStatus:
    """An appointment's term: its end, the reappointment notice deadline and what happens at the end."""

    assignment: Any
    term_ends_on: dt.date | None
    term_end_recorded: bool
    term_citation: str
    notice_due: dt.date | None
    notice_citation: str
    retirement_date: dt.date | None
    extension: bool | None
    extension_citation: str
    notice_on: dt.date | None = None

    @property
    def ends_by_retirement(self) -> bool:
        """Whether the holder retires before the term ends (no reappointment is due then)."""
        return bool(self.retirement_date and self.term_ends_on and self.retirement_date <= self.term_ends_on)

    def notice_overdue(self, on: dt.date) -> bool:
        """Whether the notice deadline has passed on `on`, with no notice recorded, while the term still runs."""
        return bool(
            self.notice_due
            and self.term_ends_on
            and self.notice_on is None
            and not self.ends_by_retirement
            and self.notice_due < on <= self.term_ends_on
        )

    def late_reasons(self, on: dt.date) -> list[str]:
        """Why this appointment counts as a late reappointment on `on` (empty when it does not)."""
        if self.term_ends_on is None or self.ends_by_retirement:
            return []
        reasons = []
        if self.term_ends_on < on:
            reasons.append(
                _(
                    "Hết thời hạn bổ nhiệm ngày %(d)s nhưng chưa có quyết định bổ nhiệm lại, kéo dài hoặc thay thế."
                )
                % {"d": _vn(self.term_ends_on)}
            )
        if self.notice_overdue(on) and self.notice_due:
            reasons.append(
                _("Quá hạn thông báo chuẩn bị bổ nhiệm lại (chậm nhất ngày %(d)s; %(c)s).")
                % {"d": _vn(self.notice_due), "c": self.notice_citation}
            )
        if self.notice_on and self.notice_due and self.notice_on > self.notice_due:
            reasons.append(
                _("Thông báo muộn: ngày %(n)s, chậm nhất phải là ngày %(d)s (%(c)s).")
                % {"n": _vn(self.notice_on), "d": _vn(self.notice_due), "c": self.notice_citation}
            )
        return reasons


def assignment_term(
    assignment: Any,
    *,
    retirement_date: dt.date | None = None,
    calendar: WorkingCalendar | None = None,
    book: RuleBook | None = None,
    notice_on: dt.date | None = None,
) -> TermStatus:
    """The term of one appointment: the recorded end, else start + the term in force at the start."""
    book = book or RuleBook.load()
    term_citation = ""
    end = assignment.term_ends_on
    recorded = end is not None
    if end is None:
        computed = appointment_term_end(assignment.valid_from, book=book)
        if computed is not None:
            end, version = computed
            term_citation = version.citation
    notice = reappointment_notice_due(end, calendar=calendar, book=book) if end else None
    extension = (
        extension_instead_of_reappointment(end, retirement_date, book=book)
        if end and retirement_date
        else None
    )
    return TermStatus(
        assignment=assignment,
        term_ends_on=end,
        term_end_recorded=recorded,
        term_citation=term_citation,
        notice_due=notice[0] if notice else None,
        notice_citation=notice[1].citation if notice else "",
        retirement_date=retirement_date,
        extension=extension[0] if extension else None,
        extension_citation=extension[1].citation if extension else "",
        notice_on=notice_on,
    )


def _term_statuses(
    *, user: Any, day: dt.date, end_before: dt.date, end_from: dt.date | None
) -> list[TermStatus]:
    """Leadership appointments held on `day`, in scope, whose term may end in [end_from, end_before].

    A superset chosen in SQL (recorded ends, or starts that put an unrecorded end in the window under any
    version), then computed exactly; a fixed number of queries whatever the number of rows.
    """
    from canbo.people.selectors import visible_persons
    from canbo.posts.models import Assignment

    from .retirement import with_retirement_date

    book = RuleBook.load()
    window = Q(term_ends_on__lte=end_before)
    if end_from is not None:
        window &= Q(term_ends_on__gte=end_from)
    spans = [version.parameters["years"] for version in book.versions("appointment.term_years")]
    if spans:
        unrecorded = Q(
            term_ends_on__isnull=True, valid_from__lte=add_months(end_before, -12 * min(spans)) + ONE_DAY
        )
        if end_from is not None:
            unrecorded &= Q(valid_from__gt=add_months(end_from, -12 * max(spans)))
        window |= unrecorded
    rows = list(
        Assignment.objects.filter(
            active_on(day), window, title__is_leadership=True, person__in=visible_persons(user)
        )
        .select_related("person", "title", "unit", "reappointment_notice")
        .order_by("pk")
    )
    dates = dict(
        with_retirement_date(
            visible_persons(user).filter(pk__in={row.person_id for row in rows}), on=day
        ).values_list("pk", "retirement_date")
    )
    calendar = working_calendar()
    statuses = []
    for row in rows:
        notice = getattr(row, "reappointment_notice", None)
        statuses.append(
            assignment_term(
                row,
                retirement_date=dates.get(row.person_id),
                calendar=calendar,
                book=book,
                notice_on=notice.notified_on if notice else None,
            )
        )
    return statuses


def terms_ending(*, user: Any, start: dt.date, end: dt.date, on: dt.date | None = None) -> list[TermStatus]:
    """Leadership appointments in the user's scope, held on `on`, whose term ends in [start, end]."""
    statuses = _term_statuses(user=user, day=on or today(), end_before=end, end_from=start)
    chosen = [s for s in statuses if s.term_ends_on is not None and start <= s.term_ends_on <= end]
    return sorted(chosen, key=lambda s: (s.term_ends_on, s.assignment.pk))


def late_reappointments(*, user: Any, on: dt.date | None = None) -> list[tuple[TermStatus, list[str]]]:
    """Appointments in scope that are late on `on`: term expired with no decision, notice overdue or late.

    "No decision" reads from the work history: the holder still holds the same appointment after its term
    ended (a reappointment or an extension is a new assignment, or a new recorded term end).
    """
    day = on or today()
    # A notice due by `day` belongs to a term ending within a year of it, whatever the notice rule says.
    statuses = _term_statuses(user=user, day=day, end_before=day + dt.timedelta(days=366), end_from=None)
    late = [(status, status.late_reasons(day)) for status in statuses]
    return sorted(
        [(status, reasons) for status, reasons in late if reasons],
        key=lambda item: (item[0].term_ends_on or day, item[0].assignment.pk),
    )
