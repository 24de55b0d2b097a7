"""The rules the system knows and the shape of each rule's parameters.

A rule's *values* are data (RuleVersion rows, shipped in data/rule_versions.json and changed by an
administrator); what a rule *means* and which parameters it takes is code, here, because the functions
that evaluate it (retirement.py, terms.py) read those parameters by name. A new version of a known rule
needs no code change; a new rule does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Param:
    """One parameter of a rule: its kind ("int", "bool", "codes", "schedule") and bounds for numbers."""

    kind: str
    label: Any
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class RuleDefinition:
    """A rule the system evaluates: identifier, Vietnamese label, what it decides and its parameters."""

    rule_id: str
    label: Any
    description: Any
    params: dict[str, Param]


RULES: dict[str, RuleDefinition] = {
    item.rule_id: item
    for item in (
        RuleDefinition(
            "retirement.age",
            gettext_lazy("Tuổi nghỉ hưu trong điều kiện lao động bình thường"),
            gettext_lazy(
                "Tuổi nghỉ hưu (tính bằng tháng) áp dụng cho từng năm dương lịch, cho nam và nữ; "
                "mỗi mục áp dụng từ năm ghi ở mục đó đến trước năm của mục sau."
            ),
            {
                "male": Param("schedule", gettext_lazy("Nam: danh sách [năm, số tháng tuổi], năm tăng dần")),
                "female": Param("schedule", gettext_lazy("Nữ: danh sách [năm, số tháng tuổi], năm tăng dần")),
            },
        ),
        RuleDefinition(
            "retirement.senior_female",
            gettext_lazy("Nữ cán bộ lãnh đạo nghỉ hưu ở tuổi cao hơn"),
            gettext_lazy(
                "Nữ cán bộ, công chức đang giữ một trong các chức vụ trong danh sách được nghỉ hưu ở tuổi cao "
                "hơn (tính bằng tháng), nhưng không sớm hơn tuổi nghỉ hưu chung."
            ),
            {
                "title_codes": Param("codes", gettext_lazy("Mã các chức vụ được áp dụng")),
                "age_months": Param("int", gettext_lazy("Tuổi nghỉ hưu (tháng)"), 600, 900),
            },
        ),
        RuleDefinition(
            "retirement.early",
            gettext_lazy("Nghỉ hưu trước tuổi"),
            gettext_lazy("Số tháng tối đa được nghỉ hưu sớm hơn tuổi nghỉ hưu chung, khi có quyết định."),
            {"max_months_earlier": Param("int", gettext_lazy("Sớm hơn tối đa (tháng)"), 1, 180)},
        ),
        RuleDefinition(
            "appointment.term_years",
            gettext_lazy("Thời hạn bổ nhiệm"),
            gettext_lazy("Thời hạn giữ chức vụ mỗi lần bổ nhiệm, tính từ ngày quyết định có hiệu lực."),
            {"years": Param("int", gettext_lazy("Số năm"), 1, 10)},
        ),
        RuleDefinition(
            "appointment.min_months_before_retirement",
            gettext_lazy("Tuổi bổ nhiệm lần đầu, bổ nhiệm chức vụ cao hơn"),
            gettext_lazy(
                "Phải còn ít nhất số tháng này đến tuổi nghỉ hưu, tính tại thời điểm cơ quan tổ chức nhận hồ sơ; "
                "trường hợp đặc biệt do cấp có thẩm quyền quyết định."
            ),
            {"months": Param("int", gettext_lazy("Số tháng"), 0, 240)},
        ),
        RuleDefinition(
            "reappointment.notice",
            gettext_lazy("Thông báo chuẩn bị bổ nhiệm lại"),
            gettext_lazy(
                "Chậm nhất bao nhiêu ngày trước ngày hết thời hạn bổ nhiệm, cấp có thẩm quyền phải thông báo "
                "để cán bộ chuẩn bị thủ tục bổ nhiệm lại; ngày làm việc hoặc ngày lịch."
            ),
            {
                "days": Param("int", gettext_lazy("Số ngày"), 1, 366),
                "working_days": Param("bool", gettext_lazy("Tính theo ngày làm việc")),
            },
        ),
        RuleDefinition(
            "reappointment.extension_under_years",
            gettext_lazy("Kéo dài thời gian giữ chức vụ đến tuổi nghỉ hưu"),
            gettext_lazy(
                "Khi hết thời hạn bổ nhiệm mà còn dưới số năm này đến tuổi nghỉ hưu thì xem xét kéo dài thời gian "
                "giữ chức vụ đến khi nghỉ hưu thay cho bổ nhiệm lại."
            ),
            {"years": Param("int", gettext_lazy("Số năm"), 1, 10)},
        ),
        # Position change, rotation, secondment and non-local posts (canbo.rotation, canbo.rules.nonlocal).
        RuleDefinition(
            "position_change.fields",
            gettext_lazy("Lĩnh vực phải định kỳ chuyển đổi vị trí công tác"),
            gettext_lazy(
                "Danh sách [mã, tên lĩnh vực, số tháng] áp dụng cho người không giữ chức vụ lãnh đạo, quản lý; "
                "đến hạn khi đã giữ vị trí đủ số tháng của lĩnh vực."
            ),
            {"fields": Param("periods", gettext_lazy("Lĩnh vực và thời hạn (tháng)"), 24, 60)},
        ),
        RuleDefinition(
            "position_change.exemptions",
            gettext_lazy("Trường hợp chưa hoặc không thực hiện chuyển đổi vị trí công tác"),
            gettext_lazy(
                "Không chuyển đổi khi còn dưới số tháng này đến tuổi nghỉ hưu; chưa chuyển đổi khi đang mang thai "
                "hoặc nuôi con dưới số tháng tuổi quy định, đang bị xem xét kỷ luật, thanh tra, điều tra, đang "
                "học tập dài hạn hoặc biệt phái (ghi nhận từng người, có thời hạn)."
            ),
            {
                "months_before_retirement": Param(
                    "int", gettext_lazy("Còn dưới (tháng) đến tuổi nghỉ hưu"), 1, 60
                ),
                "child_months": Param("int", gettext_lazy("Con dưới (tháng tuổi)"), 1, 72),
            },
        ),
        RuleDefinition(
            "rotation.eligibility",
            gettext_lazy("Tuổi luân chuyển"),
            gettext_lazy(
                "Cán bộ được luân chuyển phải còn ít nhất số năm này đến tuổi nghỉ hưu; trường hợp luân chuyển để "
                "bố trí người không phải người địa phương hoặc không giữ quá hai nhiệm kỳ thì còn đủ một nhiệm kỳ."
            ),
            {"min_years_to_retirement": Param("int", gettext_lazy("Còn ít nhất (năm)"), 1, 20)},
        ),
        RuleDefinition(
            "rotation.length",
            gettext_lazy("Thời gian luân chuyển"),
            gettext_lazy("Thời gian luân chuyển tối thiểu (tháng)."),
            {"min_months": Param("int", gettext_lazy("Tối thiểu (tháng)"), 1, 120)},
        ),
        RuleDefinition(
            "secondment.max_years",
            gettext_lazy("Thời hạn biệt phái"),
            gettext_lazy("Thời hạn biệt phái tối đa (năm), trừ khi luật chuyên ngành quy định khác."),
            {"years": Param("int", gettext_lazy("Số năm"), 1, 10)},
        ),
        RuleDefinition(
            "nonlocal.titles",
            gettext_lazy("Chức danh bố trí không phải người địa phương"),
            gettext_lazy(
                "Các chức danh phải bố trí người không phải người địa phương; người địa phương khi quê quán hoặc "
                "nơi sinh (các căn cứ trong danh sách) thuộc địa bàn của đơn vị theo địa giới tại ngày xét."
            ),
            {
                "title_codes": Param("codes", gettext_lazy("Mã các chức danh")),
                "bases": Param("codes", gettext_lazy("Căn cứ so sánh: home_town, birthplace")),
            },
        ),
    )
}


def rule_definition(rule_id: str) -> RuleDefinition:
    """The definition of a known rule; a ValidationError naming the rule otherwise."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise ValidationError(
            {
                "rule": [
                    _("Quy định “%(rule)s” không có trong danh sách quy định của hệ thống.")
                    % {"rule": rule_id}
                ]
            }
        ) from None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _param_errors(name: str, param: Param, value: Any) -> list[str]:
    """What is wrong with one parameter value (empty when it is valid)."""
    named = {"name": name}
    if param.kind == "int":
        if not _is_int(value):
            return [_("Tham số “%(name)s” phải là số nguyên.") % named]
        if param.minimum is not None and value < param.minimum:
            return [_("Tham số “%(name)s” không được nhỏ hơn %(min)s.") % {**named, "min": param.minimum}]
        if param.maximum is not None and value > param.maximum:
            return [_("Tham số “%(name)s” không được lớn hơn %(max)s.") % {**named, "max": param.maximum}]
        return []
    if param.kind == "bool":
        return [] if isinstance(value, bool) else [_("Tham số “%(name)s” phải là true hoặc false.") % named]
    if param.kind == "codes":
        if not isinstance(value, list) or not value:
            return [_("Tham số “%(name)s” phải là một danh sách mã, không rỗng.") % named]
        if not all(isinstance(code, str) and code.strip() for code in value):
            return [_("Mỗi mục của tham số “%(name)s” phải là một mã (chuỗi ký tự).") % named]
        return []
    if param.kind == "periods":
        if not isinstance(value, list) or not value:
            return [_("Tham số “%(name)s” phải là danh sách [mã, tên, số tháng], không rỗng.") % named]
        seen: set[str] = set()
        for position, item in enumerate(value, start=1):
            where = {**named, "n": position, "min": param.minimum, "max": param.maximum}
            if not (
                isinstance(item, list)
                and len(item) == 3
                and all(isinstance(part, str) and part.strip() for part in item[:2])
                and _is_int(item[2])
            ):
                return [_("Mục thứ %(n)s của tham số “%(name)s” phải là [mã, tên, số tháng].") % where]
            if (param.minimum is not None and item[2] < param.minimum) or (
                param.maximum is not None and item[2] > param.maximum
            ):
                return [
                    _("Mục thứ %(n)s của tham số “%(name)s”: số tháng phải từ %(min)s đến %(max)s.") % where
                ]
            if item[0] in seen:
                return [_("Mục thứ %(n)s của tham số “%(name)s”: mã bị trùng.") % where]
            seen.add(item[0])
        return []
    if param.kind == "schedule":
        if not isinstance(value, list) or not value:
            return [_("Tham số “%(name)s” phải là danh sách [năm, số tháng], không rỗng.") % named]
        previous: tuple[int, int] | None = None
        for position, item in enumerate(value, start=1):
            where = {**named, "n": position}
            if not (isinstance(item, list) and len(item) == 2 and all(_is_int(part) for part in item)):
                return [
                    _("Mục thứ %(n)s của tham số “%(name)s” phải là [năm, số tháng] bằng số nguyên.") % where
                ]
            year, months = item
            if not 1900 <= year <= 2200 or not 480 <= months <= 900:
                return [
                    _(
                        "Mục thứ %(n)s của tham số “%(name)s”: năm phải từ 1900 đến 2200 và tuổi từ 480 đến 900 "
                        "tháng."
                    )
                    % where
                ]
            if previous is not None and (year <= previous[0] or months < previous[1]):
                return [
                    _(
                        "Mục thứ %(n)s của tham số “%(name)s”: năm phải tăng dần và tuổi không được giảm so với "
                        "mục trước."
                    )
                    % where
                ]
            previous = (year, months)
        return []
    from .conduct_definitions import PARAM_KINDS
    from .standards import PARAM_KINDS as STANDARD_KINDS

    if param.kind in PARAM_KINDS:
        return PARAM_KINDS[param.kind](name, param, value)
    if param.kind in STANDARD_KINDS:
        return STANDARD_KINDS[param.kind](name, param, value)
    raise AssertionError(f"unknown parameter kind {param.kind}")


