"""Who may call the API at all; which object is visible is the queryset's job (scoping), not this."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import SAFE_METHODS, BasePermission

from pembina.core.scoping import ActorScope, get_scope


def can_write(scope: ActorScope) -> bool:
    """Roles that change master data: Admin BKPSDM everywhere, Admin OPD within its subtree."""
    return bool(scope.write_all or scope.admin_unit_paths)


def _session_without_required_mfa(request) -> bool:
    # The web middleware forces admins to enrol TOTP but lets /api/ through for token clients;
    # a browser session must not use the API to skip that enrolment.
    if not isinstance(request.successful_authenticator, SessionAuthentication):
        return False
    from pembina.accounts.middleware import has_totp, mfa_required  # the accounts app owns MFA

    return mfa_required(request.user) and not has_totp(request.user)


class ApiAccess(BasePermission):
    """Authenticated; writes only for roles that write (the service then checks the exact scope).

    Denying a role that can never write is independent of any object, so the 403 leaks nothing;
    an admin outside the object's scope gets 404 from the scoped queryset instead.
    """

    message = _("Anda tidak memiliki izin untuk melakukan tindakan ini.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if _session_without_required_mfa(request):
            self.message = _("Aktifkan autentikasi dua langkah (TOTP) sebelum memakai API dengan sesi login.")
            return False
        is_write = request.method not in SAFE_METHODS and getattr(view, "writes_need_role", True)
        if is_write and not can_write(get_scope(user)):
            self.message = _("Peran Anda tidak dapat mengubah data ini.")
            return False
        return True


class CanAudit(ApiAccess):
    """The audit trail is for auditors (and superusers) only."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if not get_scope(request.user).can_audit:
            self.message = _("Hanya auditor yang dapat membaca jejak audit.")
            return False
        return True
