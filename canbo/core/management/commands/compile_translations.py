"""`canbo compile_translations`: build .mo files from the .po catalogues without GNU gettext."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    """Compile every django.po under LOCALE_PATHS (pure Python, so set-up needs no system package)."""

    help = "Biên dịch các tệp bản dịch .po thành .mo."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        for root in settings.LOCALE_PATHS:
            for po_path in sorted(Path(root).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
        if options["verbosity"] > 0:
            self.stdout.write(f"{count} catalogue(s) compiled.")
