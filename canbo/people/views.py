"""Pages of persons: the list, the form-2C record, and the forms that write through people.services."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, Model
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from canbo.access.models import Action
from canbo.audit.models import AuditAction
from canbo.audit.services import record_read
from canbo.web.views import ServiceDeleteView, ServiceFormView, is_htmx, request_as_of, web_audit

from . import services
from .choices import QualificationKind
from .filtersets import PersonFilterForm
from .forms import AttachmentForm, FamilyMemberForm, PersonForm, QualificationForm
from .models import Attachment, FamilyMember, Person, Qualification
from .selectors import PersonFilters, highest_qualifications, person_dossier, person_get, person_list

PAGE_SIZE = 50


@login_required
@require_GET
def person_list_view(request: HttpRequest) -> HttpResponse:
    """The people list as of the date: search, filters, 50 a page; htmx gets only the results."""
    as_of = request_as_of(request)
    form = PersonFilterForm(request.GET or None)
    filters = PersonFilters()
    if form.is_bound:
        form.is_valid()
        filters = form.to_filters()
    people = person_list(user=request.user, as_of=as_of, filters=filters)
    # Names like "Văn phòng" repeat across departments: show the parent unit too (same query, one more join
    # through the selector's "cur" relation).
    people = people.annotate(cur_unit_parent_name=F("cur__unit__parent__name"))
    paginator = Paginator(people, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    highest = highest_qualifications(rows, as_of)
    for person in rows:
        best = highest.get(person.pk, {})
        person.education = best.get(QualificationKind.EDUCATION)
        person.political_theory = best.get(QualificationKind.POLITICAL_THEORY)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "total": paginator.count,
        "active_filters": form.active_count() if form.is_bound else 0,
    }
    template = "people/_results.html" if is_htmx(request) else "people/person_list.html"
    return render(request, template, context)


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Form 2C for one person, as it stood on the as-of date."""
    as_of = request_as_of(request)
    person = person_get(user=request.user, pk=pk)
    dossier = person_dossier(user=request.user, person=person, as_of=as_of)
    timeline = sorted(dossier.work_history, key=lambda a: (a.valid_from, a.pk), reverse=True)
    for item in timeline:
        item.is_current = item.is_active_on(as_of)
        # Still held after its appointment term ended: reappointment or extension is overdue.
        item.term_overdue = bool(item.is_current and item.term_ends_on and item.term_ends_on < as_of)
        # As it stood on a past date, a post that ended later was still open ("nay").
        known = item.valid_to is not None and (
            item.valid_to <= as_of or getattr(request, "as_of_is_today", True)
        )
        item.shown_end = item.valid_to if known else None
    context = {
        "person": dossier.person,
        "dossier": dossier,
        "timeline": timeline,
        "trainings": dossier.training,
        "qualification_rows": [
            ("15.2", _("Trình độ chuyên môn cao nhất"), dossier.education),
            ("15.3", _("Lý luận chính trị"), dossier.political_theory),
            ("15.4", _("Quản lý nhà nước"), dossier.state_management),
            ("15.5", _("Ngoại ngữ"), dossier.foreign_language),
            ("15.6", _("Tin học"), dossier.it),
        ],
    }
    response = render(request, "people/person_detail.html", context)
    with web_audit(request):  # a full dossier was opened: who read whose record, when, from where
        record_read(
            actor=request.user,
            action=AuditAction.VIEW,
            object_type="people.person",
            object_id=str(person.pk),
            object_repr=str(person),
            person_id=person.pk,
            detail={"page": "person_detail", "as_of": as_of},
        )
    return response


@login_required
def person_photo(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The 4×6 photo, served only to users who may see the person."""
    person = person_get(user=request.user, pk=pk)
    if not person.photo:
        raise Http404
    return _file_response(person.photo, as_attachment=False)


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponseBase:
    """Download an attached scan, for users who may see the person."""
    person = person_get(user=request.user, pk=pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, person=person)
    response = _file_response(attachment.file, as_attachment=True, filename=_download_name(attachment))
    with web_audit(request):
        record_read(
            actor=request.user,
            action=AuditAction.EXPORT,
            object_type="people.attachment",
            object_id=str(attachment.pk),
            object_repr=attachment.title,
            person_id=person.pk,
            detail={"kind": attachment.kind, "file": attachment.file.name},
        )
    return response


def _download_name(attachment: Attachment) -> str:
    extension = "." + attachment.file.name.rsplit(".", 1)[-1] if "." in attachment.file.name else ""
    return f"{attachment.title}{extension}"


def _file_response(field_file: Any, *, as_attachment: bool, filename: str | None = None) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    response = FileResponse(
        handle,
        as_attachment=as_attachment,
        filename=filename or field_file.name.rsplit("/", 1)[-1],
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    return response


def _person_url(person: Person | int, anchor: str = "") -> str:
    pk = person if isinstance(person, int) else person.pk
    return reverse("web:person_detail", args=[pk]) + (f"#{anchor}" if anchor else "")


class PersonCreateView(ServiceFormView):
    """Create a record (form 2C items 1–26)."""

    form_class = PersonForm
    page_title = gettext_lazy("Thêm cán bộ")
    success_message = gettext_lazy("Đã thêm cán bộ.")

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)
        context["crumbs"] = [(_("Cán bộ"), reverse("web:person_list"))]
        return context

    def get_cancel_url(self) -> str:
        return reverse("web:person_list")

    def get_form_extra(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def perform(self, form: Any) -> Model:
        return services.person_create(actor=self.request.user, data=form.service_data())

    def get_success_url(self, obj: Model) -> str:
        return _person_url(obj.pk)


class PersonUpdateView(PersonCreateView):
    """Edit a record's fixed part."""

    page_title = gettext_lazy("Sửa sơ yếu lý lịch")
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        self.person = person_get(user=request.user, pk=kwargs["pk"], action=Action.CHANGE)

    def get_instance(self) -> Model | None:
        return self.person

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)
        context["crumbs"].append((self.person.full_name, _person_url(self.person)))
        context["page_title"] = f"{self.page_title}: {self.person.full_name}"
        return context

    def get_cancel_url(self) -> str:
        return _person_url(self.person)

    def perform(self, form: Any) -> Model:
        return services.person_update(
            actor=self.request.user, person=self.person, data=form.service_data(), version=form.loaded_version
        )


