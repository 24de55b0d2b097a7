"""Read-only API views: declarations over the scoped selectors.

Every person and unit is read through canbo.people.selectors and canbo.org.selectors, so the API is
narrowed together with the web when grants narrow those selectors; what is outside the user's scope
answers 404 exactly like what does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from canbo.access.models import Tier
from canbo.audit.context import audit_context
from canbo.audit.models import AuditAction
from canbo.audit.services import record, record_read
from canbo.core.dates import active_on
from canbo.org.models import Membership, OrgUnit
from canbo.org.selectors import scope_top_unit, unit_get, unit_list, visible_units
from canbo.people.models import Person, Qualification, TrainingCourse
from canbo.people.selectors import person_get, person_list, visible_persons
from canbo.posts.models import Assignment
from canbo.programmes import engine
from canbo.programmes.models import Indicator, Programme, Target

from . import serializers as out
from .filters import DocumentingFilterBackend, PersonFilterSet, UnitFilterSet
from .params import AS_OF_PARAMETER, api_exception_handler, parse_as_of

UNIT_PARAMETER = OpenApiParameter(
    "unit",
    OpenApiTypes.INT,
    OpenApiParameter.QUERY,
    required=False,
    description="Mã số (id) của đơn vị cần tính; mặc định là phạm vi của đề án.",
)


class ApiViewSet(viewsets.GenericViewSet[Any]):
    """Shared behaviour: Django's ValidationError as 400 and the request's as-of date."""

    def get_exception_handler(self) -> Any:
        return api_exception_handler

    @property
    def as_of(self) -> dt.date:
        """The ?as_of= date (parsed once per request)."""
        if not hasattr(self, "_as_of"):
            self._as_of = parse_as_of(self.request)
        return self._as_of

    @property
    def is_schema_generation(self) -> bool:
        """Whether drf-spectacular is introspecting the view rather than serving a request."""
        return getattr(self, "swagger_fake_view", False)


# ------------------------------------------------------------------------------------------------ units


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách cơ quan, đơn vị",
        description="Các đơn vị tồn tại vào ngày xem, theo thứ tự cây đơn vị.",
        parameters=[AS_OF_PARAMETER],
    ),
    retrieve=extend_schema(summary="Một cơ quan, đơn vị", responses=out.UnitDetailSerializer),
)
class UnitViewSet(mixins.ListModelMixin, ApiViewSet):
    """Organisation units the user may see."""

    serializer_class = out.UnitSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = UnitFilterSet

    def get_queryset(self) -> QuerySet[OrgUnit]:
        if self.is_schema_generation:
            return visible_units(None)
        return unit_list(user=self.request.user, as_of=self.as_of)

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        unit = unit_get(user=request.user, pk=pk)
        return Response(out.UnitDetailSerializer(unit).data)


# ----------------------------------------------------------------------------------------------- people


def _sub_resource(serializer: type[serializers.Serializer[Any]], summary: str) -> Any:
    return extend_schema(
        summary=summary, parameters=[AS_OF_PARAMETER], responses=serializer(many=True), filters=False
    )


def _courses(person: Person, as_of: dt.date) -> QuerySet[TrainingCourse]:
    """A person's training courses started by as_of, in date order (the API's one reading of them)."""
    return person.training_courses.filter(started_on__lte=as_of).order_by("started_on", "ended_on", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="Danh sách cán bộ",
        description=(
            "Những người giữ chức vụ vào ngày xem (hoặc cả người đã thôi với include_former=true), "
            "sắp theo tên rồi họ; không có số định danh."
        ),
        parameters=[AS_OF_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Hồ sơ một cán bộ",
        description="Mỗi lần mở hồ sơ qua API được ghi vào nhật ký truy cập.",
        parameters=[AS_OF_PARAMETER],
        responses=out.PersonDetailSerializer,
    ),
    assignments=_sub_resource(out.AssignmentSerializer, "Quá trình công tác đến ngày xem"),
    qualifications=_sub_resource(out.QualificationSerializer, "Trình độ đạt được đến ngày xem"),
    training_courses=_sub_resource(out.TrainingCourseSerializer, "Khóa đào tạo, bồi dưỡng đến ngày xem"),
    memberships=_sub_resource(out.MembershipSerializer, "Tham gia cấp ủy, HĐND đến ngày xem"),
)
class PersonViewSet(mixins.ListModelMixin, ApiViewSet):
    """Persons the user may see, with their posts on the as-of date."""

    serializer_class = out.PersonListSerializer
    filter_backends = [DocumentingFilterBackend]
    filterset_class = PersonFilterSet

    def get_queryset(self) -> QuerySet[Person]:
        if self.is_schema_generation:
            return visible_persons(None)
        filterset = PersonFilterSet(self.request.query_params, queryset=None, request=self.request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return person_list(user=self.request.user, as_of=self.as_of, filters=filterset.to_filters())

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A page of the people list; each page downloaded is recorded (filters, ids and count)."""
        response = super().list(request, *args, **kwargs)
        data = response.data if isinstance(response.data, dict) else {"results": response.data}
        ids = [row.get("id") for row in data.get("results", [])]
        filters = {key: value[:100] for key, value in request.query_params.items() if key != "format"}
        with audit_context(source="api", client_ip=request.META.get("REMOTE_ADDR")):
            record_read(
                actor=request.user,
                action=AuditAction.EXPORT,
                object_type="people.person",
                object_id="list",
                object_repr=f"API: danh sách cán bộ ({len(ids)})",
                detail={"as_of": self.as_of, "filters": filters, "count": len(ids), "person_ids": ids},
            )
        return response

    def _person(self, pk: str | None) -> Person:
        """The person by id within the user's scope, or 404."""
        return person_get(user=self.request.user, pk=pk)

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        as_of = self.as_of
        person = self._person(pk)
        posts = list(
            person.assignments.filter(active_on(as_of))
            .select_related("title", "unit")
            .order_by("is_concurrent", "valid_from")
        )
        main = next((post for post in posts if not post.is_concurrent), None)
        # The same attributes the list's selector annotates, so both outputs share CurrentPostSerializer.
        person.cur_assignment_id = main.pk if main else None  # type: ignore[attr-defined]
        person.cur_title_name = main.title.name if main else None  # type: ignore[attr-defined]
        person.cur_unit_id = main.unit_id if main else None  # type: ignore[attr-defined]
        person.api_training_courses = list(_courses(person, as_of))  # type: ignore[attr-defined]
        person.cur_unit_name = main.unit.name if main else None  # type: ignore[attr-defined]
        person.api_concurrent_posts = [post for post in posts if post.is_concurrent]  # type: ignore[attr-defined]
        person.api_discipline = (  # type: ignore[attr-defined]
            []
            if Tier.DISCIPLINE in person.hidden_tiers  # type: ignore[attr-defined]
            else list(person.discipline_records.filter(decision_date__lte=as_of).order_by("valid_from", "pk"))
        )
        with audit_context(source="api", client_ip=request.META.get("REMOTE_ADDR")):
            record(actor=request.user, action=AuditAction.VIEW, instance=person, person_id=person.pk)
        return Response(out.PersonDetailSerializer(person).data)

    def _history(self, rows: QuerySet[Any], serializer: type[serializers.Serializer[Any]]) -> Response:
        page = self.paginate_queryset(rows)
        data = serializer(page if page is not None else rows, many=True, context={"as_of": self.as_of}).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @action(detail=True)
    def assignments(self, request: Request, pk: str | None = None) -> Response:
        """The person's work history up to the as-of date."""
        person = self._person(pk)
        rows: QuerySet[Assignment] = (
            person.assignments.filter(valid_from__lte=self.as_of)
            .select_related("title", "unit", "decision")
            .order_by("valid_from", "pk")
        )
        return self._history(rows, out.AssignmentSerializer)

    @action(detail=True)
    def qualifications(self, request: Request, pk: str | None = None) -> Response:
        """The person's qualifications obtained by the as-of date."""
        person = self._person(pk)
        rows: QuerySet[Qualification] = (
            person.qualifications.filter(obtained_on__lte=self.as_of)
            .select_related("level")
            .order_by("kind", "obtained_on", "pk")
        )
        return self._history(rows, out.QualificationSerializer)

    @action(detail=True, url_path="training-courses")
    def training_courses(self, request: Request, pk: str | None = None) -> Response:
        """The person's training courses started by the as-of date."""
        return self._history(_courses(self._person(pk), self.as_of), out.TrainingCourseSerializer)

    @action(detail=True)
    def memberships(self, request: Request, pk: str | None = None) -> Response:
        """The person's seats in elected bodies taken by the as-of date."""
        person = self._person(pk)
        rows: QuerySet[Membership] = (
            person.memberships.filter(valid_from__lte=self.as_of)
            .select_related("term__body")
            .order_by("valid_from", "pk")
        )
        return self._history(rows, out.MembershipSerializer)


