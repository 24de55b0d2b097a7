"""Eligibility explained: for a person, a target title and a date, every standard and rule checked.

Each item is pass, fail or unknown (missing data), with its reason and the citation of the rule version
in force on the date. Reads a fixed number of queries: the rule versions once, the person's discipline,
conclusions, ratings and qualifications once each, the required qualification levels once, and for a
non-local post the unit's and the person's places.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from canbo.core.dates import today

from .retirement import add_months, retirement_for
from .selectors import RuleBook
from .terms import FAIL, PASS, UNKNOWN, RuleCheck, appointment_age_check


def _vn(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


@dataclass(frozen=True)
class EligibilityItem:
    """One line of the checklist: what is checked and its outcome."""

    label: str
    check: RuleCheck

    @property
    def status(self) -> str:
        """pass, fail or unknown."""
        return self.check.status


def _age(person: Any, title: Any, on: dt.date, book: RuleBook) -> RuleCheck:
    try:
        retirement = retirement_for(
            sex=person.sex, birth=person.birth_date, on=on, title_codes=frozenset({title.code})
        )
    except ValidationError:
        retirement = None
    # The rule measures on the day the organisation board receives the file; the checklist date stands in.
    return appointment_age_check(
        retirement_date=retirement.retires_on if retirement else None, received_on=on, book=book
    )


def _discipline(person: Any, on: dt.date, book: RuleBook) -> RuleCheck:
    from canbo.conduct.selectors import bar_ends_on, person_discipline

    rule = "discipline.bar"
    version = book.in_force(rule, on=on)
    records = [item for item in person_discipline(person) if item.valid_from <= on]
    if version is None:
        return RuleCheck(UNKNOWN, _("Chưa rõ: không có quy định áp dụng ngày %(d)s.") % {"d": _vn(on)}, rule)
    if not records:
        return RuleCheck(PASS, _("Đạt: không có kỷ luật nào được ghi nhận."), rule, version.citation)
    fails, unknowns = [], []
    for item in records:
        kind, end = bar_ends_on(item, version)
        values = {"f": item.get_form_display(), "s": _vn(item.valid_from), "n": item.decision_number}
        if kind == "permanent":
            fails.append(_("%(f)s (QĐ %(n)s, hiệu lực %(s)s): không có thời hạn.") % values)
        elif kind == "unknown":
            unknowns.append(_("%(f)s (QĐ %(n)s): quy định không ghi thời hạn cho hình thức này.") % values)
        elif end is not None and end >= on:
            fails.append(
                _("%(f)s (QĐ %(n)s, hiệu lực %(s)s): chưa hết thời hạn, đến hết ngày %(e)s.")
                % {**values, "e": _vn(end)}
            )
    if fails:
        return RuleCheck(FAIL, _("Không đạt: ") + " ".join(fails), rule, version.citation)
    if unknowns:
        return RuleCheck(UNKNOWN, _("Chưa rõ: ") + " ".join(unknowns), rule, version.citation)
    return RuleCheck(
        PASS, _("Đạt: các kỷ luật đã hết thời hạn không được quy hoạch, bổ nhiệm."), rule, version.citation
    )


def _political_standard(person: Any, on: dt.date, book: RuleBook) -> RuleCheck:
    from canbo.conduct.choices import PoliticalConclusion
    from canbo.conduct.selectors import person_conclusions

    rule = "political_standard.required"
    version = book.in_force(rule, on=on)
    if version is None:
        return RuleCheck(UNKNOWN, _("Chưa rõ: không có quy định áp dụng ngày %(d)s.") % {"d": _vn(on)}, rule)
    latest = next((c for c in person_conclusions(person) if c.concluded_on <= on), None)
    if latest is None:
        return RuleCheck(UNKNOWN, _("Chưa rõ: thiếu kết luận tiêu chuẩn chính trị."), rule, version.citation)
    values = {"d": _vn(latest.concluded_on), "b": latest.concluded_by}
    if latest.conclusion != PoliticalConclusion.MEETS:
        return RuleCheck(
            FAIL,
            _("Không đạt: kết luận ngày %(d)s (%(b)s) là không đủ tiêu chuẩn chính trị.") % values,
            rule,
            version.citation,
        )
    months = version.parameters["validity_months"]
    if months and add_months(latest.concluded_on, months) <= on:
        return RuleCheck(
            UNKNOWN,
            _("Chưa rõ: kết luận ngày %(d)s đã quá thời hạn %(m)s tháng; cần kết luận mới.")
            % {**values, "m": months},
            rule,
            version.citation,
        )
    return RuleCheck(
        PASS, _("Đạt: kết luận đủ tiêu chuẩn chính trị ngày %(d)s (%(b)s).") % values, rule, version.citation
    )


def _ratings(person: Any, on: dt.date, book: RuleBook) -> RuleCheck:
    from canbo.conduct.models import AnnualRating, RatingLevel

    rule = "eligibility.recent_ratings"
    version = book.in_force(rule, on=on)
    if version is None:
        return RuleCheck(UNKNOWN, _("Chưa rõ: không có quy định áp dụng ngày %(d)s.") % {"d": _vn(on)}, rule)
    span, levels = version.parameters["years"], version.parameters["levels"]
    # The year of `on` is rated only in December: the years checked are the completed ones before it.
    years = list(range(on.year - span, on.year))
    rated = dict(AnnualRating.objects.filter(person=person, year__in=years).values_list("year", "level"))
    missing = [y for y in years if y not in rated]
    below = [y for y in years if y in rated and rated[y] not in levels]
    names = ", ".join(
        str(RatingLevel(level).label) if level in RatingLevel.values else level for level in levels
    )
    if below:
        listed = "; ".join(f"{y}: {RatingLevel(rated[y]).label}" for y in below)
        return RuleCheck(
            FAIL, _("Không đạt: %(l)s — yêu cầu %(n)s.") % {"l": listed, "n": names}, rule, version.citation
        )
    if missing:
        return RuleCheck(
            UNKNOWN,
            _("Chưa rõ: thiếu xếp loại năm %(y)s.") % {"y": ", ".join(str(y) for y in missing)},
            rule,
            version.citation,
        )
    return RuleCheck(
        PASS,
        _("Đạt: các năm %(y)s đều xếp loại %(n)s.") % {"y": ", ".join(str(y) for y in years), "n": names},
        rule,
        version.citation,
    )


def _qualifications(person: Any, title: Any, on: dt.date, book: RuleBook) -> RuleCheck:
    from .standards import RULE, qualifications_check

    return qualifications_check(person, title, on=on, version=book.in_force(RULE, on=on))


def needs_unit(title: Any, *, on: dt.date, book: RuleBook | None = None) -> bool:
    """Whether the rule on non-local posts in force on `on` lists the title (the check then needs a unit)."""
    from .non_local import RULE

    version = (book or RuleBook.load()).in_force(RULE, on=on)
    return version is not None and title.code in version.parameters["title_codes"]


def _non_local(person: Any, title: Any, unit: Any, on: dt.date, book: RuleBook) -> RuleCheck:
    from .non_local import LOCAL, NOT_LOCAL, RULE, explain_candidate

    version = book.in_force(RULE, on=on)
    if version is None:
        return RuleCheck(
            PASS,
            _("Đạt: ngày %(d)s chưa có quy định bố trí chức danh không phải người địa phương.")
            % {"d": _vn(on)},
            RULE,
        )
    if title.code not in version.parameters["title_codes"]:
        return RuleCheck(
            PASS,
            _("Đạt: chức vụ “%(t)s” không thuộc danh sách phải bố trí người không phải người địa phương.")
            % {"t": title.name},
            RULE,
            version.citation,
        )
    if unit is None:
        return RuleCheck(
            UNKNOWN,
            _(
                "Chưa rõ: chức vụ phải bố trí người không phải người địa phương; chọn đơn vị dự kiến bố trí để xét."
            ),
            RULE,
            version.citation,
        )
    reason = explain_candidate(person, unit, on=on)
    if reason.status == LOCAL:
        return RuleCheck(FAIL, _("Không đạt: ") + reason.text + ".", RULE, version.citation)
    if reason.status == NOT_LOCAL:
        return RuleCheck(PASS, _("Đạt: ") + reason.text + ".", RULE, version.citation)
    return RuleCheck(UNKNOWN, _("Chưa rõ: ") + reason.text + ".", RULE, version.citation)


def eligibility(
    person: Any, title: Any, *, on: dt.date | None = None, unit: Any = None
) -> list[EligibilityItem]:
    """The checklist for appointing or planning `person` to `title` (in `unit`, if known) on `on` (today by default).

    The person and the unit must have been read through scoped selectors. The non-local item needs the unit
    when the title must be held by a non-local person; without it that item is unknown.
    """
    day = on or today()
    book = RuleBook.load()
    return [
        EligibilityItem(
            _("Tuổi: còn đủ thời gian công tác đến tuổi nghỉ hưu"), _age(person, title, day, book)
        ),
        EligibilityItem(_("Kỷ luật: thời hạn không quy hoạch, bổ nhiệm"), _discipline(person, day, book)),
        EligibilityItem(_("Tiêu chuẩn chính trị"), _political_standard(person, day, book)),
        EligibilityItem(_("Xếp loại chất lượng những năm gần nhất"), _ratings(person, day, book)),
        EligibilityItem(_("Trình độ theo tiêu chuẩn chức vụ"), _qualifications(person, title, day, book)),
        EligibilityItem(
            _("Không phải người địa phương (chức danh bố trí người ngoài địa phương)"),
            _non_local(person, title, unit, day, book),
        ),
    ]


def eligibility_summary(items: list[EligibilityItem]) -> str:
    """fail if any item fails, else unknown if any is unknown, else pass."""
    statuses = {item.status for item in items}
    return FAIL if FAIL in statuses else UNKNOWN if UNKNOWN in statuses else PASS
