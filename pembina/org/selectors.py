"""Reads of the org app: scoped lists and fetches, the unit tree, and who rates whom as of a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from pembina.core.scoping import CHANGE, VIEW
from pembina.org.choices import AssignmentKind
from pembina.org.models import Assignment, Employee, Position, SupervisorOverride, Unit


def today() -> dt.date:
    return timezone.localdate()


# --- scoped reads -----------------------------------------------------------------------------


def employee_list(*, actor, filters: dict | None = None) -> QuerySet[Employee]:
    qs = Employee.objects.for_actor(actor, VIEW).select_related(
        "current_unit", "current_position", "current_opd"
    )
    filters = filters or {}
    if q := (filters.get("q") or "").strip():
        digits = "".join(ch for ch in q if ch.isdigit())
        cond = Q(name__icontains=q)
        if len(digits) >= 4:
            cond |= Q(nip__startswith=digits)
        qs = qs.filter(cond)
    if opd := filters.get("opd"):
        qs = qs.filter(current_opd_id=opd)
    if unit := filters.get("unit"):
        unit_obj = Unit.objects.filter(pk=unit).only("path").first()
        qs = qs.filter(current_unit_path__startswith=unit_obj.path) if unit_obj else qs.none()
    if rank := filters.get("rank"):
        qs = qs.filter(rank=rank)
    if status := filters.get("asn_status"):
        qs = qs.filter(asn_status=status)
    if job_type := filters.get("job_type"):
        qs = qs.filter(current_position__job_type=job_type)
    if state := filters.get("state"):
        qs = qs.filter(state=state)
    return qs


def employee_get_for_actor(*, actor, pk, action: str = VIEW) -> Employee:
    return Employee.objects.select_related(
        "current_unit", "current_position", "current_opd", "instansi"
    ).get_for_actor_or_404(actor, action, pk=pk)


def unit_list(*, actor, action: str = VIEW) -> QuerySet[Unit]:
    return Unit.objects.for_actor(actor, action).select_related("parent", "opd")


def unit_get_for_actor(*, actor, pk, action: str = VIEW) -> Unit:
    return Unit.objects.select_related("parent", "opd").get_for_actor_or_404(actor, action, pk=pk)


def position_list(*, actor, action: str = VIEW) -> QuerySet[Position]:
    return Position.objects.for_actor(actor, action).select_related("unit")


def position_get_for_actor(*, actor, pk, action: str = VIEW) -> Position:
    return Position.objects.select_related("unit").get_for_actor_or_404(actor, action, pk=pk)


def assignment_history(*, employee: Employee) -> QuerySet[Assignment]:
    return employee.assignments.select_related("position", "unit").order_by("-start_date", "-id")


def unit_tree(*, actor) -> list[Unit]:
    """Every visible active unit in tree order, each with `n_employees` placed directly in it."""
    units = list(unit_list(actor=actor).filter(is_active=True).order_by("path"))
    instansi_ids = {u.instansi_id for u in units}
    counts = dict(
        Employee.objects.filter(instansi_id__in=instansi_ids, current_unit__isnull=False)
        .values_list("current_unit")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for u in units:
        u.n_employees = counts.get(u.pk, 0)
    return units


def unit_subtree_ids(unit: Unit) -> QuerySet:
    return Unit.objects.filter(path__startswith=unit.path).values("pk")


# --- who rates whom ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SuperiorChain:
    employee: Employee
    on: dt.date
    superior: Employee | None  # pejabat penilai kinerja; None = the regional head (Wali Kota)
    superior_of_superior: Employee | None  # atasan pejabat penilai
    via_override: bool = False


def _active(qs: QuerySet, on: dt.date) -> QuerySet:
    return qs.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))


class OrgSnapshot:
    """Everything needed to resolve superiors for many people as of one date, in a fixed number of
    queries: unit parents, who holds each head position, overrides and definitive placements."""

    def __init__(self, *, instansi_id: int, on: dt.date):
        self.on = on
        self.parent = dict(Unit.objects.filter(instansi_id=instansi_id).values_list("pk", "parent_id"))
        rows = _active(
            Assignment.objects.filter(position__is_head=True, employee__instansi_id=instansi_id), on
        ).values_list("unit_id", "employee_id", "kind", "start_date")
        rows = list(rows)
        # Definitive holders win over acting ones; among equals the latest appointment wins.
        rank = {AssignmentKind.DEFINITIVE: 0, AssignmentKind.ACTING: 1, AssignmentKind.DAILY: 2}
        best: dict[int, tuple] = {}
        for unit_id, emp_id, kind, start in rows:
            key = (rank.get(kind, 9), -start.toordinal())
            if unit_id not in best or key < best[unit_id][0]:
                best[unit_id] = (key, emp_id)
        self.head_of = {u: v[1] for u, v in best.items()}
        self.heads_by_employee: dict[int, set[int]] = {}
        for unit_id, emp_id, _kind, _start in rows:
            self.heads_by_employee.setdefault(emp_id, set()).add(unit_id)
        self.overrides = dict(
            _active(SupervisorOverride.objects.filter(employee__instansi_id=instansi_id), on)
            .order_by("start_date")
            .values_list("employee_id", "supervisor_id")
        )

    def placement(self, employee_ids: Iterable[int]) -> dict[int, tuple[int, bool]]:
        """employee id → (unit id, holds the unit's head position) from definitive assignments."""
        result: dict[int, tuple[int, bool]] = {}
        ids = list(employee_ids)
        for i in range(0, len(ids), 900):
            rows = _active(
                Assignment.objects.filter(employee_id__in=ids[i : i + 900], kind=AssignmentKind.DEFINITIVE),
                self.on,
            ).values_list("employee_id", "unit_id", "position__is_head", "start_date")
            for emp_id, unit_id, is_head, _start in sorted(rows, key=lambda r: r[3]):
                result[emp_id] = (unit_id, is_head)
        return result

    def superior_id(self, employee_id: int, placement: tuple[int, bool] | None) -> int | None:
        if employee_id in self.overrides:
            return self.overrides[employee_id]
        if placement is None:
            return None
        unit_id, is_head = placement
        # A unit head is rated by the head of the parent unit; a vacant head position passes upward.
        unit = self.parent.get(unit_id) if is_head else unit_id
        seen = 0
        while unit is not None and seen < 64:
            head = self.head_of.get(unit)
            if head is not None and head != employee_id:
                return head
            unit = self.parent.get(unit)
            seen += 1
        return None


def superiors_for(*, employees: list[Employee], on: dt.date | None = None) -> dict[int, int | None]:
    """employee id → pejabat penilai's employee id as of `on`, for many employees at once."""
    if not employees:
        return {}
    on = on or today()
    snap = OrgSnapshot(instansi_id=employees[0].instansi_id, on=on)
    placement = snap.placement([e.pk for e in employees])
    return {e.pk: snap.superior_id(e.pk, placement.get(e.pk)) for e in employees}


def superior_chain(*, employee: Employee, on: dt.date | None = None) -> SuperiorChain:
    """The pejabat penilai and the atasan pejabat penilai of `employee` as of `on`."""
    on = on or today()
    snap = OrgSnapshot(instansi_id=employee.instansi_id, on=on)
    placement = snap.placement([employee.pk])
    sup_id = snap.superior_id(employee.pk, placement.get(employee.pk))
    sup2_id = None
    if sup_id is not None:
        sup2_id = snap.superior_id(sup_id, snap.placement([sup_id]).get(sup_id))
    people = Employee.objects.in_bulk([i for i in (sup_id, sup2_id) if i])
    return SuperiorChain(
        employee=employee,
        on=on,
        superior=people.get(sup_id),
        superior_of_superior=people.get(sup2_id),
        via_override=employee.pk in snap.overrides,
    )


def led_unit_paths(*, employee_id: int, on: dt.date | None = None) -> tuple[str, ...]:
    """Paths of the units an employee heads (definitive or acting) on a date."""
    on = on or today()
    return tuple(
        _active(Assignment.objects.filter(employee_id=employee_id, position__is_head=True), on).values_list(
            "unit__path", flat=True
        )
    )


def supervised_ids(*, employee_id: int, on: dt.date | None = None) -> frozenset[int]:
    on = on or today()
    return frozenset(
        _active(SupervisorOverride.objects.filter(supervisor_id=employee_id), on).values_list(
            "employee_id", flat=True
        )
    )


def position_holders(
    *, position_ids: Iterable[int], on: dt.date | None = None
) -> dict[int, list[Assignment]]:
    """position id → assignments holding it on `on` (definitive first), with the employee, in one query.

    Who holds a jabatan is part of the published organisation chart, so this is not actor-scoped."""
    ids = list(position_ids)
    result: dict[int, list[Assignment]] = {}
    if not ids:
        return result
    rank = {AssignmentKind.DEFINITIVE: 0, AssignmentKind.ACTING: 1, AssignmentKind.DAILY: 2}
    rows = _active(Assignment.objects.filter(position_id__in=ids), on or today()).select_related("employee")
    for a in sorted(rows, key=lambda a: (rank.get(a.kind, 9), -a.start_date.toordinal(), a.pk)):
        result.setdefault(a.position_id, []).append(a)
    return result


def unit_heads(*, unit_ids: Iterable[int], on: dt.date | None = None) -> dict[int, Assignment]:
    """unit id → the assignment of whoever heads it on `on` (definitive over Plt/Plh), in one query."""
    ids = list(unit_ids)
    if not ids:
        return {}
    rank = {AssignmentKind.DEFINITIVE: 0, AssignmentKind.ACTING: 1, AssignmentKind.DAILY: 2}
    rows = _active(
        Assignment.objects.filter(position__is_head=True, position__unit_id__in=ids), on or today()
    ).select_related("employee", "position")
    best: dict[int, Assignment] = {}
    for a in sorted(rows, key=lambda a: (rank.get(a.kind, 9), -a.start_date.toordinal(), a.pk)):
        best.setdefault(a.position.unit_id, a)
    return best


__all__ = ["CHANGE", "VIEW"]