# ------------------------------------------------------------------------------------------ programmes


@extend_schema_view(
    list=extend_schema(summary="Danh sách đề án, nghị quyết"),
    retrieve=extend_schema(summary="Một đề án với các chỉ tiêu", responses=out.ProgrammeDetailSerializer),
    results=extend_schema(
        summary="Kết quả các chỉ tiêu của đề án",
        description=(
            "Tính từng chỉ tiêu cho một đơn vị (mặc định: phạm vi của đề án) vào ngày xem. "
            "Ngày trong tương lai hoặc đơn vị ngoài phạm vi trả về 400 với thông báo."
        ),
        parameters=[AS_OF_PARAMETER, UNIT_PARAMETER],
        responses=out.ProgrammeResultsSerializer,
        filters=False,
    ),
)
class ProgrammeViewSet(mixins.ListModelMixin, ApiViewSet):
    """Programmes (đề án, nghị quyết) and their indicator results."""

    serializer_class = out.ProgrammeSerializer
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self) -> QuerySet[Programme]:
        return Programme.objects.select_related("territory").order_by("code")

    def _programme(self, code: str | None, queryset: QuerySet[Programme] | None = None) -> Programme:
        """The programme by code, or 404 (also for codes no programme could have)."""
        if not code or len(code) > 20 or "\x00" in code:
            raise Http404
        try:
            return (queryset if queryset is not None else self.get_queryset()).get(code=code)
        except Programme.DoesNotExist as exc:
            raise Http404 from exc

    def retrieve(self, request: Request, code: str | None = None) -> Response:
        indicators = Indicator.objects.order_by("position", "code").prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("year"))
        )
        queryset = self.get_queryset().prefetch_related(Prefetch("indicators", queryset=indicators))
        return Response(out.ProgrammeDetailSerializer(self._programme(code, queryset)).data)

    @action(detail=True)
    def results(self, request: Request, code: str | None = None) -> Response:
        """Every indicator of the programme computed for a unit on the as-of date."""
        programme = self._programme(code)
        as_of = self.as_of
        unit = self._unit(request, programme)
        results = engine.compute_programme(programme, as_of=as_of, unit=unit)
        shown = unit or programme.territory
        payload = {
            "programme": programme.code,
            "as_of": as_of,
            "unit": {"id": shown.pk, "code": shown.code, "name": shown.name} if shown else None,
            "results": [
                {
                    **result.as_dict(),
                    "value_display": result.value_display,
                    "status_label": result.get_status_label(),
                }
                for result in results
            ],
        }
        return Response(out.ProgrammeResultsSerializer(payload).data)

    def _unit(self, request: Request, programme: Programme) -> OrgUnit | None:
        """The ?unit= to compute for, within the user's scope; a 400 when it is not a unit they may see.

        Without ?unit=, the top of the user's scope inside the programme's territory (None: the whole
        territory, for province-wide grants); 404 when no unit of the territory is in their scope.
        """
        raw = (request.query_params.get("unit") or "").strip()
        if not raw:
            return scope_top_unit(user=request.user, within=programme.territory)
        try:
            return unit_get(user=request.user, pk=raw)
        except Http404 as exc:
            raise ValidationError(
                {"unit": [_("Không có đơn vị “%(value)s” trong phạm vi được xem.") % {"value": raw[:40]}]}
            ) from exc
