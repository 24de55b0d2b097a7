"""The upload form of the import page (input parsing only; jobs.job_create checks and keeps the file)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.web.forms import StyledFormMixin

ACCEPTED = ".xlsx,.csv,.zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,application/zip"


class UploadForm(StyledFormMixin, forms.Form):
    """A workbook (.xlsx), a CSV file of one sheet, or a .zip of CSV files, and an optional unit scope."""

    file = forms.FileField(
        label=_("Tệp dữ liệu"),
        help_text=_(
            "Workbook theo mẫu (.xlsx), một tệp .csv của một sheet, hoặc tệp .zip chứa các tệp .csv."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )
    unit_code = forms.CharField(
        label=_("Chỉ nhận cho đơn vị (mã)"),
        required=False,
        max_length=40,
        help_text=_("Để trống để nhận cho mọi đơn vị. Có mã thì dòng của đơn vị khác bị báo lỗi."),
    )
