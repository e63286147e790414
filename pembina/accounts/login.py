"""What a login attempt is keyed on: the typed login normalised (NIP spaces removed) and the client IP.

The login form, django-axes (lockout counting) and the tests share these, so "19801230 201001 2 005"
and "198012302010012005" are one account for authentication and for the failure counter alike.
"""

from __future__ import annotations

import re

from django.conf import settings

from pembina.org.rules import nip as nip_rules

_DIGITS = re.compile(r"[0-9]+")


def normalize_login(raw: str | None) -> str:
    """A NIP typed with spaces, dots or dashes becomes its 18 digits; any other username is only stripped."""
    if raw is None:
        return ""
    value = str(raw).strip()
    compact = nip_rules.normalize(value)
    if _DIGITS.fullmatch(compact):
        return compact
    return value


def axes_username(request, credentials: dict | None = None) -> str:
    """AXES_USERNAME_CALLABLE: the normalised login, whichever way axes was handed it.

    Django's `user_login_failed` signal carries `username` (allauth authenticates with it), axes'
    own backend carries `login` (AXES_USERNAME_FORM_FIELD) and the lockout page only has the POST.
    """
    raw = None
    if credentials:
        raw = credentials.get("username") or credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    if raw is None and request is not None:
        data = getattr(request, "POST", None) or {}
        raw = data.get(settings.AXES_USERNAME_FORM_FIELD) or data.get("username")
    return normalize_login(raw)


def client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: REMOTE_ADDR, or the address the Nth trusted proxy saw.

    X-Forwarded-For is only believed when PEMBINA_TRUSTED_PROXY_COUNT says how many proxies we run;
    otherwise anyone could pick a fresh "IP" per attempt and never be locked out.
    """
    meta = request.META
    count = getattr(settings, "PEMBINA_TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        hops = [h.strip() for h in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= count:
            return hops[-count]
    return meta.get("REMOTE_ADDR", "")
