"""Every write of the org app with rules: UI, API, import, demo and commands all call these."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import CHANGE
from pembina.org.choices import AssignmentKind, AssignmentReason
from pembina.org.models import Assignment, Employee, Instansi, Position, SupervisorOverride, Unit


def _ensure_can_change(actor, model, obj_pk=None, *, unit: Unit | None = None) -> None:
    """Writes are checked against the actor's change scope (None actor = trusted system code)."""
    if actor is None:
        return
    if unit is not None and not Unit.objects.for_actor(actor, CHANGE).filter(pk=unit.pk).exists():
        raise ApplicationError(_("Anda tidak berwenang mengubah data pada unit ini."))
    if obj_pk is not None and not model.objects.for_actor(actor, CHANGE).filter(pk=obj_pk).exists():
        raise ApplicationError(_("Anda tidak berwenang mengubah data ini."))


def _full_clean(obj, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        first = next(iter(exc.message_dict.items())) if hasattr(exc, "message_dict") else (None, exc.messages)
        field, msgs = first
        raise ApplicationError(" ".join(msgs), field=field, extra={"errors": exc.message_dict}) from None


# --- units ------------------------------------------------------------------------------------


@transaction.atomic
def unit_create(
    *,
    instansi: Instansi,
    parent: Unit | None,
    code: str,
    name: str,
    kind: str,
    actor,
    short_name: str = "",
    is_opd: bool | None = None,
    sort_order: int = 0,
) -> Unit:
    if parent is not None:
        _ensure_can_change(actor, Unit, unit=parent)
    elif actor is not None:
        from pembina.core.scoping import get_scope

        if not get_scope(actor).write_all:
            raise ApplicationError(_("Hanya Admin BKPSDM yang dapat membuat OPD baru."))
    unit = Unit(
        instansi=instansi,
        parent=parent,
        code=code.strip(),
        name=name.strip(),
        kind=kind,
        short_name=short_name,
        sort_order=sort_order,
        is_opd=is_opd if is_opd is not None else parent is None or parent.parent_id is None,
    )
    _full_clean(unit, exclude=["opd"])
    unit.save()
    unit.compute_path()
    unit.opd = _opd_of(unit)
    Unit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth, opd=unit.opd)
    return unit


def _opd_of(unit: Unit) -> Unit | None:
    if unit.is_opd:
        return unit
    node = unit.parent
    while node is not None:
        if node.is_opd:
            return node
        node = node.parent
    return None


@transaction.atomic
def unit_update(*, unit: Unit, data: dict[str, Any], actor) -> Unit:
    _ensure_can_change(actor, Unit, unit.pk)
    unit = Unit.objects.select_for_update(of=("self",)).get(pk=unit.pk)
    for field in ("code", "name", "short_name", "kind", "is_active", "sort_order"):
        if field in data:
            setattr(unit, field, data[field])
    _full_clean(unit)
    unit.save()
    return unit


@transaction.atomic
def unit_move(*, unit: Unit, new_parent: Unit, actor) -> Unit:
    """Re-parent a unit; the whole subtree's paths and employees' scope paths follow (set-based)."""
    _ensure_can_change(actor, Unit, unit.pk)
    _ensure_can_change(actor, Unit, unit=new_parent)
    unit = Unit.objects.select_for_update(of=("self",)).get(pk=unit.pk)
    if new_parent.path.startswith(unit.path):
        raise ApplicationError(_("Unit tidak boleh dipindah ke bawah dirinya sendiri."))
    old_path = unit.path
    unit.parent = new_parent
    unit.save()
    unit.compute_path()
    subtree = list(Unit.objects.filter(path__startswith=old_path).select_related("parent"))
    for u in subtree:
        u.path = unit.path + u.path[len(old_path) :]
        u.depth = u.path.count("/") - 1
    Unit.objects.bulk_update(subtree, ["path", "depth"])
    by_id = {u.pk: u for u in Unit.objects.filter(pk__in=[u.pk for u in subtree]).select_related("parent")}
    changed = []
    for u in by_id.values():
        opd = _opd_of(u)
        if (opd.pk if opd else None) != u.opd_id:
            u.opd = opd
            changed.append(u)
    if changed:
        Unit.objects.bulk_update(changed, ["opd"])
    employee_scope_paths_refresh(unit_ids=list(by_id))
    return unit


