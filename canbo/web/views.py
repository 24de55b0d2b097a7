"""Shell views of the web interface and the shared base classes of every form page.

Pages read through the apps' selectors and write through their services: `ServiceFormView` parses
input with a form, hands `cleaned_data` to one service call, and on the service's ValidationError shows
the messages next to the fields with nothing saved (the service runs in one transaction).

Scope (canbo.access): a write page fetches its object in the user's scope for changing (else 404), its
pickers offer only units and people in scope, and the service refuses, rolled back, a write that would
leave the scope (shown as a form error). Every refused write attempt — an object not found, a choice that
is not offered (a tampered select), a refusal by the service — is recorded in the audit trail.
"""

from __future__ import annotations

import datetime as dt
from abc import ABCMeta, abstractmethod
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Model, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from canbo.access.scopes import ScopeDenied
from canbo.audit.context import audit_context
from canbo.audit.services import record_denied
from canbo.audit.versions import StaleVersion
from canbo.core.text import fold

from .forms import apply_service_errors, mark_invalid

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LOOKUP_LIMIT = 20


def request_as_of(request: HttpRequest) -> dt.date:
    """The date the user is viewing records as of (set by AsOfMiddleware)."""
    return request.as_of  # type: ignore[attr-defined]


def is_htmx(request: HttpRequest) -> bool:
    """Whether the request comes from htmx and wants only a fragment of the page."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The ?next= address when it points inside this site, else fallback."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def web_audit(request: HttpRequest) -> Any:
    """Attribute the writes and refusals of a request to the web channel and the client's address."""
    return audit_context(source="web", client_ip=request.META.get("REMOTE_ADDR"))


def record_write_refusal(
    request: HttpRequest,
    *,
    reason: str,
    operation: str,
    detail: dict[str, Any] | None = None,
    person_id: int | None = None,
) -> None:
    """Record a refused write attempt made through a page (the object was not found, or a tampered field)."""
    with web_audit(request):
        record_denied(
            actor=request.user,
            object_type="web.request",
            object_id="",
            object_repr=request.path[:255],
            person_id=person_id,
            reason=reason,
            operation=operation,
            detail={"method": request.method, **(detail or {})},
        )


def show_refusal(form: forms.BaseForm, denied: PermissionDenied) -> None:
    """Put a scope refusal on the form: next to the field it concerns, else above the form."""
    message = str(denied.args[0]) if denied.args else str(denied)
    field = denied.detail.get("field") if isinstance(denied, ScopeDenied) else None
    form.add_error(field if field in form.fields else None, message)


def _not_offered(form: forms.BaseForm) -> dict[str, Any]:
    """Fields whose submitted value is not among the choices offered (a tampered select), with the value."""
    found: dict[str, Any] = {}
    for name, errors in form.errors.as_data().items():
        if name != NON_FIELD_ERRORS and any(error.code == "invalid_choice" for error in errors):
            found[name] = str(form.data.get(form.add_prefix(name), ""))[:40]
    return found


