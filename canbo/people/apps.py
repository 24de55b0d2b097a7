"""App config: Persons (form 2C) with their qualifications, family and attachments."""

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Persons (form 2C) with their qualifications, family and attachments."""

    name = "canbo.people"
    label = "people"
    verbose_name = "Hồ sơ cán bộ"
