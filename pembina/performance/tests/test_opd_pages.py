"""The cascade tree and OPD progress pages as people use them: the first load shows the top of a
large cascade and leaves long branches closed (opened by htmx per RHK), the flagged lists page, and
the progress page's figures are the maintained summary's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from pembina.performance import selectors, services
from pembina.performance.choices import GoalLevel
from pembina.performance.models import PerformancePlan
from pembina.performance.tests.factories import approve, extra_staff, make_plan, make_year
from pembina.performance.views.cascade import LIST_PAGE, TREE_BUDGET

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.fixture
def opd(city):
    """Dinas Kesehatan: goal → Kadis → Kabid → Kasi → staff_a, and the Kasi's RHK cascaded to many."""
    p = city.people
    year = make_year(instansi=city.instansi)
    goal = services.goal_create(
        year=year, level=GoalLevel.OPD, opd=city.dinas_a, statement="Cakupan imunisasi naik", actor=None
    )
    kadis = make_plan(year=year, employee=p["kadis_a"], results=0)
    top = services.result_add(plan=kadis, statement="IDL kota naik", goal=goal, actor=None)
    services.indicator_add(result=top, name="IDL", target=95, unit="%", aggregation="last", actor=None)
    kabid = approve(make_plan(year=year, employee=p["kabid_a1"], parent=top))
    kasi = approve(make_plan(year=year, employee=p["kasi_a1a"], parent=kabid.results.get()))
    approve(kadis)
    staff = approve(make_plan(year=year, employee=p["staff_a"], parent=kasi.results.get()))
    staff.results.update(statement="Data imunisasi lengkap")
    return city, year, kasi


def page(c, name, city, **params):
    return c.get(reverse(f"performance:{name}"), {"opd": city.dinas_a.pk, "year": 2026, **params})


def test_small_cascade_opens_to_the_leaves(opd, login):
    city, year, kasi = opd
    c = login(city.users["admin_opd"])
    html = page(c, "cascade_tree", city).content.decode()
    for text in ("Cakupan imunisasi naik", "IDL kota naik", "Data imunisasi lengkap"):
        assert text in html
    assert "lazy-branch" not in html
    assert "4 SKP · 4 RHK · 4 IKI" in html


def test_large_branch_waits_for_a_click_and_loads_by_htmx(opd, login):
    city, year, kasi = opd
    services.results_cascade(
        source_result=kasi.results.get(), employees=extra_staff(city, TREE_BUDGET + 5), actor=None
    )
    c = login(city.users["admin_opd"])
    html = page(c, "cascade_tree", city).content.decode()
    assert html.count('data-testid="result-node"') <= TREE_BUDGET + 3
    assert f"Tampilkan {TREE_BUDGET + 6} RHK bawahan" in html
    branch = c.get(
        reverse("performance:cascade_tree"),
        {"opd": city.dinas_a.pk, "year": 2026, "node": kasi.results.get().pk},
        headers=HX,
    )
    assert (
        branch.status_code == 200
        and branch.content.decode().count('data-testid="result-node"') == TREE_BUDGET + 6
    )
    # an RHK with no children (or outside the reader's view) has no branch
    leaf = PerformancePlan.objects.get(employee=city.people["staff_a"]).results.get()
    missing = c.get(
        reverse("performance:cascade_tree"),
        {"opd": city.dinas_a.pk, "year": 2026, "node": leaf.pk},
        headers=HX,
    )
    assert missing.status_code == 404


def test_flagged_lists_page(opd, login):
    city, year, kasi = opd
    for e in extra_staff(city, LIST_PAGE + 3):
        make_plan(year=year, employee=e)  # RHK intervening nothing
    c = login(city.users["admin_opd"])
    first = page(c, "cascade_tree", city, flag="intervenes_nothing").content.decode()
    assert first.count('<li class="py-1 border-bottom">') == LIST_PAGE
    second = c.get(
        reverse("performance:cascade_tree"),
        {"opd": city.dinas_a.pk, "year": 2026, "flag": "intervenes_nothing", "page": 2},
        headers=HX,
    ).content.decode()
    assert second.count('<li class="py-1 border-bottom">') == 3
    waiting = page(c, "cascade_tree", city, flag="plan_not_approved").content.decode()
    assert waiting.count('<li class="py-1 border-bottom">') == LIST_PAGE


def test_progress_page_shows_the_summary(opd, login, monkeypatch):
    city, year, kasi = opd
    q1, q2 = year.periods.order_by("number")[:2]
    staff_iki = PerformancePlan.objects.get(employee=city.people["staff_a"]).results.get().indicators.get()
    services.realisation_record(indicator=staff_iki, period=q1, value=1, actor=None)  # 1 of 3 due: behind
    on = dt.date(2026, 7, 20)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: on)
    c = login(city.users["admin_opd"])
    response = page(c, "opd_progress", city)
    summary = selectors.opd_progress_summary(
        actor=city.users["admin_opd"], year=year, opd=city.dinas_a, on=on
    )
    totals = response.context["totals"]
    assert totals == summary["totals"]
    assert (totals["plans"], totals["approved"], totals["indicators"]) == (4, 4, 4)
    assert totals["behind"] == 1 and totals["missing"] == 7  # Q1 and Q2 of the others, Q2 of staff_a
    assert response.context["chart"] == summary["chart"]
    behind = page(c, "opd_progress", city, show="behind")
    assert [r.plan.employee_name for r in behind.context["rows"]] == ["Dedi Staf"]
    rows = c.get(reverse("performance:opd_progress"), {"opd": city.dinas_a.pk, "year": 2026}, headers=HX)
    assert (
        rows.status_code == 200
        and b"progress-table" in rows.content
        and b"progress-chart" not in rows.content
    )


def test_employees_without_plan_load_after_the_tree(opd, login):
    city, year, kasi = opd
    c = login(city.users["admin_opd"])
    body = page(c, "cascade_tree", city).content.decode()
    assert "part=without_plan" in body and 'data-testid="without-plan"' not in body
    listed = c.get(
        reverse("performance:cascade_tree"),
        {"opd": city.dinas_a.pk, "year": 2026, "part": "without_plan"},
        headers=HX,
    ).content.decode()
    names = {
        e.full_name
        for e in selectors.cascade_without_plan(actor=city.users["admin_opd"], year=year, opd=city.dinas_a)[0]
    }
    assert city.people["staff_a2"].full_name in names
    assert f"Pegawai tanpa SKP ({len(names)})" in listed
    assert all(name in listed for name in names)
