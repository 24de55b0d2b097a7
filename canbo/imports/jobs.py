"""Import jobs: created from an upload, then checked (preview) and, on request, written (commit) in the background.

Where a job's steps run is set by CANBO_IMPORT_RUNNER:

* "thread" (default): a background thread of the web process; the embedded SQLite database needs no
  other server. Its progress is kept in memory as well, because a commit runs inside one transaction
  whose own progress writes other connections would not see until the end.
* "worker": steps stay queued for `canbo run_import_jobs`, a separate process (for production).
* "inline": in the request that starts them (used by tests and the command line).
* "poll": when the progress page first polls them (tests of the progress bar in a real browser).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from canbo.access.models import Action
from canbo.access.scopes import Scope, user_scope
from canbo.audit.context import audit_context
from canbo.org.models import OrgUnit

from . import schema
from .annotate import annotated_workbook
from .choices import JobAction, JobStatus, Severity
from .engine import Importer, Problem, Report
from .models import ImportJob, ImportProblem
from .reader import ImportFileError, Limits, RawBook, check_size, read_book

logger = logging.getLogger(__name__)

MAX_STORED_PROBLEMS = 50_000
STALE_AFTER = dt.timedelta(hours=6)
_live: dict[int, tuple[int, str]] = {}
_live_lock = threading.Lock()


class _Rollback(Exception):
    """Raised inside the commit transaction to undo it when the re-check finds errors."""


def runner() -> str:
    """Where job steps run: "thread", "worker", "inline" or "poll" (setting CANBO_IMPORT_RUNNER)."""
    return str(getattr(settings, "CANBO_IMPORT_RUNNER", "thread"))


def live_progress(job: ImportJob) -> tuple[int, str]:
    """The job's progress: from this process's memory while it runs here, else as last stored."""
    with _live_lock:
        found = _live.get(job.pk)
    if found is not None and job.is_busy:
        return found
    return job.progress, job.phase


def _report_progress(job: ImportJob, percent: int, phase: str) -> None:
    """Note progress in memory, and in the database when no transaction would hide it."""
    percent = max(0, min(100, percent))
    with _live_lock:
        previous = _live.get(job.pk)
        _live[job.pk] = (percent, phase)
    if previous == (percent, phase) or connection.in_atomic_block:
        return
    ImportJob.objects.filter(pk=job.pk).update(progress=percent, phase=phase[:160], updated_at=timezone.now())


def job_create(
    *, actor: Any, file: File, filename: str, unit_code: str = "", command_line: bool = False
) -> ImportJob:
    """Keep an uploaded workbook as a new job waiting to be checked; refuse one that is too big.

    A job from the web is checked against the uploader's grants (every row's unit must lie in them); one
    from the command line (`canbo import`, run by whoever administers the server) is not.
    """
    size = file.size or 0
    try:
        check_size(size)
    except ImportFileError as exc:
        raise ValidationError({"file": [exc.message]}) from exc
    unit_code = (unit_code or "").strip()
    if unit_code and not OrgUnit.objects.filter(code=unit_code).exists():
        raise ValidationError({"unit_code": [_("Không có đơn vị mã “%(code)s”.") % {"code": unit_code}]})
    name = PurePath(filename or "tep-nhap").name[:200]
    job = ImportJob(
        filename=name,
        size=size,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        unit_code=unit_code,
        from_command_line=command_line,
        status=JobStatus.QUEUED,
        action=JobAction.PREVIEW,
        phase=_("Đang chờ kiểm tra"),
    )
    job.file.save(get_valid_filename(name) or "tep-nhap", file, save=False)
    job.save()
    return job


def job_start(job: ImportJob, action: str = JobAction.PREVIEW) -> None:
    """Queue the job's next step and start it where CANBO_IMPORT_RUNNER says."""
    phase = _("Đang chờ kiểm tra") if action == JobAction.PREVIEW else _("Đang chờ ghi")
    ImportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.QUEUED, action=action, progress=0, phase=phase, updated_at=timezone.now()
    )
    job.status, job.action, job.progress, job.phase = JobStatus.QUEUED, action, 0, phase
    mode = runner()
    if mode == "inline":
        job_run(job.pk)
        job.refresh_from_db()
    elif mode == "thread":
        transaction.on_commit(
            lambda: threading.Thread(target=_thread_main, args=(job.pk,), daemon=True).start()
        )


