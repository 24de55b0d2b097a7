"""`canbo indicators --programme LC-18 --as-of 2020-12-11 [--unit CODE] [--format json|table]`."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from canbo.core.dates import today
from canbo.core.formatting import format_date
from canbo.org.models import OrgUnit
from canbo.programmes.engine import compute_programme, data_as_of_text, results_data_as_of, target_text
from canbo.programmes.models import Programme


class Command(BaseCommand):
    """Print a programme's indicator table computed from the records."""

    help = "In bảng chỉ tiêu của một đề án tính từ hồ sơ, tại một ngày, cho một đơn vị."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programme", required=True, help="Mã đề án, ví dụ LC-18")
        parser.add_argument("--as-of", default=None, help="Ngày tính, YYYY-MM-DD (mặc định hôm nay)")
        parser.add_argument("--unit", default=None, help="Mã đơn vị (mặc định: phạm vi của đề án)")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else today()
        except ValueError as exc:
            raise CommandError(
                _("Ngày “%(v)s” không hợp lệ; dùng dạng YYYY-MM-DD.") % {"v": options["as_of"]}
            ) from exc
        programme = Programme.objects.select_related("territory").filter(code=options["programme"]).first()
        if programme is None:
            raise CommandError(_("Không có đề án mã “%(c)s”.") % {"c": options["programme"]})
        unit = None
        if options["unit"]:
            unit = OrgUnit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(_("Không có đơn vị mã “%(c)s”.") % {"c": options["unit"]})
        try:
            results = compute_programme(programme, as_of=as_of, unit=unit)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        data_as_of = results_data_as_of(results)
        if options["format"] == "json":
            scope = unit or programme.territory
            payload = {
                "programme": programme.code,
                "as_of": as_of.isoformat(),
                "unit": scope.code if scope else None,
                # When the analytics snapshot's data was read; null for figures from the live database.
                "data_as_of": data_as_of.isoformat() if data_as_of else None,
                "indicators": {r.indicator.code: r.as_dict() for r in results},
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{programme.code} — {programme.title}")
        self.stdout.write(_("Tại ngày %(d)s") % {"d": format_date(as_of)})
        if data_as_of is not None:
            self.stdout.write(data_as_of_text(data_as_of))
        header = (
            f"{'Mã':<7} {'Chỉ tiêu':<62} {'Hiện trạng':>12} {'Hiện tại':>14} {'Mục tiêu':>16}  Tình trạng"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for r in results:
            i = r.indicator
            baseline = (
                f"{i.baseline_numerator}/{i.baseline_denominator}" if i.baseline_numerator is not None else ""
            )
            current = f"{r.numerator}/{r.denominator} {r.value_display}" if r.denominator is not None else "—"
            target = target_text(r.target) if r.target else ""
            self.stdout.write(
                f"{i.code:<7} {i.name[:62]:<62} {baseline:>12} {current:>14} {target:>16}  {r.get_status_label()}"
                + (f" — {r.note}" if r.note else "")
            )
