"""Pages of a person's training courses (form 2C item 27): add, edit and delete through people.training.

The person page lists the courses in its item 27 section with the degrees, in date order (Dossier.training).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from canbo.web.forms import InputForm, StyledFormMixin, VNDateField
from canbo.web.views import ServiceDeleteView, ServiceFormView

from . import training
from .models import TrainingCourse
from .views import PersonChildMixin


class TrainingCourseForm(StyledFormMixin, InputForm):
    """A training course (form 2C item 27: place, subject, from–to, kind)."""

    started_on = VNDateField(label=_("Từ ngày"))
    ended_on = VNDateField(label=_("Đến ngày"))

    wide_fields = {"name", "note"}

    class Meta:
        model = TrainingCourse
        fields = ["name", "kind", "institution", "started_on", "ended_on", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = _("Ví dụ: Bồi dưỡng cập nhật kiến thức đối tượng 3.")
        self.fields["note"].help_text = _("Văn bằng, chứng chỉ được cấp hoặc ghi chú khác.")


class TrainingCourseCreateView(PersonChildMixin, ServiceFormView):
    """Record a training course the person attended."""

    model = TrainingCourse
    form_class = TrainingCourseForm
    anchor = "dao-tao"
    page_title = _("Thêm khóa đào tạo, bồi dưỡng")
    success_message = _("Đã thêm khóa đào tạo, bồi dưỡng.")

    def perform(self, form: Any) -> Model:
        return training.training_course_create(
            actor=self.request.user, person=self.person, data=form.service_data()
        )


class TrainingCourseUpdateView(TrainingCourseCreateView):
    """Correct a training course (refused when someone saved it since the form was loaded)."""

    page_title = _("Sửa khóa đào tạo, bồi dưỡng")
    success_message = _("Đã lưu thay đổi.")

    def perform(self, form: Any) -> Model:
        return training.training_course_update(
            actor=self.request.user, course=self.object, data=form.service_data(), version=form.loaded_version
        )


class TrainingCourseDeleteView(PersonChildMixin, ServiceDeleteView):
    """Remove a training course recorded in error."""

    model = TrainingCourse
    anchor = "dao-tao"
    success_message = _("Đã xóa khóa đào tạo, bồi dưỡng.")

    def perform(self, obj: Model) -> None:
        training.training_course_delete(actor=self.request.user, course=obj, version=self.loaded_version)  # type: ignore[arg-type]