def job_request_commit(job: ImportJob, *, start: bool = True) -> bool:
    """Queue the commit of a checked job without errors (and start it); False if it cannot be committed."""
    claimed = ImportJob.objects.filter(pk=job.pk, status=JobStatus.PREVIEWED, error_count=0).update(
        status=JobStatus.QUEUED,
        action=JobAction.COMMIT,
        progress=0,
        phase=_("Đang chờ ghi"),
        updated_at=timezone.now(),
    )
    if not claimed:
        return False
    if start:
        job_start(job, JobAction.COMMIT)
    return True


def _thread_main(pk: int) -> None:
    """Body of a background thread: run the job with the site's language, then close this thread's connections."""
    try:
        with translation.override(settings.LANGUAGE_CODE):
            job_run(pk)
    except Exception:  # the job is marked failed inside job_run; never let a thread die noisily
        logger.exception("Import job %s failed", pk)
    finally:
        connections.close_all()


def job_run(pk: int) -> ImportJob | None:
    """Run a queued job's step (check or write) to its end; a job another runner took is left alone."""
    job = ImportJob.objects.select_related("uploaded_by").get(pk=pk)
    status = JobStatus.RUNNING if job.action == JobAction.PREVIEW else JobStatus.COMMITTING
    claimed = ImportJob.objects.filter(pk=pk, status=JobStatus.QUEUED).update(
        status=status, started_at=timezone.now(), updated_at=timezone.now()
    )
    if not claimed:
        return None
    job.status = status
    try:
        if job.action == JobAction.COMMIT:
            _commit(job)
        else:
            _preview(job)
    except Exception as exc:
        logger.exception("Import job %s failed", pk)
        _finish(
            job,
            JobStatus.FAILED,
            message=_("Lỗi ngoài dự kiến khi xử lý tệp (%(error)s); chưa ghi gì vào hệ thống.")
            % {"error": exc.__class__.__name__},
        )
    finally:
        with _live_lock:
            _live.pop(pk, None)
    return ImportJob.objects.get(pk=pk)


def jobs_run_pending(*, limit: int | None = None) -> int:
    """Run every queued job, oldest first (the `run_import_jobs` worker); return how many ran."""
    done = 0
    stale = timezone.now() - STALE_AFTER
    ImportJob.objects.filter(
        status__in=[JobStatus.RUNNING, JobStatus.COMMITTING], started_at__lt=stale
    ).update(
        status=JobStatus.FAILED, message=_("Lượt nhập bị gián đoạn (máy chủ khởi động lại); chưa ghi gì.")
    )
    for pk in (
        ImportJob.objects.filter(status=JobStatus.QUEUED).order_by("created_at").values_list("pk", flat=True)
    ):
        if limit is not None and done >= limit:
            break
        if job_run(pk) is not None:
            done += 1
    return done


def read_job_file(job: ImportJob, **kwargs: Any) -> RawBook:
    """The job's stored file, read (raises ImportFileError)."""
    limits = Limits.from_settings()
    with job.file.open("rb") as stream:
        data = stream.read(limits.max_bytes + 1)
    return read_book(data, job.filename, limits=limits, **kwargs)


def _wanted(name: str) -> bool:
    return schema.sheet_for(name) is not None or name not in (
        schema.CODE_LIST_SHEET,
        schema.GUIDE_SHEET,
        schema.REPORT_SHEET,
    )


def _scope(job: ImportJob) -> OrgUnit | None:
    return OrgUnit.objects.filter(code=job.unit_code).first() if job.unit_code else None


def _grants(job: ImportJob) -> Scope | None:
    """The uploader's grants for changes, which every row must keep to; None for the command line."""
    if job.from_command_line:
        return None
    return user_scope(job.uploaded_by, Action.CHANGE)


