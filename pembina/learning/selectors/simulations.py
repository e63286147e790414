"""Reads of the simulation bank and attempts: lists, the author's preview (graph, validation, best
score), the learner's play state (choices without their scores), reviews, and the OPD's results."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Max, Q, QuerySet

from pembina.core.scoping import CHANGE, VIEW, get_scope
from pembina.learning.choices import AttemptStatus, ScenarioStatus
from pembina.learning.models import Attempt, AttemptAnswer, Choice, Scenario, Step
from pembina.learning.rules import scenario as sc
from pembina.learning.selectors._graph import document_of, graph_of
from pembina.learning.selectors.profile import _check_opd
from pembina.org.models import Unit


def scenario_list(*, actor, filters: dict | None = None) -> QuerySet[Scenario]:
    """Published scenarios for learners; every status for authors (BKPSDM)."""
    qs = Scenario.objects.for_actor(actor, VIEW).prefetch_related("competency_links__competency")
    filters = filters or {}
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if difficulty := filters.get("difficulty"):
        qs = qs.filter(difficulty=difficulty)
    if channel := filters.get("channel"):
        qs = qs.filter(channel=channel)
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(title__icontains=q) | Q(service_context__icontains=q))
    scope = get_scope(actor)
    if scope.employee_id:
        mine = Attempt.objects.filter(employee_id=scope.employee_id, status=AttemptStatus.FINISHED)
        qs = qs.annotate(
            my_best=Max("attempts__percent", filter=Q(attempts__in=mine)),
            my_passed=Count("attempts", filter=Q(attempts__in=mine, attempts__passed=True)),
        )
    return qs.order_by("difficulty", "title")


def scenario_get_for_actor(*, actor, pk, action: str = VIEW) -> Scenario:
    return Scenario.objects.select_related("start_step").get_for_actor_or_404(actor, action, pk=pk)


@dataclass
class Preview:
    scenario: Scenario
    steps: list[Step]  # in order, each with `.choice_list`
    problems: list[sc.Problem]
    max_score: int
    paths: int
    longest: int
    dimensions: dict[str, Any]

    @property
    def publishable(self) -> bool:
        return not self.problems


def scenario_preview(*, actor, pk) -> Preview:
    """The author's view: every step and choice with scores, validation problems, and statistics."""
    scenario = scenario_get_for_actor(actor=actor, pk=pk, action=CHANGE)
    graph, steps, choices = graph_of(scenario)
    for step in steps.values():
        step.choice_list = [c for c in choices.values() if c.step_id == step.pk]
    problems = sc.validate(graph)
    ok = not any(p.code == "cycle" for p in problems)
    return Preview(
        scenario=scenario,
        steps=list(steps.values()),
        problems=problems,
        max_score=sc.max_score(graph) if ok else 0,
        paths=sc.count_paths(graph) if ok else 0,
        longest=sc.longest_path(graph) if ok else 0,
        dimensions=dict(sc.DIMENSIONS),
    )


def scenario_document(*, actor, pk) -> dict[str, Any]:
    """Export a scenario as JSON (authors); `services.simulations.scenario_load` reads it back."""
    return document_of(scenario_get_for_actor(actor=actor, pk=pk, action=CHANGE))


def attempt_get_for_actor(*, actor, pk) -> Attempt:
    return Attempt.objects.select_related(
        "scenario", "employee", "current_step", "ending_step"
    ).get_for_actor_or_404(actor, VIEW, pk=pk)


@dataclass
class PlayChoice:
    pk: int
    label: str  # no scores or feedback before answering


@dataclass
class PlayState:
    attempt: Attempt
    step: Step | None  # the step waiting for an answer; None when finished
    choices: list[PlayChoice]
    answers: list[AttemptAnswer]  # so far, each with its feedback
    finished: bool
    ending: Step | None
    dimension_labels: dict[str, Any]


def attempt_state(*, actor, pk) -> PlayState:
    """What the learner sees now (three queries)."""
    attempt = attempt_get_for_actor(actor=actor, pk=pk)
    answers = list(attempt.answers.order_by("order"))
    finished = attempt.status == AttemptStatus.FINISHED
    # an attempt whose scenario was withdrawn or changed can no longer be answered (it is abandoned on the
    # next answer); show it without a pending step
    stale = (
        attempt.scenario.status != ScenarioStatus.PUBLISHED
        or attempt.scenario.version != attempt.scenario_version
    )
    step = None if finished or stale or attempt.status == AttemptStatus.ABANDONED else attempt.current_step
    choices = []
    if step is not None and step.response_type == sc.CHOICE:
        choices = [
            PlayChoice(c.pk, c.label) for c in Choice.objects.filter(step=step).order_by("order", "id")
        ]
    return PlayState(
        attempt=attempt,
        step=step,
        choices=choices,
        answers=answers,
        finished=finished,
        ending=attempt.ending_step if finished else None,
        dimension_labels=dict(sc.DIMENSIONS),
    )


def attempt_list(*, actor, filters: dict | None = None) -> QuerySet[Attempt]:
    qs = Attempt.objects.for_actor(actor, VIEW).select_related(
        "scenario", "employee", "employee__current_opd"
    )
    filters = filters or {}
    if scenario := filters.get("scenario"):
        qs = qs.filter(scenario_id=scenario)
    if employee := filters.get("employee"):
        qs = qs.filter(employee_id=employee)
    if opd := filters.get("opd"):
        qs = qs.filter(employee__current_opd_id=opd)
    if (passed := filters.get("passed")) is not None:
        qs = qs.filter(passed=bool(passed))
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    return qs.order_by("-started_at")


@dataclass(frozen=True)
class ScenarioResult:
    scenario_id: int
    title: str
    attempts: int
    learners: int
    passed_learners: int
    avg_percent: Decimal
    best_percent: Decimal


def simulation_results(*, actor, opd_pk=None) -> list[ScenarioResult]:
    """Finished attempts per scenario within the actor's scope (one OPD when given): one query."""
    qs = Attempt.objects.for_actor(actor, VIEW).filter(status=AttemptStatus.FINISHED)
    if opd_pk is not None:
        opd = Unit.objects.get_for_actor_or_404(actor, VIEW, pk=opd_pk)
        _check_opd(actor, opd)
        qs = qs.filter(employee__current_opd_id=opd.pk)
    rows = (
        qs.values("scenario_id", "scenario__title")
        .annotate(
            attempts=Count("pk"),
            learners=Count("employee", distinct=True),
            passed_learners=Count("employee", filter=Q(passed=True), distinct=True),
            avg_percent=Avg("percent"),
            best_percent=Max("percent"),
        )
        .order_by("scenario__title")
    )
    return [
        ScenarioResult(
            scenario_id=r["scenario_id"],
            title=r["scenario__title"],
            attempts=r["attempts"],
            learners=r["learners"],
            passed_learners=r["passed_learners"],
            avg_percent=Decimal(str(r["avg_percent"] or 0)).quantize(Decimal("0.1")),
            best_percent=Decimal(str(r["best_percent"] or 0)).quantize(Decimal("0.1")),
        )
        for r in rows
    ]
