"""`canbo export_workbook [--unit CODE] OUT.xlsx`: write the canonical workbook from the database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from canbo.core.formatting import format_number
from canbo.imports.exporter import export_workbook
from canbo.org.models import OrgUnit


class Command(BaseCommand):
    """Export the records of the province, or of one unit and its subtree, in the import format."""

    help = "Xuất hồ sơ (toàn tỉnh hoặc một đơn vị) ra workbook theo mẫu nhập, để nhập lại được."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="Tệp .xlsx cần ghi")
        parser.add_argument("--unit", default="", help="Mã đơn vị (mặc định: toàn bộ)")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = None
        if options["unit"]:
            unit = OrgUnit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(_("Không có đơn vị mã “%(c)s”.") % {"c": options["unit"]})
        counts = export_workbook(options["out"], unit=unit)
        for sheet, count in counts.items():
            self.stdout.write(_("  %(sheet)s: %(n)s dòng") % {"sheet": sheet, "n": format_number(count)})
        self.stdout.write(self.style.SUCCESS(_("Đã ghi %(path)s.") % {"path": options["out"]}))
