"""The SKP page in one call: a plan with everything, in a fixed number of queries; version diffs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404

from pembina.core.scoping import VIEW
from pembina.performance.models import (
    BehaviourGuide,
    CoachingSession,
    Evidence,
    Indicator,
    PerformancePlan,
    Period,
    PlanBehaviour,
    PlanComment,
    PlanEvent,
    PlannedResult,
    PlanVersion,
    Realisation,
    RealisationFeedback,
    ResultLink,
)
from pembina.performance.permissions import plan_actions, plan_roles
from pembina.performance.rules.diff import snapshot_diff
from pembina.performance.selectors.monitoring import IndicatorStatus, indicator_statuses
from pembina.performance.services.versions import plan_snapshot


@dataclass
class PlanDetail:
    plan: PerformancePlan
    roles: frozenset[str]
    actions: list[str]
    periods: list[Period]
    results: list[
        PlannedResult
    ]  # .indicators (.realisations (.evidence, .feedback)), .comments, .parent_result
    behaviours: list[PlanBehaviour]  # .value.guides
    versions: list[PlanVersion]  # without the snapshot JSON
    events: list[PlanEvent]
    plan_comments: list[PlanComment]  # comments on the plan as a whole
    collaborations: dict[int, list[tuple[ResultLink, PlannedResult]]]  # result id → (link, other RHK)
    intervened_by: dict[int, list[PlannedResult]]  # result id → subordinates' RHKs intervening it
    status: dict[int, IndicatorStatus]  # indicator id → progress/pace/missing
    coaching: list[CoachingSession] = field(default_factory=list)


def plan_detail(*, actor, pk, on: dt.date | None = None) -> PlanDetail:
    """Everything the SKP page shows. Query count does not grow with RHK, IKI, realisation or comment
    counts (tested at small and large sizes)."""
    qs = PerformancePlan.objects.filter(pk=pk)
    plan = (
        PerformancePlan.objects.select_related(
            "year",
            "year__instansi",
            "employee",
            "position",
            "unit",
            "opd",
            "rater",
            "rater_superior",
            "previous_plan",
        ).get_for_actor_or_404(actor, VIEW, pk=pk)
        if actor is not None
        else qs.select_related("year").first()
    )
    if plan is None:
        raise Http404
    realisations = (
        Realisation.objects.select_related("period")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "id")),
            Prefetch("feedback", queryset=RealisationFeedback.objects.order_by("created_at", "id")),
        )
        .order_by("period__number")
    )
    results = list(
        PlannedResult.objects.filter(plan=plan)
        .select_related("parent_result", "parent_result__plan", "goal", "goal_indicator")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.order_by("order", "id").prefetch_related(
                    Prefetch("realisations", queryset=realisations)
                ),
            ),
            Prefetch("comments", queryset=PlanComment.objects.order_by("created_at", "id")),
        )
        .order_by("kind", "order", "id")
    )
    ids = [r.pk for r in results]
    collaborations: dict[int, list] = defaultdict(list)
    links = ResultLink.objects.filter(result_a_id__in=ids) | ResultLink.objects.filter(result_b_id__in=ids)
    for link in links.select_related("result_a__plan", "result_b__plan"):
        if link.result_a_id in ids:
            collaborations[link.result_a_id].append((link, link.result_b))
        if link.result_b_id in ids:
            collaborations[link.result_b_id].append((link, link.result_a))
    intervened_by: dict[int, list] = defaultdict(list)
    for child in (
        PlannedResult.objects.filter(parent_result_id__in=ids).select_related("plan").order_by("plan_id")
    ):
        intervened_by[child.parent_result_id].append(child)
    behaviours = list(
        PlanBehaviour.objects.filter(plan=plan)
        .select_related("value")
        .prefetch_related(Prefetch("value__guides", queryset=BehaviourGuide.objects.order_by("order")))
        .order_by("value__order")
    )
    return PlanDetail(
        plan=plan,
        roles=plan_roles(actor, plan) if actor is not None else frozenset(),
        actions=plan_actions(actor, plan) if actor is not None else [],
        periods=list(Period.objects.filter(year_id=plan.year_id).order_by("number")),
        results=results,
        behaviours=behaviours,
        versions=list(
            PlanVersion.objects.filter(plan=plan)
            .defer("snapshot")
            .select_related("approved_by")
            .order_by("number")
        ),
        events=list(PlanEvent.objects.filter(plan=plan).order_by("created_at", "id")),
        plan_comments=list(
            PlanComment.objects.filter(plan=plan, result__isnull=True, indicator__isnull=True).order_by(
                "created_at", "id"
            )
        ),
        collaborations=dict(collaborations),
        intervened_by=dict(intervened_by),
        status=indicator_statuses(year=plan.year, plans=qs, on=on),
        coaching=list(
            CoachingSession.objects.filter(plan=plan)
            .prefetch_related("competency_ratings")
            .select_related("feedback_form")
            .order_by("-held_on")
        ),
    )


def plan_version_list(*, actor, plan_pk) -> list[PlanVersion]:
    plan = PerformancePlan.objects.get_for_actor_or_404(actor, VIEW, pk=plan_pk)
    return list(PlanVersion.objects.filter(plan=plan).defer("snapshot").order_by("number"))


def plan_version_snapshot(*, actor, plan_pk, number: int | None) -> dict:
    """The JSON of an approved version; `None` = the current working copy."""
    plan = PerformancePlan.objects.select_related("year").get_for_actor_or_404(actor, VIEW, pk=plan_pk)
    if number is None:
        return plan_snapshot(plan)
    version = PlanVersion.objects.filter(plan=plan, number=number).first()
    if version is None:
        raise Http404
    return version.snapshot


def plan_version_diff(*, actor, plan_pk, from_number: int, to_number: int | None = None) -> list[dict]:
    """Changes from version `from_number` to `to_number` (None = the working copy)."""
    before = plan_version_snapshot(actor=actor, plan_pk=plan_pk, number=from_number)
    after = plan_version_snapshot(actor=actor, plan_pk=plan_pk, number=to_number)
    return snapshot_diff(before, after)


def plan_timeline(*, actor, plan_pk) -> list[PlanEvent]:
    plan = PerformancePlan.objects.get_for_actor_or_404(actor, VIEW, pk=plan_pk)
    return list(PlanEvent.objects.filter(plan=plan).select_related("actor").order_by("created_at", "id"))
