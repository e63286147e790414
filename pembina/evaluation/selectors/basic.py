"""Scoped lists and fetches of the evaluation app (every read for a user starts from `.for_actor`)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from pembina.core.scoping import VIEW
from pembina.evaluation.choices import AppealStatus, EvaluationStatus
from pembina.evaluation.models import (
    Appeal,
    Evaluation,
    Feedback360,
    FollowUp,
    OrganisationPredicate,
    PotentialScore,
)
from pembina.evaluation.permissions import evaluation_actions as _actions
from pembina.evaluation.rules import workflow

OPEN = (EvaluationStatus.DRAFT, EvaluationStatus.RATED)
FINAL = (EvaluationStatus.PUBLISHED, EvaluationStatus.LOCKED)


def _pk(value):
    return getattr(value, "pk", value)


def evaluation_list(*, actor, filters: dict | None = None) -> QuerySet[Evaluation]:
    """Visible evaluations; filters: year, kind, period, opd (subtree), status, predicate, rater
    ("me"), q (name or NIP)."""
    filters = filters or {}
    qs = Evaluation.objects.for_actor(actor, VIEW).select_related(
        "employee", "unit", "opd", "period", "rater"
    )
    if year := filters.get("year"):
        qs = qs.filter(year_id=_pk(year))
    if kind := filters.get("kind"):
        qs = qs.filter(kind=kind)
    if period := filters.get("period"):
        qs = qs.filter(period_id=_pk(period))
    if opd := filters.get("opd"):
        path = getattr(opd, "path", None)
        qs = qs.filter(unit_path__startswith=path) if path else qs.filter(opd_id=_pk(opd))
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if predicate := filters.get("predicate"):
        qs = qs.filter(predicate=predicate)
    if filters.get("rater") == "me":
        from pembina.core.scoping import get_scope

        qs = qs.filter(rater_id=get_scope(actor).employee_id or 0)
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(employee__name__icontains=q) | Q(employee__nip__startswith=q.replace(" ", "")))
    return qs.order_by("year", "kind", "period__number", "unit_path", "employee__name", "pk")


def evaluation_get_for_actor(*, actor, pk, action: str = VIEW) -> Evaluation:
    return Evaluation.objects.select_related(
        "year", "period", "employee", "rater", "rater_superior", "unit", "opd", "plan"
    ).get_for_actor_or_404(actor, action, pk=pk)


def evaluation_actions(*, actor, evaluation) -> list[str]:
    return _actions(actor, evaluation)


def evaluation_timeline(*, actor, evaluation):
    evaluation_get_for_actor(actor=actor, pk=evaluation.pk)
    return list(evaluation.events.order_by("created_at", "id"))


def evaluations_to_rate(*, actor, year=None) -> QuerySet[Evaluation]:
    from pembina.core.scoping import get_scope

    me = get_scope(actor).employee_id
    qs = Evaluation.objects.for_actor(actor, VIEW).filter(status__in=OPEN, rater_id=me or 0)
    if year is not None:
        qs = qs.filter(year_id=_pk(year))
    return qs.select_related("employee", "period", "unit").order_by("period__number", "employee__name", "pk")


def my_evaluations(*, actor) -> QuerySet[Evaluation]:
    from pembina.core.scoping import get_scope

    me = get_scope(actor).employee_id
    return (
        Evaluation.objects.for_actor(actor, VIEW)
        .filter(employee_id=me or 0, status__in=FINAL)
        .select_related("year", "period")
        .order_by("-year__year", "kind", "-period__number")
    )


def appeal_list(*, actor, filters: dict | None = None) -> QuerySet[Appeal]:
    filters = filters or {}
    qs = Appeal.objects.for_actor(actor, VIEW).select_related(
        "evaluation", "evaluation__employee", "evaluation__period", "decider"
    )
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if year := filters.get("year"):
        qs = qs.filter(evaluation__year_id=_pk(year))
    if filters.get("decider") == "me":
        from pembina.accounts.choices import Role
        from pembina.core.scoping import get_scope

        scope = get_scope(actor)
        mine = Q(evaluation__rater_superior_id=scope.employee_id or 0)
        if Role.PIMPINAN in scope.roles:  # the Wali Kota is the atasan of those rated by an OPD head
            mine |= Q(evaluation__rater_superior__isnull=True)
        qs = qs.filter(mine)
    return qs.order_by("-filed_at", "-pk")


def appeals_to_decide(*, actor) -> QuerySet[Appeal]:
    return appeal_list(actor=actor, filters={"decider": "me"}).exclude(status=AppealStatus.DECIDED)


def appeal_get_for_actor(*, actor, pk) -> Appeal:
    appeal = Appeal.objects.select_related("evaluation").get_for_actor_or_404(actor, VIEW, pk=pk)
    from pembina.evaluation.permissions import evaluation_roles

    if not workflow.can_view(evaluation_roles(actor, appeal.evaluation), appeal.evaluation.status):
        from django.http import Http404

        raise Http404
    return appeal


def feedback360_requests_for(*, actor, pending_only: bool = True) -> QuerySet[Feedback360]:
    qs = Feedback360.objects.for_actor(actor, VIEW).select_related("evaluation", "evaluation__employee")
    if pending_only:
        qs = qs.filter(submitted_at__isnull=True, evaluation__status__in=OPEN)
    return qs.order_by("-created_at", "-pk")


def feedback360_get_for_actor(*, actor, pk) -> Feedback360:
    return Feedback360.objects.select_related("evaluation", "evaluation__employee").get_for_actor_or_404(
        actor, VIEW, pk=pk
    )


def organisation_predicate_list(*, actor, year) -> QuerySet[OrganisationPredicate]:
    return (
        OrganisationPredicate.objects.for_actor(actor, VIEW)
        .filter(year_id=_pk(year))
        .select_related("opd", "period")
        .order_by("opd__name", "period__number")
    )


def follow_up_list(*, actor, year, opd=None) -> QuerySet[FollowUp]:
    qs = FollowUp.objects.for_actor(actor, VIEW).filter(evaluation__year_id=_pk(year))
    if opd is not None:
        qs = qs.filter(evaluation__unit_path__startswith=opd.path)
    return qs.select_related(
        "evaluation", "evaluation__employee", "evaluation__period", "evaluation__unit", "development_need"
    ).order_by("evaluation__unit_path", "evaluation__employee__name", "evaluation__kind", "pk")


def potential_score_list(*, actor, year=None) -> QuerySet[PotentialScore]:
    qs = PotentialScore.objects.for_actor(actor, VIEW).select_related("employee")
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "employee__name")
