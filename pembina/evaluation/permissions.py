"""Resolve the actor's roles toward one evaluation; the rules themselves are data in `rules.workflow`."""

from __future__ import annotations

from pembina.accounts.choices import Role
from pembina.core.scoping import ActorScope, get_scope
from pembina.evaluation.rules import workflow
from pembina.evaluation.rules.workflow import OWNER, RATER, RATER_SUPERIOR, READER, TEAM


def _under(path: str, prefixes: tuple[str, ...]) -> bool:
    return bool(path) and any(path.startswith(p) for p in prefixes)


def evaluation_roles(actor, evaluation) -> frozenset[str]:
    scope: ActorScope = get_scope(actor)
    if scope.is_anonymous or scope.instansi_id != evaluation.instansi_id:
        return frozenset()
    roles: set[str] = set()
    me = scope.employee_id
    if me and evaluation.employee_id == me:
        return frozenset({OWNER})  # nobody judges, calibrates or reads their own evaluation otherwise
    pimpinan = Role.PIMPINAN in scope.roles and evaluation.employee_id != me
    if evaluation.rater_id:
        if me and evaluation.rater_id == me:
            roles.add(RATER)
    elif pimpinan:
        roles.add(RATER)  # OPD heads are rated by the Wali Kota; the Pimpinan role acts for the office
    if evaluation.rater_superior_id:
        if me and evaluation.rater_superior_id == me:
            roles.add(RATER_SUPERIOR)
    elif pimpinan:
        roles.add(RATER_SUPERIOR)  # the Wali Kota is also the atasan of an OPD head's rater
    if scope.write_all or _under(evaluation.unit_path, scope.team_unit_paths):
        roles.add(TEAM)
    if scope.read_all or _under(evaluation.unit_path, scope.led_unit_paths):
        roles.add(READER)
    return frozenset(roles)


def evaluation_can(actor, evaluation, action: str) -> bool:
    if actor is None:
        return True
    return workflow.allowed(action, evaluation_roles(actor, evaluation), evaluation.status)


def evaluation_actions(actor, evaluation) -> list[str]:
    return workflow.actions_for(evaluation_roles(actor, evaluation), evaluation.status)


def can_record_org_predicate(actor) -> bool:
    """Set by the pimpinan above the OPD (the Wali Kota), or BKPSDM on their behalf."""
    if actor is None:
        return True
    scope = get_scope(actor)
    return not scope.is_anonymous and (scope.write_all or Role.PIMPINAN in scope.roles)


def can_calibrate_opd(actor, opd) -> bool:
    """Tim Penilai Kinerja of the OPD: a team grant on it, its Admin OPD, or Admin BKPSDM for the city."""
    if actor is None:
        return True
    scope = get_scope(actor)
    if scope.is_anonymous or scope.instansi_id != opd.instansi_id:
        return False
    return scope.write_all or _under(opd.path, scope.team_unit_paths)


def can_manage_potential(actor, employee) -> bool:
    if actor is None:
        return True
    scope = get_scope(actor)
    if scope.is_anonymous or scope.instansi_id != employee.instansi_id:
        return False
    return scope.write_all or _under(employee.current_unit_path, scope.admin_unit_paths)
