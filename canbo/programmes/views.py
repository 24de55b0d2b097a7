"""Pages of the programmes: the indicator dashboard, the people behind a figure, an indicator's history and
its comparison across units, and the Phụ lục 1 table as Excel and Word.

Every figure comes from the engine (one query per indicator); these views parse input, call it, and show
its Vietnamese ValidationError messages (a future date, a unit outside the territory) instead of failing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet, Window
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from canbo.access.scopes import user_scope
from canbo.audit.context import audit_context
from canbo.audit.models import AuditAction
from canbo.audit.services import record_read
from canbo.core.formatting import format_date
from canbo.core.text import fold
from canbo.org.models import OrgUnit
from canbo.org.selectors import scope_top_unit, unit_list
from canbo.people.models import Person
from canbo.people.selectors import visible_persons, with_current_post
from canbo.web.views import is_htmx, request_as_of

from . import engine
from .choices import Comparison, Status
from .exports import (
    DOCX_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    AppendixRow,
    appendix_rows,
    baseline_share,
    counts_seats,
    indicator_table_docx,
    indicator_table_xlsx,
    pair_text,
    percent_text,
    share,
)
from .forms import ScopeForm
from .models import Indicator, Programme, Target

PAGE_SIZE = 50
LOOKUP_LIMIT = 20
HISTORY_MAX_YEARS = 15  # a chart of more yearly points says nothing more and costs a query each
PARTS = ("numerator", "denominator")
EXPORTS = {
    "xlsx": (indicator_table_xlsx, XLSX_CONTENT_TYPE),
    "docx": (indicator_table_docx, DOCX_CONTENT_TYPE),
}

# Tabler badge class and icon of each status; "empty" is a unit with no one to count.
BADGES = {
    Status.ACHIEVED: ("bg-green-lt", "ti-circle-check"),
    Status.NOT_YET: ("bg-red-lt", "ti-alert-triangle"),
    Status.NOT_APPLICABLE: ("bg-secondary-lt", "ti-circle-minus"),
    Status.NO_TARGET: ("badge-outline text-secondary", "ti-target-off"),
    "empty": ("bg-secondary-lt", "ti-circle-dashed"),
}
# Bar colours of the comparison chart (Tabler's red, green and grey).
COLOURS = {Status.ACHIEVED: "#2fb344", Status.NOT_YET: "#d63939", "other": "#8a96a8"}


# --------------------------------------------------------------------------------------------- lookups


def _programme(code: str) -> Programme:
    """The programme by its code (with its territory), or 404."""
    return get_object_or_404(Programme.objects.select_related("territory"), code=code)


def _indicator(programme: Programme, code: str) -> Indicator:
    """One indicator of the programme by its code, or 404."""
    indicator = get_object_or_404(Indicator, programme=programme, code=code)
    indicator.programme = programme  # the engine reads the territory through it: no second query
    return indicator


@dataclass
class Scope:
    """What a page computes for: the unit chosen (None = the whole territory) and what was wrong with it."""

    form: ScopeForm
    unit: OrgUnit | None
    errors: list[str]

    @property
    def shown_unit(self) -> OrgUnit | None:
        """The unit the figures are for, as people read it (the territory when none was chosen)."""
        return self.unit or self.form.programme.territory

    @property
    def query(self) -> str:
        """The unit as a query-string fragment for links ("&unit=12"), empty for the territory."""
        return f"&unit={self.unit.pk}" if self.unit is not None else ""


def _scope(request: HttpRequest, programme: Programme) -> Scope:
    """Read ?unit= against the programme's territory and the user's scope.

    A unit the user may not see answers 404, as one that does not exist; without ?unit= the figures are
    for the top of the user's scope inside the territory (the whole territory for province-wide grants).
    """
    if request.GET.get("unit"):
        form = ScopeForm(request.GET, programme=programme, user=request.user)
        if any(error.code == "invalid_choice" for error in form.errors.as_data().get("unit", [])):
            raise Http404  # not a unit the user may see (the form offers visible_units only)
        errors = [str(e) for e in form.errors.get("unit", [])]
        return Scope(form=form, unit=form.chosen_unit(), errors=errors)
    default = scope_top_unit(user=request.user, within=programme.territory)
    data = {"unit": str(default.pk)} if default is not None else None
    form = ScopeForm(data, programme=programme, user=request.user)
    return Scope(form=form, unit=default, errors=[])


def _messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


# ----------------------------------------------------------------------------------------- presentation


@dataclass
class Line:
    """One row of the dashboard table, with every figure already in Vietnamese form."""

    row: AppendixRow
    baseline_pct: str = ""
    baseline_pair: str = ""
    baseline_date: dt.date | None = None
    value_pct: str = ""
    numerator: int | None = None
    denominator: int | None = None
    target: str = ""
    target_year: int | None = None
    target_original: str = ""
    status: str = ""
    status_label: str = ""
    badge: str = ""
    icon: str = ""
    note: str = ""
    gap: int | None = None

    @property
    def needed(self) -> int | None:
        """People still needed to reach the target (None when none are)."""
        return self.gap if self.gap and self.gap > 0 else None

    @property
    def excess(self) -> int | None:
        """People above the target's upper bound (None when there are none)."""
        return -self.gap if self.gap and self.gap < 0 else None

    @property
    def code(self) -> str:
        """The indicator's code (empty on group headings)."""
        return self.row.indicator.code if self.row.indicator else ""


