"""The demo city's evaluations (`pembina demo` → `evaluation.demo.build`): a finished previous year
(rated, calibrated once with a reason, published with a curve warning, one appeal decided, locked with
follow-ups) and the current year in progress; idempotent, deterministic, wiped with the audit trail.

Built once per module on a 300-employee demo city (inside a transaction rolled back at the end)."""

from __future__ import annotations

import datetime as dt
import io
import time
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction

from pembina.core.audit.recorder import verify_chain
from pembina.core.models import AuditEntry
from pembina.evaluation import demo
from pembina.evaluation.choices import AppealStatus, EvaluationKind, EvaluationStatus, EventKind
from pembina.evaluation.documents import evaluation_pdf
from pembina.evaluation.models import (
    Appeal,
    BehaviourFeedback,
    CalibrationAdjustment,
    Evaluation,
    EvaluationEvent,
    FollowUp,
    IndicatorAchievement,
    OrganisationPredicate,
    PotentialScore,
)
from pembina.evaluation.rules import predicate as predicate_rules
from pembina.org.demo.builder import DEMO_CODE
from pembina.org.models import Instansi
from pembina.performance.models import PerformancePlan, PerformanceYear, Realisation

SIZE = 300
SEED = 7
ON = dt.date(2026, 11, 28)  # three quarters ended


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


def test_command_prints_the_evaluation_summary(demo_output):
    line = next(line for line in demo_output.splitlines() if line.startswith("Evaluasi kinerja:"))
    assert "tahun 2025 selesai" in line and "tahun 2026 berjalan" in line


def test_previous_year_is_finished(city):
    year = PerformanceYear.objects.get(instansi=city, year=2025)
    plans = PerformancePlan.objects.filter(year=year)
    annual = Evaluation.objects.filter(year=year, kind=EvaluationKind.ANNUAL)
    assert plans.count() == annual.count() > 20
    assert (
        Realisation.objects.filter(indicator__result__plan__year=year).values("period").distinct().count()
        == 4
    )
    assert set(annual.values_list("status", flat=True)) == {EvaluationStatus.LOCKED}
    for e in annual.select_related("plan"):
        assert e.predicate == predicate_rules.predicate(e.rating_result, e.rating_behaviour)
        assert e.result_justification and e.published_at and e.locked_at
        if e.is_unit_head and e.unit_rating and not Appeal.objects.filter(evaluation=e).exists():
            assert e.rating_result == e.unit_rating
    assert FollowUp.objects.filter(evaluation__in=annual).count() == annual.count()
    spread = Counter(annual.values_list("predicate", flat=True))
    assert spread["baik"] > spread["sangat_baik"] > 0 and spread["butuh_perbaikan"] + spread["kurang"] > 0
    needs = FollowUp.objects.filter(evaluation__in=annual, development_need__isnull=False).count()
    low = annual.filter(predicate__in=["butuh_perbaikan", "kurang", "sangat_kurang"]).count()
    assert needs == low > 0
    assert IndicatorAchievement.objects.filter(evaluation__in=annual).count() > annual.count()
    assert BehaviourFeedback.objects.filter(evaluation__in=annual).count() == 2 * annual.count()
    assert OrganisationPredicate.objects.filter(year=year).count() >= 5
    assert PotentialScore.objects.filter(year=2025).count() == annual.values("employee").distinct().count()


def test_calibration_curve_warning_and_appeal(city):
    year = PerformanceYear.objects.get(instansi=city, year=2025)
    (adjustment,) = CalibrationAdjustment.objects.filter(evaluation__year=year)
    assert adjustment.reason.startswith("Rapat Tim Penilai Kinerja") and adjustment.actor is not None
    assert adjustment.evaluation.opd.code == "DINKES"
    warned = EvaluationEvent.objects.filter(
        evaluation__year=year, kind=EventKind.PUBLISHED, data__curve_warnings__0__isnull=False
    )
    assert warned.exists()
    (appeal,) = Appeal.objects.filter(evaluation__year=year)
    assert appeal.status == AppealStatus.DECIDED and appeal.decision == "change"
    assert appeal.rater_explanation and appeal.employee_explanation
    assert appeal.predicate_after != appeal.predicate_before
    assert appeal.filed_by is None or appeal.filed_by.employee_id == appeal.evaluation.employee_id
    assert evaluation_pdf(evaluation=appeal.evaluation).startswith(b"%PDF")


def test_current_year_in_progress(city):
    year = PerformanceYear.objects.get(instansi=city, year=2026)
    periodic = Evaluation.objects.filter(year=year, kind=EvaluationKind.PERIODIC)
    assert not Evaluation.objects.filter(year=year, kind=EvaluationKind.ANNUAL).exists()
    numbers = set(periodic.values_list("period__number", flat=True))
    assert numbers and max(numbers) <= 3
    rated = periodic.exclude(status=EvaluationStatus.DRAFT)
    assert 0 < rated.count() < periodic.count()  # part of the city
    assert set(rated.values_list("opd__code", flat=True)) <= {"DINKES", "DISDUKCAPIL"}
    assert periodic.filter(status=EvaluationStatus.PUBLISHED, period__number=1).exists()
    assert not periodic.filter(status=EvaluationStatus.LOCKED).exists()


def test_build_is_idempotent(city):
    before = Evaluation.objects.count()
    assert demo.build(city, seed=SEED).created is False
    assert Evaluation.objects.count() == before


def _fingerprint(city):
    return sorted(
        Evaluation.objects.filter(instansi=city).values_list(
            "year__year", "kind", "period__number", "employee__nip", "status", "predicate", "achievement"
        )
    )


def test_wipe_is_audited_and_rebuild_is_deterministic(city):
    from pembina.performance import demo as performance_demo

    on = dt.date.today()
    first = _fingerprint(city)
    removed = demo.wipe(city)
    assert removed > 0 and not Evaluation.objects.filter(instansi=city).exists()
    assert AuditEntry.objects.filter(action="delete", object_type="evaluation.evaluation").exists()
    performance_demo.wipe(city)  # the evaluations no longer hold the plans
    performance_demo.build(city, seed=SEED, on=on)
    started = time.monotonic()
    report = demo.build(city, seed=SEED, on=on)
    assert report.created and time.monotonic() - started < 120
    assert _fingerprint(city) == first
    assert verify_chain().ok
