"""The cascade tree: city goals → OPD goals → each superior's RHK → every employee's RHK and IKI."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, Window

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

WITHOUT_PLAN_SHOWN = 25
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


def _goals(year, opd) -> list[Goal]:
    """The city goals and this OPD's goals with their IKU (two queries)."""
    return list(
        Goal.objects.filter(year=year)
        .filter(Q(level=GoalLevel.CITY) | Q(level=GoalLevel.OPD, opd=opd))
        .prefetch_related(Prefetch("indicators", queryset=GoalIndicator.objects.order_by("order", "id")))
        .order_by("level", "order", "id")
    )


def _goal_tree(goals, goal_nodes) -> tuple[list[GoalNode], list[GoalNode]]:
    """(city goals with their OPD goals below, OPD goals supporting no city goal)."""
    city, unlinked = [], []
    for g in goals:
        gn = goal_nodes[g.pk]
        if g.level == GoalLevel.CITY:
            city.append(gn)
        elif g.parent_id and g.parent_id in goal_nodes:
            goal_nodes[g.parent_id].children.append(gn)
        else:
            unlinked.append(gn)
    return city, unlinked


def cascade_tree(*, actor, year: PerformanceYear, opd) -> CascadeTree:
    """The whole cascade of one OPD for one year in a constant number of queries (any OPD size)."""
    plans_qs = PerformancePlan.objects.for_actor(actor, VIEW).filter(
        year=year, unit_path__startswith=opd.path
    )
    goals = _goals(year, opd)
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
    without_plan = list(employees_without_plan(actor=actor, year=year, opd=opd))

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
    city, unlinked = _goal_tree(goals, goal_nodes)
    not_approved = [p for p in plans if p.approved_version == 0]
    counts = {
        "plans": len(plans),
        "results": len(nodes),
        "indicators": sum(len(v) for v in indicators.values()),
        INTERVENES_NOTHING: sum(1 for n in nodes.values() if INTERVENES_NOTHING in n.flags),
        NOT_INTERVENED: sum(1 for n in nodes.values() if NOT_INTERVENED in n.flags),
        PLAN_NOT_APPROVED: len(not_approved),
        "employees_without_plan": len(without_plan),
    }
    return CascadeTree(
        year=year,
        opd=opd,
        city_goals=city,
        unlinked_opd_goals=unlinked,
        loose_results=loose,
        plans=plans,
        plans_not_approved=not_approved,
        employees_without_plan=without_plan,
        counts=counts,
        nodes=nodes,
    )


# --- the page: the tree's shape as integers, details only for what is shown ---------------------------


@dataclass
class NodeResult:
    pk: int
    statement: str


@dataclass
class NodePlan:
    """What a cascade row shows of a plan (values, not a model)."""

    pk: int
    approved_version: int
    unit_path: str
    header: dict
    employee_name: str
    url: str


@dataclass
class CascadeOutline:
    """The cascade of one OPD for the page: the whole shape (ids only), counts, and the goals.

    Every visible RHK is one tuple of integers (id, visible parent, goal, plan, flags); statements,
    names and IKI are fetched by `load` only for the rows a page shows, so a 1,000-person OPD costs
    one narrow query for the shape and a few small ones for the rows, at any size."""

    year: PerformanceYear
    opd: object
    city_goals: list[GoalNode]
    unlinked_opd_goals: list[GoalNode]
    counts: dict[str, int]
    order: list[int]  # visible RHK ids in plan, kind, order, id order
    children: dict[int, list[int]]  # RHK id → visible RHK ids intervening it
    goal_roots: dict[int, list[int]]  # goal id → RHK ids linked to it (not below another visible RHK)
    loose: list[int]  # RHK ids intervening nothing visible (nor a goal in view)
    flags: dict[int, set[str]]
    plans_qs: object

    def load(self, ids, *, header: bool = False) -> dict[int, ResultNode]:
        """RHK id → node with the RHK, its plan and IKI as plain values, for `ids` (three queries);
        `header`: with the plan's header (position and unit as of the plan date)."""
        from pembina.performance.selectors.progress import full_name, plan_url_base

        ids = list(ids)
        base = plan_url_base()
        indicators: dict[int, list[dict]] = defaultdict(list)
        for ind in (
            Indicator.objects.filter(result_id__in=ids)
            .order_by("result_id", "order", "id")
            .values("result_id", "name", "target", "target_text", "unit", "direction")
        ):
            indicators[ind["result_id"]].append(ind)
        links: dict[int, list[int]] = defaultdict(list)
        pairs = ResultLink.objects.filter(Q(result_a_id__in=ids) | Q(result_b_id__in=ids))
        for a, b in pairs.values_list("result_a_id", "result_b_id"):
            links[a].append(b)
            links[b].append(a)
        nodes = {}
        fields = [
            "pk",
            "statement",
            "plan_id",
            "plan__approved_version",
            "plan__unit_path",
            "plan__employee__name",
            "plan__employee__front_title",
            "plan__employee__back_title",
        ]
        for v in PlannedResult.objects.filter(pk__in=ids).values(
            *fields, *(["plan__header"] if header else [])
        ):
            plan = NodePlan(
                pk=v["plan_id"],
                approved_version=v["plan__approved_version"],
                unit_path=v["plan__unit_path"],
                header=v.get("plan__header") or {},
                employee_name=full_name(
                    v["plan__employee__name"],
                    v["plan__employee__front_title"],
                    v["plan__employee__back_title"],
                ),
                url=f"{base}{v['plan_id']}/",
            )
            nodes[v["pk"]] = ResultNode(
                result=NodeResult(pk=v["pk"], statement=v["statement"]),
                plan=plan,
                indicators=indicators.get(v["pk"], []),
                collaborators=links.get(v["pk"], []),
                flags=self.flags.get(v["pk"], set()),
            )
        return nodes

    def flagged(self, flag: str) -> list[int]:
        return [i for i in self.order if flag in self.flags.get(i, ())]

    def plans_not_approved(self):
        return (
            self.plans_qs.filter(approved_version=0)
            .select_related("employee")
            .order_by("unit_path", "employee__name")
        )

    def employees_without_plan(self, actor):
        return employees_without_plan(actor=actor, year=self.year, opd=self.opd)