def _status(result: engine.Result) -> tuple[str, str]:
    """The status to show: a unit with no one to count is neither achieved nor behind."""
    if result.denominator == 0 and result.status == Status.NOT_YET:
        return "empty", _("Không có đối tượng")
    return result.status, result.get_status_label()


def _line(row: AppendixRow) -> Line:
    result = row.result
    if result is None:
        return Line(row=row)
    indicator = result.indicator
    status, label = _status(result)
    badge, icon = BADGES[status]
    return Line(
        row=row,
        baseline_pct=percent_text(baseline_share(indicator)),
        baseline_pair=pair_text(indicator.baseline_numerator, indicator.baseline_denominator),
        baseline_date=indicator.baseline_date,
        value_pct=percent_text(share(result.numerator, result.denominator)),
        numerator=result.numerator,
        denominator=result.denominator,
        target=engine.target_text(result.target) if result.target else "",
        target_year=result.target.year if result.target else None,
        target_original=result.target.text if result.target else "",
        status=status,
        status_label=label,
        badge=badge,
        icon=icon,
        note=result.note,
        gap=result.gap,
    )


def _tally(results: list[engine.Result]) -> list[dict[str, Any]]:
    """How many indicators stand in each status, for the summary above the table."""
    counts: dict[str, int] = {}
    for result in results:
        status, _label = _status(result)
        counts[status] = counts.get(status, 0) + 1
    order = [Status.ACHIEVED, Status.NOT_YET, "empty", Status.NOT_APPLICABLE, Status.NO_TARGET]
    labels = {**{s.value: s.label for s in Status}, "empty": _("Không có đối tượng")}
    return [
        {"status": s, "label": labels[s], "count": counts[s], "badge": BADGES[s][0], "icon": BADGES[s][1]}
        for s in order
        if counts.get(s)
    ]


# ------------------------------------------------------------------------------------------------ pages


@login_required
@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    """The programmes with their documents and periods; each card loads its standing lazily."""
    programmes = Programme.objects.select_related("territory").annotate(indicator_count=Count("indicators"))
    return render(request, "programmes/programme_list.html", {"programmes": programmes.order_by("code")})


