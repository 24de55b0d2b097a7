"""Import pages: upload and recent jobs, a job's progress then its preview, commit, downloads."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from canbo.web.forms import apply_service_errors, mark_invalid

from . import jobs, schema
from .choices import JobStatus, Severity
from .forms import UploadForm
from .models import ImportJob
from .reader import ImportFileError, Limits, megabytes
from .selectors import visible_jobs
from .template import template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JOBS_PER_PAGE = 20
PROBLEMS_PER_PAGE = 50
_SLACK = 1024 * 1024  # the multipart envelope around the file


def _download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_list(request: HttpRequest) -> HttpResponse:
    """Upload a workbook (checked in the background) and see the recent import jobs."""
    limits = Limits.from_settings()
    form = UploadForm()
    status = 200
    refused = ""
    if request.method == "POST":
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > limits.max_bytes + _SLACK:  # refused before the body is read
            refused = _("Tệp nặng hơn %(limit)s MB, vượt giới hạn; hãy tách thành nhiều tệp nhỏ hơn.") % {
                "limit": megabytes(limits.max_bytes)
            }
            status = 413
        else:
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    job = jobs.job_create(
                        actor=request.user,
                        file=upload,
                        filename=upload.name,
                        unit_code=form.cleaned_data["unit_code"],
                    )
                except ValidationError as error:
                    apply_service_errors(form, error)
                else:
                    jobs.job_start(job)
                    return HttpResponseRedirect(reverse("web:import_detail", args=[job.pk]))
            mark_invalid(form)
            status = 422 if form.errors else 200
    page = Paginator(visible_jobs(request.user), JOBS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "refused": refused,
        "page": page,
        "max_mb": megabytes(limits.max_bytes),
        "max_bytes": limits.max_bytes,
        "nav_section": "imports",
    }
    return render(request, "imports/job_list.html", context, status=status)


def _counts(job: ImportJob) -> list[dict[str, Any]]:
    """The job's counts per sheet, in the workbook's order, with the sheet's Vietnamese name."""
    rows = []
    for spec in schema.SHEETS:
        found = (job.counts or {}).get(spec.key)
        if found:
            rows.append({"name": spec.name, **found})
    return rows


@login_required
@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A job: its progress while it runs, then the counts and the problems, the downloads and the commit."""
    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    shown = request.GET.get("muc", "")
    problems = job.problems.all()
    if shown in (Severity.ERROR, Severity.WARNING):
        problems = problems.filter(severity=shown)
    page = Paginator(problems.order_by("id"), PROBLEMS_PER_PAGE).get_page(request.GET.get("page"))
    percent, phase = jobs.live_progress(job)
    context = {
        "job": job,
        "counts": _counts(job),
        "page": page,
        "shown": shown,
        "percent": percent,
        "phase": phase,
        "stored_problems": job.problems.count() if not job.is_busy else 0,
        "nav_section": "imports",
    }
    return render(request, "imports/job_detail.html", context)


@login_required
@require_GET
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar of a job (polled by htmx every second); asks for a reload once the job is done."""
    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    if jobs.runner() == "poll" and job.status == JobStatus.QUEUED:
        jobs.job_run(job.pk)
        job.refresh_from_db()
    percent, phase = jobs.live_progress(job)
    response = render(request, "imports/_progress.html", {"job": job, "percent": percent, "phase": phase})
    if not job.is_busy:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    """Write a checked workbook (re-checked first, in one transaction: all or nothing)."""
    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    if jobs.job_request_commit(job):
        messages.info(request, _("Đang ghi dữ liệu vào hệ thống; dữ liệu được kiểm tra lại trước khi ghi."))
    elif job.status == JobStatus.COMMITTED:
        messages.info(request, _("Tệp này đã được ghi vào hệ thống."))
    else:
        messages.error(request, _("Không ghi được: tệp còn lỗi hoặc đang được xử lý."))
    return HttpResponseRedirect(reverse("web:import_detail", args=[job.pk]))


@login_required
@require_GET
def import_annotated(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploaded workbook with its faulty cells highlighted and commented."""
    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    if job.is_busy or job.status == JobStatus.QUEUED:
        messages.error(request, _("Tệp đang được xử lý; hãy chờ kiểm tra xong."))
        return HttpResponseRedirect(reverse("web:import_detail", args=[job.pk]))
    try:
        content = jobs.job_annotated(job)
    except ImportFileError as exc:
        messages.error(request, exc.message)
        return HttpResponseRedirect(reverse("web:import_detail", args=[job.pk]))
    return _download(content, f"{PurePath(job.filename).stem}-kiem-tra.xlsx")


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The empty canonical workbook, with drop-down lists from the code lists."""
    return _download(template_workbook(), "mau-nhap-du-lieu-can-bo.xlsx")
