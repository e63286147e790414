"""Benchmark: `pembina demo --employees N` against a bare insert of the same rows.

    .venv/bin/python bench/demo_build.py [--size N] [--seed S] [--profile]

Sets Django up itself (settings `local`, a throwaway SQLite file in a temporary directory, or a
throwaway test database on the server named by DATABASE_URL), migrates, then times in the same run:
  (a) the baseline, in a fresh database: the demo plan for N employees (planned beforehand, untimed)
      written with bulk_create through Django's plain `models.QuerySet` — the same units, positions,
      employees, assignments and overrides, no audit trail, no accounts;
  (b) `call_command("demo", employees=N, org_only=True)` in another fresh database: planning, the
      audited bulk inserts (every row on the hash-chained audit trail), unit paths, accounts and 2FA —
      the same rows as the baseline (without `--org-only` the demo also builds two years of SKPs,
      services, learning and evaluations, which the baseline does not write).
The last line printed is one JSON object with the measurements.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _harness import ROOT, log  # bench/ is first on sys.path


def setup_django(workdir: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pembina.config.settings.local")
    os.environ.setdefault("DJANGO_DEBUG", "false")  # DEBUG would log every query and skew the timing
    os.environ["PEMBINA_SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    os.environ["PEMBINA_MEDIA_ROOT"] = str(workdir / "media")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)


class FreshDatabase:
    """A migrated, empty database: a new SQLite file, or a new test database on the server."""

    def __init__(self, workdir: Path):
        from django.db import connection

        self.workdir = workdir
        self.server = bool(os.environ.get("DATABASE_URL"))
        self.old_name = connection.settings_dict["NAME"]
        self.created = False

    def __enter__(self):
        from django.core.management import call_command
        from django.db import connection, connections

        if self.server:
            connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        else:
            connections.close_all()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.old_name}{suffix}").unlink(missing_ok=True)
            call_command("migrate", verbosity=0, interactive=False)
        call_command("createcachetable", verbosity=0)  # the page-fragment cache (settings: DatabaseCache)
        self.created = True
        return self

    def __exit__(self, *exc):
        from django.db import connection, connections

        if self.server and self.created:
            connection.creation.destroy_test_db(self.old_name, verbosity=0)
        else:
            connections.close_all()
        return False


def counts() -> dict[str, int]:
    from pembina.core.models import AuditEntry
    from pembina.org.models import Assignment, Employee, Position, SupervisorOverride, Unit

    return {
        "units": Unit.objects.count(),
        "positions": Position.objects.count(),
        "employees": Employee.objects.count(),
        "assignments": Assignment.objects.count(),
        "overrides": SupervisorOverride.objects.count(),
        "audit_entries": AuditEntry.objects.count(),
    }


def profiled(fn, enabled: bool):
    if not enabled:
        return fn()
    import cProfile
    import pstats

    prof = cProfile.Profile()
    result = prof.runcall(fn)
    pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", action="store_true", help="cProfile the demo command (to stderr)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pembina-bench-demo-"))
    try:
        setup_django(workdir)
        from django.core.management import call_command
        from django.db import connection

        from pembina.org.demo.builder import write_plan
        from pembina.org.demo.plan import make_plan

        t0 = time.perf_counter()
        plan = make_plan(seed=args.seed, size=args.size)
        plan_seconds = time.perf_counter() - t0
        log(f"plan: {len(plan.employees)} employees, {len(plan.positions)} positions in {plan_seconds:.2f} s")

        with FreshDatabase(workdir):
            t0 = time.perf_counter()
            write_plan(plan, plain=True)
            baseline = time.perf_counter() - t0
            base_counts = counts()
        log(f"baseline (plain bulk_create): {baseline:.2f} s {base_counts}")
        del plan

        with FreshDatabase(workdir):
            out = io.StringIO()
            t0 = time.perf_counter()
            profiled(
                lambda: call_command("demo", employees=args.size, seed=args.seed, org_only=True, stdout=out),
                args.profile,
            )
            seconds = time.perf_counter() - t0
            demo_counts = counts()
            vendor = connection.vendor
        log(out.getvalue().splitlines()[0])
        log(f"demo (audited): {seconds:.2f} s {demo_counts}")
        for key in ("units", "positions", "employees", "assignments", "overrides"):
            assert demo_counts[key] == base_counts[key], (key, demo_counts[key], base_counts[key])
        ratio = seconds / baseline
        log(f"ratio demo/baseline: {ratio:.2f}")
        print(
            json.dumps(
                {
                    "name": "demo_build",
                    "size": args.size,
                    "seed": args.seed,
                    "database": vendor,
                    "seconds": round(seconds, 3),
                    "baseline_seconds": round(baseline, 3),
                    "ratio": round(ratio, 3),
                    "plan_seconds": round(plan_seconds, 3),
                    "employees_per_second": round(args.size / seconds, 1),
                    **{k: v for k, v in demo_counts.items()},
                }
            )
        )
        return 0
    finally:
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