def employees_without_plan(*, actor, year: PerformanceYear, opd):
    """Active employees of the OPD (as the actor sees them) without a plan this year."""
    return (
        Employee.objects.for_actor(actor, VIEW)
        .filter(current_opd=opd, state="aktif")
        .exclude(pk__in=PerformancePlan.objects.filter(year=year).values("employee_id"))
        .order_by("name")
    )


def cascade_without_plan(*, actor, year: PerformanceYear, opd, size: int = WITHOUT_PLAN_SHOWN):
    """(the first `size` employees without a plan, how many there are): one query, which the
    cascade page loads after the tree."""
    first = list(
        employees_without_plan(actor=actor, year=year, opd=opd).annotate(total=Window(Count("pk")))[:size]
    )
    return first, first[0].total if first else 0


def cascade_outline(*, actor, year: PerformanceYear, opd) -> CascadeOutline:
    """The cascade page's data in a fixed number of queries; the flags and counts are those of
    `cascade_tree` (tested against it)."""
    from django.db.models import Count

    plans_qs = PerformancePlan.objects.for_actor(actor, VIEW).filter(
        year=year, unit_path__startswith=opd.path
    )
    goals = _goals(year, opd)
    goal_nodes = {g.pk: GoalNode(goal=g, indicators=list(g.indicators.all())) for g in goals}
    city, unlinked = _goal_tree(goals, goal_nodes)
    # plan and IKI counts and the raters in one grouped query (one row per rater)
    by_rater = list(
        plans_qs.order_by()
        .values("rater_id")
        .annotate(
            n=Count("pk", distinct=True),
            open=Count("pk", filter=Q(approved_version=0), distinct=True),
            iki=Count("results__indicators"),
        )
    )
    raters = {row["rater_id"] for row in by_rater if row["rater_id"]}
    shape = list(
        PlannedResult.objects.filter(plan__in=plans_qs)
        .order_by("plan_id", "kind", "order", "id")
        .values_list("pk", "parent_result_id", "goal_id", "plan__employee_id", "plan__approved_version")
    )
    order = [row[0] for row in shape]
    visible = set(order)
    flags: dict[int, set[str]] = {}  # only the RHKs with a flag
    children: dict[int, list[int]] = defaultdict(list)
    goal_roots: dict[int, list[int]] = defaultdict(list)
    loose, owned_by_raters = [], []
    n_nothing = 0
    for pk, parent, goal, employee, approved in shape:
        if not approved:
            flags[pk] = {PLAN_NOT_APPROVED}
        if parent in visible:
            children[parent].append(pk)
        elif goal in goal_nodes:
            goal_roots[goal].append(pk)
        else:
            flag = PARENT_OUTSIDE if parent or goal else INTERVENES_NOTHING
            flags.setdefault(pk, set()).add(flag)
            n_nothing += flag == INTERVENES_NOTHING
            loose.append(pk)
        if employee in raters:
            owned_by_raters.append(pk)
    not_intervened = [pk for pk in owned_by_raters if pk not in children]
    for pk in not_intervened:
        flags.setdefault(pk, set()).add(NOT_INTERVENED)
    counts = {
        "plans": sum(row["n"] for row in by_rater),
        "results": len(shape),
        "indicators": sum(row["iki"] for row in by_rater),
        INTERVENES_NOTHING: n_nothing,
        NOT_INTERVENED: len(not_intervened),
        PLAN_NOT_APPROVED: sum(row["open"] for row in by_rater),
    }
    outline = CascadeOutline(
        year=year,
        opd=opd,
        city_goals=city,
        unlinked_opd_goals=unlinked,
        counts=counts,
        order=order,
        children=dict(children),
        goal_roots=dict(goal_roots),
        loose=loose,
        flags=flags,
        plans_qs=plans_qs,
    )
    return outline


__all__ = [
    "cascade_tree",
    "cascade_outline",
    "cascade_without_plan",
    "CascadeOutline",
    "CascadeTree",
    "ResultNode",
    "GoalNode",
]
