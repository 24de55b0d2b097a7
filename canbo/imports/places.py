"""Free-text places of a workbook (home towns, birthplaces, unit areas) matched to administrative units.

A province's workbook holds thousands of distinct place texts; they are matched in one batch by
`canbo.geo.selectors.locality_search_many` (the readings, scores and ranking of `locality_search`, with
one query for all the candidate units), and this module turns each result into a unit or a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from canbo.core.dates import today
from canbo.geo import selectors as geo
from canbo.geo.models import CodeSystem, Locality, LocalityLevel

from .cells import shown

_CODE = re.compile(r"^\s*([0-9]{2,5})\s*(?:\((.*)\))?\s*$")
_LEVEL_BY_LENGTH = {2: LocalityLevel.PROVINCE, 3: LocalityLevel.DISTRICT, 5: LocalityLevel.COMMUNE}


@dataclass(frozen=True)
class Place:
    """What a place text resolved to: a unit, or None with the reason as a warning."""

    locality: Locality | None
    warning: str = ""


def place_from_search(result: geo.LocalitySearchResult) -> Place:
    """The unit a search designates; a tie that one current unit wins goes to it (current names come first)."""
    if result.resolved is not None:
        return Place(result.resolved)
    if not result.candidates:
        return Place(
            None,
            _("Không tìm thấy đơn vị hành chính “%(text)s”; chỉ lưu nguyên văn.")
            % {"text": shown(result.text)},
        )
    best = result.candidates[0].score
    tied = [match.locality for match in result.candidates if match.score == best]
    current = [unit for unit in tied if unit.is_valid_on(today())]
    if len(current) == 1:
        return Place(current[0])
    names = "; ".join(unit.path_names() for unit in tied[:4])
    return Place(
        None,
        _(
            "“%(text)s” khớp với nhiều đơn vị hành chính (%(names)s); chỉ lưu nguyên văn. "
            "Hãy ghi thêm huyện, tỉnh hoặc mã đơn vị hành chính."
        )
        % {"text": shown(result.text), "names": names},
    )


def locality_by_code(text: str) -> Locality:
    """The unit of an official code: "01234" (current list first) or "01234 (QĐ 124/2004)" for the old list."""
    match = _CODE.match(text)
    if not match or len(match.group(1)) not in _LEVEL_BY_LENGTH:
        raise ValueError(
            _(
                "Mã đơn vị hành chính “%(code)s” không đúng dạng: 2 chữ số (tỉnh), 3 (huyện) hoặc 5 (xã), "
                "có thể kèm “(QĐ 124/2004)” cho mã cũ."
            )
            % {"code": shown(text)}
        )
    code, system_text = match.group(1), match.group(2) or ""
    units = list(
        Locality.objects.select_related(geo._RELATED).filter(code=code, level=_LEVEL_BY_LENGTH[len(code)])
    )
    if "124" in system_text:
        units = [unit for unit in units if unit.code_system == CodeSystem.QD124_2004]
    elif "19" in system_text:
        units = [unit for unit in units if unit.code_system == CodeSystem.QD19_2025]
    if len(units) > 1:
        units = [unit for unit in units if unit.is_valid_on(today())] or units[:1]
    if not units:
        raise ValueError(
            _("Không có đơn vị hành chính mã “%(code)s” trong danh mục.") % {"code": shown(text)}
        )
    return units[0]


def code_of(locality: Locality) -> str:
    """The code the export writes for a unit: its code, marked "(QĐ 124/2004)" if it is from the old list."""
    if locality.code_system == CodeSystem.QD124_2004:
        return f"{locality.code} (QĐ 124/2004)"
    return locality.code
