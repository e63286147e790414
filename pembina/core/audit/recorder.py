"""Writes audit entries onto the hash chain and verifies the chain."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from pembina.core.audit import context as ctx

GENESIS = "0" * 64


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return str(value)


def audited_fields(model: type[models.Model]) -> list[models.Field]:
    cache = model.__dict__.get("_audit_fields_cache")
    if cache is None:
        exclude = set(getattr(model, "audit_exclude", ()))
        cache = [f for f in model._meta.concrete_fields if f.name not in exclude and not f.primary_key]
        model._audit_fields_cache = cache
    return cache


def serialize(instance: models.Model) -> dict[str, Any]:
    return {f.attname: _jsonable(f.value_from_object(instance)) for f in audited_fields(type(instance))}


def serialize_values(model: type[models.Model], row: dict[str, Any]) -> dict[str, Any]:
    """Like `serialize`, from a `.values()` row keyed by attname."""
    return {f.attname: _jsonable(row.get(f.attname)) for f in audited_fields(model) if f.attname in row}


def object_type(model: type[models.Model]) -> str:
    return model._meta.label_lower


@dataclass
class Change:
    action: str
    model: type[models.Model]
    object_id: Any
    object_repr: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _payload(entry: Any) -> bytes:
    data = {
        "timestamp": entry.timestamp.astimezone(dt.UTC).isoformat(),
        "actor_id": entry.actor_id,
        "actor_repr": entry.actor_repr,
        "source": entry.source,
        "request_id": entry.request_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "before": entry.before,
        "after": entry.after,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(entry: Any) -> str:
    return hashlib.sha256(_payload(entry)).hexdigest()


@dataclass(slots=True)
class _Entry:
    """A new audit entry before insertion: the attributes `entry_hash` reads, nothing more. Bulk
    imports record hundreds of thousands of entries; a model instance per entry cost more than the
    rest of the import together."""

    timestamp: Any
    actor_id: Any
    actor_repr: str
    source: str
    request_id: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    before: Any
    after: Any
    prev_hash: str
    hash: str = ""
    pk: int | None = None


_ENTRY_COLUMNS = [
    "timestamp",
    "actor_id",
    "actor_repr",
    "source",
    "request_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "prev_hash",
    "hash",
]


def record(changes: Sequence[Change]) -> list[Any]:
    """Append entries for `changes` to the chain, in one transaction, under the chain lock."""
    from pembina.core.imports.bulk import insert_rows
    from pembina.core.models import AuditChainHead, AuditEntry

    if not changes:
        return []
    context = ctx.current()
    user = context.actor()
    actor_id = user.pk if user is not None else None
    actor_repr = user.get_username() if user is not None else context.label or context.source
    now = timezone.now()
    request_id = context.request_id
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update(of=("self",)).filter(pk=1).first()
        if head is None:
            head = AuditChainHead.objects.create(pk=1, last_hash=GENESIS)
            head = AuditChainHead.objects.select_for_update(of=("self",)).get(pk=1)
        prev = head.last_hash
        entries = []
        types: dict[type, str] = {}
        for change in changes:
            type_ = types.get(change.model) or types.setdefault(change.model, object_type(change.model))
            entry = _Entry(
                timestamp=now,
                actor_id=actor_id,
                actor_repr=actor_repr[:200],
                source=context.source,
                request_id=request_id,
                action=change.action,
                object_type=type_,
                object_id=str(change.object_id),
                object_repr=change.object_repr[:300],
                before=change.before,
                after=change.after,
                prev_hash=prev,
            )
            entry.hash = entry_hash(entry)
            prev = entry.hash
            entries.append(entry)
        ids = insert_rows(
            AuditEntry,
            _ENTRY_COLUMNS,
            [[getattr(e, c) for c in _ENTRY_COLUMNS] for e in entries],
            batch_size=2000,
        )
        for entry, pk in zip(entries, ids, strict=True):
            entry.pk = pk
        last_id = ids[-1]
        AuditChainHead.objects.filter(pk=1).update(last_hash=prev, last_entry_id=last_id)
    return entries


def changes_for_created(objs: Iterable[models.Model]) -> list[Change]:
    return [Change("create", type(o), o.pk, str(o), None, serialize(o)) for o in objs if o.pk is not None]


BATCH_ROWS = 500  # rows per batch entry: one entry stays readable on the audit page


def changes_for_created_batch(
    model: type[models.Model],
    *,
    fields: Sequence[str],
    rows: Sequence[Sequence[Any]],
    common: dict[str, Any] | None = None,
    describe: str = "",
    chunk: int = BATCH_ROWS,
) -> list[Change]:
    """ "create" entries for rows inserted set-based (see docs/decisions/0007-batch-audit-entries.md):
    one entry per `chunk` rows instead of one per row, each complete — every audited field of every
    row is in it. `rows` are [pk, value, ...] in the order of `fields` (whose first name is the
    primary key's attname), values already JSON (ints, strings, booleans, None); `common` holds the
    audited fields every row shares. The entry's `after` is
    {"batch": n, "fields": [...], "rows": [[pk, ...], ...], "common": {...}}, its object_id
    "<first pk>-<last pk>" (rows sorted by pk). `batch_rows` reads it back."""
    common = {k: _jsonable(v) for k, v in (common or {}).items()}
    fields = list(fields)
    missing = {f.attname for f in audited_fields(model)} - set(fields) - set(common)
    if missing or not fields or fields[0] != model._meta.pk.attname:
        raise ValueError(
            f"batch audit of {object_type(model)} must hold every audited field: {sorted(missing)}"
        )
    ordered = sorted(rows, key=lambda r: r[0])
    label = describe or str(model._meta.verbose_name)
    changes = []
    for start in range(0, len(ordered), chunk):
        part = [list(r) for r in ordered[start : start + chunk]]
        first, last = part[0][0], part[-1][0]
        changes.append(
            Change(
                "create",
                model,
                f"{first}-{last}",
                f"{label}: {len(part)} baris (#{first}–#{last})",
                None,
                {"batch": len(part), "fields": fields, "rows": part, "common": common},
            )
        )
    return changes


def batch_rows(after: dict[str, Any]) -> list[tuple[Any, dict[str, Any]]]:
    """(pk, audited values) of every row of a batch entry's `after`, as a per-row entry would hold."""
    fields, common = after["fields"], after.get("common", {})
    return [(row[0], {**common, **dict(zip(fields[1:], row[1:], strict=True))}) for row in after["rows"]]


def diff_change(model, pk, repr_, before: dict, after: dict) -> Change | None:
    keys = set(before) | set(after)
    b = {k: before.get(k) for k in keys if before.get(k) != after.get(k)}
    a = {k: after.get(k) for k in keys if before.get(k) != after.get(k)}
    if not a and not b:
        return None
    return Change("update", model, pk, repr_, b, a)


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_entry_id: int | None = None
    reason: str = ""


def verify_chain(*, chunk_size: int = 5000) -> VerifyResult:
    """Recompute every hash in order; report the first entry whose link is broken."""
    from pembina.core.models import AuditChainHead, AuditEntry

    prev = GENESIS
    checked = 0
    last_id = None
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=chunk_size):
        if entry.prev_hash != prev:
            return VerifyResult(False, checked, entry.pk, "prev_hash tidak cocok dengan entri sebelumnya")
        if entry_hash(entry) != entry.hash:
            return VerifyResult(False, checked, entry.pk, "isi entri berubah (hash tidak cocok)")
        prev = entry.hash
        last_id = entry.pk
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != prev:
        return VerifyResult(False, checked, last_id, "entri terakhir hilang (ujung rantai tidak cocok)")
    return VerifyResult(True, checked)
