"""API tokens for integrations: issue and rotate, recorded in the audit trail (never the key itself)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from pembina.core.audit.recorder import Change, record
from pembina.core.exceptions import ApplicationError

CREATED = "created"
ROTATED = "rotated"
EXISTING = "existing"


@transaction.atomic
def api_token_issue(*, user, rotate: bool = False) -> tuple[Token, str]:
    """The user's token, created if missing or replaced when `rotate`; returns (token, what happened).

    Token is not an audited model (its primary key is the secret), so the entry is written here,
    keyed by the user id and holding only the creation time."""
    if not user.is_active:
        raise ApplicationError(_("Akun %(u)s tidak aktif.") % {"u": user.get_username()})
    current = Token.objects.select_for_update(of=("self",)).filter(user=user).first()
    if current is not None and not rotate:
        return current, EXISTING
    before = None
    if current is not None:
        before = {"user_id": user.pk, "created": current.created.isoformat()}
        current.delete()
    token = Token.objects.create(user=user)
    after = {"user_id": user.pk, "created": token.created.isoformat()}
    label = _("Token API %(u)s") % {"u": user.get_username()}
    record([Change("update" if before else "create", Token, user.pk, label, before, after)])
    return token, ROTATED if before else CREATED