@login_required
@require_GET
def programme_summary(request: HttpRequest, code: str) -> HttpResponse:
    """How many of a programme's indicators are achieved at the date (a fragment of the list page)."""
    programme = _programme(code)
    try:
        unit = scope_top_unit(user=request.user, within=programme.territory)
        results = engine.compute_programme(programme, as_of=request_as_of(request), unit=unit)
    except Http404:
        return render(
            request,
            "programmes/_summary.html",
            {"errors": [_("Không có đơn vị nào của đề án trong phạm vi bạn được xem.")]},
        )
    except ValidationError as exc:
        return render(request, "programmes/_summary.html", {"errors": _messages(exc)})
    return render(request, "programmes/_summary.html", {"programme": programme, "tally": _tally(results)})


@login_required
@require_GET
def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The indicator table of a programme for a unit at the date: baseline, value, target, status, gap."""
    programme = _programme(code)
    as_of = request_as_of(request)
    scope = _scope(request, programme)
    errors = list(scope.errors)
    results: list[engine.Result] = []
    if not errors:
        try:
            results = engine.compute_programme(programme, as_of=as_of, unit=scope.unit)
        except ValidationError as exc:
            errors = _messages(exc)
    lines = [_line(row) for row in appendix_rows(results)]
    baseline_dates = {line.baseline_date for line in lines if line.baseline_date}
    context = {
        "programme": programme,
        "scope": scope,
        "errors": errors,
        "lines": lines,
        "tally": _tally(results),
        "data_as_of": engine.data_as_of_text(engine.results_data_as_of(results)),
        # One baseline date for every row (LC-18's 11/12/2020) goes in the column header, not on each row.
        "baseline_date": baseline_dates.pop() if len(baseline_dates) == 1 else None,
    }
    return render(request, "programmes/programme_detail.html", context, status=400 if errors else 200)


@login_required
@require_GET
def programme_units(request: HttpRequest, code: str) -> JsonResponse:
    """Units of the programme's territory existing at the date whose name matches ?q= (for the picker)."""
    programme = _programme(code)
    units = unit_list(user=request.user, as_of=request_as_of(request)).select_related("parent")
    if programme.territory is not None:
        units = units.filter(path__startswith=programme.territory.path)
    for word in fold(request.GET.get("q", "")).split():
        units = units.filter(Q(search_name__contains=word) | Q(code__icontains=word))
    rows = [
        {"id": unit.pk, "text": unit.name, "hint": unit.parent.name if unit.parent else ""}
        for unit in units.order_by("depth", "sort_key")[:LOOKUP_LIMIT]
    ]
    return JsonResponse({"results": rows})


@login_required
@require_GET
def programme_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """Download the indicator table in Phụ lục 1's layout as .xlsx or .docx, for the unit at the date."""
    if fmt not in EXPORTS:
        raise Http404
    programme = _programme(code)
    as_of = request_as_of(request)
    scope = _scope(request, programme)
    errors = list(scope.errors)
    if not errors:
        try:
            results = engine.compute_programme(programme, as_of=as_of, unit=scope.unit)
        except ValidationError as exc:
            errors = _messages(exc)
    if errors:
        for error in errors:
            messages.error(request, error)
        return HttpResponseRedirect(reverse("web:programme_detail", args=[programme.code]))
    write, content_type = EXPORTS[fmt]
    content = write(results, programme=programme, as_of=as_of, unit=scope.shown_unit)
    parts = ["chi-tieu", programme.code, scope.unit.code if scope.unit else "", as_of.strftime("%d-%m-%Y")]
    filename = slugify("-".join(p for p in parts if p)) + f".{fmt}"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    with audit_context(source="web", client_ip=request.META.get("REMOTE_ADDR")):
        record_read(
            actor=request.user,
            action=AuditAction.EXPORT,
            object_type="programmes.programme",
            object_id=programme.code,
            object_repr=filename,
            detail={
                "format": fmt,
                "as_of": as_of,
                "unit_id": scope.unit.pk if scope.unit else None,
                "count": len(results),
            },
        )
    return response


# ------------------------------------------------------------------------------------------ drill-down


