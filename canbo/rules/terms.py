"""Appointment terms, reappointment notices, extension to retirement and the age at appointment.

Pure functions take dates and read the rule version in force on the date the law attaches to the event:
the appointment's start for its term, the term's end for the notice and the extension, the day the file
was received for the age condition. The selectors apply them to posts.Assignment rows in bulk: a bounded
number of queries, then date arithmetic on the rows returned.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, DateField, F, Func, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
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


class TermEnd(Func):
    """The last day of a period of `years` and `months` from a date column, in SQL: add_months(start, n) - 1 day.

    PostgreSQL's interval arithmetic clamps 29/02 to 28/02 like add_months; SQLite's date() does not, so
    there the day of the month is clamped by hand to the last day of the target month.
    """

    output_field = DateField()

    def __init__(self, expression: Any, *, years: int = 0, months: int = 0) -> None:
        super().__init__(expression, output_field=DateField())
        self.months = 12 * int(years) + int(months)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = f"((%(expressions)s + make_interval(months => {self.months}))::date - 1)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        same_day = (
            f"date({sql}, 'start of month', '+{self.months} months', "
            f"'+' || (cast(strftime('%%d', {sql}) as integer) - 1) || ' days')"
        )
        month_end = f"date({sql}, 'start of month', '+{self.months + 1} months', '-1 day')"
        return f"date(min({same_day}, {month_end}), '-1 day')", [*params, *params, *params]


def term_end_expression(book: RuleBook) -> Any:
    """SQL for an assignment's term end: the recorded one, else its start + the term in force at the start."""
    cases = [
        When(
            Q(valid_from__gte=version.valid_from)
            & (Q(valid_from__lte=version.valid_to) if version.valid_to else Q()),
            then=TermEnd(F("valid_from"), years=version.parameters["years"]),
        )
        for version in book.versions("appointment.term_years")
    ]
    computed = Case(*cases, default=Value(None), output_field=DateField()) if cases else Value(None)
    return Coalesce(F("term_ends_on"), computed, output_field=DateField())


def notice_due_pieces(
    start: dt.date, end: dt.date, *, book: RuleBook, calendar: WorkingCalendar
) -> list[tuple[dt.date, dt.date, dt.date]]:
    """The notice deadline of every term end in [start, end], as (first end, last end, deadline) pieces.

    The same answer as reappointment_notice_due for each day (a test checks every day of two years),
    computed with one pass over the working days instead of one walk back per day. Term ends with no
    version in force get no piece.
    """
    rule = "reappointment.notice"
    days = []
    lowest = start
    for version in book.versions(rule):
        if version.parameters["working_days"]:
            lowest = min(lowest, calendar.add_working_days(start, -version.parameters["days"]))
        else:
            lowest = min(lowest, start - dt.timedelta(days=version.parameters["days"]))
    day = lowest
    while day <= end:
        if calendar.is_working_day(day):
            days.append(day)
        day += ONE_DAY
    pieces: list[tuple[dt.date, dt.date, dt.date]] = []
    day = start
    while day <= end:
        in_force = book.in_force(rule, on=day)
        if in_force is not None:
            count = in_force.parameters["days"]
            if in_force.parameters["working_days"]:
                due = days[bisect.bisect_left(days, day) - count]
            else:
                due = day - dt.timedelta(days=count)
            if pieces and pieces[-1][2] == due and pieces[-1][1] == day - ONE_DAY:
                pieces[-1] = (pieces[-1][0], day, due)
            else:
                pieces.append((day, day, due))
        day += ONE_DAY
    return pieces


def notice_due_expression(pieces: list[tuple[dt.date, dt.date, dt.date]]) -> Any:
    """SQL for the notice deadline of `term_end` within the pieces' window (NULL outside it)."""
    if not pieces:
        return Value(None, output_field=DateField())
    return Case(
        *(When(term_end__range=(first, last), then=Value(due)) for first, last, due in pieces),
        default=Value(None),
        output_field=DateField(),
    )


def not_ending_by_retirement() -> Q:
    """The holder does not retire on or before the term's last day (no reappointment is due otherwise)."""
    return Q(retirement_date__isnull=True) | Q(retirement_date__gt=F("term_end"))


