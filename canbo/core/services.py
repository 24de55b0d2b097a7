"""Helpers shared by the domain services: applying input to a row and validating it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def apply_fields(instance: models.Model, data: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Copy data onto instance, refusing any field that is not in allowed."""
    allowed = set(allowed)
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ValidationError(
            {name: _("Trường “%(name)s” không được phép nhập ở đây.") % {"name": name} for name in unknown}
        )
    for name, value in data.items():
        setattr(instance, name, value)


def merge_errors(errors: dict[str, list[str]], exc: ValidationError) -> None:
    """Add the messages of a ValidationError into a {field: [messages]} dict."""
    if hasattr(exc, "error_dict"):
        for field, field_errors in exc.message_dict.items():
            errors.setdefault(field, []).extend(field_errors)
    else:
        errors.setdefault("__all__", []).extend(exc.messages)


def full_clean_with(instance: models.Model, extra: dict[str, list[str]] | None = None, **kwargs: Any) -> None:
    """Run full_clean and raise one ValidationError holding its errors and the service's own."""
    errors: dict[str, list[str]] = {key: list(value) for key, value in (extra or {}).items() if value}
    try:
        instance.full_clean(**kwargs)
    except ValidationError as exc:
        merge_errors(errors, exc)
    if errors:
        raise ValidationError(errors)