@dataclass
class PageInfo:
    """A page of a list whose total came with its rows (no separate COUNT query)."""

    number: int
    total: int
    size: int

    @property
    def num_pages(self) -> int:
        """How many pages there are (at least one)."""
        return max(1, math.ceil(self.total / self.size))

    @property
    def start_index(self) -> int:
        """The 1-based position of the first row on the page."""
        return (self.number - 1) * self.size + 1 if self.total else 0

    @property
    def end_index(self) -> int:
        """The 1-based position of the last row on the page."""
        return min(self.number * self.size, self.total)

    @property
    def has_previous(self) -> bool:
        """Whether a page comes before this one."""
        return self.number > 1

    @property
    def has_next(self) -> bool:
        """Whether a page comes after this one."""
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        """The number of the page before."""
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        """The number of the page after."""
        return self.number + 1

    @property
    def page_range(self) -> range:
        """The page numbers shown around this one."""
        return range(max(1, self.number - 2), min(self.num_pages, self.number + 2) + 1)


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Age in whole years on a day."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def people_page(people: QuerySet[Person], *, as_of: dt.date, number: int) -> tuple[list[Any], PageInfo]:
    """One page of people with their main post on as_of and the total, in one query."""
    size = PAGE_SIZE
    rows_qs = (
        with_current_post(people, as_of)
        .annotate(total=Window(Count("pk")))
        .order_by("sort_key", "birth_date", "pk")
    )
    offset = (number - 1) * size
    rows: list[Any] = list(rows_qs[offset : offset + size])
    if rows:
        return rows, PageInfo(number=number, total=rows[0].total, size=size)
    total = people.count()  # past the last page (an old link): go to the last one
    if not total:
        return [], PageInfo(number=1, total=0, size=size)
    last = math.ceil(total / size)
    return list(rows_qs[(last - 1) * size : last * size]), PageInfo(number=last, total=total, size=size)


@login_required
@require_GET
def indicator_people(request: HttpRequest, code: str, indicator: str) -> HttpResponse:
    """The people counted in an indicator's numerator or denominator, for the unit at the date."""
    programme = _programme(code)
    item = _indicator(programme, indicator)
    as_of = request_as_of(request)
    scope = _scope(request, programme)
    part = request.GET.get("part", "")
    part = part if part in PARTS else "numerator"
    errors = list(scope.errors)
    rows: list[Any] = []
    page = PageInfo(number=1, total=0, size=PAGE_SIZE)
    if not errors:
        try:
            people = engine.people(item, as_of=as_of, unit=scope.unit, part=part) & visible_persons(
                request.user
            )
            rows, page = people_page(people, as_of=as_of, number=_page_number(request))
        except ValidationError as exc:
            errors = _messages(exc)
    for person in rows:
        person.age = age_on(person.birth_date, as_of)
    context = {
        "programme": programme,
        "indicator": item,
        "scope": scope,
        "errors": errors,
        "part": part,
        "rows": rows,
        "page": page,
        "counts_seats": counts_seats(item),
        "current_view": "people",
    }
    return render(request, "programmes/indicator_people.html", context, status=400 if errors else 200)


# ------------------------------------------------------------------------------------------------ history


def _same_day(anchor: dt.date, year: int) -> dt.date:
    try:
        return anchor.replace(year=year)
    except ValueError:  # 29/02 in a common year
        return anchor.replace(year=year, day=28)


def history_dates(anchor: dt.date, as_of: dt.date) -> list[dt.date]:
    """The anchor's day and month in each year from the anchor's year to as_of's (never after as_of),
    ending on as_of itself so that the chart ends on the figure the table shows."""
    first = max(min(anchor.year, as_of.year), as_of.year - HISTORY_MAX_YEARS)
    dates = [min(_same_day(anchor, year), as_of) for year in range(first, as_of.year + 1)]
    if dates[-1] < as_of:
        dates.append(as_of)
    return sorted(set(dates))


def _anchor(programme: Programme, indicator: Indicator) -> dt.date:
    """The day of the year the history is taken on: the baseline's (the document's date for LC-18)."""
    return (
        indicator.baseline_date
        or programme.baseline_date
        or programme.document_date
        or dt.date(programme.period_start, 1, 1)
    )


