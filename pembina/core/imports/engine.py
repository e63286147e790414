"""Run an import: read, clean and check every row first; write all rows in one transaction, or none.

The same function serves the web page (small files, inline), background jobs (large files) and the
benchmark. Writes happen inside `audit_context(source=import)`, so every created or changed row is on
the audit trail; an unchanged row writes nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from pembina.core.audit.context import Source, audit_context
from pembina.core.exceptions import ApplicationError
from pembina.core.imports.readers import column_letter, open_table
from pembina.core.imports.report import DEFAULT_LIMIT, ErrorReport
from pembina.core.imports.spec import HeaderMap, ImportSpec, Plan, Row, RowProblems

ProgressFn = Callable[..., Any]
PROGRESS_EVERY = 1000


def _no_progress(current: int, total: int | None = None, stage: str | None = None) -> None:
    return None


@dataclass
class ImportResult:
    kind: str
    filename: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    report: ErrorReport = field(default_factory=ErrorReport)

    @property
    def ok(self) -> bool:
        return not self.report

    @property
    def errors(self):
        return self.report.errors

    @property
    def error_count(self) -> int:
        return self.report.total

    @property
    def errors_truncated(self) -> bool:
        return self.report.truncated

    def counts(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "filename": self.filename,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "error_count": self.error_count,
        }


class _Abort(Exception):
    def __init__(self, report: ErrorReport):
        self.report = report


@dataclass
class Preflight:
    """What the web page needs before deciding inline or background: format, size, header problems."""

    fmt: str
    estimated_rows: int
    report: ErrorReport


def preflight(spec: ImportSpec, file: IO[bytes], *, name: str) -> Preflight:
    """Check type, size, encoding and header without reading the rows; raise ImportFileError."""
    report = ErrorReport()
    with open_table(file, name=name) as table:
        spec.map_header(table.header, table.header_row, report)
        estimated = table.estimated_rows
        if estimated is None:  # an XLSX without a usable <dimension>: count (cheap next to the import)
            estimated = sum(1 for _ in table.rows)
    file.seek(0)
    return Preflight(table.fmt, estimated, report)


def _is_blank_row(values: tuple) -> bool:
    for v in values:  # noqa: SIM110 — a plain loop is the fastest form on the hot path
        if v is not None and v != "" and (not isinstance(v, str) or v.strip()):
            return False
    return True


def _read_rows(
    spec: ImportSpec,
    table,
    header: HeaderMap,
    ctx: Any,
    report: ErrorReport,
    progress: ProgressFn,
) -> tuple[list[Row], int]:
    items = list(header.indexes.items())
    keys = [k for k, _i in items]
    idxs = [i for _k, i in items]
    width = header.width
    empty_only = header.empty_only
    total = table.estimated_rows or 0
    rows: list[Row] = []
    clean_row = spec.clean_row
    stage = _("Memeriksa baris…")
    progress(0, total, stage=stage)
    seen = 0
    for number, values in table.rows:
        if _is_blank_row(values):
            continue
        seen += 1
        n = len(values)
        if n > width and not _is_blank_row(values[width:]):
            report.add(
                number,
                column_letter(width),
                _("Ada isi di luar kolom yang berjudul (mulai kolom %(c)s); periksa pergeseran kolom.")
                % {"c": column_letter(width)},
            )
            continue
        for i in empty_only:
            if i < n and not _is_blank_row((values[i],)):
                report.add(
                    number,
                    column_letter(i),
                    _("Ada isi di kolom %(c)s yang tidak berjudul.") % {"c": column_letter(i)},
                )
        if n >= width:
            raw = dict(zip(keys, [values[i] for i in idxs], strict=True))
        else:
            raw = {k: (values[i] if i < n else None) for k, i in items}
        problems = RowProblems()
        data = clean_row(raw, problems, ctx)
        if problems:
            for key, message in problems.items:
                report.add(number, key, message)
        else:
            rows.append(Row(number, data))
        if seen % PROGRESS_EVERY == 0:
            progress(seen, max(total, seen), stage=stage)
    return rows, seen


@contextmanager
def _gc_paused() -> Iterator[None]:
    """An import holds every row until it writes; the cyclic garbage collector would walk those
    hundreds of thousands of live objects again and again for nothing (~30% of the run time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run_import(
    spec: ImportSpec,
    file: IO[bytes],
    *,
    name: str,
    actor: Any,
    progress: ProgressFn | None = None,
    error_limit: int = DEFAULT_LIMIT,
) -> ImportResult:
    """Import `file` (CSV or XLSX) as `spec`; nothing is written unless every row is valid."""
    with _gc_paused():
        return _run_import(
            spec, file, name=name, actor=actor, progress=progress or _no_progress, error_limit=error_limit
        )


def _run_import(
    spec: ImportSpec, file: IO[bytes], *, name: str, actor: Any, progress: ProgressFn, error_limit: int
) -> ImportResult:
    report = ErrorReport(limit=error_limit)
    result = ImportResult(kind=spec.kind, filename=name, report=report)
    try:
        with open_table(file, name=name) as table:
            header = spec.map_header(table.header, table.header_row, report)
            if report:
                return result
            ctx = spec.prepare(actor=actor)
            rows, result.rows = _read_rows(spec, table, header, ctx, report, progress)
    except ApplicationError as exc:  # ImportFileError, or the actor may not import at all
        report.add(None, "", exc.message)
        return result
    if not rows and not report:
        report.add(None, "", _("Berkas tidak berisi baris data di bawah baris judul."))
        return result
    # Checks across rows and against the database, still outside the write transaction.
    plan = spec.plan(rows, ctx, report, header)
    if report:
        return result
    total = len(rows)
    progress(total, total, stage=_("Menyimpan…"))
    if plan.has_writes:
        try:
            plan = _write(
                spec, rows, header, report.labels, actor=actor, label=f"impor {spec.kind}: {name}"[:200]
            )
        except _Abort as abort:
            result.report = abort.report
            return result
    result.created, result.updated, result.unchanged = plan.created, plan.updated, plan.unchanged
    progress(total, total, stage=_("Selesai"))
    return result


def _write(
    spec: ImportSpec, rows: list[Row], header: HeaderMap, labels: dict[str, str], *, actor: Any, label: str
) -> Plan:
    with transaction.atomic(), audit_context(source=Source.IMPORT, user=actor, label=label):
        # Plan again against data read inside the transaction: what was checked is what is written.
        ctx = spec.prepare(actor=actor)
        report = ErrorReport(labels=dict(labels))
        plan = spec.plan(rows, ctx, report, header)
        if report:
            raise _Abort(report)
        if plan.has_writes:
            spec.write(plan, ctx, header)
    return plan
