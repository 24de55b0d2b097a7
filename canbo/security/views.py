"""Views of the second factor: enrol a TOTP device, verify a code after the password."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice

from .forms import TokenForm, VerifyForm
from .middleware import OTP_ENROLLED_KEY
from .otp import (
    BACKUP_CODE_COUNT,
    backup_code_used,
    backup_codes_generate,
    backup_codes_left,
    has_confirmed_device,
    has_totp_device,
    is_verified,
    qr_data_uri,
    totp_device_confirm,
    totp_device_pending,
    totp_secret,
)


def _next_url(request: HttpRequest) -> str:
    """The safe ?next= target, or the home page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@never_cache
@sensitive_post_parameters("token")
@login_required
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """Show a new TOTP secret as a QR code and confirm it with a first code."""
    if has_confirmed_device(request.user):
        if not is_verified(request):
            # Replacing a device needs the current one: a stolen password must not be enough.
            return HttpResponseRedirect(
                f"{resolve_url('security:otp_verify')}?{urlencode({'next': request.path})}"
            )
        context = {"next": _next_url(request), "codes_left": backup_codes_left(request.user)}
        return render(request, "security/otp_enrolled.html", context)
    device = totp_device_pending(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if device.verify_token(form.cleaned_data["token"]):
                totp_device_confirm(actor=request.user, device=device)
                otp_login(request, device)
                request.session[OTP_ENROLLED_KEY] = True
                messages.success(request, _("Đã bật xác thực hai bước cho tài khoản."))
                return HttpResponseRedirect(_next_url(request))
        form.add_error(
            "token",
            _("Mã xác thực không đúng hoặc đã hết hạn. Sau mỗi lần nhập sai, hãy đợi vài giây rồi thử lại."),
        )
    uri = device.config_url
    context = {"form": form, "qr": qr_data_uri(uri), "secret": totp_secret(device), "uri": uri}
    context["next"] = request.GET.get("next") or request.POST.get("next") or ""
    return render(request, "security/otp_enrol.html", context)


@never_cache
@sensitive_post_parameters("token")
@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Ask for the code of the user's enrolled device after the password."""
    if is_verified(request):
        return HttpResponseRedirect(_next_url(request))
    if not has_confirmed_device(request.user):
        return HttpResponseRedirect(
            f"{resolve_url('security:otp_enrol')}?{urlencode({'next': _next_url(request)})}"
        )
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The app's code, or a backup code: the static device deletes a backup code as it matches it.
        device = match_token(request.user, form.cleaned_data["token"])
        if isinstance(device, StaticDevice):
            backup_code_used(user=request.user, device=device)
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request))
        form.add_error(
            "token",
            _("Mã xác thực không đúng hoặc đã hết hạn. Sau mỗi lần nhập sai, hãy đợi vài giây rồi thử lại."),
        )
    context = {"form": form, "next": request.GET.get("next") or request.POST.get("next") or ""}
    return render(request, "security/otp_verify.html", context)


@never_cache
@login_required
def backup_codes(request: HttpRequest) -> HttpResponse:
    """Issue new one-time backup codes (shown once) for a user whose session passed the authenticator app."""
    if not has_totp_device(request.user) or not is_verified(request):
        return HttpResponseRedirect(
            f"{resolve_url('security:otp_verify')}?{urlencode({'next': request.path})}"
        )
    codes: list[str] = []
    if request.method == "POST":
        codes = backup_codes_generate(actor=request.user, user=request.user)
        messages.success(
            request,
            _("Đã tạo %(n)s mã dự phòng mới; các mã cũ không còn dùng được.") % {"n": BACKUP_CODE_COUNT},
        )
    context = {"codes": codes, "codes_left": backup_codes_left(request.user), "count": BACKUP_CODE_COUNT}
    return render(request, "security/backup_codes.html", context)


def lockout_response(
    request: HttpRequest, original_response: object = None, credentials: object = None
) -> HttpResponse:
    """The page django-axes shows (HTTP 429) when a username is locked out from this address."""
    cooloff = getattr(settings, "AXES_COOLOFF_TIME", None)
    minutes = int(cooloff.total_seconds() // 60) if isinstance(cooloff, dt.timedelta) else None
    context = {"failure_limit": getattr(settings, "AXES_FAILURE_LIMIT", 5), "cooloff_minutes": minutes}
    return render(request, "security/lockout.html", context, status=429)
