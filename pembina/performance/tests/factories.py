"""Factories and builders for performance tests: a year, plans along the `city` chain, approvals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from pembina.accounts.tests.factories import make_user
from pembina.org.tests.factories import make_employee
from pembina.performance import services
from pembina.performance.choices import YearState
from pembina.performance.models import PerformanceYear

D = dt.date


def make_year(
    *,
    instansi,
    year: int = 2026,
    interval: str = "quarterly",
    state: str = YearState.RUNNING,
    grace_days: int = 10,
) -> PerformanceYear:
    obj = services.performance_year_create(
        instansi=instansi, year=year, interval=interval, actor=None, realisation_grace_days=grace_days
    )
    if state != YearState.PLANNING:
        PerformanceYear.objects.filter(pk=obj.pk).update(state=state)
        obj.refresh_from_db()
    return obj


def make_plan(
    *,
    year,
    employee,
    actor=None,
    results: int = 1,
    parent=None,
    target=Decimal("12"),
    direction="higher",
    aggregation="sum",
    **kwargs,
):
    """A draft plan with `results` RHK utama, each with one IKI."""
    plan = services.plan_create(year=year, employee=employee, actor=actor, **kwargs)
    for n in range(results):
        r = services.result_add(
            plan=plan, statement=f"RHK {n + 1} {employee.name}", actor=None, parent_result=parent
        )
        services.indicator_add(
            result=r,
            name=f"IKI {n + 1}",
            actor=None,
            target=target,
            unit="dokumen",
            direction=direction,
            aggregation=aggregation,
        )
    return plan


def approve(plan):
    services.plan_submit(plan=plan, actor=None)
    return services.plan_approve(plan=plan, actor=None)


@dataclass
class SkpCity:
    city: object
    year: PerformanceYear
    users: dict  # owner, rater, rater_superior, admin, outsider, admin_bkpsdm, pimpinan, auditor
    plan: object  # staff_a's plan (rater kasi_a1a, atasan kabid_a1)


def build_skp_city(city, *, year=None) -> SkpCity:
    p = city.people
    year = year or make_year(instansi=city.instansi)
    users = {
        "owner": city.users["pegawai"],  # staff_a
        "rater": make_user(username=p["kasi_a1a"].nip, employee=p["kasi_a1a"]),
        "rater_superior": city.users["pejabat_penilai"],  # kabid_a1
        "admin": city.users["admin_opd"],  # Admin OPD Dinas Kesehatan
        "outsider": make_user(username=p["staff_b"].nip, employee=p["staff_b"]),
        "admin_bkpsdm": city.users["admin_bkpsdm"],
        "pimpinan": city.users["pimpinan"],
        "auditor": city.users["auditor"],
    }
    plan = make_plan(year=year, employee=p["staff_a"])
    return SkpCity(city=city, year=year, users=users, plan=plan)


def extra_staff(city, n: int, *, unit_key="staff_a"):
    """`n` more employees in the position's unit (same superior as staff_a)."""
    from pembina.org.tests.factories import PositionFactory

    pos = city.positions[unit_key]
    out = []
    for i in range(n):
        position = PositionFactory(
            unit=pos.unit, name=f"Staf tambahan {i}", job_type=pos.job_type, level=pos.level
        )
        out.append(
            make_employee(
                instansi=city.instansi, position=position, name=f"Staf {i:04d}", start=D(2020, 1, 1)
            )
        )
    return out
