"""API of the worklists: GET /api/worklists/ (index with counts) and GET /api/worklists/<code>/ (rows).

Read-only and scoped exactly like the pages: the same registry functions compute counts and rows for the
signed-in user on today's date, so the API and /viec-can-lam/ always agree.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from canbo.core.dates import today
from canbo.rules.selectors import RuleBook

from .registry import get_worklist, worklists


class WorklistSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="Mã danh sách (dùng trong đường dẫn)")
    title = serializers.CharField(help_text="Tên danh sách")
    rule = serializers.CharField(help_text="Mã quy định áp dụng")
    citation = serializers.CharField(help_text="Văn bản, điều khoản của phiên bản quy định đang có hiệu lực")
    count = serializers.IntegerField(help_text="Số dòng trong phạm vi người dùng")
    on = serializers.DateField(help_text="Ngày tính")


class WorklistRowSerializer(serializers.Serializer[Any]):
    person_id = serializers.IntegerField()
    person_name = serializers.CharField()
    unit_id = serializers.IntegerField(allow_null=True, help_text="Đơn vị quản lý hồ sơ")
    unit_name = serializers.CharField(allow_blank=True)
    date = serializers.DateField(allow_null=True, help_text="Ngày cần chú ý (có thể trống)")
    reason = serializers.CharField()
    detail = serializers.CharField(allow_blank=True, help_text="Chức vụ, đơn vị liên quan")
    citation = serializers.CharField(allow_blank=True)


class WorklistRowsPagination(PageNumberPagination):
    page_size = 50


class WorklistIndexView(GenericAPIView[Any]):
    """Every registered worklist with how many rows it holds today within the user's scope."""

    permission_classes = [IsAuthenticated]
    pagination_class = None
    serializer_class = WorklistSerializer

    @extend_schema(
        operation_id="worklists_list",
        summary="Danh sách việc cần làm theo quy định",
        responses=WorklistSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        day = today()
        book = RuleBook.load()
        body = []
        for item in worklists(request.user):
            version = book.in_force(item.rule, on=day) if item.rule else None
            body.append(
                {
                    "code": item.code,
                    "title": str(item.title),
                    "rule": item.rule,
                    "citation": version.citation if version else "",
                    "count": item.count(request.user, on=day),
                    "on": day,
                }
            )
        return Response(WorklistSerializer(body, many=True).data)


class WorklistRowsView(GenericAPIView[Any]):
    """The rows of one worklist in the user's scope, soonest date first, 50 a page."""

    permission_classes = [IsAuthenticated]
    pagination_class = WorklistRowsPagination
    serializer_class = WorklistRowSerializer

    @extend_schema(
        operation_id="worklists_rows",
        summary="Các dòng của một danh sách việc cần làm",
        responses=WorklistRowSerializer(many=True),
    )
    def get(self, request: Request, code: str) -> Response:
        item = get_worklist(code, request.user)
        if item is None:
            raise Http404
        day = today()
        citation = item.citation(on=day)
        rows: Any = item.rows(request.user, on=day)  # a list: DRF's paginator takes any sequence
        page = self.paginate_queryset(rows) or []
        units = _units(request.user, [row.person.pk for row in page], day)
        body = [
            {
                "person_id": row.person.pk,
                "person_name": row.person.full_name,
                "unit_id": units.get(row.person.pk, (None, ""))[0],
                "unit_name": units.get(row.person.pk, (None, ""))[1],
                "date": row.day,
                "reason": str(row.reason),
                "detail": str(row.detail),
                "citation": row.citation or citation,
            }
            for row in page
        ]
        return self.get_paginated_response(WorklistRowSerializer(body, many=True).data)


def _units(user: Any, ids: list[int], day: Any) -> dict[int, tuple[int | None, str]]:
    """Each person's unit on the day (main post, else the managing unit), for one page: one query."""
    from canbo.people.selectors import visible_persons, with_current_post

    queryset: Any = with_current_post(visible_persons(user).filter(pk__in=ids), day)
    rows = queryset.values_list(
        "pk", "cur_unit_id", "cur_unit_name", "managing_unit_id", "managing_unit__name"
    )
    return {
        pk: (cur_id, cur_name or "") if cur_id else (m_id, m_name or "")
        for pk, cur_id, cur_name, m_id, m_name in rows
    }
