"""Pages of the unit tree, a unit, and seats in elected bodies (writes through org.services)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from canbo.access.models import Action
from canbo.access.scopes import user_scope
from canbo.people.selectors import PersonFilters, person_get, person_list
from canbo.web.views import ServiceDeleteView, ServiceFormView, request_as_of

from . import services
from .forms import MembershipForm, NominationForm, UnitForm
from .models import Membership, Nomination, OrgUnit
from .selectors import body_members, unit_bodies, unit_get, unit_tree

UNIT_PEOPLE_LIMIT = 200


@login_required
@require_GET
def unit_tree_view(request: HttpRequest) -> HttpResponse:
    """The tree of units as of the date with direct and subtree head counts."""
    as_of = request_as_of(request)
    roots = unit_tree(user=request.user, as_of=as_of)
    total = sum(node.subtree_count for node in roots)
    return render(request, "org/unit_tree.html", {"roots": roots, "total": total})


@login_required
@require_GET
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit as of the date: its place in the tree, its people, its elected bodies and their terms."""
    as_of = request_as_of(request)
    unit = unit_get(user=request.user, pk=pk)
    ancestors: list[OrgUnit] = []
    node = unit.parent
    scope = user_scope(request.user)
    while node is not None:  # a handful of levels at most
        if scope.covers(node.path):  # units above the user's grant are not shown (nor linked)
            ancestors.insert(0, node)
        node = node.parent
    subtree = unit_tree(user=request.user, as_of=as_of, root=unit)
    here = subtree[0] if subtree else None
    people = person_list(user=request.user, as_of=as_of, filters=PersonFilters(unit=unit))
    # cur_unit_id is annotated by the selector (a FilteredRelation the type checker cannot see).
    direct = people.filter(**{"cur_unit_id": unit.pk})
    bodies = []
    for body in unit_bodies(unit=unit):
        terms = sorted(body.terms.all(), key=lambda t: t.valid_from, reverse=True)
        current = next((t for t in terms if t.is_active_on(as_of)), None)
        members = list(body_members(user=request.user, term=current, as_of=as_of)) if current else []
        bodies.append({"body": body, "terms": terms, "current": current, "members": members})
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "node": here,
        "people": list(direct[:UNIT_PEOPLE_LIMIT]),
        "direct_count": here.direct_count if here else 0,
        "subtree_count": here.subtree_count if here else 0,
        "bodies": bodies,
        "exists": unit.is_active_on(as_of),
        "people_limit": UNIT_PEOPLE_LIMIT,
    }
    return render(request, "org/unit_detail.html", context)


class UnitCreateView(ServiceFormView):
    """Create a unit; ?parent= prefills its parent."""

    form_class = UnitForm
    page_title = gettext_lazy("Thêm đơn vị")
    success_message = gettext_lazy("Đã thêm đơn vị.")

    def get_initial(self) -> dict[str, Any]:
        parent = self.request.GET.get("parent", "")
        return {"parent": int(parent)} if parent.isdigit() else {}

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)
        context["crumbs"] = [(_("Đơn vị"), reverse("web:unit_tree"))]
        return context

    def get_cancel_url(self) -> str:
        return reverse("web:unit_tree")

    def get_form_extra(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def perform(self, form: Any) -> Model:
        return services.unit_create(actor=self.request.user, data=form.service_data())

    def get_success_url(self, obj: Model) -> str:
        return reverse("web:unit_detail", args=[obj.pk])


class UnitUpdateView(UnitCreateView):
    """Rename, move or end a unit."""

    page_title = gettext_lazy("Sửa đơn vị")
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        self.unit = unit_get(user=request.user, pk=kwargs["pk"], action=Action.CHANGE)

    def get_instance(self) -> Model | None:
        return self.unit

    def get_initial(self) -> dict[str, Any]:
        return {}

    def get_cancel_url(self) -> str:
        return reverse("web:unit_detail", args=[self.unit.pk])

    def perform(self, form: Any) -> Model:
        return services.unit_update(
            actor=self.request.user, unit=self.unit, data=form.service_data(), version=form.loaded_version
        )


def _bodies_url(person_id: int) -> str:
    return reverse("web:person_detail", args=[person_id]) + "#cap-uy"


class MembershipCreateView(ServiceFormView):
    """Seat a person in an elected body for a term."""

    form_class = MembershipForm
    page_title = gettext_lazy("Thêm tham gia cấp ủy, HĐND")
    success_message = gettext_lazy("Đã thêm.")
    object: Membership | None = None

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        self.person = person_get(user=request.user, pk=kwargs["pk"], action=Action.CHANGE)
        if "item_pk" in kwargs:
            self.object = get_object_or_404(Membership, pk=kwargs["item_pk"], person=self.person)

    def get_instance(self) -> Model | None:
        return self.object

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)
        context["crumbs"] = [
            (_("Cán bộ"), reverse("web:person_list")),
            (self.person.full_name, reverse("web:person_detail", args=[self.person.pk])),
        ]
        context["subject"] = self.person.full_name
        return context

    def get_cancel_url(self) -> str:
        return _bodies_url(self.person.pk)

    def perform(self, form: Any) -> Model:
        return services.membership_create(
            actor=self.request.user, person=self.person, data=form.service_data()
        )

    def get_success_url(self, obj: Model) -> str:
        return _bodies_url(self.person.pk)


