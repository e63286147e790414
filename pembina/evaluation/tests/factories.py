"""Builders for evaluation tests: approved SKPs along the `city` chain with realisations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from pembina.accounts.tests.factories import make_user
from pembina.performance import services as perf
from pembina.performance.tests.factories import approve, make_plan, make_year


def realise(plan, values: list, *, indicator_index: int | None = None) -> None:
    """Record `values` (one per period, None = not reported) for every IKI of the plan."""
    periods = list(plan.year.periods.order_by("number"))
    indicators = list(
        perf_indicators(plan) if indicator_index is None else [perf_indicators(plan)[indicator_index]]
    )
    for ind in indicators:
        for period, value in zip(periods, values, strict=False):
            if value is not None:
                perf.realisation_record(indicator=ind, period=period, value=Decimal(str(value)), actor=None)


def perf_indicators(plan):
    from pembina.performance.models import Indicator

    return list(
        Indicator.objects.filter(result__plan=plan).order_by(
            "result__kind", "result__order", "result_id", "id"
        )
    )


@dataclass
class EvalCity:
    city: object
    year: object
    periods: list
    plans: dict  # person key → approved plan
    users: dict  # owner, rater, rater_superior, admin, outsider, admin_bkpsdm, pimpinan, auditor, peer, kadis


def build_eval_city(city, *, values=(3, 3, 3, 3)) -> EvalCity:
    """Approved SKPs (quarterly 2026, target 12 per IKI, sum) for the Dinkes chain and staff_b, each
    IKI realised `values` per quarter. staff_a is rated by kasi_a1a, whose atasan is kabid_a1."""
    p = city.people
    year = make_year(instansi=city.instansi)
    plans = {}
    for key in ("kadis_a", "kabid_a1", "kasi_a1a", "staff_a", "staff_a2", "staff_b"):
        plan = make_plan(year=year, employee=p[key], results=2)
        approve(plan)
        realise(plan, list(values))
        plans[key] = plan
    users = {
        "owner": city.users["pegawai"],  # staff_a
        "rater": make_user(username=p["kasi_a1a"].nip, employee=p["kasi_a1a"]),
        "rater_superior": city.users["pejabat_penilai"],  # kabid_a1
        "admin": city.users["admin_opd"],  # Dinas Kesehatan
        "outsider": make_user(username=p["staff_b"].nip, employee=p["staff_b"]),
        "admin_bkpsdm": city.users["admin_bkpsdm"],
        "pimpinan": city.users["pimpinan"],
        "auditor": city.users["auditor"],
        "peer": make_user(username=p["staff_a2"].nip, employee=p["staff_a2"]),
        "kadis": make_user(username=p["kadis_a"].nip, employee=p["kadis_a"]),
    }
    return EvalCity(city, year, list(year.periods.order_by("number")), plans, users)


def fresh(user):
    """The same user without the request-scoped scope cache (roles may have changed)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=user.pk)


D = dt.date


def open_annual(ev, key="staff_a"):
    from pembina.evaluation import services

    return services.evaluation_open(plan=ev.plans[key], actor=None)


def rated(ev, key="staff_a", *, result="sesuai", behaviour="sesuai", period=None):
    from pembina.evaluation import services

    e = services.evaluation_open(plan=ev.plans[key], actor=None, period=period)
    if e.is_unit_head and e.unit_rating:
        result = e.unit_rating
    return services.evaluation_rate(
        evaluation=e,
        actor=None,
        rating_result=result,
        result_justification="Sesuai capaian IKI.",
        rating_behaviour=behaviour,
    )


def published(ev, key="staff_a", **kw):
    from pembina.evaluation import services

    e = rated(ev, key, **kw)
    services.evaluation_publish(evaluation=e, actor=None)
    e.refresh_from_db()
    return e