class PersonChildMixin:
    """Pages about one row of a person's history: the person is fetched in scope, then the row."""

    request: HttpRequest
    model: type[Model]
    anchor = ""
    person: Person
    object: Any = None

    def load(self, request: HttpRequest, **kwargs: Any) -> Any:
        self.person = person_get(user=request.user, pk=kwargs["pk"], action=Action.CHANGE)
        if "item_pk" in kwargs:
            self.object = get_object_or_404(self.model, pk=kwargs["item_pk"], person=self.person)
        return self.object

    def get_instance(self) -> Model | None:
        return self.object

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)  # type: ignore[misc]
        context["crumbs"] = [
            (_("Cán bộ"), reverse("web:person_list")),
            (self.person.full_name, _person_url(self.person)),
        ]
        context["subject"] = self.person.full_name
        return context

    def get_cancel_url(self) -> str:
        return _person_url(self.person, self.anchor)

    def get_success_url(self, obj: Model) -> str:
        return _person_url(self.person, self.anchor)


class QualificationCreateView(PersonChildMixin, ServiceFormView):
    """Record a qualification."""

    model = Qualification
    form_class = QualificationForm
    anchor = "trinh-do"
    page_title = gettext_lazy("Thêm trình độ, văn bằng")
    success_message = gettext_lazy("Đã thêm trình độ.")

    def perform(self, form: Any) -> Model:
        return services.qualification_create(
            actor=self.request.user, person=self.person, data=form.service_data()
        )


class QualificationUpdateView(QualificationCreateView):
    """Correct a qualification."""

    page_title = gettext_lazy("Sửa trình độ, văn bằng")
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def perform(self, form: Any) -> Model:
        return services.qualification_update(
            actor=self.request.user,
            qualification=self.object,
            data=form.service_data(),
            version=form.loaded_version,
        )


class QualificationDeleteView(PersonChildMixin, ServiceDeleteView):
    """Remove a qualification recorded in error."""

    model = Qualification
    anchor = "trinh-do"
    success_message = gettext_lazy("Đã xóa trình độ.")

    def perform(self, obj: Model) -> None:
        services.qualification_delete(actor=self.request.user, qualification=obj, version=self.loaded_version)  # type: ignore[arg-type]


class FamilyMemberCreateView(PersonChildMixin, ServiceFormView):
    """Add a relative."""

    model = FamilyMember
    form_class = FamilyMemberForm
    anchor = "gia-dinh"
    page_title = gettext_lazy("Thêm quan hệ gia đình")
    success_message = gettext_lazy("Đã thêm quan hệ gia đình.")

    def perform(self, form: Any) -> Model:
        return services.family_member_create(
            actor=self.request.user, person=self.person, data=form.service_data()
        )


class FamilyMemberUpdateView(FamilyMemberCreateView):
    """Correct a relative's details."""

    page_title = gettext_lazy("Sửa quan hệ gia đình")
    success_message = gettext_lazy("Đã lưu thay đổi.")

    def perform(self, form: Any) -> Model:
        return services.family_member_update(
            actor=self.request.user, member=self.object, data=form.service_data(), version=form.loaded_version
        )


class FamilyMemberDeleteView(PersonChildMixin, ServiceDeleteView):
    """Remove a relative recorded in error."""

    model = FamilyMember
    anchor = "gia-dinh"
    success_message = gettext_lazy("Đã xóa quan hệ gia đình.")

    def perform(self, obj: Model) -> None:
        services.family_member_delete(actor=self.request.user, member=obj, version=self.loaded_version)  # type: ignore[arg-type]


class AttachmentCreateView(PersonChildMixin, ServiceFormView):
    """Upload a scan to the record."""

    model = Attachment
    form_class = AttachmentForm
    anchor = "tai-lieu"
    page_title = gettext_lazy("Tải lên tài liệu")
    success_message = gettext_lazy("Đã tải lên tài liệu.")

    def perform(self, form: Any) -> Model:
        data = form.cleaned_data
        return services.attachment_create(
            actor=self.request.user,
            person=self.person,
            kind=data["kind"],
            title=data["title"],
            file=data["file"],
        )


class AttachmentDeleteView(PersonChildMixin, ServiceDeleteView):
    """Remove an attachment."""

    model = Attachment
    anchor = "tai-lieu"
    success_message = gettext_lazy("Đã xóa tài liệu.")

    def perform(self, obj: Model) -> None:
        services.attachment_delete(actor=self.request.user, attachment=obj)  # type: ignore[arg-type]
