"""Admin roles (and superusers) must enrol a TOTP authenticator before doing anything else."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from pembina.core.scoping import get_scope

# Pages an admin without 2FA may still open: login/logout/2FA enrolment, assets, language, health.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz", "/media/")


def mfa_required(user) -> bool:
    if not user.is_authenticated:
        return False
    required = set(settings.PEMBINA_MFA_REQUIRED_ROLES)
    roles = get_scope(user).roles
    return bool(user.is_superuser or roles & required)


def has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAForAdminsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        request.mfa_enrolment_required = False
        if user is not None and user.is_authenticated and mfa_required(user) and not has_totp(user):
            request.mfa_enrolment_required = True
            if request.path.startswith("/api/"):
                # A browser session of an admin without 2FA must not reach data through the API either.
                return JsonResponse(
                    {"detail": _("Aktifkan autentikasi dua faktor sebelum memakai API.")}, status=403
                )
            if not request.path.startswith(ALLOWED_PREFIXES):
                return redirect("mfa_activate_totp")
        return self.get_response(request)
