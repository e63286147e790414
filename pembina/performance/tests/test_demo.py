"""The demo city's performance year (`pembina demo` → `performance.demo.build`): who has an SKP, the
cascade holds together, approved versions are the real snapshots, realisations only where they can be,
idempotent, deterministic, audited.

Built once per module on a 300-employee demo city (inside a transaction rolled back at the end)."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from pembina.core.audit.recorder import verify_chain
from pembina.core.models import AuditEntry
from pembina.evaluation import demo as evaluation_demo
from pembina.org.demo.builder import DEMO_CODE, DEMO_LABEL
from pembina.org.models import Employee, Instansi
from pembina.performance import demo, services
from pembina.performance.choices import GoalLevel, PlanForm, PlanStatus, ResultKind, YearState
from pembina.performance.documents import document_data, render_pdf
from pembina.performance.models import (
    CoachingSession,
    Goal,
    GoalIndicator,
    Indicator,
    PerformancePlan,
    PerformanceYear,
    PlanBehaviour,
    PlannedResult,
    PlanVersion,
    Realisation,
    RealisationFeedback,
)
from pembina.performance.rules.progress import progress_percent

SIZE = 300
SEED = 7


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("demo", employees=SIZE, seed=SEED, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def city(demo_output, db):
    return Instansi.objects.get(code=DEMO_CODE)


def _plans(city):
    return list(
        PerformancePlan.objects.filter(year__instansi=city).select_related(
            "employee", "position", "opd", "year"
        )
    )


def fingerprint(city) -> list[tuple]:
    """The demo's content without database ids: who has which RHK, IKI, targets and realisations."""
    rows = []
    for r in (
        Realisation.objects.filter(
            indicator__result__plan__year__instansi=city, indicator__result__plan__year__year=demo.YEAR
        )
        .select_related("indicator__result__plan__employee", "period")
        .order_by(
            "indicator__result__plan__employee__nip",
            "indicator__result__kind",
            "indicator__result__order",
            "indicator__order",
            "period__number",
        )
    ):
        ind = r.indicator
        rows.append(
            (
                ind.result.plan.employee.nip,
                ind.result.plan.status,
                ind.result.kind,
                ind.result.statement,
                ind.name,
                str(ind.target),
                r.period.number,
                str(r.value),
                r.narrative,
            )
        )
    plans = sorted(
        (p.employee.nip, p.status, p.start_date.isoformat(), p.rater.nip if p.rater_id else "")
        for p in PerformancePlan.objects.filter(year__instansi=city, year__year=demo.YEAR).select_related(
            "employee", "rater"
        )
    )
    return [*plans, *rows]


def test_command_reports_the_performance_year(demo_output):
    assert "Kinerja 2026:" in demo_output
    assert "SKP" in demo_output and "realisasi" in demo_output


def test_year_goals_and_iku(city):
    year = PerformanceYear.objects.get(
        instansi=city, year=2026
    )  # 2025 is the evaluation demo's finished year
    assert (year.year, year.interval, year.state) == (2026, "quarterly", YearState.RUNNING)
    assert year.periods.count() == 4
    city_goals = Goal.objects.filter(year=year, level=GoalLevel.CITY)
    assert city_goals.count() == 5
    opd_goals = Goal.objects.filter(year=year, level=GoalLevel.OPD).select_related("opd", "parent")
    opds = {g.opd.code for g in opd_goals}
    assert {"DINKES", "DISDUKCAPIL", "DPMPTSP"} <= opds
    assert all(g.parent and g.parent.level == GoalLevel.CITY for g in opd_goals)
    names = set(GoalIndicator.objects.filter(goal__opd__code="DINKES").values_list("name", flat=True))
    assert "Cakupan imunisasi dasar lengkap (IDL) pada bayi" in names
    dukcapil = GoalIndicator.objects.get(
        goal__opd__code="DISDUKCAPIL", name="Waktu penyelesaian dokumen kependudukan"
    )
    assert (dukcapil.direction, dukcapil.unit) == ("lower", "hari kerja")


def test_who_has_a_plan(city):
    focus = set(demo.FOCUS_OPDS)
    planned = set(PerformancePlan.objects.filter(year__instansi=city).values_list("employee_id", flat=True))
    employees = Employee.objects.filter(instansi=city, state="aktif", current_position__isnull=False)
    expected = {
        e.pk
        for e in employees.select_related("current_position", "current_opd")
        if e.current_position.is_head or (e.current_opd and e.current_opd.code in focus)
    }
    assert planned == expected
    others = employees.exclude(current_opd__code__in=focus).filter(current_position__is_head=False)
    assert others.exists() and not others.filter(pk__in=planned).exists()  # the cascade shows them as flags


def test_statuses_and_the_workflow_trail(city):
    plans = _plans(city)
    counts = Counter(p.status for p in plans)
    assert counts[PlanStatus.APPROVED] / len(plans) > 0.8
    for p in plans:
        if p.status == PlanStatus.APPROVED:
            assert p.approved_version == 1 and p.approved_at and p.submitted_at
            assert p.events.filter(kind="approved").exists()
        else:
            assert p.approved_version == 0
            assert not Realisation.objects.filter(indicator__result__plan=p).exists()
        if p.status == PlanStatus.RETURNED:
            assert p.comments.filter(is_return_note=True).exists()
        assert PlanBehaviour.objects.filter(plan=p).count() == 7


