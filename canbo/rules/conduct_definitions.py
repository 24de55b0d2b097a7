"""Rules on ratings, discipline and the political standard (checked by canbo.conduct), and the parameter
kinds they need: a number of months per code ("months_by_code") and score bands ("bands").

definitions.py adds these to RULES; their shipped versions are in data/rule_versions_conduct.json.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .definitions import Param, RuleDefinition


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


CONDUCT_RULES: tuple[RuleDefinition, ...] = (
    RuleDefinition(
        "discipline.bar",
        gettext_lazy("Thời hạn không quy hoạch, bổ nhiệm sau kỷ luật"),
        gettext_lazy(
            "Cán bộ bị kỷ luật chỉ được xem xét quy hoạch, bổ nhiệm chức vụ cao hơn sau số tháng ghi cho hình "
            "thức kỷ luật, tính từ ngày quyết định kỷ luật có hiệu lực; các hình thức trong danh sách “không thời "
            "hạn” chấm dứt tư cách (khai trừ, buộc thôi việc)."
        ),
        {
            "months": Param("months_by_code", gettext_lazy("Số tháng theo hình thức kỷ luật"), 0, 240),
            "permanent": Param("codes", gettext_lazy("Hình thức không có thời hạn")),
        },
    ),
    RuleDefinition(
        "rating.excellent_cap",
        gettext_lazy("Tỷ lệ hoàn thành xuất sắc nhiệm vụ trong một cơ quan"),
        gettext_lazy(
            "Số người xếp loại “Hoàn thành xuất sắc nhiệm vụ” không vượt quá tỷ lệ phần trăm này của số người "
            "xếp các mức trong danh sách cơ sở, trong cùng một cơ quan, đơn vị và năm."
        ),
        {
            "percent": Param("int", gettext_lazy("Tỷ lệ tối đa (%)"), 1, 100),
            "base_levels": Param("codes", gettext_lazy("Các mức xếp loại làm cơ sở tính tỷ lệ")),
        },
    ),
    RuleDefinition(
        "rating.not_completed_dismissal",
        gettext_lazy("Không hoàn thành nhiệm vụ nhiều năm liên tiếp"),
        gettext_lazy(
            "Số năm liên tiếp xếp loại “Không hoàn thành nhiệm vụ” là căn cứ xem xét miễn nhiệm (cán bộ) hoặc "
            "buộc thôi việc (công chức)."
        ),
        {"years": Param("int", gettext_lazy("Số năm liên tiếp"), 1, 5)},
    ),
    RuleDefinition(
        "rating.score_bands",
        gettext_lazy("Thang điểm 100 và mức xếp loại"),
        gettext_lazy(
            "Điểm tối thiểu của từng mức xếp loại: danh sách [điểm tối thiểu, mã mức], điểm giảm dần, mục cuối "
            "có điểm 0. Áp dụng theo năm đánh giá."
        ),
        {"bands": Param("bands", gettext_lazy("Danh sách [điểm tối thiểu, mức xếp loại]"))},
    ),
    RuleDefinition(
        "eligibility.recent_ratings",
        gettext_lazy("Xếp loại những năm gần nhất khi quy hoạch, bổ nhiệm"),
        gettext_lazy("Trong số năm gần nhất này, mỗi năm phải có xếp loại thuộc các mức được chấp nhận."),
        {
            "years": Param("int", gettext_lazy("Số năm gần nhất"), 1, 5),
            "levels": Param("codes", gettext_lazy("Các mức xếp loại được chấp nhận")),
        },
    ),
    RuleDefinition(
        "political_standard.required",
        gettext_lazy("Kết luận tiêu chuẩn chính trị khi quy hoạch, bổ nhiệm"),
        gettext_lazy(
            "Quy hoạch, bổ nhiệm phải có kết luận đủ tiêu chuẩn chính trị; kết luận có giá trị trong số tháng "
            "này (0: không giới hạn)."
        ),
        {
            "validity_months": Param(
                "int", gettext_lazy("Thời hạn giá trị (tháng, 0 = không giới hạn)"), 0, 120
            )
        },
    ),
)


def months_by_code_errors(name: str, param: Param, value: Any) -> list[str]:
    """A {"code": months} object, not empty, each number within the parameter's bounds."""
    named = {"name": name}
    if not isinstance(value, dict) or not value:
        return [_('Tham số “%(name)s” phải là đối tượng {"mã": số tháng}, không rỗng.') % named]
    for code, months in value.items():
        if not code.strip() or not _is_int(months):
            return [_("Tham số “%(name)s”: mỗi mã phải đi với một số tháng nguyên.") % named]
        low, high = param.minimum or 0, param.maximum if param.maximum is not None else months
        if not low <= months <= high:
            return [
                _("Tham số “%(name)s”: số tháng của “%(code)s” phải từ %(min)s đến %(max)s.")
                % {**named, "code": code, "min": low, "max": high}
            ]
    return []


def bands_errors(name: str, param: Param, value: Any) -> list[str]:
    """A list of [minimum score, level code], scores from 0 to 100 strictly decreasing, the last one 0."""
    named = {"name": name}
    if not isinstance(value, list) or not value:
        return [_("Tham số “%(name)s” phải là danh sách [điểm tối thiểu, mức], không rỗng.") % named]
    previous: int | None = None
    for position, item in enumerate(value, start=1):
        where = {**named, "n": position}
        if not (
            isinstance(item, list)
            and len(item) == 2
            and _is_int(item[0])
            and isinstance(item[1], str)
            and item[1].strip()
        ):
            return [_("Mục thứ %(n)s của tham số “%(name)s” phải là [điểm nguyên, mã mức].") % where]
        if not 0 <= item[0] <= 100 or (previous is not None and item[0] >= previous):
            return [_("Mục thứ %(n)s của tham số “%(name)s”: điểm phải từ 0 đến 100 và giảm dần.") % where]
        previous = item[0]
    if previous != 0:
        return [_("Mục cuối của tham số “%(name)s” phải có điểm tối thiểu 0.") % named]
    return []


PARAM_KINDS = {"months_by_code": months_by_code_errors, "bands": bands_errors}
