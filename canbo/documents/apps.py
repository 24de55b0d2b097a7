"""App config: the official documents the Board files (form 2C, lists of people)."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Word, PDF and Excel exports in official layouts, generated from the selectors' reads."""

    name = "canbo.documents"
    label = "documents"
    verbose_name = "Văn bản, biểu mẫu"
