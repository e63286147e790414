"""Set-based inserts for large imports: multi-row INSERT … RETURNING id, values adapted like the ORM.

`QuerySet.bulk_create` builds a model instance per row and compiles every value through the SQL
compiler; for 100k rows that costs more than reading the spreadsheet. Imports know their column types,
so they hand plain tuples here. This writes below the audited querysets: callers run inside
`audit.context.suppressed()` and record the entries themselves with `audit.recorder.record` (the one
sanctioned bypass), in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, router
from django.db.models import Model

# Field types whose Python values the database drivers take as they are.
_PLAIN_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "EmailField",
        "ForeignKey",
        "IntegerField",
        "OneToOneField",
        "PositiveBigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SlugField",
        "SmallIntegerField",
        "TextField",
    }
)
DEFAULT_BATCH = 1000


def _adapter(field, connection) -> Callable[[Any], Any] | None:
    if field.get_internal_type() in _PLAIN_TYPES:
        return None
    return lambda value: None if value is None else field.get_db_prep_save(value, connection)


def _memo(adapt: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """Adapt a run of the same object (one timestamp for a whole batch) only once."""
    if adapt is None:
        return None
    last: list[Any] = [object(), None]

    def cached(value):
        if value is not last[0]:
            last[0], last[1] = value, adapt(value)
        return last[1]

    return cached


def insert_rows(
    model: type[Model],
    fields: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    constants: dict[str, Any] | None = None,
    batch_size: int = DEFAULT_BATCH,
) -> list[int]:
    """Insert `rows` (tuples in the order of `fields`, FKs by attname) and return the new primary
    keys in row order. `constants` (e.g. created_at) are adapted once and added to every row."""
    if not rows:
        return []
    db = router.db_for_write(model)
    connection = connections[db]
    opts = model._meta
    qn = connection.ops.quote_name
    field_objs = [opts.get_field(name) for name in fields]
    constants = constants or {}
    const_objs = [opts.get_field(name) for name in constants]
    const_values = []
    for f, value in zip(const_objs, constants.values(), strict=True):
        adapt = _adapter(f, connection)
        const_values.append(adapt(value) if adapt else value)
    adapters = [_memo(_adapter(f, connection)) for f in field_objs]
    plain = all(a is None for a in adapters)
    columns = ", ".join(qn(f.column) for f in (*field_objs, *const_objs))
    width = len(field_objs) + len(const_objs)
    max_params = connection.features.max_query_params or 65_000
    batch = max(1, min(batch_size, max_params // width))
    returning = connection.features.can_return_rows_from_bulk_insert
    tail = f" RETURNING {qn(opts.pk.column)}" if returning else ""
    # SQLite: write "?" placeholders and skip Django's per-statement "%s" → "?" regex over tens of
    # thousands of placeholders; full batches then share one SQL text, which sqlite3 prepares once.
    sqlite = connection.vendor == "sqlite"
    mark = "?" if sqlite else "%s"
    one = "(" + ", ".join([mark] * width) + ")"
    head = f"INSERT INTO {qn(opts.db_table)} ({columns}) VALUES "
    statements: dict[int, str] = {}
    ids: list[int] = []
    with connection.cursor() as cursor:
        run = cursor.execute
        if sqlite:
            raw = cursor.cursor

            def run(sql, params):
                with connection.wrap_database_errors:
                    return sqlite3.Cursor.execute(raw, sql, params)

        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            params: list[Any] = []
            extend = params.extend
            if plain:
                for row in chunk:
                    extend(row)
                    extend(const_values)
            else:
                for row in chunk:
                    extend([v if a is None else a(v) for a, v in zip(adapters, row, strict=True)])
                    extend(const_values)
            if returning:
                sql = statements.get(len(chunk))
                if sql is None:
                    sql = statements.setdefault(len(chunk), head + ", ".join([one] * len(chunk)) + tail)
                run(sql, params)
                ids.extend(r[0] for r in cursor.fetchall())
            else:  # no RETURNING for multi-row inserts: one row at a time
                for i in range(len(chunk)):
                    run(head + one, params[i * width : (i + 1) * width])
                    ids.append(connection.ops.last_insert_id(cursor, opts.db_table, opts.pk.column))
    return ids


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


class NewRows:
    """Rows to create for one model, as dicts of every concrete field (defaults filled in), inserted
    with `insert_rows` and described for the audit trail exactly as `recorder.serialize` would."""

    TIMESTAMPS = ("created_at", "updated_at")

    def __init__(self, model: type[Model], *, describe: Callable[[dict[str, Any]], str]):
        from pembina.core.audit.recorder import audited_fields

        self.model = model
        self.describe = describe
        fields = [
            f for f in model._meta.concrete_fields if not f.primary_key and f.name not in self.TIMESTAMPS
        ]
        self.attnames = [f.attname for f in fields]
        self.defaults = {f.attname: f.get_default() for f in fields}
        self.audited = [f.attname for f in audited_fields(model)]
        self.rows: list[dict[str, Any]] = []
        self.ids: list[int] = []

    def add(self, values: dict[str, Any]) -> dict[str, Any]:
        row = {**self.defaults, **values}
        self.rows.append(row)
        return row

    def insert(self, *, now) -> list[int]:
        attnames = self.attnames
        stamps = {
            name: now
            for name in self.TIMESTAMPS
            if any(f.name == name for f in self.model._meta.concrete_fields)
        }
        self.ids = insert_rows(
            self.model, attnames, [tuple(r[a] for a in attnames) for r in self.rows], constants=stamps
        )
        return self.ids

    def changes(self) -> list:
        from pembina.core.audit.recorder import Change

        audited = self.audited
        return [
            Change(
                "create", self.model, pk, self.describe(row), None, {a: _jsonable(row[a]) for a in audited}
            )
            for pk, row in zip(self.ids, self.rows, strict=True)
        ]
