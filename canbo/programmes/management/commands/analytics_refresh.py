"""`canbo analytics_refresh [--if-stale]`: build the indicator engine's analytics snapshot now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from canbo.core.formatting import format_number
from canbo.programmes.analytics import snapshot
from canbo.programmes.engine import data_as_of_text


class Command(BaseCommand):
    """Copy the columns the engine reads into a new DuckDB snapshot and make it current, atomically."""

    help = "Dựng lại ảnh chụp dữ liệu phân tích (DuckDB) mà bộ tính chỉ tiêu dùng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-stale",
            action="store_true",
            help="Chỉ dựng khi dữ liệu đã thay đổi kể từ lần dựng trước",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        built = snapshot.build(wait=True, force=not options["if_stale"])
        if built is None:
            raise CommandError(_("Không dựng được ảnh chụp dữ liệu phân tích."))
        rows = sum(built.rows.values())
        self.stdout.write(
            _("Ảnh chụp %(path)s: %(rows)s dòng, dựng trong %(s)s giây. %(as_of)s.")
            % {
                "path": built.path,
                "rows": format_number(rows),
                "s": format_number(built.build_seconds, 1),
                "as_of": data_as_of_text(built.data_as_of),
            }
        )