def _preview(job: ImportJob) -> None:
    _report_progress(job, 2, _("Đọc tệp"))
    try:
        book = read_job_file(job, wanted=_wanted)
    except ImportFileError as exc:
        _finish(job, JobStatus.FAILED, message=exc.message, problems=[_file_problem(exc.message)])
        return
    _report_progress(job, 10, _("Đã đọc tệp"))
    report = Importer(
        book,
        actor=job.uploaded_by,
        write=False,
        scope=_scope(job),
        grants=_grants(job),
        job=job,
        progress=lambda percent, phase: _report_progress(job, percent, phase),
    ).run()
    _finish(job, JobStatus.PREVIEWED, report=report)


def _commit(job: ImportJob) -> None:
    _report_progress(job, 2, _("Đọc tệp"))
    try:
        book = read_job_file(job, wanted=_wanted)
    except ImportFileError as exc:
        _finish(job, JobStatus.FAILED, message=exc.message, problems=[_file_problem(exc.message)])
        return
    report: Report | None = None
    reference = f"import:{job.pk}:{job.filename}"
    try:
        with audit_context(source="import", reference=reference), transaction.atomic():
            report = Importer(
                book,
                actor=job.uploaded_by,
                write=True,
                scope=_scope(job),
                grants=_grants(job),
                job=job,
                progress=lambda percent, phase: _report_progress(job, percent, phase),
            ).run()
            if report.error_count:
                raise _Rollback
    except _Rollback:
        assert report is not None
        _finish(
            job,
            JobStatus.PREVIEWED,
            report=report,
            message=_(
                "Khi kiểm tra lại trước khi ghi, tệp có lỗi (dữ liệu trong hệ thống có thể đã thay đổi); chưa ghi gì."
            ),
        )
        return
    except DatabaseError as exc:
        message = _("Cơ sở dữ liệu từ chối ghi (%(error)s); chưa ghi gì vào hệ thống.") % {
            "error": str(exc)[:300]
        }
        _finish(job, JobStatus.PREVIEWED, report=report, message=message, problems=[_file_problem(message)])
        return
    assert report is not None
    _finish(job, JobStatus.COMMITTED, report=report, committed=True)


def _file_problem(message: str) -> Problem:
    return Problem(Severity.ERROR, "", None, "", None, "", message)


def _finish(
    job: ImportJob,
    status: str,
    *,
    report: Report | None = None,
    message: str = "",
    problems: Iterable[Problem] = (),
    committed: bool = False,
) -> None:
    """Store the outcome of a step: status, counts, problems (the first 50,000) and the message."""
    found = list(report.problems if report else []) + list(problems)
    errors = sum(1 for problem in found if problem.severity == Severity.ERROR)
    warnings = len(found) - errors
    with transaction.atomic():
        ImportProblem.objects.filter(job=job).delete()
        ImportProblem.objects.bulk_create(
            [
                ImportProblem(
                    job=job,
                    severity=problem.severity,
                    sheet=problem.sheet[:100],
                    row=problem.row,
                    column=problem.column[:160],
                    column_index=problem.column_index,
                    value=problem.value[:255],
                    message=problem.message,
                )
                for problem in found[:MAX_STORED_PROBLEMS]
            ],
            batch_size=2000,
        )
        now = timezone.now()
        values: dict[str, Any] = {
            "status": status,
            "progress": 100,
            "phase": "",
            "message": message,
            "error_count": errors,
            "warning_count": warnings,
            "finished_at": now,
            "updated_at": now,
            "annotated": "",
        }
        if report is not None:
            values["counts"] = report.counts
        if committed:
            values["committed_at"] = now
        ImportJob.objects.filter(pk=job.pk).update(**values)
    if job.annotated:
        job.annotated.delete(save=False)


def job_annotated(job: ImportJob) -> bytes:
    """The job's workbook with its faulty cells highlighted and commented (made once, then kept)."""
    if job.annotated:
        try:
            with job.annotated.open("rb") as stream:
                return stream.read()
        except OSError:
            pass
    with job.file.open("rb") as stream:
        data = stream.read(Limits.from_settings().max_bytes + 1)
    problems = list(ImportProblem.objects.filter(job=job).order_by("id"))
    content = annotated_workbook(data, job.filename, problems)
    name = f"{PurePath(job.filename).stem}-kiem-tra.xlsx"
    job.annotated.save(get_valid_filename(name), ContentFile(content), save=False)
    ImportJob.objects.filter(pk=job.pk).update(annotated=job.annotated.name)
    return content
