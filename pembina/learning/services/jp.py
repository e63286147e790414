"""The JP ledger and 20 JP compliance: records, the instansi's policy, the per-employee-year summary
(refreshed set-based) and the reminder job."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.accounts.choices import Role
from pembina.core.exceptions import ApplicationError
from pembina.learning.choices import ActivityMode, NotificationKind, RecordStatus
from pembina.learning.models import (
    MONTH_FIELDS,
    DevelopmentRecord,
    JpPolicy,
    JpRollup,
    JpRollupYear,
    JpSummary,
)
from pembina.learning.models.rollups import ROLLUP_FIELDS, summary_aggregates
from pembina.learning.rules import jp as jp_rules
from pembina.learning.selectors import _data
from pembina.learning.services._common import (
    Message,
    actor_user,
    full_clean,
    notify,
    require_write_all,
    same_instansi,
    today,
    user_of,
)
from pembina.org.choices import EmploymentState
from pembina.org.models import Employee, Unit

BATCH = 2000
SUMMARY_UPDATE_FIELDS = [
    "instansi_id",
    "opd",
    "unit_path",
    "applies",
    "target",
    "jp_total",
    "jp_classical",
    "jp_non_classical",
    "jp_education",
    "raw_total",
    "shortfall",
    "activities",
    "met",
    "refreshed_at",
    *MONTH_FIELDS,
]


# --- records ---------------------------------------------------------------------------------------


def record_upsert(
    *,
    employee,
    kind: str,
    title: str,
    start_date: dt.date,
    end_date: dt.date,
    jp: Decimal,
    source: str,
    source_ref: str,
    status: str,
    actor,
    organiser: str = "",
    competency=None,
    evidence=None,
    evidence_note: str = "",
    refresh: bool = True,
) -> DevelopmentRecord:
    """Create the record of a completed activity, or update the one with the same source reference.
    Internal to the learning services (each caller checked permissions)."""
    jp = Decimal(jp).quantize(jp_rules.STEP)
    if jp <= 0:
        raise ApplicationError(_("JP harus lebih dari 0."), field="jp")
    if end_date < start_date:
        raise ApplicationError(_("Tanggal selesai tidak boleh sebelum tanggal mulai."), field="end_date")
    if end_date > today():
        raise ApplicationError(_("Kegiatan yang belum selesai belum dapat dicatat."), field="end_date")
    record = None
    if source_ref:
        record = (
            DevelopmentRecord.objects.select_for_update(of=("self",))
            .filter(employee=employee, source=source, source_ref=source_ref)
            .first()
        )
    old_year = record.year if record is not None else None
    record = record or DevelopmentRecord(employee=employee, source=source, source_ref=source_ref)
    record.kind, record.title, record.organiser = kind, title[:300], organiser[:200]
    record.start_date, record.end_date, record.jp = start_date, end_date, jp
    record.competency = competency
    record.evidence_note = evidence_note
    if evidence is not None:
        record.evidence = evidence
    if record.status != status:
        record.status = status
        if status == RecordStatus.VERIFIED:
            record.verified_by, record.verified_at = actor_user(actor), timezone.now()
    full_clean(record, exclude=["mode", "year"])
    record.save()
    if refresh:
        for year in {record.year, old_year} - {None}:
            jp_summary_refresh(instansi_id=employee.instansi_id, year=year, employee_ids=[employee.pk])
    return record


def record_set_status(*, record: DevelopmentRecord, status: str, actor, note: str = "") -> DevelopmentRecord:
    record.status = status
    record.review_note = note
    if status == RecordStatus.VERIFIED:
        record.verified_by, record.verified_at = actor_user(actor), timezone.now()
    record.save()
    jp_summary_refresh(
        instansi_id=record.employee.instansi_id, year=record.year, employee_ids=[record.employee_id]
    )
    return record


# --- policy ----------------------------------------------------------------------------------------


@transaction.atomic
def jp_policy_set(
    *, instansi, effective_year: int, document: dict[str, Any], actor, note: str = ""
) -> JpPolicy:
    """Set the JP rules from a year on; the document is checked by `rules.jp.policy_from_dict`."""
    require_write_all(actor, _("Hanya Admin BKPSDM yang dapat menetapkan kebijakan JP."))
    same_instansi(actor, instansi.pk)
    try:
        policy = jp_rules.policy_from_dict(document)
    except jp_rules.PolicyError as exc:
        raise ApplicationError(str(exc), field="document") from None
    obj = JpPolicy.objects.filter(instansi=instansi, effective_year=effective_year).first() or JpPolicy(
        instansi=instansi, effective_year=effective_year
    )
    obj.document, obj.note = jp_rules.policy_to_dict(policy), note
    full_clean(obj)
    obj.save()
    return obj


# --- summary ---------------------------------------------------------------------------------------


def _summary_row(emp, year: int, policy: jp_rules.Policy, items: list[jp_rules.Item], now) -> JpSummary:
    emp_id, instansi_id, asn_status, opd_id, path = emp
    result = jp_rules.compute(items, policy, year)
    applies = jp_rules.applies_to(asn_status, policy)
    row = JpSummary(
        instansi_id=instansi_id,
        employee_id=emp_id,
        year=year,
        opd_id=opd_id,
        unit_path=path,
        applies=applies,
        target=policy.target,
        jp_total=result.total,
        jp_classical=result.by_mode.get(ActivityMode.CLASSICAL, jp_rules.ZERO),
        jp_non_classical=result.by_mode.get(ActivityMode.NON_CLASSICAL, jp_rules.ZERO),
        jp_education=result.by_mode.get(ActivityMode.EDUCATION, jp_rules.ZERO),
        raw_total=result.raw_total,
        shortfall=jp_rules.shortfall(result.total, policy.target) if applies else jp_rules.ZERO,
        activities=result.count,
        met=result.total >= policy.target,
        refreshed_at=now,
    )
    for name, value in zip(MONTH_FIELDS, result.monthly, strict=True):
        setattr(row, name, value)
    return row


EMP_FIELDS = ("pk", "instansi_id", "asn_status", "current_opd_id", "current_unit_path")
SUMMARY_ITEM_FIELDS = ("employee_id", "kind", "jp", "end_date")


def jp_summary_refresh(*, instansi_id: int, year: int, employee_ids: Iterable[int] | None = None) -> int:
    """Recompute the JP summary of `year` for the given employees (every active employee of the
    instansi when None) from verified records: a fixed number of queries plus one per batch written.

    The unit rollups the dashboards read (`JpRollup`) change in the same transaction: a full refresh
    rebuilds the instansi's year set-based; a refresh of some employees moves each rollup row they
    touch by the difference of their summaries (aggregated before and after with the same
    `summary_aggregates`). Both first lock the year's `JpRollupYear` row, so they never interleave."""
    policy = _data.jp_policy(instansi_id, year)
    now = timezone.now()
    active = Employee.objects.filter(instansi_id=instansi_id, state=EmploymentState.ACTIVE)
    records = DevelopmentRecord.objects.filter(year=year, status=RecordStatus.VERIFIED)
    items: dict[int, list[jp_rules.Item]] = defaultdict(list)
    with transaction.atomic():
        _lock_year(instansi_id, year, now, rebuilt=employee_ids is None)
        if employee_ids is None:
            employees = list(active.values_list(*EMP_FIELDS))
            rows = records.filter(employee__instansi_id=instansi_id).values_list(*SUMMARY_ITEM_FIELDS)
            for emp_id, kind, jp, day in rows.iterator(chunk_size=10000):
                items[emp_id].append(jp_rules.Item(kind, jp, day))
            # employees who left the active list drop out of the dashboards
            JpSummary.objects.filter(instansi_id=instansi_id, year=year).exclude(
                employee_id__in=active.values("pk")
            ).delete()
        else:
            ids = sorted(set(employee_ids))
            employees, before = [], {}
            for chunk in _data._chunks(ids):
                _merge(before, _group_sums(JpSummary.objects.filter(year=year, employee_id__in=chunk)))
                employees += list(active.filter(pk__in=chunk).values_list(*EMP_FIELDS))
                for emp_id, kind, jp, day in records.filter(employee_id__in=chunk).values_list(
                    *SUMMARY_ITEM_FIELDS
                ):
                    items[emp_id].append(jp_rules.Item(kind, jp, day))
                gone = set(chunk) - {e[0] for e in employees}
                if gone:
                    JpSummary.objects.filter(year=year, employee_id__in=gone).delete()
        summaries = [_summary_row(e, year, policy, items.get(e[0], []), now) for e in employees]
        for i in range(0, len(summaries), BATCH):
            JpSummary.objects.bulk_create(
                summaries[i : i + BATCH],
                update_conflicts=True,
                unique_fields=["employee", "year"],
                update_fields=SUMMARY_UPDATE_FIELDS,
            )
        if employee_ids is None:
            _rollup_rebuild(instansi_id, year)
        else:
            after: dict = {}
            for chunk in _data._chunks(ids):
                _merge(after, _group_sums(JpSummary.objects.filter(year=year, employee_id__in=chunk)))
            _rollup_move(year, before, after)
    return len(summaries)


