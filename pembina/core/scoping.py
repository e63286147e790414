"""Who may see and change what: the actor's scope and the queryset that applies it.

Every read for a user starts from `Model.objects.for_actor(actor, action)`. The scope itself is
computed once per request by the accounts app (`pembina.accounts.scope.scope_for`), so this module
knows nothing about org units or roles beyond the facts the scope carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.http import Http404

if TYPE_CHECKING:
    from django.db.models import Q

VIEW = "view"
CHANGE = "change"


@dataclass(frozen=True)
class ActorScope:
    user_id: int | None
    instansi_id: int | None
    employee_id: int | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    read_all: bool = False
    write_all: bool = False
    can_audit: bool = False
    admin_unit_paths: tuple[str, ...] = ()
    # Tim Penilai Kinerja: the units whose evaluations the actor may calibrate (Admin OPD units + team grants)
    team_unit_paths: tuple[str, ...] = ()
    led_unit_paths: tuple[str, ...] = ()
    supervised_employee_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    @property
    def is_supervisor(self) -> bool:
        return bool(self.led_unit_paths or self.supervised_employee_ids)


ANONYMOUS = ActorScope(user_id=None, instansi_id=None)


def get_scope(actor: Any) -> ActorScope:
    """The scope of a user (cached on the user object for the request)."""
    if isinstance(actor, ActorScope):
        return actor
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(actor, "_pembina_scope", None)
    if cached is None:
        from pembina.accounts.scope import scope_for  # the accounts app owns roles

        cached = scope_for(actor)
        actor._pembina_scope = cached
    return cached


def paths_q(field_name: str, paths: tuple[str, ...]) -> Q:
    q = models.Q(pk__in=[])
    for path in paths:
        q |= models.Q(**{f"{field_name}__startswith": path})
    return q


class ScopedQuerySet(models.QuerySet):
    """A queryset whose model defines `scope_q(scope, action) -> Q`."""

    def for_actor(self, actor: Any, action: str = VIEW) -> ScopedQuerySet:
        scope = get_scope(actor)
        if scope.is_anonymous:
            return self.none()
        return self.filter(self.model.scope_q(scope, action))

    def get_for_actor_or_404(self, actor: Any, action: str = VIEW, **lookup: Any) -> models.Model:
        try:
            return self.for_actor(actor, action).get(**lookup)
        except (self.model.DoesNotExist, ValueError, TypeError):
            raise Http404 from None
