"""Writes a demo plan to the database, set-based: a handful of bulk inserts per table.

Writes go through the audited querysets (so the demo city is on the audit trail like any import);
`plain=True` writes the same rows through Django's bare QuerySet without audit, which is the baseline
the benchmark compares against. Also: the demo accounts, wiping the demo for `--force`, and the
login table printed at the end.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models, router, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.deletion import Collector
from django.db.models.functions import Cast, Concat, LPad

from pembina.core.audit import context as audit_ctx
from pembina.core.audit.recorder import Change, record, serialize
from pembina.core.models import AuditedModel
from pembina.org.choices import InstansiKind
from pembina.org.demo.plan import Plan
from pembina.org.models import Assignment, Employee, Instansi, Position, SupervisorOverride, Unit

DEMO_CODE = "PTK"
DEMO_PASSWORD = "pembina-demo"
DEMO_LABEL = "perintah demo"  # the audit label of the build; demo_totp checks it
BATCH = 5000

INSTANSI = {
    "code": DEMO_CODE,
    "name": "Pemerintah Kota Pontianak",
    "kind": InstansiKind.KOTA,
    "region_name": "Kota Pontianak",
    "head_title": "Wali Kota",
    "head_name": "Edi Rusdi Kamtono",
    "address": "Jalan Rahadi Usman Nomor 3, Pontianak, Kalimantan Barat 78111",
}


@dataclass
class Written:
    instansi: Instansi
    unit_ids: list[int]
    position_ids: list[int]
    employee_ids: list[int]
    counts: dict[str, int]


def _manager(model, plain: bool):
    return models.QuerySet(model=model) if plain else model.objects


def _ids(objs: list[models.Model], model, key: str, values: list) -> list[int]:
    """Primary keys of freshly inserted rows (backends without RETURNING get them by a unique key)."""
    if all(o.pk is not None for o in objs):
        return [o.pk for o in objs]
    found = {}
    for i in range(0, len(values), 900):
        found.update(
            dict(model._base_manager.filter(**{f"{key}__in": values[i : i + 900]}).values_list(key, "pk"))
        )
    for o, v in zip(objs, values, strict=True):
        o.pk = found[v]
    return [o.pk for o in objs]


def write_plan(plan: Plan, *, plain: bool = False) -> Written:
    """Insert the whole plan in one transaction. Units go in level by level (children need their
    parent's id), then their materialised paths are computed level by level, like unit_create."""
    guard = audit_ctx.suppressed() if plain else nullcontext()
    with transaction.atomic(), guard:
        instansi = Instansi(**INSTANSI)
        if plain:
            models.QuerySet(model=Instansi).bulk_create([instansi])
            instansi.pk = instansi.pk or Instansi._base_manager.get(code=DEMO_CODE).pk
        else:
            instansi.save()

        # units, one bulk insert per depth level
        units: list[Unit | None] = [None] * len(plan.units)
        max_depth = max(u.depth for u in plan.units)
        for depth in range(max_depth + 1):
            level = [u for u in plan.units if u.depth == depth]
            objs = []
            for u in level:
                obj = Unit(
                    instansi_id=instansi.pk,
                    parent_id=units[u.parent].pk if u.parent is not None else None,
                    opd_id=units[u.opd].pk if u.opd is not None and u.opd != u.idx else None,
                    code=u.code,
                    name=u.name,
                    short_name=u.short_name,
                    kind=u.kind,
                    is_opd=u.is_opd,
                    sort_order=u.sort_order,
                )
                units[u.idx] = obj
                objs.append(obj)
            _manager(Unit, plain).bulk_create(objs, batch_size=BATCH)
            _ids(objs, Unit, "code", [o.code for o in objs])
        # Materialised paths, one UPDATE per level: parent's path + the zero-padded own id, the same
        # string Unit.path_segment makes (a CASE per row through bulk_update costs far more).
        segment = Concat(LPad(Cast("id", models.CharField()), 7, models.Value("0")), models.Value("/"))
        parent_path = Subquery(Unit._base_manager.filter(pk=OuterRef("parent_id")).values("path")[:1])
        for u in plan.units:  # the paths in memory too, for the employees' scope paths (parents first)
            obj = units[u.idx]
            obj.path = (units[u.parent].path if u.parent is not None else "") + Unit.path_segment(obj.pk)
            obj.depth = u.depth
            if u.opd == u.idx:
                obj.opd_id = obj.pk
        if max(u.pk for u in units) < 10**7:
            for depth in range(max_depth + 1):
                level_ids = [units[u.idx].pk for u in plan.units if u.depth == depth]
                path = segment if depth == 0 else Concat(parent_path, segment)
                _manager(Unit, plain).filter(pk__in=level_ids).update(path=path, depth=depth)
        else:  # ids wider than the 7-digit segment: LPAD would cut them, write the strings instead
            _manager(Unit, plain).bulk_update(units, ["path", "depth"], batch_size=1000)
        opd_ids = [units[u.idx].pk for u in plan.units if u.opd == u.idx]
        _manager(Unit, plain).filter(pk__in=opd_ids).update(opd_id=F("pk"))

        positions = [
            Position(
                instansi_id=instansi.pk,
                unit_id=units[p.unit].pk,
                code=p.code,
                name=p.name,
                job_type=p.job_type,
                level=p.level,
                job_class=p.job_class,
                is_head=p.is_head,
            )
            for p in plan.positions
        ]
        _manager(Position, plain).bulk_create(positions, batch_size=BATCH)
        _ids(positions, Position, "code", [p.code for p in positions])

        employees = []
        for e in plan.employees:
            unit = units[plan.positions[e.position].unit]
            employees.append(
                Employee(
                    instansi_id=instansi.pk,
                    nip=e.nip,
                    name=e.name,
                    front_title=e.front_title,
                    back_title=e.back_title,
                    gender=e.gender,
                    birth_place=e.birth_place,
                    birth_date=e.birth_date,
                    asn_status=e.asn_status,
                    rank=e.rank,
                    rank_since=e.rank_since,
                    current_position_id=positions[e.position].pk,
                    current_unit_id=unit.pk,
                    current_opd_id=unit.opd_id,
                    current_unit_path=unit.path,
                )
            )
        _manager(Employee, plain).bulk_create(employees, batch_size=BATCH)
        _ids(employees, Employee, "nip", [e.nip for e in employees])

        assignments = [
            Assignment(
                employee_id=employees[e.idx].pk,
                position_id=positions[a.position].pk,
                unit_id=units[plan.positions[a.position].unit].pk,
                kind=a.kind,
                reason=a.reason,
                start_date=a.start,
                end_date=a.end,
                decree_number=a.decree_number,
                decree_date=a.decree_date,
                note=a.note,
            )
            for e in plan.employees
            for a in e.assignments
        ]
        _manager(Assignment, plain).bulk_create(assignments, batch_size=BATCH)

        overrides = [
            SupervisorOverride(
                employee_id=employees[o.employee].pk,
                supervisor_id=employees[o.supervisor].pk,
                start_date=o.start,
                reason=o.reason,
            )
            for o in plan.overrides
        ]
        _manager(SupervisorOverride, plain).bulk_create(overrides, batch_size=BATCH)

    return Written(
        instansi=instansi,
        unit_ids=[u.pk for u in units],
        position_ids=[p.pk for p in positions],
        employee_ids=[e.pk for e in employees],
        counts={
            "units": len(units),
            "positions": len(positions),
            "employees": len(employees),
            "assignments": len(assignments),
            "overrides": len(overrides),
        },
    )


# --- accounts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccountSpec:
    username: str  # "" = log in by the employee's NIP
    role: str = ""
    persona: str = ""  # the employee behind the account
    unit_persona: str = ""  # Admin OPD: the OPD of this unit
    first_name: str = ""


def totp_secret(seed: int, username: str) -> str:
    """A TOTP secret derived from the seed: the same demo gives the same authenticator codes."""
    digest = hmac.new(f"pembina-demo:{seed}".encode(), username.encode(), hashlib.sha1).digest()
    return base64.b32encode(digest).decode("ascii")


def create_accounts(plan: Plan, written: Written) -> list[str]:
    """One account per role; admins get a TOTP authenticator. Returns the usernames in order."""
    from allauth.mfa.totp.internal.auth import TOTP

    from pembina.accounts.choices import Role
    from pembina.accounts.models import RoleGrant, User

    specs = [
        AccountSpec("admin.bkpsdm", role=Role.ADMIN_BKPSDM, first_name="Admin BKPSDM"),
        AccountSpec(
            "admin.dinkes",
            role=Role.ADMIN_OPD,
            unit_persona="kabid_dinkes",
            first_name="Admin Dinas Kesehatan",
        ),
        AccountSpec(
            "tim.dinkes",
            role=Role.TIM_PENILAI,
            unit_persona="kabid_dinkes",
            first_name="Tim Penilai Kinerja Dinas Kesehatan",
        ),
        AccountSpec("pimpinan", role=Role.PIMPINAN, persona="sekda"),
        AccountSpec("auditor", role=Role.AUDITOR, persona="auditor", first_name="Auditor Inspektorat"),
        AccountSpec("", persona="kabid_dinkes"),  # Pejabat Penilai
        AccountSpec("", persona="staff_dinkes"),  # Pegawai
        AccountSpec("", persona="lurah"),
    ]
    password = make_password(DEMO_PASSWORD)  # hashed once: the hasher is slow on purpose
    required = set(settings.PEMBINA_MFA_REQUIRED_ROLES)
    usernames = []
    grants = []
    mfa_users = []
    for spec in specs:
        emp_idx = plan.personas.get(spec.persona) if spec.persona else None
        if spec.persona and emp_idx is None and not spec.role:
            continue  # too few employees to fill this persona
        employee_id = written.employee_ids[emp_idx] if emp_idx is not None else None
        username = spec.username or plan.employees[emp_idx].nip
        user = User(
            username=username,
            password=password,
            instansi=written.instansi,
            employee_id=employee_id,
            first_name=spec.first_name,
        )
        user.save()
        usernames.append(username)
        if spec.role:
            unit_id = None
            if spec.unit_persona:
                unit = plan.units[plan.persona_units[spec.unit_persona]]
                unit_id = written.unit_ids[unit.opd]
            grants.append(RoleGrant(user=user, role=spec.role, unit_id=unit_id, note="Akun demo"))
            if spec.role in required:
                mfa_users.append(user)
    RoleGrant.objects.bulk_create(grants)
    for user in mfa_users:
        TOTP.activate(user, totp_secret(plan.seed, user.username))
    return usernames


# --- reading back -------------------------------------------------------------------------------


def demo_instansi() -> Instansi | None:
    return Instansi.objects.filter(code=DEMO_CODE).first()


def is_demo_instansi(instansi_id: int | None) -> bool:
    """True only for the instansi the demo command built (its creation is on the audit trail)."""
    from pembina.core.models import AuditEntry

    if instansi_id is None:
        return False
    if not Instansi.objects.filter(pk=instansi_id, code=DEMO_CODE).exists():
        return False
    return AuditEntry.objects.filter(
        object_type="org.instansi", object_id=str(instansi_id), action="create", actor_repr=DEMO_LABEL
    ).exists()


@dataclass(frozen=True)
class Login:
    role: str
    username: str
    password: str
    mfa: str
    who: str


def logins(instansi: Instansi) -> list[Login]:
    """The demo accounts as they are in the database (so a second run prints the same table)."""
    from allauth.mfa.models import Authenticator

    from pembina.accounts.models import User

    users = (
        User.objects.filter(instansi=instansi)
        .select_related("employee__current_position", "employee__current_opd")
        .prefetch_related("role_grants")
        .order_by("pk")
    )
    with_totp = set(
        Authenticator.objects.filter(user__in=users, type=Authenticator.Type.TOTP).values_list(
            "user_id", flat=True
        )
    )
    rows = []
    for user in users:
        grants = [str(g.get_role_display()) for g in user.role_grants.all()]
        emp = user.employee
        who = ""
        if emp is not None:
            pos = emp.current_position
            who = f"{emp.full_name} — {pos.name if pos else ''}"
            if emp.current_opd and (pos is None or emp.current_opd.name not in pos.name):
                who += f", {emp.current_opd.short_name or emp.current_opd.name}"
        elif user.first_name:
            who = user.first_name
        if grants:
            role = ", ".join(grants)
        elif emp is not None and emp.current_position and emp.current_position.is_head:
            role = "Lurah" if emp.current_position.name.startswith("Lurah") else "Pejabat Penilai"
        else:
            role = "Pegawai"
        mfa = f"kode: pembina demo_totp {user.username}" if user.pk in with_totp else "-"
        rows.append(Login(role, user.username, DEMO_PASSWORD, mfa, who))
    return rows


# --- removing the demo (--force) ----------------------------------------------------------------


def _audited(model) -> bool:
    return issubclass(model, AuditedModel) or getattr(model, "audit_enabled", False)


def _delete_collected(querysets: Iterable[models.QuerySet]) -> list[Change]:
    """Delete with Django's collector (cascades included) while the per-row audit signals are off,
    and return a delete entry for every audited row, to be recorded in one chain append."""
    changes: list[Change] = []
    for qs in querysets:
        collector = Collector(using=router.db_for_write(qs.model))
        collector.collect(qs)
        for model, instances in collector.data.items():
            if _audited(model):
                changes.extend(Change("delete", model, o.pk, str(o), serialize(o), None) for o in instances)
        collector.delete()
    return changes


def wipe_demo(instansi: Instansi) -> int:
    """Remove the demo instansi and everything it owns; the deletions are on the audit trail."""
    from allauth.mfa.models import Authenticator

    from pembina.accounts.models import RoleGrant, User

    with transaction.atomic():
        with audit_ctx.suppressed():
            users = User.objects.filter(instansi=instansi)
            employees = Employee.objects.filter(instansi=instansi)
            changes = _delete_collected(
                [
                    Authenticator.objects.filter(user__in=users),
                    RoleGrant.objects.filter(user__in=users),
                    users.select_related("employee"),
                    SupervisorOverride.objects.filter(employee__in=employees),
                    Assignment.objects.filter(employee__in=employees),
                    employees,
                    Position.objects.filter(instansi=instansi),
                ]
            )
            units = Unit.objects.filter(instansi=instansi)
            # The tree points at itself (parent, opd) with PROTECT; cut those links, then delete.
            before = {u.pk: serialize(u) for u in units}
            units.update(parent=None, opd=None)
            unit_changes = _delete_collected([Unit.objects.filter(instansi=instansi)])
            for ch in unit_changes:
                ch.before = before.get(ch.object_id, ch.before)
            changes += unit_changes
            changes += _delete_collected([Instansi.objects.filter(pk=instansi.pk)])
        record(changes)
    return len(changes)
