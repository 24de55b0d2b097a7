"""Pages of a person's discipline records and political-standard conclusions: the list, add, edit, delete.

Both belong to the sensitive tier "discipline" (canbo.access.models.ROLE_TIERS): each page reads the person
through person_get (to change: action CHANGE; out of scope: 404) and answers 404 as well when the user's
grants covering the person do not carry the tier, so a leader learns nothing, not even that the page exists.
Writes go through one service of canbo.conduct.services, whose Vietnamese messages are shown on the form;
edits and deletes carry the version they loaded (canbo.audit.versions), so a stale one is refused with what
changed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from canbo.access.models import Action, Tier
from canbo.access.scopes import hidden_tiers
from canbo.core.dates import today
from canbo.people.selectors import person_get
from canbo.rules.selectors import rule_in_force
from canbo.web.views import ServiceDeleteView, ServiceFormView

from . import services
from .forms import DisciplineRecordForm, PoliticalStandardForm
from .models import DisciplineRecord, PoliticalStandardConclusion
from .selectors import bar_ends_on, person_conclusions, person_discipline, valid_conclusions


def conduct_person(request: HttpRequest, pk: int, action: str = Action.VIEW) -> Any:
    """The person in the user's scope whose discipline tier the user sees; 404 otherwise."""
    person = person_get(user=request.user, pk=pk, action=action)
    if Tier.DISCIPLINE in hidden_tiers(request.user, person.pk):
        raise Http404
    return person


def _discipline_url(person_pk: int) -> str:
    return reverse("conduct:discipline", args=[person_pk])


def _conclusions_url(person_pk: int) -> str:
    return reverse("conduct:political_standard", args=[person_pk])


@login_required
@require_GET
def discipline(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's discipline records, newest first, each with how long it bars planning and appointment."""
    person = conduct_person(request, pk)
    on = today()
    version = rule_in_force("discipline.bar", on=on)
    records = []
    for item in person_discipline(person):
        kind, end = bar_ends_on(item, version)
        running = kind == "permanent" or (end is not None and item.valid_from <= on <= end)
        records.append({"record": item, "bar_kind": kind, "bar_end": end, "bar_running": running})
    context = {
        "person": person,
        "records": records,
        "bar_version": version,
        "nav_section": "people",
    }
    return render(request, "conduct/discipline.html", context)


@login_required
@require_GET
def political_standard(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's political-standard conclusions, newest first, marking those still valid today."""
    person = conduct_person(request, pk)
    on = today()
    version = rule_in_force("political_standard.required", on=on)
    conclusions = person_conclusions(person)
    valid = set(conclusions.filter(valid_conclusions(version, on)).values_list("pk", flat=True))
    context = {
        "person": person,
        "conclusions": conclusions,
        "valid": valid,
        "rule_version": version,
        "nav_section": "people",
    }
    return render(request, "conduct/political_standard.html", context)


class _ConductView(ServiceFormView):
    """A form about one person in the user's scope (to change) whose discipline tier the user sees."""

    list_title: Any = ""
    list_url_name = ""  # the person's list of these records

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        self.person = conduct_person(request, kwargs["pk"], Action.CHANGE)

    def list_url(self) -> str:
        return reverse(self.list_url_name, args=[self.person.pk])

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)
        context["crumbs"] = [
            (_("Cán bộ"), reverse("web:person_list")),
            (self.person.full_name, reverse("web:person_detail", args=[self.person.pk])),
            (str(self.list_title), self.list_url()),
        ]
        context["subject"] = self.person.full_name
        return context

    def get_cancel_url(self) -> str:
        return self.list_url()

    def get_success_url(self, obj: Model) -> str:
        return self.list_url()


class _DisciplineView(_ConductView):
    form_class = DisciplineRecordForm
    list_title = gettext_lazy("Kỷ luật")
    list_url_name = "conduct:discipline"


class DisciplineCreateView(_DisciplineView):
    """Record a disciplinary measure."""

    page_title = gettext_lazy("Thêm kỷ luật")
    success_message = gettext_lazy("Đã thêm kỷ luật.")

    def perform(self, form: Any) -> Model:
        return services.discipline_record_create(
            actor=self.request.user, person=self.person, data=form.service_data()
        )


class DisciplineUpdateView(_DisciplineView):
    """Correct a discipline record or set the day it ends (a stale form is refused with what changed)."""

    page_title = gettext_lazy("Sửa kỷ luật")
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        super().load(request, **kwargs)
        self.record = get_object_or_404(DisciplineRecord, pk=kwargs["item_pk"], person=self.person)

    def get_instance(self) -> Model | None:
        return self.record

    def perform(self, form: Any) -> Model:
        return services.discipline_record_update(
            actor=self.request.user,
            record_=self.record,
            data=form.service_data(),
            version=form.loaded_version,
        )


class DisciplineDeleteView(ServiceDeleteView):
    """Delete a discipline record entered in error."""

    success_message = gettext_lazy("Đã xóa kỷ luật.")

    def load(self, request: HttpRequest, **kwargs: Any) -> Model:
        person = conduct_person(request, kwargs["pk"], Action.CHANGE)
        return get_object_or_404(DisciplineRecord, pk=kwargs["item_pk"], person=person)

    def perform(self, obj: Model) -> None:
        assert isinstance(obj, DisciplineRecord)
        services.discipline_record_delete(actor=self.request.user, record_=obj, version=self.loaded_version)

    def get_success_url(self, obj: Model) -> str:
        assert isinstance(obj, DisciplineRecord)
        return _discipline_url(obj.person_id)


class _ConclusionView(_ConductView):
    form_class = PoliticalStandardForm
    list_title = gettext_lazy("Tiêu chuẩn chính trị")
    list_url_name = "conduct:political_standard"


class ConclusionCreateView(_ConclusionView):
    """Record a conclusion on the person's political standard."""

    page_title = gettext_lazy("Thêm kết luận tiêu chuẩn chính trị")
    success_message = gettext_lazy("Đã thêm kết luận.")

    def perform(self, form: Any) -> Model:
        return services.political_standard_record(
            actor=self.request.user, person=self.person, data=form.service_data()
        )


class ConclusionUpdateView(_ConclusionView):
    """Correct a conclusion (a stale form is refused with what changed since it was opened)."""

    page_title = gettext_lazy("Sửa kết luận tiêu chuẩn chính trị")
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        super().load(request, **kwargs)
        self.conclusion = get_object_or_404(
            PoliticalStandardConclusion, pk=kwargs["item_pk"], person=self.person
        )

    def get_instance(self) -> Model | None:
        return self.conclusion

    def perform(self, form: Any) -> Model:
        return services.political_standard_update(
            actor=self.request.user,
            conclusion=self.conclusion,
            data=form.service_data(),
            version=form.loaded_version,
        )


class ConclusionDeleteView(ServiceDeleteView):
    """Delete a conclusion entered in error."""

    success_message = gettext_lazy("Đã xóa kết luận.")

    def load(self, request: HttpRequest, **kwargs: Any) -> Model:
        person = conduct_person(request, kwargs["pk"], Action.CHANGE)
        return get_object_or_404(PoliticalStandardConclusion, pk=kwargs["item_pk"], person=person)

    def perform(self, obj: Model) -> None:
        assert isinstance(obj, PoliticalStandardConclusion)
        services.political_standard_delete(
            actor=self.request.user, conclusion=obj, version=self.loaded_version
        )

    def get_success_url(self, obj: Model) -> str:
        assert isinstance(obj, PoliticalStandardConclusion)
        return _conclusions_url(obj.person_id)
