"""Benchmark: the cascade tree and the OPD progress page of a large OPD against `/healthz`.

    .venv/bin/python bench/planning_pages.py [--size N] [--repeat R] [--profile]

Sets Django up itself (settings `local`, a throwaway SQLite file in a temporary directory, or a
throwaway test database on the server named by DATABASE_URL), migrates, then builds set-based (through
the services and the audited bulk managers) a running year with 12 monthly periods and two OPDs:
a small one of 10 employees and a large one of N (default 1,000): a head, 4 bidang, 12 seksi, the
rest staff; every plan cascaded from the head's RHK down (results_cascade), 90 % approved, one IKI per
RHK with 12 monthly realisations (written in bulk, so the progress summary is refreshed once, as
any bulk writer must). Then, through the full stack (django.test.Client, logged in as a
Pimpinan with TOTP enrolled, every middleware), it renders in the same run and repeatedly:
  (a) `/healthz` — the baseline: a request that does almost nothing;
  (b) the cascade tree and (c) the OPD progress page of the large OPD;
and counts the queries of (b) and (c) for the small and the large OPD (they must be equal).
The time per render is the median of R repeats, cold (the page-fragment cache emptied before each
request: everything recomputed, the figure that counts) and warm (repeats of an unchanged OPD served
from the fragment cache); `/healthz` is sampled between the page requests, so a shared machine's load
weighs on both sides of the ratio alike (`ratio_fastest` compares the fastest of each, the code's own
cost). The last line printed is one JSON object; `seconds` and `ratio` are cold, of the worse page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from _harness import log, setup_django  # bench/ is first on sys.path

YEAR = 2026
ON = dt.date(YEAR, 12, 31)  # every month of the year has ended: all realisations count
BIDANG, SEKSI_PER_BIDANG = 4, 3


def build_opd(inst, pemda, code: str, size: int, seq: list[int]):
    """Units, positions and `size` employees placed from 2020 (employees and assignments in bulk)."""
    from pembina.org import services as org
    from pembina.org.choices import AssignmentKind, AssignmentReason, JobType, UnitKind
    from pembina.org.models import Assignment, Employee
    from pembina.org.rules.nip import make_nip

    opd = org.unit_create(
        instansi=inst,
        parent=pemda,
        code=code,
        name=f"Dinas {code}",
        kind=UnitKind.DINAS,
        actor=None,
        is_opd=True,
    )
    head_pos = org.position_create(
        unit=opd,
        code=f"{code}-KADIS",
        name=f"Kepala Dinas {code}",
        job_type=JobType.JPT_PRATAMA,
        is_head=True,
        actor=None,
    )
    slots = [(head_pos, opd)]  # (position, unit) per employee, heads first
    bidang_heads, seksi_heads, staff_slots = [], [], []
    for b in range(BIDANG):
        bidang = org.unit_create(
            instansi=inst,
            parent=opd,
            code=f"{code}-B{b}",
            name=f"Bidang {b}",
            kind=UnitKind.BIDANG,
            actor=None,
        )
        pos = org.position_create(
            unit=bidang,
            code=f"{code}-B{b}-KA",
            name=f"Kepala Bidang {b}",
            job_type=JobType.ADMINISTRATOR,
            is_head=True,
            actor=None,
        )
        bidang_heads.append((pos, bidang))
        for s in range(SEKSI_PER_BIDANG):
            seksi = org.unit_create(
                instansi=inst,
                parent=bidang,
                code=f"{code}-B{b}-S{s}",
                name=f"Seksi {b}.{s}",
                kind=UnitKind.SEKSI,
                actor=None,
            )
            kasi = org.position_create(
                unit=seksi,
                code=f"{code}-B{b}-S{s}-KA",
                name=f"Kepala Seksi {b}.{s}",
                job_type=JobType.PENGAWAS,
                is_head=True,
                actor=None,
            )
            staff = org.position_create(
                unit=seksi,
                code=f"{code}-B{b}-S{s}-PL",
                name=f"Pengelola Data {b}.{s}",
                job_type=JobType.PELAKSANA,
                actor=None,
            )
            seksi_heads.append((kasi, seksi))
            staff_slots.append((staff, seksi))
    heads = [(head_pos, opd), *bidang_heads, *seksi_heads]
    slots = heads[:size] + [staff_slots[i % len(staff_slots)] for i in range(max(0, size - len(heads)))]
    employees = []
    for i, (pos, unit) in enumerate(slots):
        seq[0] += 1
        n = seq[0]
        birth = dt.date(1970, 1, 1) + dt.timedelta(days=n % 9000)
        gender = "L" if n % 2 else "P"
        employees.append(
            Employee(
                instansi=inst,
                nip=make_nip(
                    birth=birth, gender=gender, sequence=n % 900 + 1, tmt=dt.date(1995 + n // 900 % 25, 1, 1)
                ),
                name=f"Pegawai {code} {i:04d}",
                gender=gender,
                birth_date=birth,
                asn_status="pns",
                rank="III/a",
                current_position=pos,
                current_unit=unit,
                current_opd=opd,
                current_unit_path=unit.path,
            )
        )
    employees = Employee.objects.bulk_create(employees, batch_size=500)
    Assignment.objects.bulk_create(
        [
            Assignment(
                employee=e,
                position=pos,
                unit=unit,
                kind=AssignmentKind.DEFINITIVE,
                reason=AssignmentReason.APPOINTMENT,
                start_date=dt.date(2020, 1, 2),
            )
            for e, (pos, unit) in zip(employees, slots, strict=True)
        ],
        batch_size=500,
    )
    by_pos: dict[int, list] = {}
    for e, (pos, _unit) in zip(employees, slots, strict=True):
        by_pos.setdefault(pos.pk, []).append(e)
    return opd, employees, by_pos, bidang_heads, seksi_heads, staff_slots


def plan_opd(year, goal, opd_data):
    """The head drafts an RHK on the OPD goal; each level cascades it to the next (set-based)."""
    from pembina.performance import services

    opd, employees, by_pos, bidang_heads, seksi_heads, staff_slots = opd_data
    head = employees[0]
    plan = services.plan_create(year=year, employee=head, actor=None)
    top = services.result_add(plan=plan, statement=f"Kinerja {opd.name} meningkat", goal=goal, actor=None)
    services.indicator_add(
        result=top,
        name="Capaian layanan",
        target=Decimal("1200"),
        unit="layanan",
        aggregation="sum",
        actor=None,
    )
    level = [(head, top)]
    for positions in (bidang_heads, seksi_heads):
        nxt = []
        for sup, rhk in level:
            subs = [
                e
                for pos, _u in positions
                for e in by_pos.get(pos.pk, [])
                if pos.unit.parent_id == sup.current_unit_id
            ]
            if subs:
                report = services.results_cascade(source_result=rhk, employees=subs, actor=None)
                nxt.extend((r.plan.employee, r) for r in report.created)
        level = nxt
    for kasi, rhk in level:
        staff = [
            e for pos, unit in staff_slots if unit.pk == kasi.current_unit_id for e in by_pos.get(pos.pk, [])
        ]
        if staff:
            services.results_cascade(source_result=rhk, employees=staff, actor=None)


def approve_and_realise(year):
    """90 % of the plans approved (set-based update, audited), 12 monthly realisations per IKI."""
    from pembina.performance.choices import PlanStatus
    from pembina.performance.models import Indicator, PerformancePlan, Realisation

    ids = list(PerformancePlan.objects.filter(year=year).order_by("pk").values_list("pk", flat=True))
    approved = [pk for i, pk in enumerate(ids) if i % 10]
    PerformancePlan.objects.filter(pk__in=approved).update(status=PlanStatus.APPROVED, approved_version=1)
    periods = list(year.periods.order_by("number"))
    rows = []
    for n, (ind_id, target) in enumerate(
        Indicator.objects.filter(result__plan_id__in=approved).values_list("pk", "target")
    ):
        monthly = (target or Decimal(12)) / 12
        for p in periods:
            factor = Decimal("0.6") if n % 7 == 0 else Decimal("1.05")  # some fall behind their pace
            rows.append(
                Realisation(indicator_id=ind_id, period=p, value=(monthly * factor).quantize(Decimal("0.01")))
            )
    Realisation.objects.bulk_create(rows, batch_size=1000)
    # written in bulk past the services, so the progress summary is refreshed once, set-based
    from pembina.performance import services

    services.progress_refresh(year=year)
    return len(ids), len(approved), len(rows)


def build(size: int):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from pembina.accounts.choices import Role
    from pembina.accounts.models import RoleGrant, User
    from pembina.core.audit.context import Source, audit_context
    from pembina.org import services as org
    from pembina.org.choices import UnitKind
    from pembina.org.models import Instansi
    from pembina.performance import services
    from pembina.performance.choices import GoalLevel, YearState
    from pembina.performance.models import PerformanceYear

    with audit_context(source=Source.COMMAND, label="bench"):
        inst = Instansi.objects.create(code="BENCH", name="Pemerintah Kota Bench", region_name="Kota Bench")
        pemda = org.unit_create(
            instansi=inst,
            parent=None,
            code="PEMDA",
            name="Pemerintah Kota",
            kind=UnitKind.PEMDA,
            actor=None,
            is_opd=False,
        )
        year = services.performance_year_create(instansi=inst, year=YEAR, interval="monthly", actor=None)
        PerformanceYear.objects.filter(pk=year.pk).update(state=YearState.RUNNING)
        year.refresh_from_db()
        city_goal = services.goal_create(
            year=year, level=GoalLevel.CITY, statement="Pelayanan publik prima", actor=None
        )
        seq = [0]
        opds = {}
        for code, n in (("KECIL", 10), ("BESAR", size)):
            data = build_opd(inst, pemda, code, n, seq)
            goal = services.goal_create(
                year=year,
                level=GoalLevel.OPD,
                opd=data[0],
                parent=city_goal,
                statement=f"Sasaran {code}",
                actor=None,
            )
            services.goal_indicator_create(
                goal=goal, name="Indeks layanan", unit="indeks", target=90, actor=None
            )
            plan_opd(year, goal, data)
            opds[code] = data[0]
        counts = approve_and_realise(year)
        user = User.objects.create(username="bench.pimpinan", instansi=inst)
        RoleGrant.objects.create(user=user, role=Role.PIMPINAN)
        TOTP.activate(user, generate_totp_secret())
    return year, opds, user, counts


@dataclass
class Timing:
    seconds: float  # median per request
    fastest: float  # minimum: the code's own cost, without the neighbours' load
    baseline: float  # median of /healthz sampled between the requests (interleaved)
    baseline_fastest: float
    queries: int


def _once(client, url: str) -> float:
    t0 = time.perf_counter()
    r = client.get(url)
    _body = r.content
    elapsed = time.perf_counter() - t0
    assert r.status_code == 200, (url, r.status_code)
    return elapsed


def timed(client, url: str, repeat: int, *, cold: bool = True) -> Timing:
    """Per full request (response body consumed): the page and `/healthz`, interleaved so both see
    the same load of a shared machine; and the query count of one page request.

    cold: the page fragment cache is emptied before each request (outside the timer), so every
    render recomputes everything; warm: the repeats hit the cached fragment of an unchanged OPD."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
    queries = len(ctx.captured_queries)
    times, base = [], []
    for _ in range(repeat):
        # five in a row: the median drops the first, which may pay for the previous page's garbage
        base.append(statistics.median(_once(client, "/healthz") for _ in range(5)))
        if cold:
            cache.clear()
        times.append(_once(client, url))
    return Timing(statistics.median(times), min(times), statistics.median(base), min(base), queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--profile", action="store_true", help="cProfile one render of each page (to stderr)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pembina-bench-"))
    teardown = None
    try:
        teardown = setup_django(workdir, cache_table=True)
        from django.db import connection
        from django.test import Client
        from django.test.utils import override_settings
        from django.urls import reverse

        from pembina.performance.models import Indicator, PlannedResult

        t0 = time.perf_counter()
        year, opds, user, (plans, approved, realisations) = build(args.size)
        log(
            f"built in {time.perf_counter() - t0:.1f} s: {plans} plans ({approved} approved), "
            f"{PlannedResult.objects.count()} RHK, {Indicator.objects.count()} IKI, {realisations} realisations"
        )
        client = Client()
        client.force_login(user)
        pages = {
            name: {
                code: reverse(f"performance:{name}") + f"?opd={opd.pk}&year={YEAR}"
                for code, opd in opds.items()
            }
            for name in ("cascade_tree", "opd_progress")
        }
        # ALLOWED_HOSTS of the local settings may not include the test client's "testserver"
        with override_settings(ALLOWED_HOSTS=["*"]):
            import django.utils.timezone as tz

            real_localdate = tz.localdate
            tz.localdate = lambda *a, **k: ON  # "today" at the year's end: every month counts
            try:
                results = {}
                for name, urls in pages.items():
                    cold = timed(client, urls["BESAR"], args.repeat)
                    small = timed(client, urls["KECIL"], 1)
                    warm = timed(client, urls["BESAR"], args.repeat, cold=False)
                    results[name] = {
                        "seconds": cold.seconds,
                        "baseline_seconds": cold.baseline,
                        "ratio": cold.seconds / cold.baseline,
                        "ratio_fastest": cold.fastest / cold.baseline_fastest,
                        "warm_seconds": warm.seconds,
                        "warm_ratio": warm.seconds / warm.baseline,
                        "queries_small": small.queries,
                        "queries_large": cold.queries,
                    }
                    log(
                        f"{name:13s} cold {cold.seconds * 1000:8.1f} ms (ratio {cold.seconds / cold.baseline:6.1f}; "
                        f"fastest {cold.fastest * 1000:.1f} ms, ratio {cold.fastest / cold.baseline_fastest:.1f})  "
                        f"warm {warm.seconds * 1000:7.1f} ms (ratio {warm.seconds / warm.baseline:5.1f})  "
                        f"healthz {cold.baseline * 1000:.2f} ms  queries 10: {small.queries}  "
                        f"{args.size}: {cold.queries}"
                    )
                if args.profile:
                    import cProfile
                    import pstats

                    from django.core.cache import cache

                    for name, urls in pages.items():
                        cache.clear()  # profile the cold render
                        prof = cProfile.Profile()
                        prof.runcall(client.get, urls["BESAR"])
                        log(f"--- profile {name}")
                        pstats.Stats(prof, stream=sys.stderr).sort_stats(
                            os.environ.get("BENCH_SORT", "cumulative")
                        ).print_stats(30)
            finally:
                tz.localdate = real_localdate
        worst = max(results.values(), key=lambda r: r["ratio"])
        equal = all(r["queries_small"] == r["queries_large"] for r in results.values())
        log("query counts equal at 10 and N:", equal)
        print(
            json.dumps(
                {
                    "name": "planning_pages",
                    "size": args.size,
                    "database": connection.vendor,
                    "seconds": round(worst["seconds"], 4),
                    "baseline_seconds": round(worst["baseline_seconds"], 5),
                    "ratio": round(worst["ratio"], 2),
                    "ratio_fastest": round(worst["ratio_fastest"], 2),
                    "queries_small": worst["queries_small"],
                    "queries_large": worst["queries_large"],
                    "warm_seconds": round(worst["warm_seconds"], 4),
                    "warm_ratio": round(worst["warm_ratio"], 2),
                    "load_average": round(os.getloadavg()[0], 2),
                    "pages": {
                        k: {
                            key: round(value, 5) if isinstance(value, float) else value
                            for key, value in v.items()
                        }
                        for k, v in results.items()
                    },
                    "queries_equal": equal,
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
