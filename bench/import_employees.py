"""Benchmark: the real employee import path against a bare bulk_create of the same rows.

    .venv/bin/python bench/import_employees.py [--size N] [--format csv|xlsx] [--profile]

Sets Django up itself (settings `local`, a throwaway SQLite file in a temporary directory, or a
throwaway test database on the server named by DATABASE_URL), migrates, creates units and positions,
writes a file of N valid employees, then times in the same run:
  (a) `pembina.org.imports.import_file` — the function the import page and the background job call:
      reading, cleaning, validation, employees, assignments and the audit trail;
  (b) the baseline: the same reader over the same file and a bare `Employee` bulk_create through a plain
      `models.QuerySet` (no audit, no assignments) into an empty table, with the garbage collector
      paused as the import path pauses it.
Wall-clock seconds decide the ratio; CPU seconds are printed too (steadier on a busy machine).
The last line printed is one JSON object with the measurements.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _harness import log, setup_django  # bench/ is first on sys.path

N_OPD = 20
POSITIONS_PER_OPD = 5
HEADER = [
    "NIP",
    "NIP LAMA",
    "NAMA",
    "GELAR DEPAN",
    "GELAR BELAKANG",
    "TEMPAT LAHIR",
    "TANGGAL LAHIR",
    "JENIS KELAMIN",
    "STATUS ASN",
    "GOLONGAN",
    "TMT GOLONGAN",
    "KODE JABATAN",
    "TMT JABATAN",
    "NOMOR SK",
    "EMAIL",
    "NOMOR HP",
]
FIRST = [
    "Agus",
    "Budi",
    "Citra",
    "Dewi",
    "Eka",
    "Fitri",
    "Gunawan",
    "Hendra",
    "Indah",
    "Joko",
    "Kartika",
    "Lestari",
]
LAST = ["Santoso", "Wijaya", "Pratama", "Saputra", "Lestari", "Hidayat", "Kurniawan", "Rahmawati", "Siregar"]
RANKS = ["II/a", "II/b", "II/c", "III/a", "III/b", "III/c", "III/d", "IV/a"]


def setup_org():
    """An instansi, 20 OPDs with five positions each, and an Admin BKPSDM who imports."""
    from pembina.accounts.choices import Role
    from pembina.accounts.models import RoleGrant, User
    from pembina.core.audit.context import Source, audit_context
    from pembina.org import services
    from pembina.org.choices import JobType, UnitKind
    from pembina.org.models import Instansi

    with audit_context(source=Source.COMMAND, label="bench"):
        inst = Instansi.objects.create(code="BENCH", name="Pemerintah Kota Bench", region_name="Kota Bench")
        pemda = services.unit_create(
            instansi=inst,
            parent=None,
            code="PEMDA",
            name="Pemerintah Kota",
            kind=UnitKind.PEMDA,
            actor=None,
            is_opd=False,
        )
        codes = []
        for i in range(N_OPD):
            opd = services.unit_create(
                instansi=inst,
                parent=pemda,
                code=f"OPD{i:02d}",
                name=f"Dinas {i}",
                kind=UnitKind.DINAS,
                actor=None,
            )
            for j in range(POSITIONS_PER_OPD):
                pos = services.position_create(
                    unit=opd,
                    code=f"OPD{i:02d}-J{j}",
                    name=f"Jabatan {j} Dinas {i}",
                    job_type=JobType.JPT_PRATAMA if j == 0 else JobType.PELAKSANA,
                    is_head=j == 0,
                    actor=None,
                )
                codes.append(pos.code)
        user = User.objects.create(username="bench.admin", instansi=inst)
        RoleGrant.objects.create(user=user, role=Role.ADMIN_BKPSDM)
    return inst, user, codes


def employee_rows(size: int, position_codes: list[str]):
    from pembina.org.rules.nip import make_nip

    for i in range(size):
        gender = "L" if i % 2 == 0 else "P"
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=i // 900)
        tmt = dt.date(1990 + (i % 25), 1 + i % 12, 1)
        nip = make_nip(birth=birth, gender=gender, sequence=i % 900 + 1, tmt=tmt)
        yield [
            nip,
            "",
            f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]} {i}",
            "dr." if i % 50 == 0 else "",
            "S.Kom." if i % 3 == 0 else "",
            "Pontianak",
            birth,
            gender,
            "PNS",
            RANKS[i % len(RANKS)],
            dt.date(2020, 4, 1),
            position_codes[i % len(position_codes)],
            dt.date(2024, 1, 2),
            f"800/{i}/BKPSDM/2024",
            f"pegawai{i}@pontianak.go.id",
            f"08{i:010d}",
        ]


def write_file(path: Path, fmt: str, size: int, codes: list[str]) -> None:
    if fmt == "csv":
        import csv

        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            for row in employee_rows(size, codes):
                writer.writerow([v.strftime("%d-%m-%Y") if isinstance(v, dt.date) else v for v in row])
        return
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Pegawai")
    ws.append(HEADER)
    for row in employee_rows(size, codes):
        out = []
        for v in row:
            if isinstance(v, dt.date):
                cell = WriteOnlyCell(ws, value=v)
                cell.number_format = "DD-MM-YYYY"
                out.append(cell)
            else:
                out.append(v)
        ws.append(out)
    wb.save(path)
    _add_dimension(path, f"A1:{chr(64 + len(HEADER))}{size + 1}")


def _add_dimension(path: Path, ref: str) -> None:
    """Write-only workbooks lack <dimension>, which Excel always writes; without it openpyxl's
    read-only mode parses the sheet twice. Add it, so the file reads like one saved by Excel."""
    import zipfile

    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</sheetPr>", f'</sheetPr><dimension ref="{ref}"/>'.encode(), 1)
            dst.writestr(item, data)
    tmp.replace(path)


def run_import(path: Path, user, profile: bool):
    from pembina.org.imports import import_file

    def go():
        with open(path, "rb") as fh:
            return import_file(kind="employees", file=fh, name=path.name, actor=user)

    if not profile:
        return go()
    import cProfile
    import pstats

    prof = cProfile.Profile()
    result = prof.runcall(go)
    pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
    return result


def run_baseline(path: Path, instansi_id: int) -> int:
    """The same reader, the same rows, a bare bulk_create: what an import costs at the very least.
    The import path pauses the cyclic garbage collector while it holds the rows; the baseline gets the
    same treatment, or it would be twice as slow and flatter the ratio."""
    import gc

    gc.disable()
    try:
        return _baseline(path, instansi_id)
    finally:
        gc.enable()


def _baseline(path: Path, instansi_id: int) -> int:
    from django.db import models, transaction

    from pembina.core.imports.readers import open_table
    from pembina.core.imports.values import normalize_key, parse_date, text
    from pembina.org.models import Employee

    objs = []
    with open(path, "rb") as fh, open_table(fh, name=path.name) as table:
        col = {normalize_key(h): i for i, h in enumerate(table.header)}
        c = [col[normalize_key(h)] for h in HEADER]
        for _number, v in table.rows:
            objs.append(
                Employee(
                    instansi_id=instansi_id,
                    nip=text(v[c[0]]),
                    nip_old=text(v[c[1]]),
                    name=text(v[c[2]]),
                    front_title=text(v[c[3]]),
                    back_title=text(v[c[4]]),
                    birth_place=text(v[c[5]]),
                    birth_date=parse_date(v[c[6]]),
                    gender=text(v[c[7]]),
                    asn_status="pns",
                    rank=text(v[c[9]]),
                    rank_since=parse_date(v[c[10]]),
                    email=text(v[c[14]]),
                    phone=text(v[c[15]]),
                )
            )
    with transaction.atomic():
        models.QuerySet(Employee).bulk_create(objs, batch_size=2000)
    return len(objs)


def wipe_employees() -> None:
    from django.db import connection

    from pembina.org.models import Assignment, Employee

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Assignment._meta.db_table}")  # noqa: S608 — fixed table names
        cursor.execute(f"DELETE FROM {Employee._meta.db_table}")  # noqa: S608


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="xlsx")
    parser.add_argument("--profile", action="store_true", help="cProfile the import path (to stderr)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pembina-bench-"))
    teardown = None
    try:
        teardown = setup_django(workdir)
        from django.db import connection

        from pembina.core.models import AuditEntry
        from pembina.org.models import Assignment, Employee

        inst, user, codes = setup_org()
        path = workdir / f"pegawai.{args.format}"
        t0 = time.perf_counter()
        write_file(path, args.format, args.size, codes)
        log(
            f"file: {path.name} {path.stat().st_size / 1e6:.1f} MB, written in {time.perf_counter() - t0:.1f} s"
        )

        t0, c0 = time.perf_counter(), time.process_time()
        n = run_baseline(path, inst.pk)
        baseline, baseline_cpu = time.perf_counter() - t0, time.process_time() - c0
        assert n == args.size, (n, args.size)
        log(f"baseline: {n} rows in {baseline:.2f} s ({n / baseline:,.0f} rows/s)")
        wipe_employees()

        audit_before = AuditEntry.objects.count()
        t0, c0 = time.perf_counter(), time.process_time()
        result = run_import(path, user, args.profile)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        if not result.ok:
            log("import failed:", [e.as_dict() for e in result.errors[:5]])
            return 1
        created = Employee.objects.count()
        assignments = Assignment.objects.count()
        audit = AuditEntry.objects.count() - audit_before
        assert created == args.size and assignments == args.size and audit == 2 * args.size, (
            created,
            assignments,
            audit,
        )
        log(f"import:   {result.created} rows in {seconds:.2f} s ({args.size / seconds:,.0f} rows/s)")
        log(f"          {assignments} assignments, {audit} audit entries")
        ratio = seconds / baseline
        log(
            f"ratio import/baseline: {ratio:.2f} (CPU time: {cpu:.1f} s / {baseline_cpu:.1f} s = {cpu / baseline_cpu:.2f})"
        )
        print(
            json.dumps(
                {
                    "name": "import_employees",
                    "size": args.size,
                    "format": args.format,
                    "database": connection.vendor,
                    "seconds": round(seconds, 3),
                    "baseline_seconds": round(baseline, 3),
                    "ratio": round(ratio, 3),
                    "rows_per_second": round(args.size / seconds, 1),
                    "baseline_rows_per_second": round(args.size / baseline, 1),
                    "cpu_seconds": round(cpu, 3),
                    "baseline_cpu_seconds": round(baseline_cpu, 3),
                    "cpu_ratio": round(cpu / baseline_cpu, 3),
                    "audit_entries": audit,
                }
            )
        )
        return 0
    finally:
        if teardown is not None:
            teardown()
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
