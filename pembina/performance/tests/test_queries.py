"""The SKP page and the cascade tree use a constant number of queries at any size."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pembina.performance import selectors, services
from pembina.performance.choices import GoalLevel
from pembina.performance.models import PerformancePlan
from pembina.performance.tests.factories import approve, extra_staff, make_plan

pytestmark = pytest.mark.django_db


def count(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def grow_plan(skp, n):
    """Add n RHK with 2 IKI, realisations, comments and collaborations to staff_a's plan."""
    plan = skp.plan
    for i in range(n):
        r = services.result_add(plan=plan, statement=f"RHK tambahan {i}", kind="tambahan", actor=None)
        services.indicator_add(result=r, name=f"IKI {i}a", target=10, unit="x", actor=None)
        services.indicator_add(
            result=r, name=f"IKI {i}b", target=5, unit="hari", direction="lower", actor=None
        )
        services.plan_comment_add(plan=plan, result=r, body=f"komentar {i}", actor=None)
    return plan


def test_plan_detail_constant_queries(skp, city):
    user = skp.users["rater"]
    other = make_plan(year=skp.year, employee=city.people["staff_b"])
    services.result_collaborate(result=skp.plan.results.get(), other=other.results.get(), actor=None)
    approve(skp.plan)
    q1 = skp.year.periods.get(number=1)
    services.realisation_record(
        indicator=skp.plan.results.get().indicators.get(), period=q1, value=2, actor=None
    )
    user._pembina_scope = None  # measure with the scope computed inside, as a request would
    small = count(lambda: selectors.plan_detail(actor=user, pk=skp.plan.pk, on=dt.date(2026, 7, 1)))
    services.plan_revise(plan=skp.plan, actor=None, reason="uji")
    grow_plan(skp, 6)
    for ind in skp.plan.results.get(kind="utama").indicators.all():
        for period in skp.year.periods.all():
            services.realisation_record(indicator=ind, period=period, value=3, actor=None)
    user._pembina_scope = None
    detail = selectors.plan_detail(actor=user, pk=skp.plan.pk, on=dt.date(2026, 7, 1))
    assert len(detail.results) == 7 and sum(len(r.indicators.all()) for r in detail.results) == 13
    user._pembina_scope = None
    large = count(lambda: selectors.plan_detail(actor=user, pk=skp.plan.pk, on=dt.date(2026, 7, 1)))
    assert small == large, (small, large)


def build_opd(skp, city, n_staff):
    p = city.people
    goal = services.goal_create(
        year=skp.year, level=GoalLevel.OPD, opd=city.dinas_a, statement="Imunisasi", actor=None
    )
    kadis = make_plan(year=skp.year, employee=p["kadis_a"], results=0)
    top = services.result_add(plan=kadis, statement="IDL naik", goal=goal, actor=None)
    services.indicator_add(result=top, name="IDL", target=95, unit="%", actor=None)
    kabid = make_plan(year=skp.year, employee=p["kabid_a1"], parent=top)
    kasi = make_plan(year=skp.year, employee=p["kasi_a1a"], parent=kabid.results.get())
    staff = extra_staff(city, n_staff)
    services.results_cascade(source_result=kasi.results.get(), employees=staff + [p["staff_a2"]], actor=None)


@pytest.mark.parametrize("actor_key", ["admin", "pimpinan"])
def test_cascade_tree_constant_queries(skp, city, actor_key):
    user = skp.users[actor_key]
    build_opd(skp, city, 2)
    user._pembina_scope = None
    small = count(lambda: selectors.cascade_tree(actor=user, year=skp.year, opd=city.dinas_a))
    more = extra_staff(city, 25)
    services.results_cascade(
        source_result=PerformancePlan.objects.get(employee=city.people["kasi_a1a"]).results.first(),
        employees=more,
        actor=None,
    )
    user._pembina_scope = None
    tree = selectors.cascade_tree(actor=user, year=skp.year, opd=city.dinas_a)
    assert tree.counts["plans"] == 32
    user._pembina_scope = None
    large = count(lambda: selectors.cascade_tree(actor=user, year=skp.year, opd=city.dinas_a))
    assert small == large, (small, large)


def test_opd_progress_constant_queries(skp, city):
    user = skp.users["admin"]
    build_opd(skp, city, 2)
    user._pembina_scope = None
    small = count(
        lambda: selectors.opd_progress(actor=user, year=skp.year, opd=city.dinas_a, on=dt.date(2026, 7, 1))
    )
    services.results_cascade(
        source_result=PerformancePlan.objects.get(employee=city.people["kasi_a1a"]).results.first(),
        employees=extra_staff(city, 20),
        actor=None,
    )
    user._pembina_scope = None
    rows = selectors.opd_progress(actor=user, year=skp.year, opd=city.dinas_a, on=dt.date(2026, 7, 1))
    assert len(rows) == 27
    user._pembina_scope = None
    large = count(
        lambda: selectors.opd_progress(actor=user, year=skp.year, opd=city.dinas_a, on=dt.date(2026, 7, 1))
    )
    assert small == large, (small, large)
