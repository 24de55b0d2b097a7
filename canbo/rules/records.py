"""Entry pages of the records rules read: early retirement (per person), the appointment file and the
reappointment notice (per post). Each writes through its service in canbo.rules.services: scoped,
audited, refused on a stale version; bad input stays on the form with a Vietnamese message.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.access.models import Action
from canbo.core.formatting import format_date
from canbo.people.models import Person
from canbo.people.selectors import person_get
from canbo.posts.models import Assignment
from canbo.web.views import ServiceDeleteView, ServiceFormView

from . import services
from .forms import AppointmentFileForm, EarlyRetirementForm, ReappointmentNoticeForm
from .models import AppointmentFile, EarlyRetirement, ReappointmentNotice

HISTORY_ANCHOR = "qua-trinh-cong-tac"


def _person_url(person: Person | int, anchor: str = "") -> str:
    pk = person if isinstance(person, int) else person.pk
    return reverse("web:person_detail", args=[pk]) + (f"#{anchor}" if anchor else "")


class PersonRecordMixin:
    """A record about one person, fetched in the user's scope to change (else "not found")."""

    request: HttpRequest
    person: Person
    object: Any = None
    anchor = ""
    owner = "person"  # the delete page's URL takes the person's id

    def load(self, request: HttpRequest, **kwargs: Any) -> Any:
        self.person = person_get(user=request.user, pk=kwargs["pk"], action=Action.CHANGE)
        self.object = EarlyRetirement.objects.filter(person=self.person).first()
        return self.object

    def get_success_url(self, obj: Model) -> str:
        return _person_url(self.person, self.anchor)

    def get_cancel_url(self) -> str:
        return _person_url(self.person, self.anchor)


class PostRecordMixin:
    """A record about one post (assignment): the holder is fetched in scope, then the record, if any."""

    request: HttpRequest
    record_model: type[Model]
    person: Person
    assignment: Assignment
    owner = "assignment"  # the delete page's URL takes the post's id
    object: Any = None

    def load(self, request: HttpRequest, **kwargs: Any) -> Any:
        self.assignment = get_object_or_404(
            Assignment.objects.select_related("title", "unit"), pk=kwargs["pk"]
        )
        self.person = person_get(user=request.user, pk=self.assignment.person_id, action=Action.CHANGE)
        self.object = self.record_model._default_manager.filter(assignment=self.assignment).first()
        return self.object

    def get_success_url(self, obj: Model) -> str:
        return _person_url(self.person, HISTORY_ANCHOR)

    def get_cancel_url(self) -> str:
        return _person_url(self.person, HISTORY_ANCHOR)

    def post_label(self) -> str:
        a = self.assignment
        end = format_date(a.valid_to) if a.valid_to else _("nay")
        return (
            f"{self.person.full_name} — {a.title.name}, {a.unit.name} ({format_date(a.valid_from)} – {end})"
        )


class _RecordFormView(ServiceFormView):
    """Shared: the record being edited (or none yet) and the breadcrumbs to the person."""

    template_name = "rules/record_form.html"
    delete_url_name = ""
    owner = "person"  # the attribute whose id the delete page's URL takes (set by the mixin)
    object: Any
    person: Person

    def get_instance(self) -> Model | None:
        return self.object

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)
        context["crumbs"] = [
            (_("Cán bộ"), reverse("web:person_list")),
            (self.person.full_name, _person_url(self.person)),
        ]
        if self.object is not None:
            context["delete_url"] = reverse(self.delete_url_name, args=[getattr(self, self.owner).pk])
        return context


class EarlyRetirementView(PersonRecordMixin, _RecordFormView):
    """Record, or correct, a decision that the person retires before the statutory age."""

    form_class = EarlyRetirementForm
    delete_url_name = "rules:early_retirement_delete"

    page_title = gettext_lazy("Nghỉ hưu trước tuổi")
    success_message = gettext_lazy("Đã lưu quyết định nghỉ hưu trước tuổi.")

    def get_context(self, form: Any) -> dict[str, Any]:
        from .retirement import retirement_for

        context = super().get_context(form)
        subject = self.person.full_name
        try:
            statutory = retirement_for(sex=self.person.sex, birth=self.person.birth_date)
        except ValidationError:  # no rule in force, or a birth date the rule cannot use: the form still works
            pass
        else:
            subject += " — " + _("nghỉ hưu theo quy định: %(d)s (%(c)s)") % {
                "d": format_date(statutory.retires_on),
                "c": statutory.citation,
            }
        context["subject"] = subject
        return context

    def perform(self, form: Any) -> Model:
        return services.early_retirement_record(
            actor=self.request.user, person=self.person, data=form.service_data(), version=form.loaded_version
        )


