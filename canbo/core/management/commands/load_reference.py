"""`canbo load_reference`: load or refresh the shipped code lists."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from canbo.reference.loader import reference_load


class Command(BaseCommand):
    """Load or refresh the shipped code lists; safe to run again at any time."""

    help = (
        "Nạp hoặc cập nhật các danh mục dùng chung: dân tộc (hai bảng mã), tôn giáo, trình độ, "
        "diện quản lý và chức vụ. Chạy lại nhiều lần không tạo bản ghi trùng."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the loader and print how many rows each table received."""
        counts = reference_load()
        for table, count in counts.items():
            self.stdout.write(f"{table}: {count}")
        self.stdout.write(self.style.SUCCESS("Đã nạp danh mục dùng chung."))
