"""Cascade integrity, collaboration, bulk cascade, mid-year transfer and the cascade tree."""

import datetime as dt

import pytest
from django.http import Http404

from pembina.core.exceptions import ApplicationError
from pembina.org import services as org_services
from pembina.org.choices import AssignmentReason
from pembina.performance import selectors, services
from pembina.performance.choices import GoalLevel, PlanStatus
from pembina.performance.models import PerformancePlan, PlannedResult
from pembina.performance.rules.cascade import would_cycle
from pembina.performance.tests.factories import approve, make_plan, make_year

pytestmark = pytest.mark.django_db
D = dt.date


def chain_plans(skp, city):
    p = city.people
    kasi = make_plan(year=skp.year, employee=p["kasi_a1a"])
    kabid = make_plan(year=skp.year, employee=p["kabid_a1"])
    return kasi, kabid


def test_link_to_the_raters_rhk_only(skp, city):
    kasi, kabid = chain_plans(skp, city)
    staff_rhk = skp.plan.results.get()
    # staff_a's rater is the Kasi: linking to the Kasi's RHK works, the Kabid's is refused
    services.result_set_parent(result=staff_rhk, parent_result=kasi.results.get(), actor=skp.users["owner"])
    with pytest.raises(ApplicationError, match="pejabat penilai"):
        services.result_set_parent(
            result=staff_rhk, parent_result=kabid.results.get(), actor=skp.users["owner"]
        )
    assert PlannedResult.objects.get(pk=staff_rhk.pk).parent_result == kasi.results.get()


def test_links_across_years_are_refused(skp, city):
    other_year = make_year(instansi=city.instansi, year=2025)
    kasi_2025 = make_plan(year=other_year, employee=city.people["kasi_a1a"])
    with pytest.raises(ApplicationError, match="tahun kinerja yang sama"):
        services.result_set_parent(
            result=skp.plan.results.get(), parent_result=kasi_2025.results.get(), actor=None
        )
    with pytest.raises(ApplicationError, match="tahun kinerja yang sama"):
        services.result_collaborate(result=skp.plan.results.get(), other=kasi_2025.results.get(), actor=None)


def test_cycles_are_refused(skp, city):
    """Two officials rating each other (a data error through overrides) cannot build a loop."""
    p = city.people
    kasi, _kabid = chain_plans(skp, city)
    org_services.supervisor_override_create(
        employee=p["kasi_a1a"],
        supervisor=p["staff_a"],
        start_date=D(2026, 1, 1),
        reason="uji siklus",
        actor=None,
    )
    services.plan_header_refresh(plan=kasi, actor=None)
    kasi.refresh_from_db()
    assert kasi.rater == p["staff_a"]
    staff_rhk, kasi_rhk = skp.plan.results.get(), kasi.results.get()
    services.result_set_parent(result=staff_rhk, parent_result=kasi_rhk, actor=None)
    with pytest.raises(ApplicationError, match="siklus"):
        services.result_set_parent(result=kasi_rhk, parent_result=staff_rhk, actor=None)
    assert PlannedResult.objects.get(pk=kasi_rhk.pk).parent_result_id is None


def test_would_cycle_pure():
    parent_of = {1: 2, 2: 3, 3: None}
    assert would_cycle(child=3, parent=1, parent_of=parent_of)
    assert not would_cycle(child=4, parent=1, parent_of=parent_of)
    assert would_cycle(child=1, parent=1, parent_of={})
    assert would_cycle(child=9, parent=5, parent_of={5: 6, 6: 5})  # an existing loop is caught, not spun


