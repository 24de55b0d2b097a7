"""`canbo serve`: serve the system on http://127.0.0.1:8000 (the demo server; use gunicorn in production)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _


class Command(BaseCommand):
    """Serve the web interface, static files included, on one machine."""

    help = "Chạy máy chủ web của hệ thống (mặc định http://127.0.0.1:8000)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(
            _("Hệ thống đang chạy tại http://%(addr)s — nhấn Ctrl+C để dừng.") % {"addr": options["addrport"]}
        )
        call_command(
            "runserver",
            options["addrport"],
            use_reloader=False,
            use_threading=True,
            skip_checks=True,
            insecure_serving=True,
        )