def _percent(fraction: Decimal | None) -> float | None:
    return round(float(fraction * 100), 4) if fraction is not None else None


def _target_payload(target: Target | None) -> dict[str, Any] | None:
    if target is None or target.low is None or target.comparison == Comparison.MATCH_STRUCTURE:
        return None
    return {
        "low": float(target.low),
        "high": float(target.high)
        if target.high is not None and target.comparison == Comparison.RANGE
        else None,
        "label": _("Mục tiêu %(year)s: %(text)s") % {"year": target.year, "text": engine.target_text(target)},
    }


@login_required
@require_GET
def indicator_history(request: HttpRequest, code: str, indicator: str) -> HttpResponse:
    """An indicator year by year from the baseline to the date, on the baseline's day of the year (a fragment
    loaded when its chart is opened, or a page of its own)."""
    programme = _programme(code)
    item = _indicator(programme, indicator)
    as_of = request_as_of(request)
    scope = _scope(request, programme)
    errors = list(scope.errors)
    results: list[engine.Result] = []
    if not errors:
        targets = list(item.targets.order_by("year"))
        try:
            results = [
                engine.compute(item, as_of=day, unit=scope.unit, targets=targets)
                for day in history_dates(_anchor(programme, item), as_of)
            ]
        except ValidationError as exc:
            errors = _messages(exc)
    points = [
        {
            "date": r.as_of.isoformat(),
            "day": format_date(r.as_of),
            "value": _percent(share(r.numerator, r.denominator)),
            "label": percent_text(share(r.numerator, r.denominator)) or r.get_status_label(),
            "pair": pair_text(r.numerator, r.denominator, item),
            "status": r.status,
            "status_label": _status(r)[1],
            "note": r.note,
        }
        for r in results
    ]
    baseline = baseline_share(item)
    chart = {
        "points": points,
        "baseline": {
            "date": (item.baseline_date or _anchor(programme, item)).isoformat(),
            "day": format_date(item.baseline_date or _anchor(programme, item)),
            "value": _percent(baseline),
            "label": percent_text(baseline),
            "pair": pair_text(item.baseline_numerator, item.baseline_denominator, item),
        }
        if baseline is not None
        else None,
        "target": _target_payload(results[-1].target if results else None),
        "names": {"computed": _("Tính từ hồ sơ"), "baseline": _("Hiện trạng theo văn bản")},
    }
    context = {
        "programme": programme,
        "indicator": item,
        "scope": scope,
        "errors": errors,
        "points": points,
        "chart": chart,
        "chart_id": f"history-{slugify(item.code)}",
        "data_as_of": engine.data_as_of_text(engine.results_data_as_of(results)),
        "data_id": f"history-{slugify(item.code)}-data",
        "current_view": "history",
    }
    if is_htmx(request):
        return render(request, "programmes/_history.html", context)
    return render(request, "programmes/indicator_history.html", context, status=400 if errors else 200)


# --------------------------------------------------------------------------------------------- comparison


def _shortfall(result: engine.Result) -> Decimal:
    """Percentage points between the value and the nearest edge of its target (0 when it is met)."""
    value, target = result.value, result.target
    if value is None or target is None or target.low is None or not result.gap:
        return Decimal(0)
    if result.gap < 0:  # above the upper bound
        upper = target.high if target.high is not None else target.low
        return value - Decimal(upper)
    return Decimal(target.low) - value


def laggards_first(results: list[engine.Result]) -> list[engine.Result]:
    """Units behind their target first (furthest behind on top), then the rest by value, empty units last."""

    def key(result: engine.Result) -> tuple[int, Decimal, Decimal, str]:
        if not result.denominator:
            group = 3
        elif result.status == Status.NOT_YET:
            group = 0
        elif result.status == Status.ACHIEVED:
            group = 1
        else:
            group = 2
        return (
            group,
            -_shortfall(result),
            result.value or Decimal(0),
            result.unit.sort_key if result.unit else "",
        )

    return sorted(results, key=key)


