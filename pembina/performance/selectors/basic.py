"""Scoped lists and fetches of the performance app."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from pembina.core.scoping import VIEW
from pembina.performance.choices import GoalLevel, PlanStatus, YearState
from pembina.performance.models import (
    CoachingSession,
    Evidence,
    Goal,
    GoalIndicator,
    IndicatorTemplate,
    Notification,
    PerformancePlan,
    PerformanceYear,
    Period,
    PlanComment,
    PlannedResult,
    Realisation,
    ResultLink,
)


def performance_year_list(*, actor) -> QuerySet[PerformanceYear]:
    return PerformanceYear.objects.for_actor(actor, VIEW).order_by("-year")


def performance_year_get_for_actor(*, actor, pk) -> PerformanceYear:
    return PerformanceYear.objects.get_for_actor_or_404(actor, VIEW, pk=pk)


def performance_year_current(*, actor, on: dt.date | None = None) -> PerformanceYear | None:
    """The year of `on` if it exists, else the latest year not closed."""
    on = on or timezone.localdate()
    qs = performance_year_list(actor=actor)
    return qs.filter(year=on.year).first() or qs.exclude(state=YearState.CLOSED).first()


def performance_opds(*, actor) -> list:
    """OPDs whose performance pages (cascade, progress, early warning) the actor may open: all of the
    instansi for read-all roles; else the OPDs holding (or under) the units the actor administers or
    leads, and the actor's own OPD. Plans inside are still scoped per plan."""
    from pembina.core.scoping import get_scope
    from pembina.org.models import Unit

    scope = get_scope(actor)
    if scope.is_anonymous:
        return []
    units = list(
        Unit.objects.filter(instansi_id=scope.instansi_id, is_opd=True, is_active=True).order_by(
            "sort_order", "name"
        )
    )
    if scope.read_all:
        return units
    paths = scope.admin_unit_paths + scope.led_unit_paths
    own_opd = None
    if scope.employee_id:
        own_opd = actor.employee.current_opd_id if getattr(actor, "employee", None) else None
    return [
        u
        for u in units
        if u.pk == own_opd or any(p.startswith(u.path) or u.path.startswith(p) for p in paths)
    ]


def period_list(*, year: PerformanceYear) -> list[Period]:
    return list(year.periods.order_by("number"))


def goal_list(*, actor, year: PerformanceYear, opd=None, level: str | None = None) -> QuerySet[Goal]:
    qs = Goal.objects.for_actor(actor, VIEW).filter(year=year)
    if level:
        qs = qs.filter(level=level)
    if opd is not None:
        qs = qs.filter(Q(level=GoalLevel.CITY) | Q(opd=opd)) if level != GoalLevel.OPD else qs.filter(opd=opd)
    return qs.select_related("opd", "parent").prefetch_related(
        Prefetch("indicators", queryset=GoalIndicator.objects.order_by("order", "id"))
    )


def goal_get_for_actor(*, actor, pk, action: str = VIEW) -> Goal:
    return Goal.objects.select_related("year", "opd", "parent").get_for_actor_or_404(actor, action, pk=pk)


def indicator_template_list(*, actor, filters: dict | None = None) -> QuerySet[IndicatorTemplate]:
    filters = filters or {}
    qs = IndicatorTemplate.objects.for_actor(actor, VIEW).filter(is_active=True)
    if sector := filters.get("sector"):
        qs = qs.filter(sector=sector)
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(name__icontains=q) | Q(definition__icontains=q))
    if direction := filters.get("direction"):
        qs = qs.filter(direction=direction)
    return qs.order_by("sector", "name")


def indicator_template_get_for_actor(*, actor, pk) -> IndicatorTemplate:
    return IndicatorTemplate.objects.get_for_actor_or_404(actor, VIEW, pk=pk)


def plan_list(*, actor, filters: dict | None = None) -> QuerySet[PerformancePlan]:
    """Plans visible to `actor`; filters: year, opd, unit (subtree), status, employee, rater ("me"),
    q (name or NIP in the header)."""
    filters = filters or {}
    qs = PerformancePlan.objects.for_actor(actor, VIEW).select_related("year", "employee", "unit", "opd")
    if year := filters.get("year"):
        qs = qs.filter(year=year)
    if opd := filters.get("opd"):
        qs = qs.filter(opd=opd)
    if unit := filters.get("unit"):
        path = getattr(unit, "path", None)
        if path is None:
            from pembina.org.models import Unit

            path = Unit.objects.filter(pk=unit).values_list("path", flat=True).first() or "\0"
        qs = qs.filter(unit_path__startswith=path)
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if employee := filters.get("employee"):
        qs = qs.filter(employee=employee)
    if filters.get("rater") == "me":
        from pembina.core.scoping import get_scope

        qs = qs.filter(rater_id=get_scope(actor).employee_id or 0)
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(employee__name__icontains=q) | Q(employee__nip__startswith=q))
    return qs.order_by("employee__name", "start_date")


def plan_get_for_actor(*, actor, pk, action: str = VIEW) -> PerformancePlan:
    return PerformancePlan.objects.select_related(
        "year", "year__instansi", "employee", "position", "unit", "opd", "rater", "rater_superior"
    ).get_for_actor_or_404(actor, action, pk=pk)


def plans_to_review(*, actor, year: PerformanceYear | None = None) -> QuerySet[PerformancePlan]:
    """Submitted plans waiting for this actor's approval (as pejabat penilai)."""
    from pembina.accounts.choices import Role
    from pembina.core.scoping import get_scope

    scope = get_scope(actor)
    cond = Q(rater_id=scope.employee_id) if scope.employee_id else Q(pk__in=[])
    if Role.PIMPINAN in scope.roles:
        cond |= Q(rater__isnull=True)
    qs = PerformancePlan.objects.for_actor(actor, VIEW).filter(cond, status=PlanStatus.SUBMITTED)
    if year is not None:
        qs = qs.filter(year=year)
    return qs.select_related("employee", "unit").order_by("submitted_at")


