"""Try an action as each role inside a rolled-back savepoint: 'ok', '404' or 'refused'."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404

from pembina.core.exceptions import ApplicationError


class _Rollback(Exception):
    pass


def attempt(fn) -> str:
    try:
        with transaction.atomic():
            fn()
            raise _Rollback
    except _Rollback:
        return "ok"
    except Http404:
        return "404"
    except ApplicationError:
        return "refused"


def outcomes(users: dict, roles, fn) -> dict[str, str]:
    """fn(user) for every role key; the database is unchanged afterwards."""
    return {role: attempt(lambda u=users[role]: fn(u)) for role in roles}
