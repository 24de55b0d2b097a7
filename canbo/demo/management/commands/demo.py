"""`canbo demo`: build the demo province (a deterministic synthetic Lào Cai) and print its totals."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from canbo.core.formatting import format_date, format_number
from canbo.demo import writer
from canbo.demo.generator import DEMO_PASSWORD, DEMO_USERNAME, DemoError, DemoSummary, build_demo, demo_clear
from canbo.demo.summary import Totals
from canbo.rules.services import rules_load


class Command(BaseCommand):
    """Build the demo province into an empty database (or, with --reset, in place of the current data)."""

    help = (
        "Tạo dữ liệu mẫu: một tỉnh giả lập theo địa giới Lào Cai với số liệu cán bộ theo các đề án mẫu. "
        "Cùng hạt giống cho cùng dữ liệu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2020, help=_("Hạt giống ngẫu nhiên (mặc định 2020)."))
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help=_("Quy mô so với tỉnh đầy đủ, ví dụ 0.1 (mặc định 1)."),
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help=_("Xóa toàn bộ cán bộ, đơn vị, quá trình công tác, cấp ủy… hiện có rồi tạo lại."),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_(
                "Chỉ tạo khi cơ sở dữ liệu chưa có dữ liệu; nếu đã có thì giữ nguyên (dùng trong “make demo”)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seed, scale, reset = options["seed"], options["scale"], options["reset"]
        if not reset and writer.has_data():
            if options["if_empty"]:
                self.stdout.write(
                    _("Cơ sở dữ liệu đã có dữ liệu; giữ nguyên. Dùng “canbo demo --reset” để tạo lại.")
                )
                self._login()
                return
            raise CommandError(
                _("Cơ sở dữ liệu đã có dữ liệu cán bộ, đơn vị. Chạy “canbo demo --reset” để xóa và tạo lại.")
            )
        self.stdout.write(
            _("Đang tạo tỉnh mẫu (hạt giống %(seed)s, quy mô %(scale)s)…")
            % {"seed": seed, "scale": format_number(scale, 2)}
        )
        try:
            with transaction.atomic():  # a failed rebuild leaves the old data in place
                if reset:
                    cleared = demo_clear()
                    self.stdout.write(_("Đã xóa dữ liệu cũ (%(n)s bảng).") % {"n": len(cleared)})
                summary = build_demo(seed=seed, scale=scale, stdout=self.stdout)
                rules_load()  # the rule versions and holiday swaps (canbo.rules), kept if present
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        self._report(summary, verbose=options["verbosity"] >= 2)

    def _report(self, summary: DemoSummary, *, verbose: bool = False) -> None:
        write = self.stdout.write
        write(
            self.style.SUCCESS(
                _("Đã tạo tỉnh mẫu trong %(s)s giây.") % {"s": format_number(summary.seconds, 1)}
            )
        )
        for province in summary.provinces:
            write(_("Tỉnh %(name)s (mã %(code)s):") % {"name": province.name, "code": province.code})
            for totals in (province.baseline, province.current):
                self._totals(totals)
        rows = summary.rows
        write(
            _(
                "Bản ghi: %(people)s cán bộ, %(assignments)s quá trình công tác, %(decisions)s quyết định, "
                "%(qualifications)s văn bằng, chứng chỉ, %(units)s cơ quan, đơn vị, %(memberships)s lượt tham gia "
                "cấp ủy, HĐND, %(nominations)s người ứng cử."
            )
            % {k: format_number(v) for k, v in rows.items()}
        )
        write(
            _("Đào tạo, quy hoạch: %(courses)s khóa đào tạo, bồi dưỡng, %(planning)s lượt quy hoạch.")
            % {
                "courses": format_number(rows["training_courses"]),
                "planning": format_number(rows["planning"]),
            }
        )
        if summary.title_fallbacks:
            write(
                _("Danh mục chức vụ chưa có %(n)s mã riêng; đã dùng chức vụ tương đương.")
                % {"n": len(summary.title_fallbacks)}
            )
        if verbose:
            for step, seconds in summary.timings.items():
                write(f"  {step}: {format_number(seconds, 2)} s")
            for codes, count in summary.title_fallbacks.items():
                write(f"  {codes}: {format_number(count)}")
        self._login()

    def _login(self) -> None:
        self.stdout.write(
            self.style.WARNING(
                _(
                    "Đăng nhập bản demo (chạy “canbo serve” rồi mở http://127.0.0.1:8000): tài khoản “%(user)s”, "
                    "mật khẩu “%(password)s” (chỉ dùng cho dữ liệu mẫu)."
                )
                % {"user": DEMO_USERNAME, "password": DEMO_PASSWORD}
            )
        )

    def _totals(self, totals: Totals) -> None:
        n = format_number
        self.stdout.write(_("Ngày %(day)s:") % {"day": format_date(totals.as_of)})
        self.stdout.write(
            "  "
            + _("Cán bộ, công chức, viên chức: %(all)s (cấp tỉnh, huyện: %(pd)s; cấp xã: %(c)s)")
            % {"all": n(totals.staff), "pd": n(totals.staff_province_district), "c": n(totals.staff_commune)}
        )
        self.stdout.write(
            "  "
            + _("Lãnh đạo, quản lý cấp tỉnh, cấp huyện: %(all)s (nữ %(w)s, dân tộc thiểu số %(m)s)")
            % {"all": n(totals.leaders), "w": n(totals.leaders_women), "m": n(totals.leaders_minority)}
        )
        self.stdout.write(
            "  "
            + _("Diện Ban Thường vụ Tỉnh ủy quản lý: %(all)s (nữ %(w)s, dân tộc thiểu số %(m)s)")
            % {"all": n(totals.btv_managed), "w": n(totals.btv_women), "m": n(totals.btv_minority)}
        )
        self.stdout.write(
            "  "
            + _("Đơn vị hành chính có bộ máy: %(d)s cấp huyện, %(c)s cấp xã")
            % {"d": n(totals.districts), "c": n(totals.communes)}
        )
