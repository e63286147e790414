"""The whole plan as JSON (kept for every approved version) and the comparison of two versions."""

from __future__ import annotations

from django.db.models import Prefetch

from pembina.performance.models import Indicator, PerformancePlan, PlanBehaviour, PlannedResult
from pembina.performance.rules.diff import snapshot_diff


def _num(value):
    # plain notation: normalize() alone turns 20 into "2E+1"
    return None if value is None else format(value.normalize(), "f")


def plan_snapshot(plan: PerformancePlan) -> dict:
    """Everything that is agreed in an SKP, in a stable JSON shape (three queries)."""
    results = (
        PlannedResult.objects.filter(plan_id=plan.pk)
        .select_related("parent_result")
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id")))
        .order_by("kind", "order", "id")
    )
    behaviours = (
        PlanBehaviour.objects.filter(plan_id=plan.pk).select_related("value").order_by("value__order")
    )
    return {
        "plan_id": plan.pk,
        "version": plan.version,
        "form": plan.form,
        "approach": plan.approach,
        "start_date": plan.start_date.isoformat(),
        "end_date": plan.end_date.isoformat(),
        "header": plan.header,
        "lampiran": {
            "support_resources": plan.support_resources,
            "accountability_scheme": plan.accountability_scheme,
            "consequences": plan.consequences,
        },
        "results": [
            {
                "id": r.pk,
                "kind": r.kind,
                "order": r.order,
                "statement": r.statement,
                "perspective": r.perspective,
                "parent_result_id": r.parent_result_id,
                "parent_statement": r.parent_result.statement if r.parent_result_id else "",
                "goal_id": r.goal_id,
                "goal_indicator_id": r.goal_indicator_id,
                "indicators": [
                    {
                        "id": i.pk,
                        "aspect": i.aspect,
                        "name": i.name,
                        "target": _num(i.target),
                        "target_text": i.target_text,
                        "unit": i.unit,
                        "direction": i.direction,
                        "aggregation": i.aggregation,
                        "data_source": i.data_source,
                    }
                    for i in r.indicators.all()
                ],
            }
            for r in results
        ],
        "behaviours": [
            {"value": b.value.code, "name": b.value.name, "expectation": b.expectation} for b in behaviours
        ],
    }


def diff_snapshots(before: dict, after: dict) -> list[dict]:
    return snapshot_diff(before, after)
