"""`canbo backup [--output FILE]`: write a backup archive of the whole database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from canbo.security.backup import BackupError, backup_create, describe


class Command(BaseCommand):
    """Back up the database (SQLite online backup, or pg_dump) with a manifest."""

    help = "Sao lưu toàn bộ CSDL (SQLite hoặc PostgreSQL) vào một tệp kèm bản kê (manifest)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", "-o", type=Path, help="Tệp sao lưu (mặc định: var/backups/canbo-….tar)"
        )
        parser.add_argument("--database", default="default", help="Bí danh CSDL trong DATABASES")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path, manifest = backup_create(output=options["output"], using=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(_("Đã sao lưu vào %(path)s") % {"path": path}))
            self.stdout.write(describe(manifest))