class EarlyRetirementDeleteView(PersonRecordMixin, ServiceDeleteView):
    """Remove an early retirement recorded in error."""

    success_message = gettext_lazy("Đã xóa quyết định nghỉ hưu trước tuổi.")

    def load(self, request: HttpRequest, **kwargs: Any) -> Model:
        if super().load(request, **kwargs) is None:
            raise Http404
        return self.object

    def perform(self, obj: Model) -> None:
        services.early_retirement_delete(actor=self.request.user, item=obj, version=self.loaded_version)  # type: ignore[arg-type]


class AppointmentFileView(PostRecordMixin, _RecordFormView):
    """Record, or correct, when the organisation board received the appointment's file."""

    record_model = AppointmentFile
    form_class = AppointmentFileForm
    delete_url_name = "rules:appointment_file_delete"

    page_title = gettext_lazy("Hồ sơ bổ nhiệm")
    success_message = gettext_lazy("Đã lưu hồ sơ bổ nhiệm.")

    def get_context(self, form: Any) -> dict[str, Any]:
        context = super().get_context(form)
        context["subject"] = self.post_label()
        return context

    def perform(self, form: Any) -> Model:
        return services.appointment_file_record(
            actor=self.request.user,
            assignment=self.assignment,
            data=form.service_data(),
            version=form.loaded_version,
        )


class AppointmentFileDeleteView(PostRecordMixin, ServiceDeleteView):
    """Remove an appointment file's record entered in error."""

    record_model = AppointmentFile
    success_message = gettext_lazy("Đã xóa hồ sơ bổ nhiệm.")

    def load(self, request: HttpRequest, **kwargs: Any) -> Model:
        if super().load(request, **kwargs) is None:
            raise Http404
        return self.object

    def perform(self, obj: Model) -> None:
        services.appointment_file_delete(actor=self.request.user, item=obj, version=self.loaded_version)  # type: ignore[arg-type]


class ReappointmentNoticeView(PostRecordMixin, _RecordFormView):
    """Record, or correct, the notice telling the holder to prepare for reappointment."""

    record_model = ReappointmentNotice
    form_class = ReappointmentNoticeForm
    delete_url_name = "rules:reappointment_notice_delete"

    page_title = gettext_lazy("Thông báo chuẩn bị bổ nhiệm lại")
    success_message = gettext_lazy("Đã lưu thông báo chuẩn bị bổ nhiệm lại.")

    def get_context(self, form: Any) -> dict[str, Any]:
        from .terms import assignment_term

        context = super().get_context(form)
        subject = self.post_label()
        status = assignment_term(self.assignment)
        if status.notice_due:
            subject += " — " + _("hạn thông báo: chậm nhất ngày %(d)s (%(c)s)") % {
                "d": format_date(status.notice_due),
                "c": status.notice_citation,
            }
        context["subject"] = subject
        return context

    def perform(self, form: Any) -> Model:
        return services.reappointment_notice_record(
            actor=self.request.user,
            assignment=self.assignment,
            data=form.service_data(),
            version=form.loaded_version,
        )


class ReappointmentNoticeDeleteView(PostRecordMixin, ServiceDeleteView):
    """Remove a reappointment notice recorded in error."""

    record_model = ReappointmentNotice
    success_message = gettext_lazy("Đã xóa thông báo chuẩn bị bổ nhiệm lại.")

    def load(self, request: HttpRequest, **kwargs: Any) -> Model:
        if super().load(request, **kwargs) is None:
            raise Http404
        return self.object

    def perform(self, obj: Model) -> None:
        services.reappointment_notice_delete(actor=self.request.user, item=obj, version=self.loaded_version)  # type: ignore[arg-type]
