"""`canbo restore FILE [--yes]`: replace the database with the content of a backup archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from canbo.security.backup import BackupError, backup_restore, describe, read_manifest


class Command(BaseCommand):
    """Restore a backup made by `canbo backup` after checking its manifest against this installation."""

    help = "Khôi phục CSDL từ tệp sao lưu của lệnh backup (kiểm tra loại CSDL và phiên bản cấu trúc trước)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Tệp sao lưu")
        parser.add_argument("--yes", action="store_true", help="Ghi đè CSDL đích dù đã có dữ liệu")
        parser.add_argument("--database", default="default", help="Bí danh CSDL trong DATABASES")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = read_manifest(options["file"])
            if options["verbosity"] > 0:
                self.stdout.write(describe(manifest))
                self.stderr.write(
                    _(
                        "Lưu ý: dừng máy chủ canbo (gunicorn, canbo serve) trước khi khôi phục để không ai ghi dở dữ liệu."
                    )
                )
            backup_restore(path=options["file"], using=options["database"], overwrite=options["yes"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(_("Đã khôi phục từ %(path)s") % {"path": options["file"]}))