def test_opd_head_links_to_the_opd_goal(skp, city):
    p = city.people
    city_goal = services.goal_create(
        year=skp.year, level=GoalLevel.CITY, statement="Meningkatnya derajat kesehatan", actor=None
    )
    goal = services.goal_create(
        year=skp.year,
        level=GoalLevel.OPD,
        opd=city.dinas_a,
        parent=city_goal,
        statement="Meningkatnya cakupan imunisasi",
        actor=skp.users["admin"],
    )
    iku = services.goal_indicator_create(goal=goal, name="Cakupan IDL", unit="%", target=95, actor=None)
    kadis = make_plan(year=skp.year, employee=p["kadis_a"], results=0)
    r = services.result_add(
        plan=kadis,
        statement="Meningkatnya cakupan IDL",
        goal=goal,
        goal_indicator=iku,
        perspective="penerima_layanan",
        actor=None,
    )
    assert r.goal == goal
    other_goal = services.goal_create(
        year=skp.year, level=GoalLevel.OPD, opd=city.dinas_b, statement="Dukcapil", actor=None
    )
    with pytest.raises(ApplicationError, match="OPD sendiri"):
        services.result_add(plan=kadis, statement="x", goal=other_goal, actor=None)
    with pytest.raises(ApplicationError, match="Perspektif"):
        services.result_add(plan=skp.plan, statement="x", perspective="anggaran", actor=None)
    # the admin of another OPD cannot write this OPD's goals
    with pytest.raises(ApplicationError):
        services.goal_create(
            year=skp.year, level=GoalLevel.OPD, opd=city.dinas_b, statement="x", actor=skp.users["admin"]
        )


def test_collaboration_is_visible_from_both_sides(skp, city):
    other = make_plan(year=skp.year, employee=city.people["staff_b"])
    mine = skp.plan.results.get()
    link = services.result_collaborate(
        result=mine,
        other=other.results.get(),
        actor=skp.users["owner"],
        note="Data bayi baru lahir untuk akta",
    )
    a = selectors.plan_detail(actor=skp.users["owner"], pk=skp.plan.pk)
    b = selectors.plan_detail(actor=skp.users["outsider"], pk=other.pk)  # staff_b owns the other plan
    assert [o.pk for _l, o in a.collaborations[mine.pk]] == [other.results.get().pk]
    assert [o.pk for _l, o in b.collaborations[other.results.get().pk]] == [mine.pk]
    with pytest.raises(ApplicationError, match="sudah terhubung"):
        services.result_collaborate(result=other.results.get(), other=mine, actor=None)
    same_unit = make_plan(year=skp.year, employee=city.people["staff_a2"])
    with pytest.raises(ApplicationError, match="unit kerja yang berbeda"):
        services.result_collaborate(result=mine, other=same_unit.results.get(), actor=None)
    services.result_collaboration_remove(link=link, actor=skp.users["outsider"])


def test_bulk_cascade_from_a_template(skp, city):
    p = city.people
    kasi = make_plan(year=skp.year, employee=p["kasi_a1a"])
    source = kasi.results.get()
    approve(skp.plan)  # staff_a's plan is approved: skipped, the others get a draft RHK
    outsider = p["staff_b"]
    report = services.results_cascade(
        source_result=source,
        employees=[p["staff_a"], p["staff_a2"], outsider],
        actor=skp.users["rater"],
        statement="Tersedianya data imunisasi per kelurahan",
    )
    assert len(report.created) == 1 and len(report.plans_created) == 1
    skipped = dict(report.skipped)
    assert "Disetujui" in skipped[p["staff_a"].pk] and "bukan pemilik" in skipped[outsider.pk]
    new_plan = PerformancePlan.objects.get(employee=p["staff_a2"])
    r = new_plan.results.get()
    assert (r.parent_result, r.cascaded_from, r.statement) == (
        source,
        source,
        "Tersedianya data imunisasi per kelurahan",
    )
    assert list(r.indicators.values_list("name", flat=True)) == ["IKI 1"]
    assert new_plan.events.filter(kind="cascaded").exists() and new_plan.rater == p["kasi_a1a"]
    # the subordinate adapts it
    services.result_update(
        result=r, data={"statement": "Tersedianya data imunisasi Kelurahan Sungai Bangkong"}, actor=None
    )
    # only the owner of the source RHK can distribute it (a subordinate does not even see the plan)
    with pytest.raises(Http404):
        services.results_cascade(source_result=source, employees=[p["staff_a2"]], actor=skp.users["owner"])


def test_nobody_waits_for_the_superior(skp, city):
    """A subordinate drafts and submits before the superior has any plan."""
    assert not PerformancePlan.objects.filter(employee=city.people["kasi_a1a"]).exists()
    plan = services.plan_submit(plan=skp.plan, actor=skp.users["owner"])
    assert plan.status == PlanStatus.SUBMITTED