def employee_scope_paths_refresh(*, unit_ids: list[int]) -> None:
    emps = list(Employee.objects.filter(current_unit_id__in=unit_ids).select_related("current_unit"))
    for e in emps:
        e.current_unit_path = e.current_unit.path
        e.current_opd_id = e.current_unit.opd_id
    Employee.objects.bulk_update(emps, ["current_unit_path", "current_opd"], batch_size=1000)


# --- positions --------------------------------------------------------------------------------


@transaction.atomic
def position_create(
    *,
    unit: Unit,
    code: str,
    name: str,
    job_type: str,
    actor,
    level: str = "",
    is_head: bool = False,
    job_class: int | None = None,
) -> Position:
    _ensure_can_change(actor, Unit, unit=unit)
    pos = Position(
        instansi_id=unit.instansi_id,
        unit=unit,
        code=code.strip(),
        name=name.strip(),
        job_type=job_type,
        level=level,
        is_head=is_head,
        job_class=job_class,
    )
    _full_clean(pos)
    pos.save()
    return pos


@transaction.atomic
def position_update(*, position: Position, data: dict[str, Any], actor) -> Position:
    _ensure_can_change(actor, Position, position.pk)
    position = Position.objects.select_for_update(of=("self",)).get(pk=position.pk)
    for field in ("code", "name", "job_type", "level", "is_head", "job_class", "is_active"):
        if field in data:
            setattr(position, field, data[field])
    _full_clean(position)
    position.save()
    return position


# --- employees --------------------------------------------------------------------------------

EMPLOYEE_FIELDS = (
    "nip",
    "nip_old",
    "name",
    "front_title",
    "back_title",
    "gender",
    "birth_place",
    "birth_date",
    "asn_status",
    "rank",
    "rank_since",
    "state",
    "email",
    "phone",
)


@transaction.atomic
def employee_create(
    *,
    instansi: Instansi,
    data: dict[str, Any],
    actor,
    position: Position | None = None,
    start_date: dt.date | None = None,
    decree_number: str = "",
) -> Employee:
    if position is not None:
        _ensure_can_change(actor, Unit, unit=position.unit)
    elif actor is not None:
        from pembina.core.scoping import get_scope

        if not get_scope(actor).write_all:
            raise ApplicationError(_("Pegawai baru harus ditempatkan pada jabatan di unit Anda."))
    emp = Employee(instansi=instansi, **{k: v for k, v in data.items() if k in EMPLOYEE_FIELDS})
    _full_clean(emp, exclude=["current_position", "current_unit", "current_opd"])
    if Employee.objects.filter(nip=emp.nip).exists():
        raise ApplicationError(_("NIP %(nip)s sudah terdaftar.") % {"nip": emp.nip}, field="nip")
    emp.save()
    if position is not None:
        employee_assign(
            employee=emp,
            position=position,
            start_date=start_date or dt.date.today(),
            reason=AssignmentReason.APPOINTMENT,
            decree_number=decree_number,
            actor=None,
        )
        emp.refresh_from_db()
    return emp


@transaction.atomic
def employee_update(*, employee: Employee, data: dict[str, Any], actor) -> Employee:
    _ensure_can_change(actor, Employee, employee.pk)
    emp = Employee.objects.select_for_update(of=("self",)).get(pk=employee.pk)
    for field in EMPLOYEE_FIELDS:
        if field in data and field != "nip":
            setattr(emp, field, data[field])
    _full_clean(emp, exclude=["current_position", "current_unit", "current_opd"])
    emp.save()
    return emp


