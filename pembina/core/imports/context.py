"""Who an import runs for: the importing admin's scope, instansi and lookups shared by the rows.

Every app's import kinds are for Admin BKPSDM (the whole instansi) and Admin OPD (their units)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import ActorScope, get_scope


@dataclass
class ImportContext:
    actor: Any
    scope: ActorScope
    instansi_id: int
    today: dt.date
    lookups: dict[str, Any] = field(default_factory=dict)

    @property
    def write_all(self) -> bool:
        return self.scope.write_all

    def can_change_path(self, path: str | None) -> bool:
        """Admin BKPSDM everywhere; Admin OPD inside their units."""
        if self.scope.write_all:
            return True
        return bool(path) and any(path.startswith(p) for p in self.scope.admin_unit_paths)


def can_import(user) -> bool:
    scope = get_scope(user)
    return bool(scope.write_all or scope.admin_unit_paths)


def admin_context(actor, *, refusal: str, instansi_id: int | None = None) -> ImportContext:
    """The context of an admin's import (refused with `refusal` for anyone else or without an instansi)."""
    scope = get_scope(actor)
    instansi_id = instansi_id if instansi_id is not None else scope.instansi_id
    if not can_import(actor) or instansi_id is None:
        raise ApplicationError(refusal)
    return ImportContext(actor=actor, scope=scope, instansi_id=instansi_id, today=timezone.localdate())