class ServiceFormView(LoginRequiredMixin, View, metaclass=ABCMeta):
    """A page with one form whose valid input is written by exactly one service call."""

    form_class: type[forms.BaseForm]
    template_name = "web/form.html"
    success_message: StrOrPromise = ""
    page_title: StrOrPromise = ""

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        """Fetch (through selectors, hence in scope) what the page is about; Http404 otherwise."""

    def get_initial(self) -> dict[str, Any]:
        """Values that prefill a new form."""
        return {}

    def get_instance(self) -> Model | None:
        """The row being edited, or None when creating."""
        return None

    def get_form(self, data: Any = None, files: Any = None) -> forms.BaseForm:
        """Build the form for this request."""
        kwargs: dict[str, Any] = {"data": data, "files": files, "initial": self.get_initial()}
        if issubclass(self.form_class, forms.BaseModelForm):
            kwargs["instance"] = self.get_instance()
        kwargs.update(self.get_form_extra())
        return self.form_class(**kwargs)

    def get_form_extra(self) -> dict[str, Any]:
        """Extra keyword arguments for the form (the user, the person, the as-of date)."""
        return {}

    @abstractmethod
    def perform(self, form: Any) -> Model:
        """Write through the service; raise ValidationError to keep the user on the form."""

    @abstractmethod
    def get_success_url(self, obj: Model) -> str:
        """Where to go after a successful write."""

    def get_cancel_url(self) -> str:
        """Where the Cancel button leads."""
        return self.request.META.get("HTTP_REFERER") or "/"

    def get_context(self, form: forms.BaseForm) -> dict[str, Any]:
        """Template context; subclasses add breadcrumbs and the object."""
        return {"form": form, "page_title": self.page_title, "cancel_url": self.get_cancel_url()}

    def render_form(self, form: forms.BaseForm, status: int = 200) -> HttpResponse:
        """The page with the form; fields with errors are marked."""
        if form.is_bound and form.errors:
            mark_invalid(form)
        return render(self.request, self.template_name, self.get_context(form), status=status)

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        self.load(request, **kwargs)
        return self.render_form(self.get_form())

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        try:
            self.load(request, **kwargs)
        except Http404:
            record_write_refusal(
                request, reason="not found", operation=type(self).__name__, detail={"kwargs": kwargs}
            )
            raise
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                with web_audit(request):
                    obj = self.perform(form)
            except StaleVersion as conflict:  # saved by someone else since the form was loaded
                form.conflict = conflict  # type: ignore[attr-defined]
                form.show_conflict(conflict.current)  # type: ignore[attr-defined]
                form.add_error(None, ValidationError(conflict.messages[0], code="conflict"))
                return self.render_form(form, status=409)
            except ValidationError as error:
                apply_service_errors(form, error)
            except PermissionDenied as denied:  # recorded by the service (canbo.access.scopes.scoped_write)
                show_refusal(form, denied)
            else:
                if self.success_message:
                    messages.success(request, self.success_message)
                return HttpResponseRedirect(safe_next(request, self.get_success_url(obj)))
        else:
            tampered = _not_offered(form)
            if tampered:
                record_write_refusal(
                    request, reason="choice not offered", operation=type(self).__name__, detail=tampered
                )
        return self.render_form(form, status=422 if request.headers.get("HX-Request") else 200)


