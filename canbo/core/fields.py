"""Model fields shared by the domain apps."""

from __future__ import annotations

from typing import Any

from django.db import models


class SortKeyField(models.CharField):
    """A column compared byte by byte, so that keys from canbo.core.text sort in Vietnamese order.

    PostgreSQL's default collation ignores spaces and punctuation at the first level, which would
    scramble the keys; the column therefore uses the "C" collation there and BINARY on SQLite.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 600)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", "")
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def db_parameters(self, connection: Any) -> dict[str, Any]:
        params = super().db_parameters(connection)
        params["collation"] = "C" if connection.vendor == "postgresql" else "BINARY"
        return params
