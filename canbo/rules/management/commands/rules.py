"""`canbo rules load` loads the shipped rule versions; `canbo rules retirement` computes a retirement date."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from canbo.rules.retirement import parse_birth, retirement_for
from canbo.rules.services import rules_load


class Command(BaseCommand):
    """Rules as data: load the shipped versions, or compute one statutory retirement date."""

    help = "Quy định dưới dạng dữ liệu: nạp các phiên bản quy định mặc định, hoặc tính ngày nghỉ hưu."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        sub.add_parser(
            "load",
            help=_(
                "Nạp hoặc bổ sung các phiên bản quy định và lịch ngày nghỉ, làm bù (chạy lại không tạo trùng)."
            ),
        )
        retirement = sub.add_parser("retirement", help=_("In ngày nghỉ hưu (ISO) và tuổi nghỉ hưu."))
        retirement.add_argument("--sex", required=True, help=_("Giới tính: nam hoặc nu."))
        retirement.add_argument("--birth", required=True, help=_("Ngày sinh: YYYY, YYYY-MM hoặc YYYY-MM-DD."))
        retirement.add_argument(
            "--title",
            action="append",
            default=[],
            help=_("Mã chức vụ đang giữ (cho nữ lãnh đạo nghỉ hưu ở tuổi cao hơn); có thể lặp lại."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            counts = rules_load()
            self.stdout.write(
                _(
                    "Phiên bản quy định: thêm %(vc)s, giữ nguyên %(vk)s. Ngày nghỉ, làm bù: thêm %(cc)s, "
                    "giữ nguyên %(ck)s."
                )
                % {
                    "vc": counts["rule_versions_created"],
                    "vk": counts["rule_versions_kept"],
                    "cc": counts["calendar_created"],
                    "ck": counts["calendar_kept"],
                }
            )
            if counts["rule_versions_conflicting"]:
                self.stderr.write(
                    _(
                        "%(n)s phiên bản kèm theo trùng thời gian với phiên bản đã có nên không được nạp; "
                        "xem và sửa ở trang Quy định (/quy-dinh/)."
                    )
                    % {"n": counts["rule_versions_conflicting"]}
                )
            return
        sex = str(options["sex"]).strip().lower()
        if sex not in ("nam", "nu"):
            raise CommandError(
                _("Giới tính “%(v)s” không hợp lệ: nhập nam hoặc nu.") % {"v": options["sex"]}, returncode=2
            )
        try:
            birth, _precision = parse_birth(str(options["birth"]))
            result = retirement_for(sex=sex, birth=birth, title_codes=set(options["title"]))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from exc
        self.stdout.write(f"{result.retires_on.isoformat()}\t{result.age_text}")
        if options["verbosity"] >= 2:
            self.stdout.write(
                _("Nghỉ hưu từ ngày %(d)s; căn cứ: %(c)s.")
                % {"d": result.pension_from.strftime("%d/%m/%Y"), "c": result.citation}
            )
