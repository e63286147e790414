"""The evaluation page in a fixed number of queries, its IKI rows and the anonymous 360° aggregate."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.evaluation.choices import EvaluationStatus
from pembina.evaluation.models import Appeal, Evaluation, FollowUp
from pembina.evaluation.permissions import evaluation_roles
from pembina.evaluation.rules import three_sixty, workflow
from pembina.evaluation.rules.workflow import RATER, TEAM
from pembina.evaluation.selectors.achievements import achievement_values, indicator_figures
from pembina.evaluation.selectors.basic import evaluation_get_for_actor
from pembina.evaluation.selectors.distribution import curve_violations, organisation_predicate_for
from pembina.evaluation.selectors.settings import evaluation_settings_for, thresholds_for
from pembina.performance.models import BehaviourGuide, CoreValue, Indicator, PlanBehaviour


@dataclass(frozen=True)
class AchievementRow:
    indicator_id: int | None
    result_statement: str
    is_main: bool
    name: str
    target: Decimal | None
    target_text: str
    unit: str
    direction: str
    aggregation: str
    expected: Decimal | None
    realised: Decimal | None
    periods_reported: int
    progress: Decimal | None
    band: str


@dataclass
class BehaviourRow:
    value: CoreValue
    guides: list[str]
    expectation: str
    feedback: str


@dataclass
class EvaluationDetail:
    evaluation: Evaluation
    roles: frozenset[str]
    actions: list[str]
    indicators: list[AchievementRow]
    frozen: bool  # the rows are the snapshot the rating rests on (else computed live)
    behaviour: list[BehaviourRow]
    aggregate_360: three_sixty.Aggregate | None
    invited_360: int
    answered_360: int
    # Who was asked (the inviter knows it anyway), never who answered.
    invited_360_ids: frozenset[int]
    calibrations: list
    appeal: Appeal | None
    follow_up: FollowUp | None
    events: list
    org_predicate: str
    curve_violations: list = field(default_factory=list)


def evaluation_indicator_rows(*, evaluation: Evaluation) -> list[AchievementRow]:
    """The frozen snapshot once rated; before that the live figures (2 queries either way)."""
    frozen = list(evaluation.achievements.order_by("order", "id"))
    if frozen and evaluation.status != EvaluationStatus.DRAFT:
        return [
            AchievementRow(
                a.indicator_id,
                a.result_statement,
                a.is_main,
                a.name,
                a.target,
                a.target_text,
                a.unit,
                a.direction,
                a.aggregation,
                a.expected,
                a.realised,
                a.periods_reported,
                a.progress,
                a.band,
            )
            for a in frozen
        ]
    period = evaluation.period
    figures = {
        f.indicator_id: f
        for f in indicator_figures(
            year_id=evaluation.year_id,
            upto=period.number if period is not None else None,
            plan_ids=[evaluation.plan_id],
            thresholds=thresholds_for(evaluation.instansi_id),
        )
    }
    out = []
    for ind in (
        Indicator.objects.filter(result__plan_id=evaluation.plan_id)
        .select_related("result")
        .order_by("result__kind", "result__order", "result_id", "order", "id")
    ):
        out.append(AchievementRow(indicator_id=ind.pk, **achievement_values(ind, figures.get(ind.pk))))
    return out


def _aggregate(evaluation: Evaluation, value_codes: list[str]):
    rows = list(evaluation.feedback_360.filter(submitted_at__isnull=False).values_list("relation", "ratings"))
    minimum = evaluation_settings_for(instansi_id=evaluation.instansi_id).min_360_respondents
    return three_sixty.aggregate(rows, value_codes, min_respondents=minimum)


def feedback360_aggregate(*, actor, evaluation: Evaluation):
    """The anonymous aggregate for the rater and the Tim Penilai; None below the floor."""
    evaluation = evaluation_get_for_actor(actor=actor, pk=evaluation.pk)
    roles = evaluation_roles(actor, evaluation)
    if not workflow.can_view(roles, evaluation.status):
        raise Http404
    if not workflow.allowed("view_360", roles, evaluation.status):
        raise ApplicationError(_("Masukan 360° hanya dapat dilihat pejabat penilai dan Tim Penilai Kinerja."))
    return _aggregate(evaluation, list(CoreValue.objects.order_by("order").values_list("code", flat=True)))


def evaluation_detail(*, actor, pk) -> EvaluationDetail:
    evaluation = evaluation_get_for_actor(actor=actor, pk=pk)
    roles = evaluation_roles(actor, evaluation)
    if not workflow.can_view(roles, evaluation.status):
        raise Http404
    values = list(
        CoreValue.objects.order_by("order").prefetch_related(
            Prefetch("guides", queryset=BehaviourGuide.objects.order_by("order"))
        )
    )
    expectations = dict(
        PlanBehaviour.objects.filter(plan_id=evaluation.plan_id).values_list("value_id", "expectation")
    )
    feedback = dict(evaluation.behaviour_feedback.values_list("value_id", "feedback"))
    behaviour = [
        BehaviourRow(v, [g.text for g in v.guides.all()], expectations.get(v.pk, ""), feedback.get(v.pk, ""))
        for v in values
    ]
    sees_360 = bool(roles & {RATER, TEAM})
    invited = answered = 0
    invited_ids: frozenset[int] = frozenset()
    aggregate = None
    if sees_360:
        states = list(evaluation.feedback_360.values_list("respondent_id", "submitted_at"))
        invited, answered = len(states), sum(1 for _r, s in states if s is not None)
        invited_ids = frozenset(r for r, _s in states)
        aggregate = _aggregate(evaluation, [v.code for v in values]) if answered else None
    org = organisation_predicate_for(year=evaluation.year, opd=evaluation.opd, period=evaluation.period)
    violations = []
    if org is not None and roles & {RATER, TEAM} and evaluation.opd_id:
        _org, violations = curve_violations(
            year=evaluation.year, opd=evaluation.opd, period=evaluation.period
        )
    rows = evaluation_indicator_rows(evaluation=evaluation)
    return EvaluationDetail(
        evaluation=evaluation,
        roles=roles,
        actions=workflow.actions_for(roles, evaluation.status),
        indicators=rows,
        frozen=evaluation.status != EvaluationStatus.DRAFT and any(r.indicator_id for r in rows),
        behaviour=behaviour,
        aggregate_360=aggregate,
        invited_360=invited,
        answered_360=answered,
        invited_360_ids=invited_ids,
        calibrations=list(evaluation.calibrations.order_by("created_at", "id")),
        appeal=Appeal.objects.filter(evaluation=evaluation).select_related("decider").first(),
        follow_up=FollowUp.objects.filter(evaluation=evaluation).select_related("development_need").first(),
        events=list(evaluation.events.order_by("created_at", "id")),
        org_predicate=org.predicate if org is not None else "",
        curve_violations=violations,
    )