# --- rollups ---------------------------------------------------------------------------------------

RollupKey = tuple[int, int | None, str]  # instansi, OPD, unit path
PREFIX = "r_"


def _lock_year(instansi_id: int, year: int, now, *, rebuilt: bool) -> None:
    """Lock (creating it the first time) the row that serialises every change of the year's rollups."""
    stamp = {"rebuilt_at": now} if rebuilt else {"changed_at": now}
    mine = JpRollupYear.objects.filter(instansi_id=instansi_id, year=year)
    if not mine.update(**stamp):  # an UPDATE holds the row lock until the transaction ends
        JpRollupYear.objects.bulk_create(
            [JpRollupYear(instansi_id=instansi_id, year=year)], ignore_conflicts=True
        )
        mine.update(**stamp)


def _group_sums(qs) -> dict[RollupKey, dict[str, Any]]:
    """`summary_aggregates` of a set of summaries per unit (an empty sum is 0)."""
    exprs = {PREFIX + name: expr for name, expr in summary_aggregates().items()}
    out = {}
    for row in qs.values("instansi_id", "opd_id", "unit_path").annotate(**exprs).order_by():
        out[(row["instansi_id"], row["opd_id"], row["unit_path"])] = {
            name: row[PREFIX + name] or 0 for name in ROLLUP_FIELDS
        }
    return out


