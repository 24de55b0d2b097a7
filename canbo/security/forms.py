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


class CodeField(forms.CharField):
    """A code as people type it: spaces between groups dropped, letters in lower case."""

    def to_python(self, value: object) -> str:
        return str(super().to_python(value)).replace(" ", "").lower()


class VerifyForm(forms.Form):
    """The second-factor step: a six-digit code from the app, or one of the user's backup codes."""

    token = CodeField(
        label=_("Mã xác thực 6 số hoặc mã dự phòng"),
        max_length=9,
        validators=[
            RegexValidator(
                r"^(\d{6}|[a-z2-7]{8})$",
                _("Nhập mã 6 chữ số của ứng dụng xác thực, hoặc một mã dự phòng gồm 8 ký tự."),
            )
        ],
    )
