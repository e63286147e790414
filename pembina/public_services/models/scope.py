"""Who sees and handles public-service records: shared `scope_q` building blocks."""

from __future__ import annotations

from django.db.models import Q

from pembina.core.scoping import CHANGE, paths_q


def instansi_wide(scope, action) -> bool:
    return scope.write_all if action == CHANGE else scope.read_all


def employee_place(scope) -> tuple[int | None, str]:
    """(current OPD id, current unit path) of the actor's own employee record, cached on the scope."""
    cache = scope.__dict__.get("_ps_place")
    if cache is not None:
        return cache
    place: tuple[int | None, str] = (None, "")
    if scope.employee_id:
        from pembina.org.models import Employee

        row = (
            Employee.objects.filter(pk=scope.employee_id)
            .values_list("current_opd_id", "current_unit_path")
            .first()
        )
        if row:
            place = (row[0], row[1] or "")
    object.__setattr__(scope, "_ps_place", place)  # frozen dataclass: memoise without changing equality
    return place


def handling_q(scope, action, *, path_field: str = "unit_path", opd_field: str = "opd_id") -> Q:
    """Records owned by a unit: instansi-wide roles, admins and heads of the unit's subtree, and the
    employees of the owning OPD (counter staff register and process requests of their own OPD)."""
    base = Q(instansi_id=scope.instansi_id)
    if instansi_wide(scope, action):
        return base
    q = paths_q(path_field, scope.admin_unit_paths + scope.led_unit_paths)
    opd_id, _path = employee_place(scope)
    if opd_id:
        q |= Q(**{opd_field: opd_id})
    return base & q


def can_handle(scope, action, *, instansi_id: int, unit_path: str, opd_id: int | None) -> bool:
    """The same rule as `handling_q`, for a record not saved yet."""
    if scope.is_anonymous or scope.instansi_id != instansi_id:
        return False
    if instansi_wide(scope, action):
        return True
    if any(unit_path.startswith(p) for p in scope.admin_unit_paths + scope.led_unit_paths):
        return True
    own_opd, _path = employee_place(scope)
    return bool(own_opd and own_opd == opd_id)
