"""The maintained summaries answer exactly what the reference computations answer.

`IndicatorProgress`/`ProgressRollup` (kept by the services on every write) against
`indicator_statuses`/`opd_progress` (recomputed from the realisations), for many dates, both read
paths (the per-unit rollup for actors who see the whole OPD, the IKI rows for the others) and after
each kind of write; and the cascade page's integer outline against the full `cascade_tree`.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from pembina.accounts.tests.factories import make_user
from pembina.performance import selectors, services
from pembina.performance.choices import GoalLevel
from pembina.performance.models import IndicatorProgress, PerformancePlan, ProgressRollup
from pembina.performance.rules import progress as progress_rules
from pembina.performance.selectors.progress import sees_whole_opd
from pembina.performance.tests.factories import approve, extra_staff, make_plan, make_year

pytestmark = pytest.mark.django_db

D = dt.date
DATES = [
    D(2026, 1, 15),
    D(2026, 4, 5),
    D(2026, 4, 11),
    D(2026, 7, 1),
    D(2026, 10, 11),
    D(2026, 12, 31),
    D(2027, 1, 20),
]


def build(city, *, interval="quarterly", seed=7):
    """An OPD with plans of every direction and aggregation, a transfer mid-year, a plan never
    approved, a zero target and a text-only target; realisations drawn at random (some missing)."""
    rng = random.Random(seed)
    p = city.people
    year = make_year(instansi=city.instansi, interval=interval)
    kasi = approve(make_plan(year=year, employee=p["kasi_a1a"], target=Decimal(40)))
    kinds = [
        ("higher", "sum", Decimal(12)),
        ("lower", "average", Decimal(5)),
        ("higher", "last", Decimal(95)),
    ]
    plans = [kasi]
    for n, e in enumerate(extra_staff(city, 6)):
        direction, method, target = kinds[n % 3]
        plan = make_plan(
            year=year,
            employee=e,
            parent=kasi.results.get(),
            target=target,
            direction=direction,
            aggregation=method,
        )
        r = plan.results.get()
        if n == 4:
            services.indicator_add(
                result=r, name="Nol keluhan", target=0, unit="keluhan", direction="lower", actor=None
            )
        if n == 5:
            services.indicator_add(result=r, name="Uraian", target_text="Laporan lengkap", actor=None)
        plans.append(approve(plan) if n != 3 else plan)  # one plan stays a draft
    moved = plans[1]
    services.plan_transfer(plan=moved, transfer_date=D(2026, 7, 1), actor=None)
    periods = list(year.periods.order_by("number"))
    for plan in PerformancePlan.objects.filter(year=year, approved_version__gt=0):
        for ind in plan.results.get().indicators.all():
            for period in periods:
                if period.start > plan.end_date or rng.random() < 0.25:
                    continue
                value = (
                    None
                    if ind.target is None
                    else (ind.target / len(periods)) * Decimal(rng.choice(["0.3", "0.9", "1.1", "2"]))
                )
                narrative = "" if value is not None else "Terlaksana"
                services.realisation_record(
                    indicator=ind, period=period, value=value, narrative=narrative, actor=None
                )
    return year


def reference_chart(statuses, periods, on):
    """The chart as the page computed it from the statuses before the summary existed."""
    index = {p.pk: i for i, p in enumerate(periods)}
    n = len(periods)
    pct, pct_n, exp, exp_n, filled, items = (
        [Decimal(0)] * n,
        [0] * n,
        [Decimal(0)] * n,
        [0] * n,
        [0] * n,
        [0] * n,
    )
    for s in statuses:
        for idx, (p, value) in enumerate(zip(s.periods, s.values, strict=True)):
            i = index[p.pk]
            if p.start > on:
                continue
            items[i] += 1
            filled[i] += value is not None
            if s.target is None:
                continue
            ytd = progress_rules.aggregate(s.values[: idx + 1], s.aggregation)
            achieved = progress_rules.progress_percent(target=s.target, realised=ytd, direction=s.direction)
            if achieved is not None:
                pct[i] += achieved
                pct_n[i] += 1
            exp[i] += Decimal(100) * (idx + 1) / len(s.periods) if s.aggregation == "sum" else Decimal(100)
            exp_n[i] += 1
    mean = lambda t, c: float(round(t / c, 1)) if c else None  # noqa: E731
    return {
        "labels": [p.label for p in periods],
        "achieved": [mean(pct[i], pct_n[i]) if items[i] else None for i in range(n)],
        "expected": [mean(exp[i], exp_n[i]) if items[i] else None for i in range(n)],
        "filled": [round(100 * filled[i] / items[i], 1) if items[i] else None for i in range(n)],
    }


def check_against_reference(actor, year, opd):
    for on in DATES:
        actor._pembina_scope = None
        reference = selectors.opd_progress(actor=actor, year=year, opd=opd, on=on)
        rows = selectors.plan_progress_figures(
            plans=selectors.plan_progress_rows(actor=actor, year=year, opd=opd, on=on), on=on
        )
        assert [r.plan.pk for r in rows] == [r.plan.pk for r in reference] or sorted(
            r.plan.pk for r in rows
        ) == sorted(r.plan.pk for r in reference)
        want = {r.plan.pk: r for r in reference}
        for got in rows:
            ref = want[got.plan.pk]
            assert (got.indicators, got.on_track, got.behind, got.no_data, got.missing) == (
                ref.indicators,
                ref.on_track,
                ref.behind,
                ref.no_data,
                ref.missing,
            ), (on, got.plan.pk)
            if ref.average_progress is None:
                assert got.average_progress is None
            else:
                assert abs(got.average_progress - ref.average_progress) <= Decimal("0.01"), on
        summary = selectors.opd_progress_summary(actor=actor, year=year, opd=opd, on=on)
        totals = summary["totals"]
        assert totals["plans"] == len(reference)
        assert totals["approved"] == sum(1 for r in reference if r.plan.approved_version)
        for key in ("indicators", "on_track", "behind", "no_data", "missing"):
            assert totals[key] == sum(getattr(r, key) for r in reference), (on, key)
        plans = PerformancePlan.objects.for_actor(actor).filter(year=year, unit_path__startswith=opd.path)
        statuses = selectors.indicator_statuses(year=year, plans=plans, on=on).values()
        chart = reference_chart(list(statuses), list(year.periods.order_by("number")), on)
        assert summary["chart"]["labels"] == chart["labels"]
        assert summary["chart"]["filled"] == chart["filled"], on
        for key in ("achieved", "expected"):
            for got, ref in zip(summary["chart"][key], chart[key], strict=True):
                assert (got is None) == (ref is None) and (got is None or abs(got - ref) <= 0.1), (on, key)


@pytest.mark.parametrize("interval", ["quarterly", "monthly"])
def test_summary_matches_the_reference_for_whole_opd_and_partial_readers(city, interval):
    year = build(city, interval=interval)
    admin, kasi = city.users["admin_opd"], make_user(username="kasi", employee=city.people["kasi_a1a"])
    assert sees_whole_opd(admin, city.dinas_a) and not sees_whole_opd(kasi, city.dinas_a)
    assert (
        ProgressRollup.objects.filter(year=year).count() < IndicatorProgress.objects.filter(year=year).count()
    )
    check_against_reference(admin, year, city.dinas_a)  # from the rollup
    check_against_reference(kasi, year, city.dinas_a)  # from the IKI rows of the plans the Kasi sees
    check_against_reference(city.users["pimpinan"], year, city.dinas_a)


def snapshot(year):
    fields = (
        "indicator_id",
        "number",
        "unit_path",
        "valid_from",
        "valid_until",
        "overdue_from",
        "filled",
        "progress",
        "expected",
        "pace",
    )
    rows = sorted(IndicatorProgress.objects.filter(year=year).values_list(*fields))
    key = (
        "unit_path",
        "period_id",
        "start",
        "valid_from",
        "valid_until",
        "overdue_from",
        "pace",
        "rows",
        "filled",
        "progress_sum",
        "progress_n",
        "expected_sum",
        "expected_n",
    )
    rollup = sorted(ProgressRollup.objects.filter(year=year).values_list(*key), key=repr)
    return rows, rollup


def assert_maintained(year):
    """What the services kept equals a full recomputation from scratch."""
    kept = snapshot(year)
    services.progress_refresh(year=year)
    assert snapshot(year) == kept


def test_every_write_keeps_the_summary_exact(city):
    year = build(city)
    assert_maintained(year)
    plan = (
        PerformancePlan.objects.filter(year=year, approved_version__gt=0, end_date=D(2026, 12, 31))
        .exclude(employee=city.people["kasi_a1a"])
        .order_by("pk")
        .first()
    )
    ind = plan.results.get().indicators.first()
    q4 = year.periods.get(number=4)
    services.realisation_record(indicator=ind, period=q4, value=3, actor=None)
    assert_maintained(year)
    services.plan_revise(plan=plan, actor=None, reason="uji")
    services.indicator_update(indicator=ind, data={"target": "30", "direction": "lower"}, actor=None)
    assert_maintained(year)
    extra = services.indicator_add(result=plan.results.get(), name="Baru", target=4, unit="x", actor=None)
    assert IndicatorProgress.objects.filter(indicator=extra).exists()
    services.indicator_delete(indicator=extra, actor=None)
    assert_maintained(year)
    services.result_delete(
        result=services.result_add(plan=plan, statement="Sementara", actor=None), actor=None
    )
    assert_maintained(year)
    draft = PerformancePlan.objects.filter(year=year, approved_version=0, previous_plan__isnull=True).get()
    assert not IndicatorProgress.objects.filter(plan=draft).exists()
    approve(draft)
    assert IndicatorProgress.objects.filter(plan=draft).exists()
    assert_maintained(year)
    services.plan_transfer(plan=draft, transfer_date=D(2026, 10, 1), actor=None)
    assert_maintained(year)
    services.performance_year_update(
        year=year, data={"realisation_grace_days": 30, "pace_tolerance": 25}, actor=None
    )
    assert_maintained(year)
    year.refresh_from_db()  # the reference reads the grace days and tolerance from this object
    check_against_reference(city.users["admin_opd"], year, city.dinas_a)


def test_rollup_follows_a_plan_to_its_new_unit(city):
    year = build(city)
    plan = (
        PerformancePlan.objects.filter(year=year, approved_version__gt=0)
        .exclude(employee=city.people["kasi_a1a"])
        .first()
    )
    PerformancePlan.objects.filter(pk=plan.pk).update(
        unit_path=city.dinas_b.path
    )  # as a stale header would be
    services.progress_refresh(plans=[plan])
    assert IndicatorProgress.objects.filter(plan=plan, unit_path=city.dinas_b.path).exists()
    assert_maintained(year)
    assert (
        selectors.opd_progress_summary(actor=city.users["admin_bkpsdm"], year=year, opd=city.dinas_b)[
            "totals"
        ]["indicators"]
        >= 1
    )


# --- the cascade page's outline against the full tree --------------------------------------------------


def build_cascade(skp, city):
    p = city.people
    city_goal = services.goal_create(year=skp.year, level=GoalLevel.CITY, statement="Kota sehat", actor=None)
    goal = services.goal_create(
        year=skp.year,
        level=GoalLevel.OPD,
        opd=city.dinas_a,
        parent=city_goal,
        statement="Imunisasi",
        actor=None,
    )
    kadis = make_plan(year=skp.year, employee=p["kadis_a"], results=0)
    top = services.result_add(plan=kadis, statement="Cakupan IDL naik", goal=goal, actor=None)
    services.indicator_add(result=top, name="IDL", target=95, unit="%", actor=None)
    kabid = make_plan(year=skp.year, employee=p["kabid_a1"], parent=top)
    kasi = make_plan(year=skp.year, employee=p["kasi_a1a"], results=2, parent=kabid.results.get())
    services.result_set_parent(result=skp.plan.results.get(), parent_result=kasi.results.first(), actor=None)
    services.results_cascade(source_result=kasi.results.first(), employees=extra_staff(city, 5), actor=None)
    make_plan(year=skp.year, employee=p["staff_a2"])  # intervenes nothing
    approve(kadis)
    other = make_plan(year=skp.year, employee=p["staff_b"])
    services.result_collaborate(result=skp.plan.results.get(), other=other.results.get(), actor=None)


@pytest.mark.parametrize("who", ["admin", "rater", "rater_superior", "outsider", "pimpinan"])
def test_outline_matches_the_full_tree(skp, city, who):
    build_cascade(skp, city)
    actor = skp.users[who]
    tree = selectors.cascade_tree(actor=actor, year=skp.year, opd=city.dinas_a)
    actor._pembina_scope = None
    outline = selectors.cascade_outline(actor=actor, year=skp.year, opd=city.dinas_a)
    without, n_without = selectors.cascade_without_plan(actor=actor, year=skp.year, opd=city.dinas_a)
    assert {**outline.counts, "employees_without_plan": n_without} == tree.counts
    assert outline.order == [
        n.result.pk for n in sorted(tree.nodes.values(), key=lambda n: n.result.pk)
    ] or set(outline.order) == set(tree.nodes)
    assert outline.flags == {pk: n.flags for pk, n in tree.nodes.items() if n.flags}
    assert {pk: kids for pk, kids in outline.children.items()} == {
        pk: [c.result.pk for c in n.children] for pk, n in tree.nodes.items() if n.children
    }
    assert outline.loose == [n.result.pk for n in tree.loose_results]
    goal_roots = {g.goal.pk: [n.result.pk for n in g.results] for g in tree.unlinked_opd_goals}
    for cg in tree.city_goals:
        goal_roots.update({g.goal.pk: [n.result.pk for n in g.results] for g in cg.children})
        if cg.results:
            goal_roots[cg.goal.pk] = [n.result.pk for n in cg.results]
    assert outline.goal_roots == {k: v for k, v in goal_roots.items() if v}
    assert [e.pk for e in without] == [e.pk for e in tree.employees_without_plan]
    nodes = outline.load(outline.order)
    for pk, node in tree.nodes.items():
        shown = nodes[pk]
        assert shown.result.statement == node.result.statement
        assert shown.plan.employee_name == node.plan.employee.full_name
        assert [i["name"] for i in shown.indicators] == [i.name for i in node.indicators]
        assert sorted(shown.collaborators) == sorted(node.collaborators)
