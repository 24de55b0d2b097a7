"""App config: taking in units' Excel workbooks, previewing them and writing them through the services."""

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Import jobs, their problems, the canonical workbook and the annual ratings it carries."""

    name = "canbo.imports"
    label = "imports"
    verbose_name = "Nhập dữ liệu"
