"""Scope conditions shared by every model that hangs off a performance plan."""

from __future__ import annotations

from django.db.models import Q

from pembina.core.scoping import CHANGE, paths_q


def plan_q(scope, action: str, prefix: str = "") -> Q:
    """Who sees (or may change) a plan, expressed on `<prefix>` = the path to the plan.

    Coarse filter only: the per-action rule set lives in `rules.workflow` and the services."""
    p = prefix
    base = Q(**{f"{p}year__instansi_id": scope.instansi_id})
    if scope.write_all or (action != CHANGE and scope.read_all):
        return base
    q = Q(pk__in=[])
    if scope.employee_id:
        q |= Q(**{f"{p}employee_id": scope.employee_id}) | Q(**{f"{p}rater_id": scope.employee_id})
        if action != CHANGE:
            q |= Q(**{f"{p}rater_superior_id": scope.employee_id})
    paths = scope.admin_unit_paths if action == CHANGE else scope.admin_unit_paths + scope.led_unit_paths
    if paths:
        q |= paths_q(f"{p}unit_path", paths)
    return base & q


def instansi_q(scope, field: str) -> Q:
    return Q(**{field: scope.instansi_id})
