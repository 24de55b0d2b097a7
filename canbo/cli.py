"""The `canbo` command: every Django management command, plus `demo` and `serve`."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command with the project's settings (dev settings unless told otherwise)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["canbo", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
