"""Benchmark: the 20 JP dashboards (one OPD, the whole city) with N employees × 10 activities each,
against `/healthz` through the same stack in the same run.

    .venv/bin/python bench/jp_dashboards.py [--size N] [--repeat R] [--profile] [--keep]

Sets Django up itself (settings `local`, a throwaway SQLite file in a temporary directory, or a
throwaway test database on the server named by DATABASE_URL) and migrates. It then builds two cities
set-based: a small one (20 employees in 4 OPDs) and a large one of N employees (default 100,000) in 20
OPDs, the largest holding 30 % of them; every employee gets 10 verified development activities of
mixed kinds spread through the year (so N × 10 JP records), and the JP summaries are refreshed with
the domain's `jp_summary_refresh`, which also rebuilds the unit rollups (`JpRollup`) both pages read.
The rows are bulk-written with the per-row audit off (`audit.context.suppressed`): this measures the
pages, not the audit log.

Through the full stack (django.test.Client, a Pimpinan with TOTP enrolled, every middleware) it times
R rounds of (a) `/healthz` three times, the baseline, (b) the OPD dashboard of the largest OPD (first
page of who is below target) and (c) the city dashboard — each cold (page cache emptied before the
request: the page computed again from the rollups and the below-target index) and warm (the
unchanged page from the cache, keyed by the audit chain head) — interleaved, so that the load of a
shared machine weighs on the baseline and the pages alike, and takes medians of wall and CPU time.
It counts the queries of (b) and (c) in the small and the large city (they must be equal). The last
line printed is one JSON object; `seconds`/`ratio` are the worst page COLD (what the first visitor
after any change gets), `cpu_ratio` the same in CPU time (wall time on a busy machine also counts
waiting for a core, which a 2 ms baseline rarely does), `warm_seconds`/`warm_ratio` the worst page
warm. The exit status is 1 when the query counts differ.
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
from decimal import Decimal
from pathlib import Path

from _harness import log, setup_django  # bench/ is first on sys.path

KINDS = ["training", "e_learning", "seminar", "coaching", "self_study", "simulation", "workshop", "mentoring"]
ACTIVITIES = 10
BATCH = 20_000


def build_city(code: str, size: int, opd_count: int, year: int, nip_offset: int, rng: random.Random):
    """An instansi with `opd_count` OPDs (the first holding 30 %), `size` employees, 10 records each."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from pembina.accounts.choices import Role
    from pembina.accounts.models import RoleGrant, User
    from pembina.core.audit import context as audit_ctx
    from pembina.learning.choices import RecordSource, RecordStatus
    from pembina.learning.models import DevelopmentRecord
    from pembina.learning.rules.jp import mode_of
    from pembina.learning.services.jp import jp_summary_refresh
    from pembina.org import services as org
    from pembina.org.choices import JobType, UnitKind
    from pembina.org.models import Employee, Instansi
    from pembina.org.rules.nip import make_nip

    inst = Instansi.objects.create(code=code, name=f"Pemerintah Kota {code}", region_name=f"Kota {code}")
    pemda = org.unit_create(
        instansi=inst,
        parent=None,
        code=f"{code}-PEMDA",
        name="Pemerintah Kota",
        kind=UnitKind.PEMDA,
        actor=None,
        is_opd=False,
    )
    opds = []
    for i in range(opd_count):
        opd = org.unit_create(
            instansi=inst,
            parent=pemda,
            code=f"{code}-OPD{i:02d}",
            name=f"Dinas {code} {i:02d}",
            kind=UnitKind.DINAS,
            actor=None,
            is_opd=True,
        )
        pos = org.position_create(
            unit=opd, code=f"{code}-OPD{i:02d}-PL", name="Pelaksana", job_type=JobType.PELAKSANA, actor=None
        )
        opds.append((opd, pos))
    big = int(size * 0.3)
    shares = [big] + [(size - big) // (opd_count - 1)] * (opd_count - 1)
    shares[-1] += size - sum(shares)
    created = 0
    with audit_ctx.suppressed():
        for (opd, pos), share in zip(opds, shares, strict=True):
            for start in range(0, share, BATCH):
                chunk = min(BATCH, share - start)
                employees = []
                for _ in range(chunk):
                    n = nip_offset + created
                    created += 1
                    gender = "L" if n % 2 else "P"
                    birth = dt.date(1965, 1, 1) + dt.timedelta(days=n % 9000)
                    tmt = dt.date(1990 + (n // 9000) % 35, 1 + (n // 315000) % 12, 1)
                    employees.append(
                        Employee(
                            instansi=inst,
                            nip=make_nip(birth=birth, gender=gender, sequence=1, tmt=tmt),
                            name=f"Pegawai {code} {n:06d}",
                            gender=gender,
                            birth_date=birth,
                            asn_status="pns",
                            rank="III/a",
                            current_position=pos,
                            current_unit=opd,
                            current_opd=opd,
                            current_unit_path=opd.path,
                        )
                    )
                employees = Employee.objects.bulk_create(employees, batch_size=1000)
                records = []
                for e in employees:
                    lazy = e.pk % 3 == 0  # a third lags behind the target
                    for k in range(ACTIVITIES):
                        kind = KINDS[(e.pk + k) % len(KINDS)]
                        day = dt.date(
                            year, 1 + (k * 12 // ACTIVITIES + rng.randrange(2)) % 12, 1 + rng.randrange(27)
                        )
                        jp = Decimal(rng.randrange(1, 4) if lazy else rng.randrange(2, 7))
                        records.append(
                            DevelopmentRecord(
                                employee=e,
                                kind=kind,
                                mode=mode_of(kind),
                                title="Kegiatan pengembangan",
                                start_date=day,
                                end_date=day,
                                year=year,
                                jp=jp,
                                status=RecordStatus.VERIFIED,
                                source=RecordSource.IMPORT,
                                source_ref=f"bench-{e.pk}-{k}",
                            )
                        )
                DevelopmentRecord.objects.bulk_create(records, batch_size=2000)
    summaries = jp_summary_refresh(instansi_id=inst.pk, year=year)
    user = User.objects.create(username=f"bench.pimpinan.{code.lower()}", instansi=inst)
    RoleGrant.objects.create(user=user, role=Role.PIMPINAN)
    TOTP.activate(user, generate_totp_secret())
    return inst, opds[0][0], user, summaries


def count_queries(client, url: str) -> int:
    """The queries of one cold request (page cache emptied first)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
    return len(ctx.captured_queries)


def one(client, url: str, *, cold: bool) -> tuple[float, float]:
    """Wall and CPU seconds of one request (body consumed); cold = the page cache emptied first."""
    from django.core.cache import cache

    if cold:
        cache.clear()
    wall, cpu = time.perf_counter(), time.process_time()
    r = client.get(url)
    _body = r.content
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert r.status_code == 200, (url, r.status_code)
    return wall, cpu


def measure(client, pages: dict[str, str], rounds: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of `/healthz` and of every page cold and warm, interleaved round
    by round so that a change of load on a shared machine hits the baseline and the pages alike."""
    samples: dict[str, list[tuple[float, float]]] = {"healthz": []}
    for _ in range(rounds):
        for _h in range(3):
            samples["healthz"].append(one(client, "/healthz", cold=False))
        for name, url in pages.items():
            samples.setdefault(f"{name} cold", []).append(one(client, url, cold=True))
            samples.setdefault(f"{name} warm", []).append(one(client, url, cold=False))
    return {
        k: (statistics.median(w for w, _c in v), statistics.median(c for _w, c in v))
        for k, v in samples.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15, help="rounds of interleaved requests")
    parser.add_argument("--profile", action="store_true", help="cProfile one cold render of each page")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pembina-bench-"))
    teardown = None
    try:
        teardown = setup_django(workdir, test_client=True, cache_table=True)
        from django.db import connection
        from django.test import Client
        from django.urls import reverse
        from django.utils import timezone

        from pembina.core.audit.context import Source, audit_context

        year = timezone.localdate().year - 1  # a whole past year: every month has its activities
        rng = random.Random(2026)
        t0 = time.perf_counter()
        with audit_context(source=Source.COMMAND, label="bench"):
            small = build_city("KECIL", 20, 4, year, 0, rng)
            large = build_city("BESAR", args.size, 20, year, 20, rng)
        log(
            f"built in {time.perf_counter() - t0:.1f} s: {large[3]} summaries from {args.size * ACTIVITIES} records"
        )

        def urls(city):
            _inst, opd, user, _n = city
            return user, {
                "jp_opd": f"{reverse('learning:jp_opd')}?opd={opd.pk}&year={year}",
                "jp_city": f"{reverse('learning:jp_city')}?year={year}",
            }

        clients = {}
        for label, city in (("small", small), ("large", large)):
            user, pages = urls(city)
            client = Client()
            client.force_login(user)
            clients[label] = (client, pages)
        client, pages = clients["large"]
        small_client, small_pages = clients["small"]
        for url in [*pages.values(), "/healthz"]:
            one(client, url, cold=True)  # per-process caches (templates, content types, translations)
        medians = measure(client, pages, args.repeat)
        healthz, healthz_cpu = medians["healthz"]
        results = {}
        for name, url in pages.items():
            (cold, cold_cpu), (warm, warm_cpu) = medians[f"{name} cold"], medians[f"{name} warm"]
            q_small, q_large = count_queries(small_client, small_pages[name]), count_queries(client, url)
            results[name] = {
                "seconds": cold,
                "ratio": cold / healthz,
                "cpu_ratio": cold_cpu / healthz_cpu,
                "warm_seconds": warm,
                "warm_ratio": warm / healthz,
                "warm_cpu_ratio": warm_cpu / healthz_cpu,
                "queries_small": q_small,
                "queries_large": q_large,
            }
            log(
                f"{name:8s} cold {cold * 1000:7.2f} ms (ratio {cold / healthz:5.2f}, CPU {cold_cpu / healthz_cpu:5.2f})"
                f"  warm {warm * 1000:7.2f} ms (ratio {warm / healthz:5.2f}, CPU {warm_cpu / healthz_cpu:5.2f})"
                f"  queries 20: {q_small}  {args.size}: {q_large}"
            )
        if args.profile:
            import cProfile
            import pstats

            from django.core.cache import cache

            for name, url in pages.items():
                cache.clear()
                prof = cProfile.Profile()
                prof.runcall(client.get, url)
                log(f"--- profile {name}")
                pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
        log(f"healthz  {healthz * 1000:7.2f} ms (CPU {healthz_cpu * 1000:.2f} ms)")
        worst = max(results.values(), key=lambda r: r["ratio"])
        worst_warm = max(results.values(), key=lambda r: r["warm_ratio"])
        equal = all(r["queries_small"] == r["queries_large"] for r in results.values())
        print(
            json.dumps(
                {
                    "name": "jp_dashboards",
                    "size": args.size,
                    "records": args.size * ACTIVITIES,
                    "database": connection.vendor,
                    "seconds": round(worst["seconds"], 5),
                    "baseline_seconds": round(healthz, 5),
                    "ratio": round(worst["ratio"], 2),
                    "cpu_ratio": round(worst["cpu_ratio"], 2),
                    "warm_seconds": round(worst_warm["warm_seconds"], 5),
                    "warm_ratio": round(worst_warm["warm_ratio"], 2),
                    "queries_small": worst["queries_small"],
                    "queries_large": worst["queries_large"],
                    "queries_equal": equal,
                    "pages": {
                        k: {
                            f: round(x, 2 if "ratio" in f else 5) if isinstance(x, float) else x
                            for f, x in v.items()
                        }
                        for k, v in results.items()
                    },
                }
            )
        )
        return 0 if equal else 1
    finally:
        if teardown is not None:
            teardown()
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
