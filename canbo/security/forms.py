"""Forms of the security pages."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    """A six-digit code from the authenticator app."""

    token = forms.CharField(
        label=_("Mã xác thực 6 số"),
        max_length=6,
        min_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("Mã xác thực gồm đúng 6 chữ số."))],
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "pattern": r"\d{6}",
            }
        ),
    )

    def clean_token(self) -> str:
        """Drop spaces people type between the two groups of three digits."""
        return str(self.cleaned_data["token"]).replace(" ", "")
