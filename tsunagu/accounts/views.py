"""Signing in and out, the second factor, personal preferences, and security refusals."""

import base64
import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from tsunagu.accounts import selectors, services
from tsunagu.accounts.access import AuthedRequest, may_decide_membership, role_required
from tsunagu.accounts.choices import Role
from tsunagu.accounts.forms import PreferencesForm, SecondFactorForm, SignInForm, TokenForm
from tsunagu.accounts.models import User
from tsunagu.core.forms import show_errors
from tsunagu.core.http import is_verified

SIGNED_IN_COOKIE = "tsunagu_signed_in"
PENDING_USER = "tsunagu_pending_user"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


def _finish(request: HttpRequest, user: User, device: Any = None) -> HttpResponse:
    services.complete_sign_in(request, user=user, device=device)
    response = redirect(_next_url(request))
    # Remembered past the session so that a return after idle expiry can be explained.
    response.set_signed_cookie(
        SIGNED_IN_COOKIE,
        str(user.pk),
        salt=SIGNED_IN_COOKIE,
        max_age=12 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


@never_cache
@sensitive_post_parameters("password")
def sign_in(request: HttpRequest) -> HttpResponse:
    """ログイン."""
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = SignInForm(request.POST or None)
    expired_user = request.get_signed_cookie(SIGNED_IN_COOKIE, default=None, salt=SIGNED_IN_COOKIE)
    if request.method == "POST" and form.is_valid():
        result = services.sign_in(
            request, email=form.cleaned_data["email"], password=form.cleaned_data["password"]
        )
        if result.locked_out:
            return locked_out(request)
        if result.user is None:
            form.add_error(
                None,
                _(
                    "The e-mail address or the password is wrong. "
                    "After %(limit)d failures the account is locked for "
                    "%(minutes)d minutes."
                )
                % {
                    "limit": settings.AXES_FAILURE_LIMIT,
                    "minutes": settings.AXES_COOLOFF_TIME.total_seconds() // 60,
                },
            )
        elif result.needs_second_factor:
            request.session[PENDING_USER] = result.user.pk
            query = urlencode({"next": _next_url(request)})
            return redirect(f"{reverse('accounts:two-factor-verify')}?{query}")
        else:
            return _finish(request, result.user)
    elif request.method == "GET" and expired_user and not request.session.get(PENDING_USER):
        services.note_session_expired(user_id=int(expired_user))
        messages.info(
            request,
            _(
                "You were signed out after %(minutes)d minutes without "
                "activity. Sign in again to continue."
            )
            % {"minutes": settings.SESSION_COOKIE_AGE // 60},
        )
        response = render(request, "accounts/sign_in.html", {"form": form})
        response.delete_cookie(SIGNED_IN_COOKIE)
        return response
    return render(request, "accounts/sign_in.html", {"form": form})


@never_cache
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """二段階認証: the code after the password."""
    pending = request.session.get(PENDING_USER)
    user = User.objects.filter(pk=pending, is_active=True).first() if pending else None
    if user is None:
        messages.info(request, _("Sign in with your e-mail address and password first."))
        return redirect("accounts:login")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.check_second_factor(request, user=user, code=form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING_USER]
            return _finish(request, user, device)
        form.add_error(
            "code",
            _("The code is wrong or has expired. Enter the code your authenticator app shows now."),
        )
    return render(request, "accounts/two_factor_verify.html", {"form": form})


@never_cache
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """二段階認証の設定: scan the QR code, then confirm with one code."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    user = request.user
    assert isinstance(user, User)  # noqa: S101
    if is_verified(user):
        messages.info(request, _("Two-factor authentication is already set up."))
        return redirect("core:home")
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        # Enrolled already but this session has not passed the second factor.
        services.sign_out(request)
        messages.info(request, _("Sign in again and enter the code from your app."))
        return redirect("accounts:login")
    device = services.totp_device_for_enrolment(user=user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.confirm_totp_enrolment(
            request, user=user, device=device, code=form.cleaned_data["code"]
        ):
            messages.success(request, _("Two-factor authentication is set up."))
            return redirect("core:home")
        form.add_error(
            "code",
            _(
                "The code does not match. Check the time on your phone and "
                "enter the code the app shows now."
            ),
        )
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    context = {
        "form": form,
        "qr_svg": buffer.getvalue().decode(),
        "secret": _base32(device.bin_key),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def _base32(key: bytes) -> str:
    """The secret for typing into an app by hand, in groups of four."""
    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    services.sign_out(request)
    messages.success(request, _("You have signed out."))
    response = redirect("accounts:login")
    response.delete_cookie(SIGNED_IN_COOKIE)
    return response


def preferences(request: HttpRequest) -> HttpResponse:
    """表示設定."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    user = request.user
    assert isinstance(user, User)  # noqa: S101
    form = PreferencesForm(request.POST or None, initial={"date_style": user.date_style})
    if request.method == "POST" and form.is_valid():
        services.set_preferences(actor=user, date_style=form.cleaned_data["date_style"])
        messages.success(request, _("Your preferences are saved."))
        return redirect("accounts:preferences")
    return render(request, "accounts/preferences.html", {"form": form})


@never_cache
@role_required(*Role.values)
def tokens(request: AuthedRequest) -> HttpResponse:
    """APIトークン: the user's own tokens (what for, until when, last used, read-only), issued
    and revoked here; a new token is shown once, never again."""
    form = TokenForm(request.POST if request.POST.get("action") == "issue" else None)
    # A new token is shown once, on the page the issue redirects to (a reload issues none).
    issued = request.session.pop("issued_token", None) if request.method == "GET" else None
    if request.method == "POST" and request.POST.get("action") == "revoke":
        token = selectors.token_of(request.user, request.POST.get("token"))
        services.revoke_api_token(actor=request.user, token=token)
        messages.success(request, _("The token is revoked: it opens nothing any more."))
        return redirect("accounts:tokens")
    if form.is_bound and form.is_valid():
        try:
            token, issued = services.issue_api_token(
                actor=request.user, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            request.session["issued_token"] = issued
            return redirect("accounts:tokens")
    context = {"form": form, "issued": issued, "tokens": selectors.tokens_of(request.user)}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/tokens.html", context, status=status)


@role_required(Role.MANAGER)
def pending_roles(request: AuthedRequest) -> HttpResponse:
    """役割の確認: roles given in the manager's agencies that wait for a manager to confirm."""
    rows = [
        (membership, may_decide_membership(request.user, membership))
        for membership in selectors.pending_memberships_for_manager(request.user)
    ]
    return render(request, "accounts/membership_pending.html", {"rows": rows})


@require_POST
@role_required(Role.MANAGER)
def decide_role(request: AuthedRequest, membership_id: int) -> HttpResponse:
    """Confirm or refuse one waiting role (the button pressed says which)."""
    membership = selectors.get_pending_membership_for_manager(request.user, membership_id)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "refuse"):
        return HttpResponseBadRequest(_("Choose whether to confirm or refuse the role."))
    decide = services.confirm_membership if decision == "confirm" else services.refuse_membership
    try:
        decide(actor=request.user, membership=membership)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        params = {"user": membership.user, "role": membership.get_role_display()}
        messages.success(
            request,
            (
                _("The role %(role)s of %(user)s is confirmed.")
                if decision == "confirm"
                else _("The role %(role)s of %(user)s is refused.")
            )
            % params,
        )
    return redirect("accounts:pending-roles")


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Too many failed sign-ins (django-axes calls this too)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent with a missing or forged CSRF token: say what happened and what to do."""
    services.note_csrf_failure(request, reason=reason)
    return render(request, "core/csrf_failure.html", status=403)
