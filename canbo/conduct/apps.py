"""App config: discipline records, political-standard conclusions, rating checks and eligibility."""

from django.apps import AppConfig


class ConductConfig(AppConfig):
    """Discipline, political standard, annual-rating checks and the eligibility checklist."""

    name = "canbo.conduct"
    label = "conduct"
    verbose_name = "Kỷ luật, tiêu chuẩn chính trị, xếp loại"