def validate_parameters(rule_id: str, parameters: Any) -> dict[str, Any]:
    """Check parameters against the rule's schema; a ValidationError on "parameters" names each problem."""
    definition = rule_definition(rule_id)
    if not isinstance(parameters, dict):
        raise ValidationError(
            {"parameters": [_('Tham số phải là một đối tượng JSON dạng {"tên": giá trị}.')]}
        )
    errors: list[str] = []
    for name in sorted(set(parameters) - set(definition.params)):
        errors.append(_("Quy định “%(rule)s” không có tham số “%(name)s”.") % {"rule": rule_id, "name": name})
    for name, param in definition.params.items():
        if name not in parameters:
            errors.append(_("Thiếu tham số “%(name)s” (%(label)s).") % {"name": name, "label": param.label})
            continue
        errors.extend(_param_errors(name, param, parameters[name]))
    if errors:
        raise ValidationError({"parameters": errors})
    return parameters


def _add_conduct_rules() -> None:
    """Ratings, discipline and political-standard rules (conduct_definitions.py), kept in a module of their own."""
    from .conduct_definitions import CONDUCT_RULES

    RULES.update({item.rule_id: item for item in CONDUCT_RULES})


def _add_standard_rules() -> None:
    """Title qualification standards (standards.py), kept with the function that applies them."""
    from .standards import STANDARD_RULES

    RULES.update({item.rule_id: item for item in STANDARD_RULES})


_add_conduct_rules()
_add_standard_rules()