class ServiceDeleteView(LoginRequiredMixin, View, metaclass=ABCMeta):
    """A confirmation page whose POST removes one row through its service.

    A versioned row's page carries the version it showed; `perform` hands `self.loaded_version` to the
    delete service, which refuses (StaleVersion) when the row was saved since: the page comes back (409)
    with what changed and the current version, so a second, deliberate confirmation deletes it.
    """

    template_name = "web/confirm_delete.html"
    success_message: StrOrPromise = ""
    loaded_version: int | None = None

    @abstractmethod
    def load(self, request: HttpRequest, **kwargs: Any) -> Model:
        """The row to delete, fetched in the user's scope."""

    @abstractmethod
    def perform(self, obj: Model) -> None:
        """Delete through the service."""

    @abstractmethod
    def get_success_url(self, obj: Model) -> str:
        """Where to go after the row is removed."""

    def render_confirm(
        self, obj: Model, *, conflict: StaleVersion | None = None, status: int = 200
    ) -> HttpResponse:
        """The confirmation page, carrying the row's version (after a conflict: the current one)."""
        version = conflict.current if conflict is not None else getattr(obj, "version", None)
        context = {
            "object": obj,
            "cancel_url": self.get_success_url(obj),
            "object_type": obj._meta.verbose_name,
            "version": version,
            "conflict": conflict,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        return self.render_confirm(self.load(request, **kwargs))

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        try:
            obj = self.load(request, **kwargs)
        except Http404:
            record_write_refusal(
                request, reason="not found", operation=type(self).__name__, detail={"kwargs": kwargs}
            )
            raise
        url = self.get_success_url(obj)
        posted = request.POST.get("version", "").strip()
        self.loaded_version = int(posted) if posted.isdigit() else None
        try:
            with web_audit(request):
                self.perform(obj)
        except StaleVersion as conflict:  # saved by someone else since the page was opened
            return self.render_confirm(obj, conflict=conflict, status=409)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(url)
        except PermissionDenied as denied:  # recorded by the service
            messages.error(request, str(denied.args[0]) if denied.args else str(denied))
            return HttpResponseRedirect(url)
        if self.success_message:
            messages.success(request, self.success_message)
        return HttpResponseRedirect(url)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The start page: search, the size of the records as of the date, and the sections."""
    from canbo.org.selectors import unit_list
    from canbo.people.selectors import PersonFilters, person_list

    as_of = request_as_of(request)
    people = person_list(user=request.user, as_of=as_of, filters=PersonFilters())
    context = {
        "people_count": people.count(),
        "leader_count": person_list(
            user=request.user, as_of=as_of, filters=PersonFilters(leadership_only=True)
        ).count(),
        "unit_count": unit_list(user=request.user, as_of=as_of).count(),
    }
    return render(request, "web/home.html", context)


def _lookup_response(rows: list[dict[str, Any]]) -> JsonResponse:
    return JsonResponse({"results": rows})


@login_required
def lookup_units(request: HttpRequest) -> JsonResponse:
    """Units in the user's scope as of the date whose name matches ?q= (diacritics ignored)."""
    from canbo.org.selectors import unit_list

    query = fold(request.GET.get("q", ""))
    units = unit_list(user=request.user, as_of=request_as_of(request)).select_related("parent")
    for word in query.split():
        units = units.filter(Q(search_name__contains=word) | Q(code__icontains=word))
    rows = [
        {"id": unit.pk, "text": unit.name, "hint": unit.parent.name if unit.parent else ""}
        for unit in units.order_by("depth", "sort_key")[:LOOKUP_LIMIT]
    ]
    return _lookup_response(rows)


@login_required
def lookup_titles(request: HttpRequest) -> JsonResponse:
    """Titles in use whose name matches ?q= (diacritics ignored)."""
    from canbo.posts.models import Title

    query = fold(request.GET.get("q", ""))
    rows = []
    for title in Title.objects.filter(is_active=True).order_by("level", "position", "name"):
        if all(word in fold(title.name) or word in title.code.lower() for word in query.split()):
            rows.append({"id": title.pk, "text": title.name, "hint": title.get_level_display()})
            if len(rows) >= LOOKUP_LIMIT:
                break
    return _lookup_response(rows)


@login_required
def lookup_people(request: HttpRequest) -> JsonResponse:
    """People in the user's scope whose name matches ?q= (diacritics ignored)."""
    from canbo.people.selectors import PersonFilters, person_list

    query = request.GET.get("q", "").strip()
    people = person_list(
        user=request.user, as_of=request_as_of(request), filters=PersonFilters(q=query, include_former=True)
    )[:LOOKUP_LIMIT]
    rows = [
        {
            "id": person.pk,
            "text": person.full_name,
            "hint": ", ".join(
                part
                for part in (person.birth_date_display, getattr(person, "cur_title_name", "") or "")
                if part
            ),
        }
        for person in people
    ]
    return _lookup_response(rows)


@login_required
def lookup_terms(request: HttpRequest) -> JsonResponse:
    """Terms of elected bodies whose body name or term matches ?q=."""
    from canbo.org.models import Term

    query = fold(request.GET.get("q", ""))
    rows = []
    for term in Term.objects.select_related("body").order_by("-valid_from", "body__name")[:2000]:
        label = f"{term.body.name} {term.name}"
        if all(word in fold(label) for word in query.split()):
            rows.append({"id": term.pk, "text": label, "hint": term.body.get_kind_display()})
            if len(rows) >= LOOKUP_LIMIT:
                break
    return _lookup_response(rows)


@login_required
def lookup_localities(request: HttpRequest) -> JsonResponse:
    """Administrative units existing on the as-of date whose name matches ?q= (diacritics ignored)."""
    from canbo.geo.models import Locality

    query = fold(request.GET.get("q", ""))
    places = Locality.objects.as_of(request_as_of(request)).select_related("parent")
    for word in query.split():
        places = places.filter(search_name__contains=word)
    rows = [
        {"id": place.pk, "text": place.full_name, "hint": place.parent.full_name if place.parent else ""}
        for place in places.order_by("level", "sort_key")[:LOOKUP_LIMIT]
    ]
    return _lookup_response(rows)
