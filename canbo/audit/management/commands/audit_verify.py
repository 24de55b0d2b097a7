"""`canbo audit_verify`: check that no audit row has been changed, removed or inserted out of turn."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from canbo.audit.chain import chain_head, verify


class Command(BaseCommand):
    """Recompute the hash chain of the audit trail and report the first broken rows."""

    help = "Kiểm tra chuỗi băm của nhật ký: phát hiện dòng nhật ký bị sửa, xóa hoặc chèn."

    def handle(self, *args: Any, **options: Any) -> None:
        breaks = []
        for item in verify():
            breaks.append(item)
            if len(breaks) >= 20:
                break
        if breaks:
            lines = [
                _("Dòng nhật ký #%(id)s: chuỗi băm không khớp (%(why)s).")
                % {"id": b.event_id, "why": b.reason}
                for b in breaks
            ]
            raise CommandError(_("Nhật ký đã bị can thiệp.") + "\n" + "\n".join(lines))
        head = chain_head()
        self.stdout.write(
            _("Nhật ký toàn vẹn: %(n)s dòng, mã băm cuối %(h)s.") % {"n": head["count"], "h": head["hash"]}
        )