def term_queryset(
    *, user: Any, day: dt.date, book: RuleBook, notice_window: tuple[dt.date, dt.date] | None = None
) -> QuerySet[Any]:
    """Leadership appointments held on `day` in the user's scope, annotated in SQL with what terms need.

    `term_end` (recorded or computed), `retirement_date` (the holder's, as with_retirement_date), `notice_on`
    (the recorded notice) and, for term ends inside `notice_window`, `notice_due`. The lists and their
    counts filter this one queryset, so a list and its count cannot disagree.
    """
    from canbo.people.models import Person
    from canbo.people.selectors import visible_persons
    from canbo.posts.models import Assignment

    from .retirement import with_retirement_date

    retirement = with_retirement_date(Person.objects.filter(pk=OuterRef("person_id")), on=day)
    queryset = Assignment.objects.filter(
        active_on(day), title__is_leadership=True, person__in=visible_persons(user)
    ).annotate(
        term_end=term_end_expression(book),
        retirement_date=Subquery(retirement.values("retirement_date")[:1], output_field=DateField()),
        notice_on=F("reappointment_notice__notified_on"),
    )
    if notice_window is not None:
        pieces = notice_due_pieces(*notice_window, book=book, calendar=working_calendar())
        queryset = queryset.annotate(notice_due=notice_due_expression(pieces))
    return queryset


def _statuses(queryset: QuerySet[Any], *, book: RuleBook) -> list[TermStatus]:
    """The rows of a term queryset as TermStatus (reasons and citations computed from the same rule book)."""
    calendar = working_calendar()
    rows = queryset.select_related("person", "title", "unit").order_by("term_end", "pk")
    return [
        assignment_term(
            row, retirement_date=row.retirement_date, calendar=calendar, book=book, notice_on=row.notice_on
        )
        for row in rows
    ]


def terms_ending_queryset(
    *, user: Any, start: dt.date, end: dt.date, on: dt.date, book: RuleBook
) -> QuerySet[Any]:
    """Leadership appointments in the user's scope, held on `on`, whose term ends in [start, end]."""
    return term_queryset(user=user, day=on, book=book).filter(term_end__range=(start, end))


def terms_ending(*, user: Any, start: dt.date, end: dt.date, on: dt.date | None = None) -> list[TermStatus]:
    """Leadership appointments in the user's scope, held on `on`, whose term ends in [start, end]."""
    book = RuleBook.load()
    queryset = terms_ending_queryset(user=user, start=start, end=end, on=on or today(), book=book)
    return _statuses(queryset, book=book)


def notices_due_queryset(
    *, user: Any, on: dt.date, horizon: dt.date, until: dt.date, book: RuleBook
) -> QuerySet[Any]:
    """Terms running on `on` and ending by `until`, notice due by `horizon` (or overdue), none recorded.

    A holder who retires before the term ends needs no notice.
    """
    return (
        term_queryset(user=user, day=on, book=book, notice_window=(on, until))
        .filter(term_end__range=(on, until), notice_on__isnull=True, notice_due__lte=horizon)
        .filter(not_ending_by_retirement())
    )


def notices_due(*, user: Any, on: dt.date, horizon: dt.date, until: dt.date) -> list[TermStatus]:
    """The rows of notices_due_queryset as TermStatus."""
    book = RuleBook.load()
    return _statuses(
        notices_due_queryset(user=user, on=on, horizon=horizon, until=until, book=book), book=book
    )


def late_reappointments_queryset(*, user: Any, on: dt.date, book: RuleBook) -> QuerySet[Any]:
    """Appointments late on `on` (see late_reappointments), as one filtered queryset."""
    # A notice due by `on` belongs to a term ending within a year of it, whatever the notice rule says.
    last = on + dt.timedelta(days=366)
    return (
        term_queryset(user=user, day=on, book=book, notice_window=(on, last))
        .filter(term_end__lte=last)
        .filter(not_ending_by_retirement())
        .filter(
            Q(term_end__lt=on)
            | Q(notice_on__isnull=True, notice_due__lt=on)
            | Q(notice_on__gt=F("notice_due"))
        )
    )


def late_reappointments(*, user: Any, on: dt.date | None = None) -> list[tuple[TermStatus, list[str]]]:
    """Appointments in scope that are late on `on`: term expired with no decision, notice overdue or late.

    "No decision" reads from the work history: the holder still holds the same appointment after its term
    ended (a reappointment or an extension is a new assignment, or a new recorded term end).
    """
    day = on or today()
    book = RuleBook.load()
    statuses = _statuses(late_reappointments_queryset(user=user, on=day, book=book), book=book)
    return [(status, status.late_reasons(day)) for status in statuses]