def test_transfer_mid_year(skp, city):
    p = city.people
    approve(skp.plan)
    org_services.employee_assign(
        employee=p["staff_a"],
        position=city.positions["staff_b"],
        start_date=D(2026, 7, 1),
        reason=AssignmentReason.TRANSFER,
        actor=None,
    )
    found = services.plans_needing_transfer(year=skp.year, on=D(2026, 7, 15))
    assert [(pl.pk, a.start_date) for pl, a in found] == [(skp.plan.pk, D(2026, 7, 1))]
    [new] = services.plans_apply_transfers(year=skp.year, on=D(2026, 7, 15))
    old = PerformancePlan.objects.get(pk=skp.plan.pk)
    assert (old.start_date, old.end_date, old.status) == (D(2026, 1, 1), D(2026, 6, 30), PlanStatus.APPROVED)
    assert (new.start_date, new.end_date, new.status) == (D(2026, 7, 1), D(2026, 12, 31), PlanStatus.DRAFT)
    assert new.previous_plan == old and new.rater == p["kabid_b1"] and new.unit == city.bidang_b1
    assert new.header["rater"]["name"] == p["kabid_b1"].full_name
    # the old rater keeps authority over the old plan only; the new one may not link to the old superior
    kasi = make_plan(year=skp.year, employee=p["kasi_a1a"])
    r = services.result_add(plan=new, statement="Terlayaninya KTP-el", actor=None)
    with pytest.raises(ApplicationError):
        services.result_set_parent(result=r, parent_result=kasi.results.get(), actor=None)
    # running again finds nothing: idempotent
    assert services.plans_needing_transfer(year=skp.year, on=D(2026, 7, 15)) == []
    with pytest.raises(ApplicationError, match="Tanggal mutasi"):
        services.plan_transfer(plan=new, transfer_date=D(2026, 7, 1), actor=None)


def test_cascade_tree_and_flags(skp, city):
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
    kadis_rhk = services.result_add(plan=kadis, statement="Cakupan IDL naik", goal=goal, actor=None)
    services.indicator_add(result=kadis_rhk, name="IDL", target=95, unit="%", actor=None)
    kabid = make_plan(year=skp.year, employee=p["kabid_a1"], parent=kadis_rhk)
    kasi = make_plan(year=skp.year, employee=p["kasi_a1a"], results=2, parent=kabid.results.get())
    services.result_set_parent(result=skp.plan.results.get(), parent_result=kasi.results.first(), actor=None)
    approve(kadis)

    tree = selectors.cascade_tree(actor=skp.users["admin"], year=skp.year, opd=city.dinas_a)
    [cg] = tree.city_goals
    [og] = cg.children
    [top] = og.results
    assert top.result == kadis_rhk
    [kabid_node] = top.children
    kasi_nodes = kabid_node.children
    assert len(kasi_nodes) == 2
    by_pk = {n.result.pk: n for n in kasi_nodes}
    assert [c.result.pk for c in by_pk[kasi.results.first().pk].children] == [skp.plan.results.get().pk]
    # the Kasi's second RHK is intervened by nobody; staff_a2 has no plan; unapproved plans flagged
    assert "not_intervened" in by_pk[kasi.results.last().pk].flags
    assert "not_intervened" not in by_pk[kasi.results.first().pk].flags
    assert "plan_not_approved" in kabid_node.flags and "plan_not_approved" not in top.flags
    assert [e.pk for e in tree.employees_without_plan] == [p["staff_a2"].pk]
    loose = make_plan(year=skp.year, employee=p["staff_a2"])
    tree = selectors.cascade_tree(actor=skp.users["admin"], year=skp.year, opd=city.dinas_a)
    assert [n.result.plan_id for n in tree.loose_results] == [loose.pk]
    assert tree.counts["intervenes_nothing"] == 1
    # scoped: the outsider sees no plans of this OPD
    assert selectors.cascade_tree(actor=skp.users["outsider"], year=skp.year, opd=city.dinas_a).plans == []
