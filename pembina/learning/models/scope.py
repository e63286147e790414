"""Row-level scope of learning data: rows about an employee are seen like the employee is."""

from __future__ import annotations

from django.db import models

from pembina.core.scoping import CHANGE, paths_q


def employee_q(
    scope,
    action,
    *,
    employee: str = "employee_id",
    instansi: str = "employee__instansi_id",
    path: str = "employee__current_unit_path",
) -> models.Q:
    """The employee themself, Admin OPD of their unit, heads of units above them, a superior named by
    override, and for reading Pimpinan/Auditor/BKPSDM; writing beyond one's own rows needs an admin.
    Derived tables pass their own denormalised `instansi`/`path` fields to avoid the join."""
    base = models.Q(**{instansi: scope.instansi_id})
    if scope.write_all or (action != CHANGE and scope.read_all):
        return base
    q = models.Q(pk__in=[])
    if scope.employee_id:
        q |= models.Q(**{employee: scope.employee_id})
    paths = scope.admin_unit_paths if action == CHANGE else scope.admin_unit_paths + scope.led_unit_paths
    if paths:
        q |= paths_q(path, paths)
    if scope.supervised_employee_ids and action != CHANGE:
        q |= models.Q(**{f"{employee}__in": scope.supervised_employee_ids})
    return base & q