class MembershipUpdateView(MembershipCreateView):
    """Change or end a seat."""

    page_title = gettext_lazy("Sửa tham gia cấp ủy, HĐND")
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def perform(self, form: Any) -> Model:
        assert self.object is not None
        return services.membership_update(
            actor=self.request.user,
            membership=self.object,
            data=form.service_data(),
            version=form.loaded_version,
        )


class MembershipDeleteView(ServiceDeleteView):
    """Remove a seat recorded in error."""

    success_message = gettext_lazy("Đã xóa.")

    def load(self, request: HttpRequest, **kwargs: Any) -> Model:
        person = person_get(user=request.user, pk=kwargs["pk"], action=Action.CHANGE)
        return get_object_or_404(
            Membership.objects.select_related("term__body"), pk=kwargs["item_pk"], person=person
        )

    def perform(self, obj: Model) -> None:
        services.membership_delete(actor=self.request.user, membership=obj, version=self.loaded_version)  # type: ignore[arg-type]

    def get_success_url(self, obj: Model) -> str:
        return _bodies_url(obj.person_id)  # type: ignore[attr-defined]


class NominationCreateView(MembershipCreateView):
    """Put a person on a nominee list."""

    form_class = NominationForm  # type: ignore[assignment]  # same view shape, another form
    page_title = gettext_lazy("Thêm giới thiệu ứng cử")
    object: Nomination | None = None  # type: ignore[assignment]  # this view edits nominations, not seats

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        self.person = person_get(user=request.user, pk=kwargs["pk"], action=Action.CHANGE)
        if "item_pk" in kwargs:
            self.object = get_object_or_404(Nomination, pk=kwargs["item_pk"], person=self.person)

    def perform(self, form: Any) -> Model:
        return services.nomination_create(
            actor=self.request.user, person=self.person, data=form.service_data()
        )


class NominationUpdateView(NominationCreateView):
    """Change a nomination or record its outcome."""

    page_title = gettext_lazy("Sửa giới thiệu ứng cử")
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def perform(self, form: Any) -> Model:
        assert self.object is not None
        return services.nomination_update(
            actor=self.request.user,
            nomination=self.object,
            data=form.service_data(),
            version=form.loaded_version,
        )


class NominationDeleteView(ServiceDeleteView):
    """Remove a nomination recorded in error."""

    success_message = gettext_lazy("Đã xóa.")

    def load(self, request: HttpRequest, **kwargs: Any) -> Model:
        person = person_get(user=request.user, pk=kwargs["pk"], action=Action.CHANGE)
        return get_object_or_404(
            Nomination.objects.select_related("term__body"), pk=kwargs["item_pk"], person=person
        )

    def perform(self, obj: Model) -> None:
        services.nomination_delete(actor=self.request.user, nomination=obj, version=self.loaded_version)  # type: ignore[arg-type]

    def get_success_url(self, obj: Model) -> str:
        return _bodies_url(obj.person_id)  # type: ignore[attr-defined]