def _ancestors(unit: OrgUnit, territory: OrgUnit | None) -> list[OrgUnit]:
    """The units from the territory down to unit (one query), for the breadcrumb."""
    segments = [s for s in unit.path.split("/") if s]
    paths = ["".join(f"{s}/" for s in segments[: i + 1]) for i in range(len(segments))]
    units = OrgUnit.objects.filter(path__in=paths)
    if territory is not None:
        units = units.filter(path__startswith=territory.path)
    return list(units.order_by("depth"))


@login_required
@require_GET
def indicator_compare(request: HttpRequest, code: str, indicator: str) -> HttpResponse:
    """The indicator for each unit directly below the chosen unit, laggards first, with a bar chart."""
    programme = _programme(code)
    item = _indicator(programme, indicator)
    as_of = request_as_of(request)
    scope = _scope(request, programme)
    parent = scope.shown_unit
    visible = user_scope(request.user)
    errors = list(scope.errors)
    if parent is None and not errors:
        errors = [_("Đề án chưa có phạm vi (đơn vị gốc); hãy chọn một đơn vị để so sánh.")]
    results: list[engine.Result] = []
    overall = None
    with_children: set[int] = set()
    if not errors and parent is not None:
        try:
            overall = engine.compute(item, as_of=as_of, unit=scope.unit)
            results = laggards_first(engine.compare_units(item, as_of=as_of, parent=parent))
        except ValidationError as exc:
            errors = _messages(exc)
        units = [r.unit for r in results if r.unit is not None]
        with_children = set(
            OrgUnit.objects.as_of(as_of)
            .filter(parent__in=units)
            .values_list("parent_id", flat=True)
            .distinct()
        )
    # Units with no one to count (a provincial agency when comparing commune cadres) are named under the
    # table rather than drawn as empty bars.
    counted = [r for r in results if r.denominator]
    empty = [r for r in results if not r.denominator]
    rows = [
        {
            "result": r,
            "line": _line(AppendixRow("item", str(i), r.unit.name if r.unit else "", r)),
            "has_children": r.unit is not None and r.unit.pk in with_children,
        }
        for i, r in enumerate(counted, start=1)
    ]
    chart = {
        "units": [r.unit.name if r.unit else "" for r in counted],
        "values": [_percent(share(r.numerator, r.denominator)) for r in counted],
        "labels": [f"{percent_text(share(r.numerator, r.denominator))} {_pair_brackets(r)}" for r in counted],
        "colours": [COLOURS.get(r.status, COLOURS["other"]) for r in counted],
        "target": _target_payload(results[0].target if results else None),
    }
    context = {
        "programme": programme,
        "indicator": item,
        "scope": scope,
        "errors": errors,
        "parent": parent,
        "ancestors": [
            unit
            for unit in (_ancestors(parent, programme.territory) if parent is not None else [])
            if visible.covers(unit.path)  # no link to a unit above the user's grant
        ],
        "overall": _line(AppendixRow("item", "", parent.name, overall)) if overall and parent else None,
        "rows": rows,
        "legend": [
            (COLOURS.get(status, COLOURS["other"]), label)
            for status, label in ((s.value, s.label) for s in Status)
            if any(r.status == status for r in counted)
        ],
        "empty_units": [r.unit for r in empty if r.unit is not None],
        "not_applicable": next((r.note for r in results if r.status == Status.NOT_APPLICABLE), ""),
        "chart": chart,
        "chart_height": max(160, 34 * len(counted) + 80),
        "data_as_of": engine.data_as_of_text(
            engine.results_data_as_of([*results, *([overall] if overall else [])])
        ),
        "current_view": "compare",
    }
    return render(request, "programmes/indicator_compare.html", context, status=400 if errors else 200)


def _pair_brackets(result: engine.Result) -> str:
    pair = pair_text(result.numerator, result.denominator)
    return f"({pair})" if pair else ""