def my_plans(*, actor, year: PerformanceYear | None = None) -> QuerySet[PerformancePlan]:
    from pembina.core.scoping import get_scope

    qs = PerformancePlan.objects.for_actor(actor, VIEW).filter(employee_id=get_scope(actor).employee_id or 0)
    if year is not None:
        qs = qs.filter(year=year)
    return qs.order_by("-year__year", "start_date")


def superior_result_choices(*, plan: PerformancePlan) -> QuerySet[PlannedResult]:
    """RHKs this plan may intervene: the rater's plans of the same year overlapping the plan's dates.

    Not actor-scoped on purpose: an employee must see the superior's RHK text to cascade from it."""
    if plan.rater_id is None:
        return PlannedResult.objects.none()
    return (
        PlannedResult.objects.filter(
            plan__year_id=plan.year_id,
            plan__employee_id=plan.rater_id,
            plan__start_date__lte=plan.end_date,
            plan__end_date__gte=plan.start_date,
        )
        .select_related("plan")
        .order_by("kind", "order", "id")
    )


def collaboration_candidates(*, actor, plan: PerformancePlan, q: str = "") -> QuerySet[PlannedResult]:
    """RHKs of other units in the same year to link for kinerja kolaboratif (visible text only)."""
    qs = PlannedResult.objects.filter(
        plan__year_id=plan.year_id, plan__year__instansi_id=plan.year.instansi_id
    )
    qs = qs.exclude(plan__unit_id=plan.unit_id)
    if q:
        qs = qs.filter(Q(statement__icontains=q) | Q(plan__employee__name__icontains=q))
    return qs.select_related("plan", "plan__unit").order_by("plan__unit__path", "id")


def direct_subordinates(*, employee_id: int, on: dt.date) -> list:
    """Employees whose pejabat penilai is `employee_id` on `on` (cascading RHK, coaching).

    Not actor-scoped: it answers "whose rater is this person", for the rater's own pages and calls."""
    from pembina.core.scoping import paths_q
    from pembina.org import selectors as org_selectors
    from pembina.org.models import Employee

    paths = org_selectors.led_unit_paths(employee_id=employee_id, on=on)
    overridden = org_selectors.supervised_ids(employee_id=employee_id, on=on)
    candidates = list(
        Employee.objects.filter(paths_q("current_unit_path", paths) | Q(pk__in=overridden))
        .exclude(pk=employee_id)
        .filter(state="aktif")
        .order_by("name")
    )
    superiors = org_selectors.superiors_for(employees=candidates, on=on)
    return [e for e in candidates if superiors.get(e.pk) == employee_id]


def result_link_list(*, actor, filters: dict | None = None) -> QuerySet[ResultLink]:
    """Kinerja kolaboratif links the actor sees (either side visible); filters: plan, result."""
    filters = filters or {}
    qs = ResultLink.objects.for_actor(actor, VIEW)
    if plan := filters.get("plan"):
        qs = qs.filter(Q(result_a__plan_id=plan) | Q(result_b__plan_id=plan))
    if result := filters.get("result"):
        qs = qs.filter(Q(result_a_id=result) | Q(result_b_id=result))
    sides = (
        "result_a__plan__employee",
        "result_a__plan__unit",
        "result_b__plan__employee",
        "result_b__plan__unit",
    )
    return qs.select_related(*sides).order_by("id")


def plan_comment_list(*, actor, filters: dict | None = None) -> QuerySet[PlanComment]:
    """Dialog kinerja messages the actor sees; filters: plan, result, indicator, open (unresolved)."""
    filters = filters or {}
    qs = PlanComment.objects.for_actor(actor, VIEW)
    for key in ("plan", "result", "indicator"):
        if value := filters.get(key):
            qs = qs.filter(**{f"{key}_id": value})
    if filters.get("open"):
        qs = qs.filter(resolved_at__isnull=True)
    return qs.order_by("plan_id", "created_at", "id")


def realisation_get_for_actor(*, actor, pk) -> Realisation:
    return Realisation.objects.select_related("indicator", "period").get_for_actor_or_404(actor, VIEW, pk=pk)


def evidence_get_for_actor(*, actor, pk) -> Evidence:
    """For the download view: out of scope is 404."""
    return Evidence.objects.select_related("realisation").get_for_actor_or_404(actor, VIEW, pk=pk)


def coaching_list(*, actor, filters: dict | None = None) -> QuerySet[CoachingSession]:
    filters = filters or {}
    qs = CoachingSession.objects.for_actor(actor, VIEW).select_related("employee", "coach", "feedback_form")
    if employee := filters.get("employee"):
        qs = qs.filter(employee=employee)
    if plan := filters.get("plan"):
        qs = qs.filter(plan=plan)
    if kind := filters.get("kind"):
        qs = qs.filter(kind=kind)
    if year := filters.get("year"):
        qs = qs.filter(held_on__year=getattr(year, "year", year))
    return qs.prefetch_related("competency_ratings").order_by("-held_on", "-id")


def coaching_get_for_actor(*, actor, pk) -> CoachingSession:
    return (
        CoachingSession.objects.select_related("employee", "coach", "plan", "feedback_form")
        .prefetch_related("competency_ratings")
        .get_for_actor_or_404(actor, VIEW, pk=pk)
    )


def notification_list(*, actor, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.for_actor(actor, VIEW)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")


def notification_unread_count(*, actor) -> int:
    return notification_list(actor=actor, unread_only=True).count()
