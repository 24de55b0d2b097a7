"""App config: regulation rules as versioned data, retirement, working days and appointment terms."""

from django.apps import AppConfig


class RulesConfig(AppConfig):
    """Regulation rules as versioned data, retirement, working days and appointment terms."""

    name = "canbo.rules"
    label = "rules"
    verbose_name = "Quy định"
