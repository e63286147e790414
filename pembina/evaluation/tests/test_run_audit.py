"""Batch audit entries of set-based creations (docs/decisions/0007-batch-audit-entries.md): complete
(every audited field of every row, refused otherwise), chunked, on the hash chain like any entry
(`pembina audit_verify` finds an edited batch), and the run's update of a head's unit rating still
recorded row by row."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from pembina.core.audit.recorder import (
    audited_fields,
    batch_rows,
    changes_for_created_batch,
    record,
    verify_chain,
)
from pembina.core.models import AuditEntry
from pembina.evaluation import services
from pembina.evaluation.models import Evaluation
from pembina.evaluation.tests.factories import build_eval_city, realise

pytestmark = pytest.mark.django_db


def _rows(n: int) -> tuple[list[str], list[list], dict]:
    names = [f.attname for f in audited_fields(Evaluation)]
    varying = ["plan_id", "employee_id"]
    common = {a: "" for a in names if a not in varying}
    return ["id", *varying], [[pk, 1000 + pk, 2000 + pk] for pk in range(n, 0, -1)], common


def test_batch_changes_are_chunked_sorted_and_read_back_row_by_row():
    fields, rows, common = _rows(7)
    changes = changes_for_created_batch(Evaluation, fields=fields, rows=rows, common=common, chunk=3)
    assert [c.object_id for c in changes] == ["1-3", "4-6", "7-7"]
    assert [c.after["batch"] for c in changes] == [3, 3, 1]
    assert all(c.action == "create" and c.before is None for c in changes)
    back = [pair for c in changes for pair in batch_rows(c.after)]
    assert [pk for pk, _v in back] == list(range(1, 8))
    assert back[0][1] == {**common, "plan_id": 1001, "employee_id": 2001}


def test_batch_changes_refuse_an_incomplete_record():
    fields, rows, common = _rows(2)
    common.pop("status")
    with pytest.raises(ValueError, match="status"):
        changes_for_created_batch(Evaluation, fields=fields, rows=rows, common=common)
    with pytest.raises(ValueError):  # the primary key must come first
        changes_for_created_batch(Evaluation, fields=fields[1:], rows=[r[1:] for r in rows], common=common)


def test_an_edited_batch_entry_breaks_the_chain():
    fields, rows, common = _rows(4)
    entries = record(changes_for_created_batch(Evaluation, fields=fields, rows=rows, common=common, chunk=2))
    assert len(entries) == 2 and verify_chain().ok
    call_command("audit_verify")
    table, after = AuditEntry._meta.db_table, connection.ops.quote_name("after")
    json_type = "jsonb" if connection.vendor == "postgresql" else "TEXT"
    with connection.cursor() as cursor:  # someone with database access changes one recorded value
        cursor.execute(
            f"UPDATE {table} SET {after} = CAST(REPLACE(CAST({after} AS TEXT), '1002', '1009') AS {json_type}) "
            "WHERE id = %s",
            [entries[0].pk],
        )
    result = verify_chain()
    assert not result.ok and result.broken_entry_id == entries[0].pk
    with pytest.raises(CommandError):
        call_command("audit_verify")


def test_run_records_a_changed_unit_rating_as_an_update(city):
    ev = build_eval_city(city)
    services.evaluation_run(year=ev.year, actor=None)
    kasi = Evaluation.objects.get(plan=ev.plans["kasi_a1a"])
    assert kasi.unit_rating == "sesuai"  # the seksi at 100 %
    for key in ("kasi_a1a", "staff_a", "staff_a2"):
        realise(ev.plans[key], [6, 6, 6, 6])  # the seksi at 200 %
    report = services.evaluation_run(year=ev.year, actor=None)
    kasi.refresh_from_db()
    assert kasi.unit_rating == "di_atas" and report.updated >= 3
    entry = AuditEntry.objects.filter(
        object_type="evaluation.evaluation", object_id=str(kasi.pk), action="update"
    ).latest("id")
    assert (entry.before, entry.after) == ({"unit_rating": "sesuai"}, {"unit_rating": "di_atas"})
    # figures off the audit trail (derived) are written but not recorded
    staff = Evaluation.objects.get(plan=ev.plans["staff_a"])
    assert staff.achievement == 200 and not AuditEntry.objects.filter(
        object_type="evaluation.evaluation", object_id=str(staff.pk), action="update"
    )
    assert verify_chain().ok
