"""Puts the user's roles in every template, so navigation follows the role."""

from pembina.core.scoping import get_scope


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": frozenset(), "scope": None}
    scope = get_scope(user)
    return {"user_roles": scope.roles, "scope": scope}
