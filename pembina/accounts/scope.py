"""Builds a user's ActorScope from granted roles and from the org (who leads which unit today)."""

from __future__ import annotations

from pembina.accounts.choices import PEGAWAI, PEJABAT_PENILAI, Role
from pembina.core.scoping import ActorScope
from pembina.org import selectors as org_selectors

READ_ALL_ROLES = {Role.ADMIN_BKPSDM, Role.PIMPINAN, Role.AUDITOR}


def scope_for(user) -> ActorScope:
    grants = list(user.role_grants.select_related("unit").all())
    roles = {g.role for g in grants}
    admin_paths = tuple(g.unit.path for g in grants if g.role == Role.ADMIN_OPD and g.unit_id)
    team_paths = admin_paths + tuple(g.unit.path for g in grants if g.role == Role.TIM_PENILAI and g.unit_id)
    led: tuple[str, ...] = ()
    supervised: frozenset[int] = frozenset()
    if user.employee_id:
        roles.add(PEGAWAI)
        led = org_selectors.led_unit_paths(employee_id=user.employee_id)
        supervised = org_selectors.supervised_ids(employee_id=user.employee_id)
        if led or supervised:
            roles.add(PEJABAT_PENILAI)
    instansi_id = user.instansi_id
    if instansi_id is None and user.employee_id:
        instansi_id = user.employee.instansi_id
    superuser = bool(user.is_superuser)
    return ActorScope(
        user_id=user.pk,
        instansi_id=instansi_id,
        employee_id=user.employee_id,
        roles=frozenset(roles),
        read_all=superuser or bool(roles & READ_ALL_ROLES),
        write_all=superuser or Role.ADMIN_BKPSDM in roles,
        can_audit=superuser or Role.AUDITOR in roles,
        admin_unit_paths=admin_paths,
        team_unit_paths=team_paths,
        led_unit_paths=led,
        supervised_employee_ids=supervised,
    )
