"""Title qualification standards (tiêu chuẩn chức danh) as data, and the checklist item that applies them.

The rule "title.standards" holds, per version, an ordered list of title groups. Each group says which titles
it covers — by title code, level, rank or management category, all as data — and the minimum level required
on each qualification scale (professional, political theory, state management, …). A title takes the first
group that matches it; a title no group matches has no recorded standard. A person meets a requirement when
one of their qualifications of that kind, obtained on or before the day, has a level of equal or higher rank
(equal ranks are equivalent levels, e.g. cử nhân chính trị = cao cấp LLCT).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .definitions import Param, RuleDefinition

if TYPE_CHECKING:
    from .terms import RuleCheck

RULE = "title.standards"
MATCH_KEYS = ("title_codes", "levels", "ranks", "categories")


def _kinds() -> dict[str, Any]:
    from canbo.people.choices import QualificationKind

    return {value: label for value, label in QualificationKind.choices}


STANDARD_RULES: tuple[RuleDefinition, ...] = (
    RuleDefinition(
        RULE,
        gettext_lazy("Tiêu chuẩn trình độ theo chức vụ"),
        gettext_lazy(
            "Danh sách nhóm chức vụ theo thứ tự; mỗi nhóm ghi các chức vụ thuộc nhóm (theo mã chức vụ, cấp, bậc "
            "hoặc diện quản lý) và trình độ tối thiểu của từng loại (chuyên môn, lý luận chính trị, quản lý nhà "
            "nước…). Chức vụ thuộc nhóm đầu tiên khớp; trình độ cùng thứ bậc được coi là tương đương."
        ),
        {"groups": Param("standards", gettext_lazy("Nhóm chức vụ và trình độ tối thiểu"))},
    ),
)


def _codes_ok(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(c, str) and c.strip() for c in value)


def standards_errors(name: str, param: Param, value: Any) -> list[str]:
    """A list of groups {code, name, match: {title_codes|levels|ranks|categories: [...]}, requires: {kind: level}}."""
    named = {"name": name}
    if not isinstance(value, list) or not value:
        return [_("Tham số “%(name)s” phải là danh sách nhóm chức vụ, không rỗng.") % named]
    kinds = _kinds()
    seen: set[str] = set()
    for position, group in enumerate(value, start=1):
        where = {**named, "n": position}
        if not isinstance(group, dict) or set(group) != {"code", "name", "match", "requires"}:
            return [
                _("Mục thứ %(n)s của tham số “%(name)s” phải có đúng các khóa code, name, match, requires.")
                % where
            ]
        if not all(isinstance(group[k], str) and group[k].strip() for k in ("code", "name")):
            return [_("Mục thứ %(n)s của tham số “%(name)s”: code và name phải là chuỗi không rỗng.") % where]
        if group["code"] in seen:
            return [_("Mục thứ %(n)s của tham số “%(name)s”: mã nhóm bị trùng.") % where]
        seen.add(group["code"])
        match = group["match"]
        if (
            not isinstance(match, dict)
            or not match
            or set(match) - set(MATCH_KEYS)
            or not all(_codes_ok(v) for v in match.values())
        ):
            return [
                _(
                    "Mục thứ %(n)s của tham số “%(name)s”: match phải ghi ít nhất một trong title_codes, levels, "
                    "ranks, categories, mỗi khóa là danh sách mã không rỗng."
                )
                % where
            ]
        requires = group["requires"]
        if not isinstance(requires, dict) or not requires:
            return [
                _("Mục thứ %(n)s của tham số “%(name)s”: requires phải ghi ít nhất một trình độ.") % where
            ]
        for kind, level in requires.items():
            if kind not in kinds:
                return [
                    _("Mục thứ %(n)s của tham số “%(name)s”: loại trình độ “%(k)s” không có.")
                    % {**where, "k": kind}
                ]
            if not isinstance(level, str) or not level.strip():
                return [
                    _("Mục thứ %(n)s của tham số “%(name)s”: trình độ của “%(k)s” phải là một mã.")
                    % {**where, "k": kind}
                ]
    return []


PARAM_KINDS = {"standards": standards_errors}


@dataclass(frozen=True)
class Standard:
    """The group a title falls in, and the minimum level code required per qualification kind."""

    code: str
    name: str
    requires: dict[str, str]


def _title_facts(title: Any) -> dict[str, str]:
    category = title.management_category.code if title.management_category_id else ""
    return {"title_codes": title.code, "levels": title.level, "ranks": title.rank, "categories": category}


def standard_for(title: Any, groups: list[dict[str, Any]]) -> Standard | None:
    """The first group of the rule whose every selector contains the title's value; None if none does."""
    facts = _title_facts(title)
    for group in groups:
        if all(facts[key] in values for key, values in group["match"].items()):
            return Standard(group["code"], group["name"], dict(group["requires"]))
    return None


def qualifications_check(person: Any, title: Any, *, on: dt.date, version: Any) -> RuleCheck:
    """Pass, fail (naming what is missing) or unknown for the person's qualifications against the title's group.

    Two queries: the person's qualifications obtained by `on` (with their levels), and the required levels.
    """
    from canbo.people.models import Qualification, QualificationLevel

    # Imported here: terms → selectors → definitions, which loads this module.
    from .terms import FAIL, PASS, UNKNOWN, RuleCheck

    day = f"{on:%d/%m/%Y}"
    if version is None:
        return RuleCheck(UNKNOWN, _("Chưa rõ: không có quy định áp dụng ngày %(d)s.") % {"d": day}, RULE)
    standard = standard_for(title, version.parameters["groups"])
    if standard is None:
        return RuleCheck(
            UNKNOWN,
            _("Chưa rõ: chưa có tiêu chuẩn trình độ được ghi cho chức vụ “%(t)s”.") % {"t": title.name},
            RULE,
            version.citation,
        )
    kinds = _kinds()
    required = {
        (level.kind, level.code): level
        for level in QualificationLevel.objects.filter(kind__in=list(standard.requires))
        if standard.requires.get(level.kind) == level.code
    }
    best: dict[str, Any] = {}
    for item in (
        Qualification.objects.filter(person=person, kind__in=list(standard.requires), obtained_on__lte=on)
        .select_related("level")
        .order_by("kind", "-level__rank")
    ):
        best.setdefault(item.kind, item.level)
    passed, failed, unknown = [], [], []
    for kind, code in standard.requires.items():
        label = str(kinds[kind])
        need = required.get((kind, code))
        if need is None:
            unknown.append(_("%(k)s: mức “%(c)s” không có trong danh mục trình độ") % {"k": label, "c": code})
            continue
        have = best.get(kind)
        values = {"k": label, "need": need.name, "have": have.name if have else ""}
        if have is None:
            unknown.append(_("%(k)s: chưa có thông tin (yêu cầu %(need)s)") % values)
        elif have.rank < need.rank:
            failed.append(_("%(k)s: %(have)s, yêu cầu %(need)s trở lên") % values)
        else:
            passed.append(_("%(k)s: %(have)s (yêu cầu %(need)s)") % values)
    group = _("Nhóm “%(g)s”, ngày %(d)s.") % {"g": standard.name, "d": day}
    if failed:
        status, lead, lines = FAIL, _("Không đạt:"), failed + unknown
    elif unknown:
        status, lead, lines = UNKNOWN, _("Chưa rõ:"), unknown
    else:
        status, lead, lines = PASS, _("Đạt:"), passed
    return RuleCheck(status, f"{lead} {'; '.join(lines)}. {group}", RULE, version.citation)
