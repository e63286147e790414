"""Who sees (or may change) an evaluation, expressed as Q objects on the evaluation's fields."""

from __future__ import annotations

from django.db.models import Q

from pembina.accounts.choices import Role
from pembina.core.scoping import CHANGE, paths_q

VISIBLE_TO_EMPLOYEE = ("published", "locked")


def evaluation_q(scope, action: str, prefix: str = "") -> Q:
    """The employee sees their own evaluation once published (whatever other role they hold); the
    pejabat penilai their ratees; the atasan pejabat penilai the evaluations they may have to decide
    appeals on; Admin OPD (acting as Tim Penilai Kinerja) their OPD; Admin BKPSDM the city;
    Pimpinan/Auditor and heads of units above read."""
    p = prefix
    me = scope.employee_id
    base = Q(**{f"{p}instansi_id": scope.instansi_id})
    if me:
        own_unpublished = Q(**{f"{p}employee_id": me}) & ~Q(**{f"{p}status__in": VISIBLE_TO_EMPLOYEE})
        base &= ~own_unpublished
        if action == CHANGE:
            base &= ~Q(**{f"{p}employee_id": me})
    if scope.write_all or (action != CHANGE and scope.read_all):
        return base
    q = Q(pk__in=[])
    if me:
        q |= Q(**{f"{p}rater_id": me})
        if action != CHANGE:
            q |= Q(**{f"{p}employee_id": me}) | Q(**{f"{p}rater_superior_id": me})
    if Role.PIMPINAN in scope.roles:
        q |= Q(**{f"{p}rater__isnull": True})  # the Wali Kota rates OPD heads
    paths = scope.team_unit_paths if action == CHANGE else scope.team_unit_paths + scope.led_unit_paths
    if paths:
        q |= paths_q(f"{p}unit_path", paths)
    return base & q
