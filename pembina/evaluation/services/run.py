"""Opening evaluations and computing their achievements: the set-based run for a whole instansi or
OPD, and one evaluation at a time. Repeatable: the same inputs give the same values, and rows whose
values did not change are not written."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from pembina.core.audit import context as audit_ctx
from pembina.core.audit.recorder import record
from pembina.core.exceptions import ApplicationError
from pembina.core.imports.bulk import NewRows
from pembina.core.scoping import get_scope
from pembina.evaluation.choices import EvaluationKind, EvaluationStatus, EventKind
from pembina.evaluation.models import Evaluation, IndicatorAchievement
from pembina.evaluation.permissions import can_calibrate_opd
from pembina.evaluation.selectors.achievements import achievement_values, indicator_figures
from pembina.evaluation.services.common import (
    check,
    ensure_visible,
    event,
    lock_evaluation,
    now,
    thresholds_for,
)
from pembina.evaluation.services.compute import PlanFacts, Summary, summaries
from pembina.performance.models import Indicator, PerformancePlan

FINAL = (EvaluationStatus.PUBLISHED, EvaluationStatus.LOCKED)
OPEN = (EvaluationStatus.DRAFT, EvaluationStatus.RATED)
_PLAN_FIELDS = (
    "pk",
    "employee_id",
    "rater_id",
    "rater_superior_id",
    "unit_id",
    "opd_id",
    "unit_path",
    "position__is_head",
)


@dataclass
class RunReport:
    plans: int = 0
    indicators: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_final: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _kind(period) -> str:
    return EvaluationKind.PERIODIC if period is not None else EvaluationKind.ANNUAL


def _check_run(actor, year, period, opd) -> None:
    if period is not None and period.year_id != year.pk:
        raise ApplicationError(_("Periode bukan bagian tahun kinerja ini."), field="period")
    if opd is not None and opd.instansi_id != year.instansi_id:
        raise ApplicationError(_("OPD bukan bagian instansi ini."), field="opd")
    if actor is None:
        return
    scope = get_scope(actor)
    if scope.instansi_id != year.instansi_id:
        raise ApplicationError(_("Anda tidak berwenang menjalankan evaluasi untuk instansi ini."))
    if scope.write_all:
        return
    if opd is None or not can_calibrate_opd(actor, opd):
        raise ApplicationError(
            _(
                "Hanya Tim Penilai Kinerja (Admin OPD untuk OPD-nya, Admin BKPSDM) yang dapat menjalankan evaluasi."
            ),
            field="opd",
        )


def _plans(year, period, unit_path=None, plan_ids=None):
    qs = PerformancePlan.objects.filter(year=year, approved_version__gt=0)
    if unit_path:
        qs = qs.filter(unit_path__startswith=unit_path)
    if plan_ids is not None:
        qs = qs.filter(pk__in=plan_ids)
    if period is not None:
        qs = qs.filter(start_date__lte=period.end, end_date__gte=period.start)
    return list(qs.order_by("pk").values_list(*_PLAN_FIELDS))


def _facts(rows) -> list[PlanFacts]:
    return [PlanFacts(r[0], r[6], r[4], r[5], bool(r[7])) for r in rows]


def evaluation_run(*, year, actor, period=None, opd=None, progress=None) -> RunReport:
    """Open an evaluation for every approved SKP of the year (overlapping `period` for a periodic
    run; of the OPD's subtree when `opd` is given) and write each one's achievement summary,
    suggested rating and (for heads) unit rating. Published and locked evaluations are left alone.

    A fixed number of queries whatever the number of employees: one aggregate over the
    realisations, one read of the plans, one of the existing evaluations, bulk writes."""
    _check_run(actor, year, period, opd)
    progress = progress or (lambda *a, **k: None)
    kind = _kind(period)
    thresholds = thresholds_for(year.instansi_id)
    unit_path = opd.path if opd is not None else None
    report = RunReport()
    progress(0, 3, _("Membaca SKP yang disetujui"))
    plan_rows = _plans(year, period, unit_path)
    report.plans = len(plan_rows)
    progress(1, 3, _("Menghitung capaian IKI"))
    counter = [0]

    def count(_f):
        counter[0] += 1

    result = summaries(
        year=year,
        period=period,
        plans=_facts(plan_rows),
        thresholds=thresholds,
        unit_path=unit_path,
        on_figure=count,
    )
    report.indicators = counter[0]
    progress(2, 3, _("Menyimpan hasil"))
    existing_qs = Evaluation.objects.filter(year=year, kind=kind, period=period)
    if unit_path:
        existing_qs = existing_qs.filter(plan__unit_path__startswith=unit_path)
    existing = {
        row[0]: row[1:]
        for row in existing_qs.values_list("plan_id", "pk", "status", *Summary.FIELDS).iterator(
            chunk_size=5000
        )
    }
    stamp = now()
    new_rows = NewRows(Evaluation, describe=lambda r: f"Evaluasi #{r['plan_id']}")
    updates: list[Evaluation] = []
    for row in plan_rows:
        plan_id = row[0]
        summary = result[plan_id]
        found = existing.get(plan_id)
        if found is None:
            new_rows.add(
                {
                    "instansi_id": year.instansi_id,
                    "year_id": year.pk,
                    "plan_id": plan_id,
                    "kind": kind,
                    "period_id": period.pk if period is not None else None,
                    "employee_id": row[1],
                    "rater_id": row[2],
                    "rater_superior_id": row[3],
                    "unit_id": row[4],
                    "opd_id": row[5],
                    "unit_path": row[6],
                    "is_unit_head": bool(row[7]),
                    "status": EvaluationStatus.DRAFT,
                    "computed_at": stamp,
                    **dict(zip(Summary.FIELDS, summary.values(), strict=True)),
                }
            )
            continue
        pk, status, *values = found
        if status in FINAL:
            report.skipped_final += 1
            continue
        if tuple(values) == summary.values():
            report.unchanged += 1
            continue
        obj = Evaluation(pk=pk, computed_at=stamp, **dict(zip(Summary.FIELDS, summary.values(), strict=True)))
        updates.append(obj)
    with transaction.atomic():
        if new_rows.rows:
            with audit_ctx.suppressed():
                new_rows.insert(now=stamp)
            record(new_rows.changes())
        if updates:
            Evaluation.objects.bulk_update(updates, [*Summary.FIELDS, "computed_at"], batch_size=1000)
    report.created = len(new_rows.rows)
    report.updated = len(updates)
    progress(3, 3, _("Selesai"))
    return report


def _summary_for(evaluation_or_plan, *, year, period, thresholds, facts: PlanFacts) -> Summary:
    """One plan's summary; a head's unit achievement reads the head's whole subtree."""
    if facts.is_head and facts.unit_path:
        rows = _plans(year, period, facts.unit_path)
        return summaries(
            year=year, period=period, plans=_facts(rows), thresholds=thresholds, unit_path=facts.unit_path
        )[facts.plan_id]
    return summaries(
        year=year, period=period, plans=[facts], thresholds=thresholds, plan_ids=[facts.plan_id]
    )[facts.plan_id]


@transaction.atomic
def evaluation_open(*, plan, actor, period=None) -> Evaluation:
    """Open (or return) the periodic or annual evaluation of one approved SKP, with its summary."""
    plan = (
        PerformancePlan.objects.select_for_update(of=("self",))
        .select_related("year", "position")
        .get(pk=plan.pk)
    )
    if actor is not None and not PerformancePlan.objects.for_actor(actor).filter(pk=plan.pk).exists():
        from django.http import Http404

        raise Http404
    if plan.approved_version < 1:
        raise ApplicationError(_("SKP belum pernah disetujui; evaluasi belum dapat dibuka."), field="plan")
    if period is not None and (
        period.year_id != plan.year_id or period.start > plan.end_date or period.end < plan.start_date
    ):
        raise ApplicationError(_("Periode di luar masa SKP ini."), field="period")
    kind = _kind(period)
    found = Evaluation.objects.filter(plan=plan, kind=kind, period=period).first()
    if found is not None:
        if actor is not None:
            ensure_visible(actor, found)
        return found
    evaluation = Evaluation(
        instansi_id=plan.year.instansi_id,
        year=plan.year,
        plan=plan,
        kind=kind,
        period=period,
        employee_id=plan.employee_id,
        rater_id=plan.rater_id,
        rater_superior_id=plan.rater_superior_id,
        unit_id=plan.unit_id,
        opd_id=plan.opd_id,
        unit_path=plan.unit_path,
        is_unit_head=bool(plan.position_id and plan.position.is_head),
    )
    if actor is not None:
        from pembina.evaluation.permissions import evaluation_roles
        from pembina.evaluation.rules.workflow import RATER, TEAM

        if not evaluation_roles(actor, evaluation) & {RATER, TEAM}:
            raise ApplicationError(
                _("Hanya pejabat penilai atau Tim Penilai Kinerja yang dapat membuka evaluasi.")
            )
    _apply_summary(evaluation, plan.year, period)
    evaluation.save()
    event(evaluation, EventKind.CREATED, actor)
    return evaluation


def _apply_summary(evaluation: Evaluation, year, period) -> bool:
    facts = PlanFacts(
        evaluation.plan_id,
        evaluation.unit_path,
        evaluation.unit_id,
        evaluation.opd_id,
        evaluation.is_unit_head,
    )
    summary = _summary_for(
        evaluation, year=year, period=period, thresholds=thresholds_for(year.instansi_id), facts=facts
    )
    changed = tuple(getattr(evaluation, f) for f in Summary.FIELDS) != summary.values()
    for name, value in zip(Summary.FIELDS, summary.values(), strict=True):
        setattr(evaluation, name, value)
    if changed or evaluation.computed_at is None:
        evaluation.computed_at = now()
    return changed


@transaction.atomic
def evaluation_refresh(*, evaluation, actor) -> Evaluation:
    """Recompute the achievements, suggestion and unit rating of one open evaluation; a rated one
    also gets its frozen IKI achievements refreshed."""
    evaluation = lock_evaluation(evaluation)
    check(actor, evaluation, "refresh")
    if _apply_summary(evaluation, evaluation.year, evaluation.period):
        evaluation.save()
        event(evaluation, EventKind.COMPUTED, actor)
    if evaluation.status == EvaluationStatus.RATED:
        freeze_achievements(evaluation)
    return evaluation


def freeze_achievements(evaluation: Evaluation) -> list[IndicatorAchievement]:
    """Write the IKI achievements the rating rests on (replacing an earlier snapshot)."""
    year, period = evaluation.year, evaluation.period
    figures = {
        f.indicator_id: f
        for f in indicator_figures(
            year_id=year.pk,
            upto=period.number if period is not None else None,
            plan_ids=[evaluation.plan_id],
            thresholds=thresholds_for(year.instansi_id),
        )
    }
    indicators = (
        Indicator.objects.filter(result__plan_id=evaluation.plan_id)
        .select_related("result")
        .order_by("result__kind", "result__order", "result_id", "order", "id")
    )
    rows = []
    for n, ind in enumerate(indicators, start=1):
        rows.append(
            IndicatorAchievement(
                evaluation=evaluation, indicator=ind, order=n, **achievement_values(ind, figures.get(ind.pk))
            )
        )
    old = {
        (a.indicator_id, a.expected, a.realised, a.periods_reported, a.progress, a.band, a.order)
        for a in evaluation.achievements.all()
    }
    new = {
        (r.indicator_id, r.expected, r.realised, r.periods_reported, r.progress, r.band, r.order)
        for r in rows
    }
    if old == new and len(old) == len(rows):
        return list(evaluation.achievements.all())
    evaluation.achievements.all().delete()
    return IndicatorAchievement.objects.bulk_create(rows)
