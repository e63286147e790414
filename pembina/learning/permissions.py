"""Resolve the actor's roles toward an employee (IDP, enrolment approval) or an event; the rules
themselves are data in `rules.workflow`."""

from __future__ import annotations

import datetime as dt

from pembina.accounts.choices import Role
from pembina.core.scoping import ActorScope, get_scope
from pembina.learning.rules.workflow import ADMIN_BKPSDM, ADMIN_OPD, MANAGER, OWNER, READER, SUPERIOR
from pembina.org import selectors as org_selectors


def _under(path: str | None, prefixes: tuple[str, ...]) -> bool:
    return bool(path) and any(path.startswith(p) for p in prefixes)


def superior_id(employee, on: dt.date | None = None) -> int | None:
    """The pejabat penilai of `employee` as of `on` (today by default); None = the regional head."""
    cached = getattr(employee, "_learning_superior", None)
    if cached is not None and on is None:
        return cached or None
    chain = org_selectors.superior_chain(employee=employee, on=on)
    sid = chain.superior.pk if chain.superior is not None else None
    if on is None:
        employee._learning_superior = sid or 0
    return sid


def employee_roles(actor, employee) -> frozenset[str]:
    """The roles `actor` holds toward `employee` today (see `rules.workflow`)."""
    scope: ActorScope = get_scope(actor)
    if scope.is_anonymous or scope.instansi_id != employee.instansi_id:
        return frozenset()
    roles: set[str] = set()
    me = scope.employee_id
    if me and employee.pk == me:
        roles.add(OWNER)
    if me != employee.pk:
        sup = superior_id(employee)
        if (sup and sup == me) or (sup is None and Role.PIMPINAN in scope.roles):
            roles.add(SUPERIOR)
    if scope.write_all:
        roles.add(ADMIN_BKPSDM)
    if _under(employee.current_unit_path, scope.admin_unit_paths):
        roles.add(ADMIN_OPD)
    if scope.read_all or _under(employee.current_unit_path, scope.led_unit_paths):
        roles.add(READER)
    return frozenset(roles)


def event_managers(actor, event) -> bool:
    """Admin BKPSDM runs every event; an Admin OPD runs the events their unit organises."""
    scope = get_scope(actor)
    if scope.is_anonymous or scope.instansi_id != event.instansi_id:
        return False
    if scope.write_all:
        return True
    path = event.organiser_unit.path if event.organiser_unit_id else ""
    return _under(path, scope.admin_unit_paths)


def enrolment_roles(actor, enrolment) -> frozenset[str]:
    roles = set(employee_roles(actor, enrolment.employee))
    if event_managers(actor, enrolment.event):
        roles.add(MANAGER)
    return frozenset(roles)


def is_admin_for(actor, employee) -> bool:
    return bool(employee_roles(actor, employee) & {ADMIN_OPD, ADMIN_BKPSDM})
