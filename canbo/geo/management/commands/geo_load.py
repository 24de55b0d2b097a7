"""`canbo geo_load`: load the official locality lists and the 2025 old→new crosswalk."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.core.formatting import format_number
from canbo.geo.services import localities_load
from canbo.geo.sources import SourceError


class Command(BaseCommand):
    """Load or refresh the localities; safe to rerun."""

    # Translated lazily so that --help follows the active language; the stubs type help as plain str.
    help = gettext_lazy(  # type: ignore[assignment]
        "Nạp danh mục đơn vị hành chính trước và từ 01/07/2025 (QĐ 124/2004, QĐ 19/2025) "
        "và bảng chuyển đổi cũ → mới. Chạy lại không làm thay đổi gì."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            counts = localities_load(stdout=self.stdout)
        except SourceError as exc:
            raise CommandError(_("Không đọc được dữ liệu nguồn: %(error)s") % {"error": exc}) from exc
        n = {key: format_number(value) for key, value in counts.items()}
        self.stdout.write(
            _(
                "Trước 01/07/2025 (QĐ 124/2004/QĐ-TTg): %(old_provinces)s đơn vị cấp tỉnh, "
                "%(old_districts)s cấp huyện, %(old_communes)s cấp xã."
            )
            % n
        )
        self.stdout.write(
            _(
                "Từ 01/07/2025 (QĐ 19/2025/QĐ-TTg): %(new_provinces)s đơn vị cấp tỉnh, %(new_communes)s cấp xã."
            )
            % n
        )
        self.stdout.write(_("Bảng chuyển đổi cũ → mới: %(mappings)s dòng.") % n)
        self.stdout.write(
            _(
                "Đơn vị hành chính: thêm %(localities_created)s, cập nhật %(localities_updated)s, "
                "giữ nguyên %(localities_unchanged)s. Chuyển đổi: thêm %(mappings_created)s, "
                "cập nhật %(mappings_updated)s, xóa %(mappings_deleted)s."
            )
            % n
        )
        elapsed = format_number(time.monotonic() - started, 1)
        self.stdout.write(self.style.SUCCESS(_("Xong sau %(seconds)s giây.") % {"seconds": elapsed}))