def test_cascade_follows_the_raters_and_goals(city):
    for r in PlannedResult.objects.filter(plan__year__instansi=city).select_related(
        "plan", "parent_result__plan", "goal"
    ):
        plan = r.plan
        if r.parent_result_id:
            # the intervened RHK is the pejabat penilai's, same year (what services.check_parent demands)
            assert r.parent_result.plan.employee_id == plan.rater_id
            assert r.parent_result.plan.year_id == plan.year_id
            assert r.parent_result.kind == ResultKind.MAIN
        if r.goal_id:
            assert r.goal.opd_id == plan.opd_id and r.goal.level == GoalLevel.OPD
            assert plan.rater_id is None or plan.form == PlanForm.JPT
        if r.perspective:
            assert plan.form == PlanForm.JPT
    # every RHK utama of a plan whose rater has a plan intervenes one of the rater's RHK
    with_rater_plan = PlannedResult.objects.filter(
        plan__year__instansi=city, kind=ResultKind.MAIN, plan__rater__performance_plans__isnull=False
    )
    assert with_rater_plan.exists()
    assert not with_rater_plan.filter(parent_result__isnull=True).exists()
    # IKI drafted from the library keep the link
    assert Indicator.objects.filter(result__plan__year__instansi=city, template__isnull=False).exists()


def test_approved_versions_are_the_real_snapshots(city):
    versions = PlanVersion.objects.filter(plan__year__instansi=city).select_related("plan")
    assert versions.count() == PerformancePlan.objects.filter(year__instansi=city, status="approved").count()
    for v in versions:
        assert v.snapshot == services.plan_snapshot(v.plan), v.plan


def test_realisations_only_for_ended_periods_of_approved_plans(city):
    today = timezone.localdate()
    reals = Realisation.objects.filter(indicator__result__plan__year__instansi=city).select_related(
        "period", "indicator__result__plan"
    )
    assert reals.exists()
    for r in reals:
        plan = r.indicator.result.plan
        assert plan.status == PlanStatus.APPROVED
        assert r.period.end < today and r.period.end >= plan.start_date
        assert r.narrative.startswith(r.period.label)
    # most indicators are on track, some are behind (the early warnings have something to show)
    sums = [
        progress_percent(realised=r.value, target=r.indicator.target / 4, direction=r.indicator.direction)
        for r in reals
        if r.indicator.aggregation == "sum" and r.indicator.target
    ]
    assert sums and sum(1 for p in sums if p is not None and p >= 85) / len(sums) > 0.7
    assert RealisationFeedback.objects.filter(realisation__in=reals).exists()


def test_coaching_sessions_belong_to_the_rater(city):
    for s in CoachingSession.objects.filter(employee__instansi=city).select_related("plan"):
        assert s.plan is not None and s.coach_id == s.plan.rater_id
        assert s.held_on < timezone.localdate()


def test_demo_plan_renders_as_a_document(city):
    plan = PerformancePlan.objects.filter(year__instansi=city, status="approved", rater__isnull=False).first()
    data = document_data(plan=plan)
    assert data["approved"] and data["groups"][0]["results"]
    assert render_pdf(data).startswith(b"%PDF")


def test_build_is_idempotent(city):
    before = (PerformancePlan.objects.count(), Realisation.objects.count(), Goal.objects.count())
    report = demo.build(city, seed=SEED)
    assert report.created is False
    assert (PerformancePlan.objects.count(), Realisation.objects.count(), Goal.objects.count()) == before


def test_build_is_deterministic_and_wipe_is_audited(city):
    on = timezone.localdate()
    first = fingerprint(city)
    evaluation_demo.wipe(
        city
    )  # evaluations hold on to the plans (PROTECT): they go first, as in `demo --force`
    removed = demo.wipe(city)
    assert removed > 0
    assert not PerformanceYear.objects.filter(instansi=city).exists()
    assert AuditEntry.objects.filter(action="delete", object_type="performance.performanceplan").exists()
    report = demo.build(city, seed=SEED, on=on)
    assert report.created
    assert fingerprint(city) == first
    assert verify_chain().ok


def test_demo_rows_are_on_the_audit_trail(city):
    plan = PerformancePlan.objects.filter(year__instansi=city).first()
    entry = AuditEntry.objects.get(
        object_type="performance.performanceplan", object_id=str(plan.pk), action="create"
    )
    assert entry.source == "command" and entry.actor_repr == DEMO_LABEL


def test_on_date_limits_the_realisations(city):
    evaluation_demo.wipe(city)
    demo.wipe(city)
    demo.build(city, seed=SEED, on=dt.date(2026, 5, 1))  # only the first quarter has ended
    numbers = set(
        Realisation.objects.filter(indicator__result__plan__year__instansi=city).values_list(
            "period__number", flat=True
        )
    )
    assert numbers == {1}
