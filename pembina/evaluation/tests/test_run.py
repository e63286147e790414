"""The evaluation run: set-based, repeatable, right figures; heads get their unit's achievement."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pembina.core.audit.context import Source, audit_context
from pembina.core.audit.recorder import batch_rows, serialize, verify_chain
from pembina.core.exceptions import ApplicationError
from pembina.core.jobs.services import job_run
from pembina.core.models import AuditEntry, Job
from pembina.evaluation import services, tasks
from pembina.evaluation.models import Evaluation
from pembina.evaluation.tests.factories import build_eval_city, published, realise
from pembina.performance.models import PerformancePlan
from pembina.performance.tests.factories import approve, extra_staff, make_plan

pytestmark = pytest.mark.django_db


def _by_name():
    return {e.employee.name: e for e in Evaluation.objects.select_related("employee")}


def test_run_opens_one_evaluation_per_approved_skp_with_the_right_figures(city):
    ev = build_eval_city(city, values=(3, 3, 3, 6))  # 15 of 12 = 125 % → every IKI above
    draft = make_plan(year=ev.year, employee=city.people["kabid_b1"])  # never approved: not evaluated
    report = services.evaluation_run(year=ev.year, actor=None)
    assert report.as_dict() == {
        "plans": 6,
        "indicators": 12,
        "created": 6,
        "updated": 0,
        "unchanged": 0,
        "skipped_final": 0,
    }
    assert not Evaluation.objects.filter(plan=draft).exists()
    e = Evaluation.objects.get(plan=ev.plans["staff_a"])
    assert (e.kind, e.period_id, e.status) == ("annual", None, "draft")
    assert (e.rater_id, e.rater_superior_id) == (city.people["kasi_a1a"].pk, city.people["kabid_a1"].pk)
    assert e.achievement == Decimal("125.00")
    assert (e.indicators_total, e.indicators_above, e.indicators_meets, e.indicators_below) == (2, 2, 0, 0)
    assert e.suggested_rating == "di_atas"
    assert not e.is_unit_head and e.unit_rating == ""


def test_periodic_run_measures_against_the_share_expected_so_far(city):
    ev = build_eval_city(city, values=(3, 1, None, None))
    q1, q2 = ev.periods[0], ev.periods[1]
    services.evaluation_run(year=ev.year, period=q1, actor=None)
    services.evaluation_run(year=ev.year, period=q2, actor=None)
    e1 = Evaluation.objects.get(plan=ev.plans["staff_a"], period=q1)
    e2 = Evaluation.objects.get(plan=ev.plans["staff_a"], period=q2)
    assert (e1.kind, e1.achievement, e1.suggested_rating) == ("periodic", Decimal("100.00"), "sesuai")
    # 4 of the 6 expected by the end of Q2 = 66.67 % → below
    assert (e2.achievement, e2.suggested_rating) == (Decimal("66.67"), "di_bawah")


def test_direction_and_aggregation_are_respected(city):
    ev = build_eval_city(city)
    p = city.people
    plan = make_plan(
        year=ev.year,
        employee=city.people["kabid_b1"],
        target=Decimal(5),
        direction="lower",
        aggregation="last",
    )
    approve(plan)
    realise(plan, [9, 4, None, None])  # the last value reported counts: 4 days against 5 → 120 %
    services.evaluation_run(year=ev.year, actor=None)
    e = Evaluation.objects.get(plan=plan)
    assert e.achievement == Decimal("120.00") and e.suggested_rating == "di_atas"
    assert e.employee_id == p["kabid_b1"].pk


def test_unit_head_gets_the_units_own_achievement_and_opd_head_the_org_predicate(city):
    ev = build_eval_city(city)
    realise(ev.plans["staff_a"], [9, 9, 9, 9])  # staff_a at 300 → capped at 200 %
    services.evaluation_run(year=ev.year, actor=None)
    by = _by_name()
    kasi = by["Citra Kasi"]
    # seksi: kasi 100 %, staff_a 200 %, staff_a2 100 % (two IKIs each) → 133.33 % → di atas
    assert kasi.is_unit_head and kasi.unit_achievement == Decimal("133.33") and kasi.unit_rating == "di_atas"
    assert by["Dedi Staf"].unit_rating == ""
    kadis = by["Ani Kadis"]
    assert kadis.unit_rating == "di_atas"  # no organisation predicate yet: the OPD's achievement
    services.organisation_predicate_record(
        year=ev.year, opd=city.dinas_a, predicate="butuh_perbaikan", actor=ev.users["pimpinan"], note="LKjIP"
    )
    kadis.refresh_from_db()
    assert kadis.unit_rating == "di_bawah"
    report = services.evaluation_run(year=ev.year, actor=None)
    kadis.refresh_from_db()
    assert kadis.unit_rating == "di_bawah" and report.updated == 0


def test_run_is_repeatable_and_writes_nothing_when_nothing_changed(city):
    ev = build_eval_city(city)
    services.evaluation_run(year=ev.year, actor=None)
    before = list(Evaluation.objects.order_by("pk").values())
    audit = AuditEntry.objects.count()
    again = services.evaluation_run(year=ev.year, actor=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert list(Evaluation.objects.order_by("pk").values()) == before
    assert AuditEntry.objects.count() == audit
    # a changed realisation changes exactly the figures that depend on it
    realise(ev.plans["staff_b"], [6, 6, 6, 6])
    third = services.evaluation_run(year=ev.year, actor=None)
    assert (third.updated, third.unchanged) == (1, 5)
    assert Evaluation.objects.get(plan=ev.plans["staff_b"]).achievement == Decimal("200.00")


def test_run_leaves_published_evaluations_alone(city):
    ev = build_eval_city(city)
    e = published(ev)
    realise(ev.plans["staff_a"], [9, 9, 9, 9])
    report = services.evaluation_run(year=ev.year, actor=None)
    assert report.skipped_final == 1
    assert Evaluation.objects.get(pk=e.pk).achievement == e.achievement


def test_run_records_every_created_evaluation_in_batch_audit_entries(city):
    """Set-based creations are recorded in batch entries (docs/decisions/0007): every created row
    with every audited value, exactly what a per-row entry would hold; the chain stays verifiable."""
    ev = build_eval_city(city)
    with audit_context(source=Source.JOB, user=ev.users["admin_bkpsdm"]):
        services.evaluation_run(year=ev.year, actor=ev.users["admin_bkpsdm"])
    entries = list(AuditEntry.objects.filter(object_type="evaluation.evaluation", action="create"))
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.source, entry.actor_id) == ("job", ev.users["admin_bkpsdm"].pk)
    recorded = dict(batch_rows(entry.after))
    created = {e.pk: serialize(e) for e in Evaluation.objects.all()}
    assert len(created) == 6 and recorded == created
    first, last = min(created), max(created)
    assert entry.object_id == f"{first}-{last}" and entry.after["batch"] == 6
    assert verify_chain().ok


def _run_queries(year, opd=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        services.evaluation_run(year=year, actor=None, opd=opd)
    return len(ctx.captured_queries)


def test_run_is_set_based_query_count_independent_of_employee_count(city):
    """Fresh run, repeated run and a run updating every row: the same queries for 6 and 18 SKPs
    (batched inserts and updates add one statement per batch, far above these sizes)."""
    ev = build_eval_city(city)
    small = (_run_queries(ev.year), _run_queries(ev.year))
    for plan in ev.plans.values():
        realise(plan, [4, 4, 4, 4])
    small_update = _run_queries(ev.year)
    people = extra_staff(city, 12)
    for person in people:
        plan = make_plan(year=ev.year, employee=person, results=2)
        approve(plan)
        realise(plan, [1, 2, 3, 4])
    Evaluation.objects.all().delete()
    large = (_run_queries(ev.year), _run_queries(ev.year))
    for plan in ev.plans.values():
        realise(plan, [5, 5, 5, 5])
    for plan in PerformancePlan.objects.filter(employee__in=people):
        realise(plan, [2, 2, 2, 2])
    large_update = _run_queries(ev.year)
    assert Evaluation.objects.count() == 18
    assert large == small
    assert large_update == small_update


def test_run_permissions(city):
    ev = build_eval_city(city)
    u = ev.users
    with pytest.raises(ApplicationError):
        services.evaluation_run(year=ev.year, actor=u["admin"])  # the whole city is BKPSDM's
    with pytest.raises(ApplicationError):
        services.evaluation_run(year=ev.year, actor=u["admin"], opd=city.dinas_b)  # another OPD
    for key in ("owner", "rater", "outsider", "auditor"):
        with pytest.raises(ApplicationError):
            services.evaluation_run(year=ev.year, actor=u[key], opd=city.dinas_a)
    report = services.evaluation_run(year=ev.year, actor=u["admin"], opd=city.dinas_a)
    assert report.created == 5  # Dinkes only
    assert services.evaluation_run(year=ev.year, actor=u["admin_bkpsdm"]).created == 1


def test_run_as_a_background_job_with_progress(city, django_capture_on_commit_callbacks):
    ev = build_eval_city(city)
    with django_capture_on_commit_callbacks(execute=False):
        job = tasks.evaluation_run_enqueue(year=ev.year, actor=ev.users["admin_bkpsdm"], period=ev.periods[0])
    job = job_run(job.pk)
    assert job.status == "succeeded", job.errors
    assert job.result["created"] == 6
    assert (job.progress_current, job.progress_total) == (3, 3)
    assert Evaluation.objects.filter(kind="periodic", period=ev.periods[0]).count() == 6
    assert Job.objects.filter(pk=job.pk, created_by=ev.users["admin_bkpsdm"]).exists()
    with pytest.raises(ApplicationError):
        tasks.evaluation_run_enqueue(year=ev.year, actor=ev.users["owner"])
