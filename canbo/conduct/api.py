"""API endpoint of the eligibility checklist: GET /api/people/<id>/eligibility/?title=CODE&on=YYYY-MM-DD[&unit=ID]."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from canbo.core.dates import today
from canbo.org.selectors import visible_units
from canbo.people.selectors import visible_persons
from canbo.posts.models import Title
from canbo.rules.eligibility import eligibility, eligibility_summary

from .tiers import shown_items
from .views import parse_day


class EligibilityView(APIView):
    """Every standard and rule for appointing or planning a person to a title on a date."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Điều kiện quy hoạch, bổ nhiệm",
        parameters=[
            OpenApiParameter("title", OpenApiTypes.STR, required=True, description="Mã chức vụ dự kiến"),
            OpenApiParameter("on", OpenApiTypes.DATE, description="Ngày xét (mặc định hôm nay)"),
            OpenApiParameter(
                "unit",
                OpenApiTypes.INT,
                description="Đơn vị dự kiến bố trí (chức vụ phải bố trí người không phải người địa phương)",
            ),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request, pk: int) -> Response:
        person = visible_persons(request.user).filter(pk=pk).first()
        if person is None:
            raise Http404
        code = request.query_params.get("title", "")
        title = Title.objects.filter(code=code).first() if code else None
        if title is None:
            raise ValidationError({"title": [_("Không có chức vụ mã “%(c)s”.") % {"c": code}]})
        day = today()
        if request.query_params.get("on"):
            parsed = parse_day(request.query_params["on"])
            if parsed is None:
                raise ValidationError(
                    {
                        "on": [
                            _("Ngày xét “%(d)s” không hợp lệ; nhập theo dạng dd/mm/yyyy.")
                            % {"d": request.query_params["on"]}
                        ]
                    }
                )
            day = parsed
        unit = None
        if request.query_params.get("unit"):
            value = request.query_params["unit"]
            units = visible_units(request.user).select_related("locality")
            unit = units.filter(pk=int(value)).first() if value.isdigit() else None
            if unit is None:
                raise ValidationError(
                    {"unit": [_("Đơn vị đã chọn không có hoặc nằm ngoài phạm vi quản lý của anh/chị.")]}
                )
        items = shown_items(request.user, person.pk, eligibility(person, title, on=day, unit=unit))
        body: dict[str, Any] = {
            "person": person.pk,
            "title": title.code,
            "on": day.isoformat(),
            "unit": unit.pk if unit is not None else None,
            "result": eligibility_summary(items),
            "checks": [
                {
                    "rule": item.check.rule,
                    "label": item.label,
                    "status": item.status,
                    "reason": item.check.message,
                    "citation": item.check.citation,
                }
                for item in items
            ],
        }
        return Response(body)
