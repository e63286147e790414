"""Benchmark: the public portal page and the statistics refresh job with N service requests stored.

    .venv/bin/python bench/public_portal.py [--size N] [--rounds R] [--keep]

Sets Django up itself (settings `local`, DEBUG off, a throwaway SQLite file in a temporary
directory, or a throwaway test database on the server named by DATABASE_URL), migrates, creates an
instansi with 20 OPDs and 60 services, then generates N requests (plus N/40 complaints and N/8 SKM
answers) over 24 months with raw set-based inserts (data generation only: no audit trail), and times
in the same run:
  (a) the cached portal page `/layanan/` against `/healthz`, both through the same stack
      (django.test.Client, every middleware) — target ratio <= 2;
  (b) the uncached portal render (page cache cleared before each request), and its query count at a
      small and at the full size (it must not grow with the rows);
  (c) the statistics refresh job `month_stats_refresh` against a single raw SQL aggregate over the same
      request rows — target ratio <= 3.
The last line printed is one JSON object with the measurements.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _harness import log, setup_django  # bench/ is first on sys.path

N_OPD = 20
SERVICES_PER_OPD = 3
MONTHS = 24
SMALL = 2_000


def setup_catalogue(today: dt.date):
    """An instansi, 20 OPDs with three services each, holidays, and a program start 12 months ago."""
    from pembina.core.audit.context import Source, audit_context
    from pembina.org import services as org_services
    from pembina.org.choices import UnitKind
    from pembina.org.models import Instansi
    from pembina.public_services import services

    with audit_context(source=Source.COMMAND, label="bench"):
        inst = Instansi.objects.create(code="BENCH", name="Pemerintah Kota Bench", region_name="Kota Bench")
        pemda = org_services.unit_create(
            instansi=inst,
            parent=None,
            code="PEMDA",
            name="Pemerintah Kota",
            kind=UnitKind.PEMDA,
            actor=None,
            is_opd=False,
        )
        catalogue = []
        for i in range(N_OPD):
            opd = org_services.unit_create(
                instansi=inst,
                parent=pemda,
                code=f"OPD{i:02d}",
                name=f"Dinas {i}",
                kind=UnitKind.DINAS,
                actor=None,
            )
            for j in range(SERVICES_PER_OPD):
                catalogue.append(
                    services.service_create(
                        unit=opd,
                        code=f"OPD{i:02d}-L{j}",
                        name=f"Layanan {j} Dinas {i}",
                        completion_days=1 + (i + j) % 5,
                        actor=None,
                    )
                )
        services.holidays_seed(instansi=inst)
        start = (today.replace(day=1) - dt.timedelta(days=330)).replace(day=1)
        services.service_policy_update(instansi=inst, data={"program_start": start}, actor=None)
    return inst, catalogue, start


def _month_start(today: dt.date, back: int) -> dt.date:
    index = today.year * 12 + today.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


class Generator:
    """Raw executemany inserts, columns taken from the models (so the bench follows schema changes)."""

    def __init__(self, inst, catalogue, program_start: dt.date, today: dt.date, seed: int = 7):
        from django.db import connection
        from django.utils import timezone

        self.connection = connection
        self.ops = connection.ops
        self.inst = inst
        self.catalogue = catalogue
        self.program_start = program_start
        self.today = today
        self.tz = timezone.get_current_timezone()
        self.rng = random.Random(seed)
        self.counter = 0
        self.now = timezone.now()

    def _insert(self, model, rows: list[dict]) -> None:
        if not rows:
            return
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        columns = ", ".join(self.ops.quote_name(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {self.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608

        def adapt(field, value):
            internal = field.get_internal_type()
            if value is None:
                return None
            if internal == "DateTimeField":
                return self.ops.adapt_datetimefield_value(value)
            if internal == "DateField":
                return self.ops.adapt_datefield_value(value)
            if internal == "JSONField":
                return json.dumps(value)
            return value

        params = [
            [adapt(f, row[f.attname] if f.attname in row else self._default(f)) for f in fields]
            for row in rows
        ]
        with self.connection.cursor() as cursor:
            cursor.executemany(sql, params)

    def _default(self, field):
        if field.has_default():
            return field.get_default()
        if field.get_internal_type() in ("DateTimeField",) and field.name in ("created_at", "updated_at"):
            return self.now
        if field.null:
            return None
        if field.get_internal_type() in ("CharField", "TextField"):
            return ""
        raise KeyError(field.name)

    def _moment(self) -> dt.datetime:
        back = self.rng.randrange(MONTHS)
        month = _month_start(self.today, back)
        last = 28 if back else max(1, self.today.day - 1)
        day = month.replace(day=self.rng.randint(1, last))
        return dt.datetime(
            day.year, day.month, day.day, self.rng.randint(7, 15), self.rng.randint(0, 59), tzinfo=self.tz
        )

    def _number(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-{self.counter:010d}"

    def requests(self, n: int, batch: int = 20_000) -> None:
        from django.db import transaction

        from pembina.public_services.models import ServiceRequest

        rng = self.rng
        with transaction.atomic():
            rows = []
            for _ in range(n):
                svc = self.catalogue[rng.randrange(len(self.catalogue))]
                received = self._moment()
                after = received.date() >= self.program_start
                roll = rng.random()
                status = (
                    "completed"
                    if roll < 0.55
                    else "picked_up"
                    if roll < 0.85
                    else "rejected"
                    if roll < 0.9
                    else "in_process"
                )
                row = {
                    "instansi_id": self.inst.pk,
                    "service_id": svc.pk,
                    "unit_id": svc.unit_id,
                    "opd_id": svc.opd_id,
                    "unit_path": svc.unit_path,
                    "tracking_number": self._number("BR"),
                    "channel": "counter" if rng.random() < 0.8 else "online",
                    "status": status,
                    "citizen_name": "Warga",
                    "received_at": received,
                    "received_month": received.date().replace(day=1),
                    "completion_days": svc.completion_days,
                    "due_date": received.date() + dt.timedelta(days=svc.completion_days + 2),
                    "verified_at": received,
                    "processing_at": received,
                }
                if status in ("completed", "picked_up"):
                    # The program shortens completion: before it, a long tail of late requests.
                    elapsed = int(rng.expovariate(1 / (svc.completion_days * (0.6 if after else 1.3))))
                    completed = received + dt.timedelta(days=elapsed * 7 // 5, hours=1)
                    if completed.date() > self.today:
                        completed = received + dt.timedelta(hours=1)
                        elapsed = 0
                    row.update(
                        completed_at=completed,
                        completed_month=completed.date().replace(day=1),
                        elapsed_working_days=elapsed,
                        within_deadline=elapsed <= svc.completion_days,
                        is_overdue=elapsed > svc.completion_days,
                    )
                    if status == "picked_up":
                        row["picked_up_at"] = completed + dt.timedelta(hours=2)
                elif status == "rejected":
                    row.update(
                        rejected_at=received + dt.timedelta(hours=3), rejection_reason="Berkas tidak lengkap"
                    )
                rows.append(row)
                if len(rows) >= batch:
                    self._insert(ServiceRequest, rows)
                    rows = []
            self._insert(ServiceRequest, rows)

    def complaints(self, n: int) -> None:
        from django.db import transaction

        from pembina.public_services.models import Complaint

        rng = self.rng
        rows = []
        for _ in range(n):
            svc = self.catalogue[rng.randrange(len(self.catalogue))]
            received = self._moment()
            resolved = received + dt.timedelta(days=rng.randint(1, 20))
            done = resolved.date() <= self.today and rng.random() < 0.85
            row = {
                "instansi_id": self.inst.pk,
                "tracking_number": self._number("BC"),
                "confirm_token": self._number("T"),
                "channel": "web",
                "subject": "Pengaduan",
                "description": "Isi",
                "reporter_name": "Pelapor",
                "service_id": svc.pk,
                "unit_id": svc.unit_id,
                "opd_id": svc.opd_id,
                "unit_path": svc.unit_path,
                "status": "closed" if done else "verified",
                "tier": "normative",
                "received_at": received,
                "received_month": received.date().replace(day=1),
                "verify_due": received.date() + dt.timedelta(days=4),
                "verified_at": received + dt.timedelta(hours=5),
            }
            if done:
                row.update(
                    resolved_at=resolved,
                    resolved_month=resolved.date().replace(day=1),
                    resolved_on_time=(resolved - received).days <= 7,
                    closed_at=resolved,
                )
            rows.append(row)
        with transaction.atomic():
            self._insert(Complaint, rows)

    def surveys(self, n: int) -> None:
        from django.db import transaction

        from pembina.public_services.models import SurveyResponse
        from pembina.public_services.rules import skm

        rng = self.rng
        rows = []
        for _ in range(n):
            svc = self.catalogue[rng.randrange(len(self.catalogue))]
            at = self._moment()
            good = 0.75 if at.date() >= self.program_start else 0.5
            row = {
                "instansi_id": self.inst.pk,
                "service_id": svc.pk,
                "unit_id": svc.unit_id,
                "opd_id": svc.opd_id,
                "unit_path": svc.unit_path,
                "channel": "online",
                "submitted_at": at,
                "month": at.date().replace(day=1),
            }
            for e in skm.ELEMENTS:
                row[e.field] = 4 if rng.random() < good * 0.4 else 3 if rng.random() < good else 2
            rows.append(row)
        with transaction.atomic():
            self._insert(SurveyResponse, rows)

    def add(self, n: int) -> None:
        self.requests(n)
        self.complaints(max(1, n // 40))
        self.surveys(max(1, n // 8))


def refresh(inst) -> float:
    from pembina.public_services.services import month_stats_refresh

    t0 = time.perf_counter()
    month_stats_refresh(instansi_id=inst.pk)
    return time.perf_counter() - t0


def raw_aggregate(inst) -> float:
    """One grouped scan of the same request rows: what any refresh costs at the very least."""
    from django.db import connection

    from pembina.public_services.models import ServiceRequest

    table = connection.ops.quote_name(ServiceRequest._meta.db_table)
    sql = (
        f"SELECT unit_id, service_id, received_month, COUNT(*), "  # noqa: S608 — fixed table name
        f"SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END) FROM {table} "
        f"WHERE instansi_id = %s GROUP BY unit_id, service_id, received_month"
    )
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, [inst.pk])
        cursor.fetchall()
    return time.perf_counter() - t0


def uncached_render(client) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _drop_pages()
    with CaptureQueriesContext(connection) as ctx:
        t0 = time.perf_counter()
        response = client.get("/layanan/")
        seconds = time.perf_counter() - t0
    assert response.status_code == 200, response.status_code
    return seconds, len(ctx.captured_queries)


def _drop_pages() -> None:
    """Delete the cached portal pages (and nothing else) from the database cache."""
    from django.core.cache import cache

    if hasattr(cache, "_base_set"):  # DatabaseCache
        from django.db import connection

        table = connection.ops.quote_name(cache._table)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE cache_key LIKE %s", ["%pembina:portal:page:%"])  # noqa: S608
    else:
        cache.clear()


def timed_loop(client, path: str, n: int) -> float:
    t0 = time.perf_counter()
    for _ in range(n):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    return time.perf_counter() - t0


def profile(fn, title: str) -> None:
    import cProfile
    import pstats

    log(f"--- profile: {title}")
    prof = cProfile.Profile()
    prof.runcall(fn)
    pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=2_000_000)
    parser.add_argument("--rounds", type=int, default=10, help="rounds of 50 cached requests per page")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the refresh and the cached page (stderr)"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pembina-bench-portal-"))
    teardown = None
    try:
        teardown = setup_django(workdir, test_client=True, cache_table=True)
        from django.db import connection
        from django.test import Client
        from django.utils import timezone

        from pembina.public_services.models import ServiceMonthStat

        today = timezone.localdate()
        inst, catalogue, program_start = setup_catalogue(today)
        gen = Generator(inst, catalogue, program_start, today)
        client = Client()

        # Query count of the uncached page at a small size ...
        small = min(SMALL, args.size)
        gen.add(small)
        refresh(inst)
        client.get("/layanan/")
        _seconds, queries_small = uncached_render(client)

        # ... and at the full size.
        t0 = time.perf_counter()
        gen.add(args.size - small)
        generate_seconds = time.perf_counter() - t0
        log(
            f"generated {args.size:,} requests (+{args.size // 40:,} complaints, {args.size // 8:,} SKM) in {generate_seconds:.1f} s"
        )
        if connection.vendor == "sqlite" or connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        # (c) the refresh job against one raw aggregate over the same rows (best of three each).
        raw_aggregate(inst)  # warm the page cache of the database for both
        refresh_times, baseline_times = [], []
        for _ in range(3):
            baseline_times.append(raw_aggregate(inst))
            refresh_times.append(refresh(inst))
        refresh_seconds, refresh_baseline = min(refresh_times), min(baseline_times)
        stat_rows = ServiceMonthStat.objects.count()
        log(
            f"refresh: {refresh_seconds:.3f} s ({stat_rows} month rows); raw aggregate: {refresh_baseline:.3f} s"
        )

        # (b) uncached render.
        uncached = []
        queries_large = 0
        for _ in range(7):
            seconds, queries_large = uncached_render(client)
            uncached.append(seconds)
        uncached_seconds = statistics.median(uncached)
        log(
            f"uncached portal: {uncached_seconds * 1000:.1f} ms, {queries_large} queries (small: {queries_small})"
        )

        # (a) cached portal against /healthz, interleaved so both see the same machine load.
        client.get("/layanan/")
        client.get("/healthz")
        per = 50
        portal_total = health_total = 0.0
        for _ in range(args.rounds):
            health_total += timed_loop(client, "/healthz", per)
            portal_total += timed_loop(client, "/layanan/", per)
        n = per * args.rounds
        seconds, baseline = portal_total / n, health_total / n
        ratio = seconds / baseline
        log(
            f"cached portal: {seconds * 1000:.2f} ms/request; /healthz: {baseline * 1000:.2f} ms; ratio {ratio:.2f}"
        )
        refresh_ratio = refresh_seconds / refresh_baseline
        if args.profile:
            profile(lambda: refresh(inst), "refresh")
            profile(lambda: timed_loop(client, "/layanan/", 200), "cached portal x200")
            profile(lambda: uncached_render(client), "uncached portal")
        log(f"ratio refresh/raw aggregate: {refresh_ratio:.2f}")
        print(
            json.dumps(
                {
                    "name": "public_portal",
                    "size": args.size,
                    "database": connection.vendor,
                    "seconds": round(seconds, 6),
                    "baseline_seconds": round(baseline, 6),
                    "ratio": round(ratio, 3),
                    "uncached_seconds": round(uncached_seconds, 4),
                    "uncached_ratio": round(uncached_seconds / baseline, 2),
                    "refresh_seconds": round(refresh_seconds, 3),
                    "refresh_baseline_seconds": round(refresh_baseline, 3),
                    "refresh_ratio": round(refresh_ratio, 3),
                    "queries_small": queries_small,
                    "queries_large": queries_large,
                    "stat_rows": stat_rows,
                    "generate_seconds": round(generate_seconds, 1),
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
