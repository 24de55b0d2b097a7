"""Security: login lockout, idle timeout, second factor, security headers, backup and restore."""

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Register the security checks when the app is ready."""

    name = "canbo.security"
    label = "security"
    verbose_name = _("Bảo mật")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from . import (
            checks,  # noqa: F401  (registers the system checks)
            signals,
        )
        from .middleware import session_start

        # Session bookkeeping at login (not domain logic): it rides on the session save login does anyway.
        def on_login(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
            session_start(request=request, user=user)

        user_logged_in.connect(on_login, dispatch_uid="canbo.security.session_start", weak=False)
        signals.connect()