def _merge(into: dict[RollupKey, dict[str, Any]], more: dict[RollupKey, dict[str, Any]]) -> None:
    for key, values in more.items():
        if key in into:
            into[key] = {name: into[key][name] + values[name] for name in ROLLUP_FIELDS}
        else:
            into[key] = values


def _rollup_rows(year: int, sums: dict[RollupKey, dict[str, Any]]) -> list[JpRollup]:
    return [
        JpRollup(instansi_id=key[0], year=year, opd_id=key[1], unit_path=key[2], **values)
        for key, values in sums.items()
        if values["employees"]
    ]


def _rollup_rebuild(instansi_id: int, year: int) -> None:
    """The instansi's rollups of `year` from its summaries, set-based (one GROUP BY)."""
    JpRollup.objects.filter(instansi_id=instansi_id, year=year).delete()
    sums = _group_sums(JpSummary.objects.filter(instansi_id=instansi_id, year=year))
    JpRollup.objects.bulk_create(_rollup_rows(year, sums), batch_size=500)


def _rollup_move(year: int, before: dict, after: dict) -> None:
    """Move the rollup rows of the touched units by (after − before). Where a row does not hold what
    the old summaries put in (it lagged: lost or changed by hand), that unit is summed again from the
    summaries instead. A summary deleted outside the refresh (an employee deleted outright) stays
    counted until the daily full refresh rebuilds the year: a difference cannot see it."""
    deltas = {}
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        delta = {n: (new[n] if new else 0) - (old[n] if old else 0) for n in ROLLUP_FIELDS}
        if any(delta.values()):
            deltas[key] = delta
    if not deltas:
        return
    found = JpRollup.objects.filter(
        year=year,
        instansi_id__in={k[0] for k in deltas},
        unit_path__in={k[2] for k in deltas},
    )
    existing = {
        (r.instansi_id, r.opd_id, r.unit_path): r
        for r in found
        if (r.instansi_id, r.opd_id, r.unit_path) in deltas
    }
    changed, created, emptied, lagging = [], [], [], set()
    for key, delta in deltas.items():
        row = existing.get(key) or JpRollup(instansi_id=key[0], year=year, opd_id=key[1], unit_path=key[2])
        old = before.get(key)
        if old and any(getattr(row, name) < old[name] for name in ROLLUP_FIELDS):
            lagging.add(key)  # the row lacks what these employees' old summaries put in
            continue
        for name in ROLLUP_FIELDS:
            setattr(row, name, getattr(row, name) + delta[name])
        if row.employees:
            (changed if row.pk else created).append(row)
        elif any(getattr(row, name) for name in ROLLUP_FIELDS):
            lagging.add(key)  # nobody left, yet something counted
        elif row.pk:
            emptied.append(row.pk)
    if changed:
        JpRollup.objects.bulk_update(changed, ROLLUP_FIELDS, batch_size=100)
    if created:
        JpRollup.objects.bulk_create(created)
    if emptied:
        JpRollup.objects.filter(pk__in=emptied).delete()
    if lagging:
        _rollup_resum(year, lagging)


