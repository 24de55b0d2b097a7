"""Pages of a person's annual ratings: the list with the score bands in force, and add, edit, delete.

Each page reads the person through person_get (to change: action CHANGE; out of scope: 404) and writes
through one service of canbo.conduct.services, whose Vietnamese messages are shown on the form.
"""

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
from canbo.core.dates import today
from canbo.people.selectors import person_get
from canbo.web.views import ServiceDeleteView, ServiceFormView

from . import services
from .forms import AnnualRatingForm
from .models import AnnualRating
from .selectors import person_ratings


def _ratings_url(person_pk: int) -> str:
    return reverse("conduct:ratings", args=[person_pk])


@login_required
@require_GET
def ratings(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's ratings, newest first, with the 100-point bands in force this year and their source."""
    person = person_get(user=request.user, pk=pk)
    year = today().year
    bands = services.bands_for(year, services.score_bands_book())
    context = {
        "person": person,
        "ratings": person_ratings(person),
        "bands": services.bands_text(bands) if bands else "",
        "bands_version": bands,
        "recruitment_unknown": person.recruited_on is None,
        "nav_section": "people",
    }
    return render(request, "conduct/ratings.html", context)


class _RatingView(ServiceFormView):
    """A form about one person in the user's scope (to change); back to the person's ratings."""

    form_class = AnnualRatingForm

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        self.person = person_get(user=request.user, pk=kwargs["pk"], action=Action.CHANGE)

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)
        context["crumbs"] = [
            (_("Cán bộ"), reverse("web:person_list")),
            (self.person.full_name, reverse("web:person_detail", args=[self.person.pk])),
            (_("Đánh giá, xếp loại chất lượng"), _ratings_url(self.person.pk)),
        ]
        context["subject"] = self.person.full_name
        return context

    def get_cancel_url(self) -> str:
        return _ratings_url(self.person.pk)

    def get_success_url(self, obj: Model) -> str:
        return _ratings_url(self.person.pk)


class RatingCreateView(_RatingView):
    """Record a year's rating."""

    page_title = gettext_lazy("Thêm xếp loại chất lượng")
    success_message = gettext_lazy("Đã thêm xếp loại.")

    def perform(self, form: Any) -> Model:
        return services.rating_create(actor=self.request.user, person=self.person, data=form.service_data())


class RatingUpdateView(_RatingView):
    """Correct a year's rating (a stale form is refused with what changed since it was opened)."""

    page_title = gettext_lazy("Sửa xếp loại chất lượng")
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        super().load(request, **kwargs)
        self.rating = get_object_or_404(AnnualRating, pk=kwargs["item_pk"], person=self.person)

    def get_instance(self) -> Model | None:
        return self.rating

    def perform(self, form: Any) -> Model:
        return services.rating_update(
            actor=self.request.user, rating=self.rating, data=form.service_data(), version=form.loaded_version
        )


class RatingDeleteView(ServiceDeleteView):
    """Delete a rating entered in error."""

    success_message = gettext_lazy("Đã xóa xếp loại.")

    def load(self, request: HttpRequest, **kwargs: Any) -> Model:
        person = person_get(user=request.user, pk=kwargs["pk"], action=Action.CHANGE)
        return get_object_or_404(AnnualRating, pk=kwargs["item_pk"], person=person)

    def perform(self, obj: Model) -> None:
        assert isinstance(obj, AnnualRating)
        services.rating_delete(actor=self.request.user, rating=obj, version=self.loaded_version)

    def get_success_url(self, obj: Model) -> str:
        assert isinstance(obj, AnnualRating)
        return _ratings_url(obj.person_id)
