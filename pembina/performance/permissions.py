"""Resolve the actor's roles toward one plan; the rules themselves are data in `rules.workflow`."""

from __future__ import annotations

from pembina.accounts.choices import Role
from pembina.core.scoping import ActorScope, get_scope
from pembina.performance.rules import workflow
from pembina.performance.rules.workflow import ADMIN, OWNER, RATER, RATER_SUPERIOR, READER


def _under(path: str, prefixes: tuple[str, ...]) -> bool:
    return bool(path) and any(path.startswith(p) for p in prefixes)


def plan_roles(actor, plan) -> frozenset[str]:
    """The roles `actor` holds toward `plan` (needs plan.year loaded or cheap to load)."""
    scope: ActorScope = get_scope(actor)
    if scope.is_anonymous or scope.instansi_id != plan.year.instansi_id:
        return frozenset()
    roles: set[str] = set()
    me = scope.employee_id
    if me and plan.employee_id == me:
        roles.add(OWNER)
    if plan.rater_id:
        if me and plan.rater_id == me:
            roles.add(RATER)
    elif Role.PIMPINAN in scope.roles and plan.employee_id != me:
        roles.add(RATER)  # the Wali Kota rates OPD heads; the Pimpinan role acts for the office
    if me and plan.rater_superior_id == me:
        roles.add(RATER_SUPERIOR)
    if scope.write_all or _under(plan.unit_path, scope.admin_unit_paths):
        roles.add(ADMIN)
    if scope.read_all or _under(plan.unit_path, scope.led_unit_paths):
        roles.add(READER)
    return frozenset(roles)


def plan_can(actor, plan, action: str) -> bool:
    if actor is None:
        return True
    return workflow.allowed(action, plan_roles(actor, plan), plan.status)


def plan_actions(actor, plan) -> list[str]:
    return workflow.actions_for(plan_roles(actor, plan), plan.status)
