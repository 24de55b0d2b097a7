"""`canbo import FILE [--dry-run] [--unit CODE] [--user NAME] [--report OUT.xlsx]`: check, then write, a workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from canbo.core.formatting import format_number
from canbo.imports import jobs, schema
from canbo.imports.choices import JobStatus, Severity
from canbo.imports.models import ImportJob
from canbo.imports.reader import ImportFileError, check_size


class Command(BaseCommand):
    """Check a workbook (.xlsx, .csv, .zip of CSV files) and, unless --dry-run, write it in one transaction."""

    help = (
        "Nhập workbook cán bộ (.xlsx, .csv hoặc .zip các tệp .csv): kiểm tra toàn bộ trước, rồi ghi tất cả "
        "trong một giao dịch (không ghi gì nếu có lỗi)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp cần nhập")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi gì")
        parser.add_argument("--unit", default="", help="Chỉ nhận cho đơn vị có mã này và các đơn vị cấp dưới")
        parser.add_argument("--user", default="", help="Tên đăng nhập của người nhập (ghi vào nhật ký)")
        parser.add_argument("--report", default="", help="Ghi bản đánh dấu lỗi ra tệp .xlsx này")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Không có tệp “%(path)s”.") % {"path": path})
        try:
            check_size(path.stat().st_size)
        except ImportFileError as exc:
            raise CommandError(exc.message) from exc
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(_("Không có người dùng “%(name)s”.") % {"name": options["user"]})
        with path.open("rb") as stream:
            try:
                job = jobs.job_create(
                    actor=actor,
                    file=File(stream, name=path.name),
                    filename=path.name,
                    unit_code=options["unit"],
                    command_line=True,
                )
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
        jobs.job_run(job.pk)
        job.refresh_from_db()
        self._report(job, verbose=options["verbosity"] >= 2)
        if options["report"] and job.status != JobStatus.FAILED:
            Path(options["report"]).write_bytes(jobs.job_annotated(job))
            self.stdout.write(_("Đã ghi bản đánh dấu lỗi: %(path)s") % {"path": options["report"]})
        if job.status == JobStatus.FAILED:
            raise CommandError(job.message)
        if job.error_count:
            raise CommandError(
                _("Tệp có %(n)s lỗi; chưa ghi gì vào hệ thống.") % {"n": format_number(job.error_count)}
            )
        if options["dry_run"]:
            self.stdout.write(
                self.style.SUCCESS(_("Chạy thử: tệp không có lỗi; chưa ghi gì (bỏ --dry-run để ghi)."))
            )
            return
        if not jobs.job_request_commit(job, start=False):
            raise CommandError(_("Không ghi được lượt nhập #%(id)s.") % {"id": job.pk})
        jobs.job_run(job.pk)
        job.refresh_from_db()
        if job.status != JobStatus.COMMITTED:
            self._report(job, verbose=options["verbosity"] >= 2)
            raise CommandError(job.message or _("Chưa ghi gì vào hệ thống."))
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã ghi vào hệ thống (lượt nhập #%(id)s, tệp %(file)s).")
                % {"id": job.pk, "file": job.filename}
            )
        )

    def _report(self, job: ImportJob, *, verbose: bool) -> None:
        """Counts per sheet, then the problems (warnings only with -v 2)."""
        write = self.stdout.write
        write(_("Lượt nhập #%(id)s: %(file)s") % {"id": job.pk, "file": job.filename})
        for spec in schema.SHEETS:
            found = (job.counts or {}).get(spec.key)
            if found:
                write(
                    _(
                        "  %(sheet)s: %(rows)s dòng — mới %(new)s, thay đổi %(changed)s, không đổi %(unchanged)s, có lỗi %(invalid)s"
                    )
                    % {"sheet": spec.name, **{key: format_number(value) for key, value in found.items()}}
                )
        problems = job.problems.order_by("id")
        if not verbose:
            problems = problems.filter(severity=Severity.ERROR)
        labels = {Severity.ERROR: _("Lỗi"), Severity.WARNING: _("Cảnh báo")}
        for problem in problems.iterator():
            where = " · ".join(
                part
                for part in (
                    problem.sheet,
                    _("dòng %(n)s") % {"n": problem.row} if problem.row else "",
                    _("cột “%(c)s”") % {"c": problem.column} if problem.column else "",
                    f"“{problem.value}”" if problem.value else "",
                )
                if part
            )
            line = (
                f"{labels.get(Severity(problem.severity), problem.severity)}: {where}: {problem.message}"
                if where
                else f"{labels.get(Severity(problem.severity), problem.severity)}: {problem.message}"
            )
            (self.stderr if problem.severity == Severity.ERROR else self.stdout).write(line)
        write(
            _("Tổng: %(errors)s lỗi, %(warnings)s cảnh báo.")
            % {"errors": format_number(job.error_count), "warnings": format_number(job.warning_count)}
        )
