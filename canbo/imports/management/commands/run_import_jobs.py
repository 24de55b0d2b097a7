"""`canbo run_import_jobs [--once]`: run queued import jobs in a process of their own (for production)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils.translation import gettext as _

from canbo.imports.jobs import jobs_run_pending


class Command(BaseCommand):
    """Run queued import jobs (checks and writes) until stopped; with CANBO_IMPORT_RUNNER = "worker"."""

    help = (
        "Chạy các lượt nhập dữ liệu đang chờ (kiểm tra, ghi) trong một tiến trình riêng. Dùng khi đặt "
        'CANBO_IMPORT_RUNNER = "worker".'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Chạy các lượt đang chờ rồi thoát")
        parser.add_argument("--interval", type=float, default=1.0, help="Số giây giữa hai lần xem hàng chờ")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            close_old_connections()
            done = jobs_run_pending()
            if done:
                self.stdout.write(_("Đã xử lý %(n)s lượt nhập.") % {"n": done})
            if options["once"]:
                return
            try:
                time.sleep(options["interval"])
            except KeyboardInterrupt:
                return
