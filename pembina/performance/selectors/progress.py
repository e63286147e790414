"""The OPD progress figures read from the maintained summary (`IndicatorProgress`): totals, the
chart per period and one row per plan, each in one aggregate query whatever the OPD's size.

The figures are those of `monitoring.indicator_statuses` / `opd_progress` (the reference, computed
from the realisations; tests compare the two): "as of `on`" is a WHERE on the rows' date windows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from pembina.core.scoping import VIEW
from pembina.performance.choices import PaceStatus
from pembina.performance.models import IndicatorProgress, PerformancePlan, PerformanceYear
from pembina.performance.selectors.monitoring import PlanProgress

SHOW_CHOICES = ("", "behind", "missing")


def current_q(on: dt.date) -> Q:
    """The summary row that is each IKI's status on `on`."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gt=on)
    )


def opd_plans(*, actor, year: PerformancePlan, opd) -> QuerySet[PerformancePlan]:
    return PerformancePlan.objects.for_actor(actor, VIEW).filter(year=year, unit_path__startswith=opd.path)


def plan_progress_rows(*, actor, year: PerformanceYear, opd, on: dt.date | None = None, show: str = ""):
    """The OPD's plans the actor sees, in page order, optionally only those with an IKI behind its
    pace (`show="behind"`) or a realisation missing (`"missing"`); figures via `plan_progress_figures`."""
    on = on or timezone.localdate()
    plans = opd_plans(actor=actor, year=year, opd=opd)
    rows = IndicatorProgress.objects.filter(plan_id=OuterRef("pk"))
    if show == "behind":
        plans = plans.filter(Exists(rows.filter(current_q(on), pace=PaceStatus.BEHIND)))
    elif show == "missing":
        plans = plans.filter(Exists(rows.filter(overdue_from__lte=on)))
    return plans.select_related("employee", "unit").order_by("unit_path", "employee__name", "pk")


def plan_progress_figures(*, plans, on: dt.date | None = None) -> list[PlanProgress]:
    """One `PlanProgress` per plan of `plans` (a page), from the summary in one query."""
    on = on or timezone.localdate()
    plans = list(plans)
    cur = current_q(on)
    figures = {
        row["plan_id"]: row
        for row in IndicatorProgress.objects.filter(plan_id__in=[p.pk for p in plans])
        .values("plan_id")
        .annotate(
            indicators=Count("pk", filter=cur),
            on_track=Count("pk", filter=cur & Q(pace=PaceStatus.ON_TRACK)),
            behind=Count("pk", filter=cur & Q(pace=PaceStatus.BEHIND)),
            missing=Count("pk", filter=Q(overdue_from__lte=on)),
            average=Avg("progress", filter=cur),
        )
        .order_by()
    }
    out = []
    for plan in plans:
        f = figures.get(plan.pk)
        if f is None:
            out.append(PlanProgress(plan=plan))
            continue
        average = None if f["average"] is None else Decimal(str(f["average"])).quantize(Decimal("0.01"))
        out.append(
            PlanProgress(
                plan=plan,
                indicators=f["indicators"],
                on_track=f["on_track"],
                behind=f["behind"],
                no_data=f["indicators"] - f["on_track"] - f["behind"],
                missing=f["missing"],
                average_progress=average,
            )
        )
    return out


def opd_progress_summary(*, actor, year: PerformanceYear, opd, on: dt.date | None = None) -> dict:
    """Totals of the OPD and its chart per period of the year (mean year-to-date progress, the pace
    expected by then, the share of IKI with a value), in three queries."""
    on = on or timezone.localdate()
    plans = opd_plans(actor=actor, year=year, opd=opd)
    totals = plans.aggregate(plans=Count("pk"), approved=Count("pk", filter=Q(approved_version__gt=0)))
    cur, started = current_q(on), Q(start__lte=on)
    by_period = {
        row["period_id"]: row
        for row in IndicatorProgress.objects.filter(plan__in=plans)
        .values("period_id")
        .annotate(
            indicators=Count("pk", filter=cur),
            on_track=Count("pk", filter=cur & Q(pace=PaceStatus.ON_TRACK)),
            behind=Count("pk", filter=cur & Q(pace=PaceStatus.BEHIND)),
            missing=Count("pk", filter=Q(overdue_from__lte=on)),
            items=Count("pk", filter=started),
            filled=Count("pk", filter=started & Q(filled=True)),
            achieved=Avg("progress", filter=started),
            expected=Avg("expected", filter=started),
        )
        .order_by()
    }
    for key in ("indicators", "on_track", "behind", "missing"):
        totals[key] = sum(row[key] for row in by_period.values())
    totals["no_data"] = totals["indicators"] - totals["on_track"] - totals["behind"]
    periods = list(year.periods.order_by("number"))

    def mean(value):
        return None if value is None else float(round(Decimal(str(value)), 1))

    chart = {"labels": [], "achieved": [], "expected": [], "filled": []}
    for p in periods:
        row = by_period.get(p.pk) or {}
        items = row.get("items") or 0
        chart["labels"].append(p.label)
        chart["achieved"].append(mean(row.get("achieved")) if items else None)
        chart["expected"].append(mean(row.get("expected")) if items else None)
        chart["filled"].append(round(100 * row["filled"] / items, 1) if items else None)
    return {"totals": totals, "chart": chart}
