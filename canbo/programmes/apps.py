"""App config: programmes, indicators and targets."""

from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    """Programmes (schemes, resolutions, plans), their indicators as data, targets and tasks."""

    name = "canbo.programmes"
    label = "programmes"
    verbose_name = "Đề án, chỉ tiêu"
