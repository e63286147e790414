"""The cascade tree: city goals → OPD goals → each superior's RHK → every employee's RHK and IKI."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from pembina.core.scoping import VIEW
from pembina.org.models import Employee
from pembina.performance.choices import GoalLevel
from pembina.performance.models import (
    Goal,
    GoalIndicator,
    Indicator,
    PerformancePlan,
    PerformanceYear,
    PlannedResult,
    ResultLink,
)

INTERVENES_NOTHING = "intervenes_nothing"
NOT_INTERVENED = "not_intervened"
PLAN_NOT_APPROVED = "plan_not_approved"
PARENT_OUTSIDE = "parent_outside"


@dataclass
class ResultNode:
    result: PlannedResult
    plan: PerformancePlan
    indicators: list[Indicator]
    children: list[ResultNode] = field(default_factory=list)
    collaborators: list[int] = field(default_factory=list)  # ids of linked RHKs
    flags: set[str] = field(default_factory=set)


@dataclass
class GoalNode:
    goal: Goal
    indicators: list[GoalIndicator]
    children: list[GoalNode] = field(default_factory=list)  # OPD goals under a city goal
    results: list[ResultNode] = field(default_factory=list)  # RHKs linked to an OPD goal


@dataclass
class CascadeTree:
    year: PerformanceYear
    opd: object
    city_goals: list[GoalNode]
    unlinked_opd_goals: list[GoalNode]  # OPD goals supporting no city goal
    loose_results: list[ResultNode]  # top-level RHKs intervening nothing (or a superior outside the view)
    plans: list[PerformancePlan]
    plans_not_approved: list[PerformancePlan]
    employees_without_plan: list[Employee]
    counts: dict[str, int]
    nodes: dict[int, ResultNode]


def cascade_tree(*, actor, year: PerformanceYear, opd) -> CascadeTree:
    """The whole cascade of one OPD for one year in a constant number of queries (any OPD size)."""
    plans_qs = PerformancePlan.objects.for_actor(actor, VIEW).filter(
        year=year, unit_path__startswith=opd.path
    )
    goals = list(
        Goal.objects.filter(year=year)
        .filter(Q(level=GoalLevel.CITY) | Q(level=GoalLevel.OPD, opd=opd))
        .prefetch_related(Prefetch("indicators", queryset=GoalIndicator.objects.order_by("order", "id")))
        .order_by("level", "order", "id")
    )
    plans = list(plans_qs.select_related("employee").order_by("unit_path", "employee__name"))
    plan_by_id = {p.pk: p for p in plans}
    results = list(PlannedResult.objects.filter(plan__in=plans_qs).order_by("plan_id", "kind", "order", "id"))
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for ind in Indicator.objects.filter(result__plan__in=plans_qs).order_by("result_id", "order", "id"):
        indicators[ind.result_id].append(ind)
    links: dict[int, list[int]] = defaultdict(list)
    for a, b in ResultLink.objects.filter(
        Q(result_a__plan__in=plans_qs) | Q(result_b__plan__in=plans_qs)
    ).values_list("result_a_id", "result_b_id"):
        links[a].append(b)
        links[b].append(a)
    employees_without_plan = list(
        Employee.objects.for_actor(actor, VIEW)
        .filter(current_opd=opd, state="aktif")
        .exclude(pk__in=PerformancePlan.objects.filter(year=year).values("employee_id"))
        .order_by("name")
    )

    nodes = {
        r.pk: ResultNode(
            result=r,
            plan=plan_by_id[r.plan_id],
            indicators=indicators.get(r.pk, []),
            collaborators=links.get(r.pk, []),
        )
        for r in results
    }
    goal_nodes = {g.pk: GoalNode(goal=g, indicators=list(g.indicators.all())) for g in goals}
    raters = {p.rater_id for p in plans if p.rater_id}
    loose: list[ResultNode] = []
    for node in nodes.values():
        r = node.result
        if node.plan.approved_version == 0:
            node.flags.add(PLAN_NOT_APPROVED)
        if r.parent_result_id and r.parent_result_id in nodes:
            nodes[r.parent_result_id].children.append(node)
        elif r.goal_id and r.goal_id in goal_nodes:
            goal_nodes[r.goal_id].results.append(node)
        else:
            node.flags.add(PARENT_OUTSIDE if r.parent_result_id or r.goal_id else INTERVENES_NOTHING)
            loose.append(node)
    for node in nodes.values():
        if node.plan.employee_id in raters and not node.children:
            node.flags.add(NOT_INTERVENED)
    city, unlinked = [], []
    for g in goals:
        gn = goal_nodes[g.pk]
        if g.level == GoalLevel.CITY:
            city.append(gn)
        elif g.parent_id and g.parent_id in goal_nodes:
            goal_nodes[g.parent_id].children.append(gn)
        else:
            unlinked.append(gn)
    not_approved = [p for p in plans if p.approved_version == 0]
    counts = {
        "plans": len(plans),
        "results": len(nodes),
        "indicators": sum(len(v) for v in indicators.values()),
        INTERVENES_NOTHING: sum(1 for n in nodes.values() if INTERVENES_NOTHING in n.flags),
        NOT_INTERVENED: sum(1 for n in nodes.values() if NOT_INTERVENED in n.flags),
        PLAN_NOT_APPROVED: len(not_approved),
        "employees_without_plan": len(employees_without_plan),
    }
    return CascadeTree(
        year=year,
        opd=opd,
        city_goals=city,
        unlinked_opd_goals=unlinked,
        loose_results=loose,
        plans=plans,
        plans_not_approved=not_approved,
        employees_without_plan=employees_without_plan,
        counts=counts,
        nodes=nodes,
    )


__all__ = ["cascade_tree", "CascadeTree", "ResultNode", "GoalNode"]