def _rollup_resum(year: int, keys: set[RollupKey]) -> None:
    """Sum the given units again from their summaries (the slow, always-right path)."""
    rows = JpRollup.objects.filter(
        year=year, instansi_id__in={k[0] for k in keys}, unit_path__in={k[2] for k in keys}
    )
    rows.filter(pk__in=[r.pk for r in rows if (r.instansi_id, r.opd_id, r.unit_path) in keys]).delete()
    sums = _group_sums(
        JpSummary.objects.filter(
            year=year, instansi_id__in={k[0] for k in keys}, unit_path__in={k[2] for k in keys}
        )
    )
    JpRollup.objects.bulk_create(_rollup_rows(year, {k: v for k, v in sums.items() if k in keys}))


# --- reminders -------------------------------------------------------------------------------------


def jp_reminders_send(
    *, instansi_id: int, year: int, on: dt.date | None = None, refresh: bool = True, actor=None
) -> dict[str, int]:
    """Remind every employee still below the JP target of `year`, and each Admin OPD with a digest of
    their OPD. One reminder per person per month: running the job twice in a month sends nothing new."""
    if actor is not None:
        require_write_all(actor, _("Hanya Admin BKPSDM yang dapat mengirim pengingat JP."))
    on = on or today()
    if refresh:
        jp_summary_refresh(instansi_id=instansi_id, year=year)
    month_key = f"{on:%Y-%m}"
    below = list(
        JpSummary.objects.filter(instansi_id=instansi_id, year=year, applies=True, met=False).values_list(
            "employee_id", "jp_total", "target", "shortfall", "opd_id"
        )
    )
    users = user_of(e[0] for e in below)
    messages = []
    for emp_id, total, target, short, _opd in below:
        if emp_id not in users:
            continue
        uid, email = users[emp_id]
        messages.append(
            Message(
                uid,
                NotificationKind.JP_BELOW_TARGET,
                _("JP %(y)s Anda baru %(t)s dari %(g)s") % {"y": year, "t": total, "g": target},
                _(
                    "Capaian pengembangan kompetensi Anda tahun %(y)s baru %(t)s JP; kurang %(s)s JP dari target "
                    "%(g)s JP (PP 17/2020 Pasal 203). Lihat katalog pelatihan, simulasi pengaduan, atau atur IDP Anda."
                )
                % {"y": year, "t": total, "s": short, "g": target},
                "",
                f"jp:{year}:{month_key}",
                email,
            )
        )
    per_opd: dict[int, list[Decimal]] = defaultdict(list)
    for _emp, _total, _target, short, opd in below:
        if opd:
            per_opd[opd].append(short)
    from pembina.accounts.models import RoleGrant

    admins = list(
        RoleGrant.objects.filter(role=Role.ADMIN_OPD, unit__instansi_id=instansi_id).values_list(
            "user_id", "unit__path", "user__email"
        )
    )
    opd_paths = dict(Unit.objects.filter(pk__in=list(per_opd)).values_list("pk", "path"))
    opd_names = dict(Unit.objects.filter(pk__in=list(per_opd)).values_list("pk", "name"))
    for opd_id, shorts in per_opd.items():
        path = opd_paths.get(opd_id, "")
        for uid, admin_path, email in admins:
            if not path.startswith(admin_path):  # an admin of a sub-unit sees only part of the OPD
                continue
            messages.append(
                Message(
                    uid,
                    NotificationKind.JP_OPD_DIGEST,
                    _("%(n)s pegawai %(opd)s di bawah target JP %(y)s")
                    % {"n": len(shorts), "opd": opd_names.get(opd_id, ""), "y": year},
                    _("Total kekurangan %(s)s JP. Buka dasbor 20 JP OPD untuk daftar pegawainya.")
                    % {"s": sum(shorts)},
                    "",
                    f"jp-opd:{opd_id}:{year}:{month_key}",
                    email or "",
                )
            )
    created = notify(messages)
    return {"below_target": len(below), "notified": created}
