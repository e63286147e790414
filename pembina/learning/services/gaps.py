"""The materialised gap table (one row per employee × required competency), refreshed set-based.

The OPD and city "biggest gaps" views aggregate this table in one query. It is rebuilt for the
employees concerned whenever an assessment is recorded or a standard changes, and fully by the nightly
job (`pembina learning_refresh`), so a transfer (mutasi) is picked up the next night at the latest.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from pembina.learning.models import CompetencyGap
from pembina.learning.selectors import _data
from pembina.org.choices import EmploymentState
from pembina.org.models import Employee

BATCH = 2000


def _rows(employees, standards, levels, now) -> list[CompetencyGap]:
    rows = []
    for emp_id, instansi_id, position_id, opd_id, path in employees:
        standard = standards.get(position_id) or {}
        mine = levels.get(emp_id, {})
        for cid, req in standard.items():
            cur = mine.get(cid)
            level = cur.level if cur is not None else None
            rows.append(
                CompetencyGap(
                    instansi_id=instansi_id,
                    employee_id=emp_id,
                    competency_id=cid,
                    opd_id=opd_id,
                    unit_path=path,
                    required=req,
                    current=level,
                    gap=None if level is None else max(req - level, 0),
                    refreshed_at=now,
                )
            )
    return rows


EMP_FIELDS = ("pk", "instansi_id", "current_position_id", "current_opd_id", "current_unit_path")


@transaction.atomic
def gap_table_refresh(*, instansi_id: int, employee_ids: Iterable[int] | None = None) -> int:
    """Rebuild the gap rows of the given employees (all active employees of the instansi when None)."""
    now = timezone.now()
    active = Employee.objects.filter(instansi_id=instansi_id, state=EmploymentState.ACTIVE)
    if employee_ids is None:
        employees = list(active.values_list(*EMP_FIELDS))
        standards = _data.standards_all(instansi_id)
        levels = _data.current_levels_all(instansi_id)
        CompetencyGap.objects.filter(instansi_id=instansi_id).delete()
    else:
        ids = sorted(set(employee_ids))
        employees = []
        for chunk in _data._chunks(ids):
            employees += list(active.filter(pk__in=chunk).values_list(*EMP_FIELDS))
            CompetencyGap.objects.filter(employee_id__in=chunk).delete()
        standards = _data.standards_for(instansi_id, [e[2] for e in employees])
        levels = _data.current_levels(ids)
    rows = _rows(employees, standards, levels, now)
    CompetencyGap.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def gap_table_refresh_positions(*, instansi_id: int, position_ids: Iterable[int]) -> int:
    ids = list(
        Employee.objects.filter(
            instansi_id=instansi_id, current_position_id__in=list(position_ids)
        ).values_list("pk", flat=True)
    )
    return gap_table_refresh(instansi_id=instansi_id, employee_ids=ids) if ids else 0
