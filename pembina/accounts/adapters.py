"""allauth adapters: accounts are created by BKPSDM, never by self sign-up; axes owns password lockout."""

import datetime as dt
import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": _("NIP/nama pengguna atau kata sandi salah."),
    }

    def is_open_for_signup(self, request):
        return False

    def pre_authenticate(self, request, **credentials):
        # django-axes counts failed passwords per NIP+IP in the database (shared by every worker);
        # allauth's own "login_failed" limit is left to guard the 2FA code step only.
        return None

    def is_reauthentication_required(self, *, app, **kwargs):
        # Enrolling the first authenticator right after signing in (admins are sent there straight from
        # the login form) and reading the recovery codes it produced must not ask for the password a
        # second time. Once an authenticator predates the sign-in, the usual reauthentication applies.
        if app == "allauth.mfa" and _fresh_login_without_authenticator():
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


# Time to install an authenticator app, scan the code and note the recovery codes after signing in.
ENROLMENT_WINDOW_SECONDS = 30 * 60


def _fresh_login_without_authenticator() -> bool:
    """Signed in within the window, and every authenticator (if any) was enrolled after that sign-in."""
    from allauth.account.internal.flows.login import get_authentication_records
    from allauth.core import context

    request = context.request
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    records = get_authentication_records(request, user)
    if not records:
        return False
    logged_in_at = records[-1]["at"]
    if time.time() - logged_in_at >= ENROLMENT_WINDOW_SECONDS:
        return False
    since = dt.datetime.fromtimestamp(logged_in_at, tz=dt.UTC)
    return not Authenticator.objects.filter(user=user, created_at__lt=since).exists()


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        from pembina.accounts.middleware import mfa_required

        if authenticator.type == Authenticator.Type.TOTP and mfa_required(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
