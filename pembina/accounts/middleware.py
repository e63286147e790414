"""Admin roles must enrol a TOTP authenticator before doing anything else."""

from django.conf import settings
from django.shortcuts import redirect

from pembina.core.scoping import get_scope

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
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and not request.path.startswith("/api/")
            and mfa_required(user)
            and not has_totp(user)
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