def _sync_current(employee: Employee, on: dt.date | None = None) -> None:
    """Refresh the denormalised current placement from the open definitive assignment."""
    on = on or dt.date.today()
    current = (
        Assignment.objects.filter(employee=employee, kind=AssignmentKind.DEFINITIVE, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("position", "unit")
        .order_by("-start_date", "-id")
        .first()
    )
    if current is None:
        current = (
            Assignment.objects.filter(employee=employee, kind=AssignmentKind.DEFINITIVE)
            .select_related("unit")
            .order_by("-start_date", "-id")
            .first()
        )
        if current is not None and current.end_date is not None:
            current = None
    emp = Employee.objects.get(pk=employee.pk)
    emp.current_position_id = current.position_id if current else None
    emp.current_unit_id = current.unit_id if current else None
    emp.current_opd_id = current.unit.opd_id if current else None
    emp.current_unit_path = current.unit.path if current else ""
    emp.save(
        update_fields=["current_position", "current_unit", "current_opd", "current_unit_path", "updated_at"]
    )


@transaction.atomic
def employee_assign(
    *,
    employee: Employee,
    position: Position,
    start_date: dt.date,
    actor,
    reason: str = AssignmentReason.TRANSFER,
    kind: str = AssignmentKind.DEFINITIVE,
    end_date: dt.date | None = None,
    decree_number: str = "",
    decree_date: dt.date | None = None,
    note: str = "",
) -> Assignment:
    """Mutasi, promotion or acting (Plt/Plh) appointment, effective from `start_date`.

    A definitive assignment closes the open definitive one the day before `start_date`; acting
    assignments stand beside it. Past-dated moves are allowed (SK often arrive late)."""
    _ensure_can_change(actor, Unit, unit=position.unit)
    if actor is not None and employee.current_unit_id:
        _ensure_can_change(actor, Employee, employee.pk)
    Employee.objects.select_for_update(of=("self",)).filter(pk=employee.pk).first()
    if position.instansi_id != employee.instansi_id:
        raise ApplicationError(_("Jabatan harus dari instansi yang sama dengan pegawai."))
    if not position.is_active:
        raise ApplicationError(_("Jabatan %(p)s tidak aktif.") % {"p": position.name}, field="position")
    if kind != AssignmentKind.DEFINITIVE and not position.is_head:
        raise ApplicationError(_("Plt/Plh hanya untuk jabatan kepala unit."), field="position")
    if kind == AssignmentKind.DEFINITIVE:
        later = Assignment.objects.filter(
            employee=employee, kind=AssignmentKind.DEFINITIVE, start_date__gte=start_date
        )
        if later.exists():
            raise ApplicationError(
                _("Sudah ada riwayat jabatan definitif mulai %(d)s atau sesudahnya.")
                % {"d": start_date.strftime("%d-%m-%Y")},
                field="start_date",
            )
        open_ = list(
            Assignment.objects.filter(employee=employee, kind=AssignmentKind.DEFINITIVE).filter(
                Q(end_date__isnull=True) | Q(end_date__gte=start_date)
            )
        )
        for a in open_:
            a.end_date = start_date - dt.timedelta(days=1)
            a.save()
    assignment = Assignment(
        employee=employee,
        position=position,
        unit=position.unit,
        kind=kind,
        reason=reason,
        start_date=start_date,
        end_date=end_date,
        decree_number=decree_number,
        decree_date=decree_date,
        note=note,
    )
    _full_clean(assignment)
    assignment.save()
    _sync_current(employee)
    return assignment


@transaction.atomic
def assignment_end(*, assignment: Assignment, end_date: dt.date, actor) -> Assignment:
    _ensure_can_change(actor, Employee, assignment.employee_id)
    assignment = Assignment.objects.select_for_update(of=("self",)).get(pk=assignment.pk)
    if end_date < assignment.start_date:
        raise ApplicationError(_("Tanggal selesai harus sesudah TMT mulai."), field="end_date")
    assignment.end_date = end_date
    assignment.save()
    _sync_current(assignment.employee)
    return assignment


@transaction.atomic
def supervisor_override_create(
    *,
    employee: Employee,
    supervisor: Employee,
    start_date: dt.date,
    reason: str,
    actor,
    end_date: dt.date | None = None,
) -> SupervisorOverride:
    _ensure_can_change(actor, Employee, employee.pk)
    override = SupervisorOverride(
        employee=employee, supervisor=supervisor, start_date=start_date, end_date=end_date, reason=reason
    )
    _full_clean(override)
    clash = SupervisorOverride.objects.filter(employee=employee).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start_date)
    )
    if end_date is not None:
        clash = clash.filter(start_date__lte=end_date)
    if clash.exists():
        raise ApplicationError(
            _("Sudah ada penetapan pejabat penilai pada rentang tanggal ini."), field="start_date"
        )
    override.save()
    return override
