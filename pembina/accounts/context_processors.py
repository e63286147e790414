"""Puts the user's roles in every template, so navigation follows the role."""

from pembina.accounts.choices import role_label
from pembina.core.scoping import get_scope


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": frozenset(), "role_labels": [], "scope": None}
    scope = get_scope(user)
    labels = sorted(role_label(code) for code in scope.roles)
    return {"user_roles": scope.roles, "role_labels": labels, "scope": scope}
