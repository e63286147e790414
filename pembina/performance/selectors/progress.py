"""The OPD progress figures read from the maintained summary (`IndicatorProgress`): totals, the
chart per period and one row per plan, each in one aggregate query whatever the OPD's size.

The figures are those of `monitoring.indicator_statuses` / `opd_progress` (the reference, computed
from the realisations; tests compare the two): "as of `on`" is a WHERE on the rows' date windows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from pembina.core.scoping import VIEW, get_scope
from pembina.performance.choices import PaceStatus, PlanStatus
from pembina.performance.models import IndicatorProgress, PerformancePlan, PerformanceYear, ProgressRollup
from pembina.performance.selectors.monitoring import PlanProgress

SHOW_CHOICES = ("", "behind", "missing")
STATUS_BADGE = {
    PlanStatus.APPROVED: "text-bg-success",
    PlanStatus.SUBMITTED: "text-bg-primary",
    PlanStatus.RETURNED: "text-bg-danger",
}


def current_q(on: dt.date) -> Q:
    """The summary row that is each IKI's status on `on`."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gt=on)
    )


def opd_plans(*, actor, year: PerformanceYear, opd) -> QuerySet[PerformancePlan]:
    return PerformancePlan.objects.for_actor(actor, VIEW).filter(year=year, unit_path__startswith=opd.path)


def sees_whole_opd(actor, opd) -> bool:
    """Whether every plan below `opd` is visible to the actor (read-all roles, an Admin OPD or a
    head over the OPD): then the per-unit rollup answers for the actor as it does for everyone."""
    scope = get_scope(actor)
    if scope.is_anonymous or opd.instansi_id != scope.instansi_id:
        return False
    return scope.read_all or any(
        opd.path.startswith(p) for p in (*scope.admin_unit_paths, *scope.led_unit_paths)
    )


@dataclass
class PlanRow:
    """A plan as the progress list shows it (values, not a model: no per-row model machinery)."""

    pk: int
    status: str
    approved_version: int
    employee_name: str
    unit_name: str
    url: str

    def get_status_display(self) -> str:
        return str(PlanStatus(self.status).label)

    @property
    def badge(self) -> str:
        """The status badge's colour, as templates/performance/_status.html draws it."""
        return STATUS_BADGE.get(self.status, "text-bg-secondary")


def full_name(name: str, front: str, back: str) -> str:
    """`Employee.full_name` from values: "Dr. Ani, M.Kes"."""
    return ", ".join(filter(None, [" ".join(filter(None, [front, name])), back]))


def plan_url_base() -> str:
    """The SKP page's URL without the id: rows add theirs instead of reversing once per row."""
    return reverse("performance:plan_detail", args=[0])[: -len("0/")]


def plan_progress_rows(*, actor, year: PerformanceYear, opd, on: dt.date | None = None, show: str = ""):
    """The OPD's plans the actor sees, as value rows in page order, optionally only those with an
    IKI behind its pace (`show="behind"`) or a realisation missing (`"missing"`); paginate, then
    `plan_progress_figures(plans=page)` (and `plan_rows(page)` for display)."""
    on = on or timezone.localdate()
    plans = opd_plans(actor=actor, year=year, opd=opd)
    rows = IndicatorProgress.objects.filter(plan_id=OuterRef("pk"))
    if show == "behind":
        plans = plans.filter(Exists(rows.filter(current_q(on), pace=PaceStatus.BEHIND)))
    elif show == "missing":
        plans = plans.filter(Exists(rows.filter(overdue_from__lte=on)))
    return plans.order_by("unit_path", "employee__name", "pk").values(
        "pk",
        "status",
        "approved_version",
        "employee__name",
        "employee__front_title",
        "employee__back_title",
        "unit__name",
    )


def plan_rows(values) -> list[PlanRow]:
    base = plan_url_base()
    return [
        PlanRow(
            pk=v["pk"],
            status=v["status"],
            approved_version=v["approved_version"],
            employee_name=full_name(
                v["employee__name"], v["employee__front_title"], v["employee__back_title"]
            ),
            unit_name=v["unit__name"] or "",
            url=f"{base}{v['pk']}/",
        )
        for v in values
    ]


def plan_progress_figures(*, plans, on: dt.date | None = None) -> list[PlanProgress]:
    """One `PlanProgress` per plan of `plans` (a page of plans or of `plan_progress_rows`), from the
    summary in one query."""
    on = on or timezone.localdate()
    plans = list(plans)
    if plans and isinstance(plans[0], dict):
        plans = plan_rows(plans)
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
    expected by then, the share of IKI with a value), in three queries: from the per-unit rollup
    when the actor sees the whole OPD, else from the IKI rows of the plans the actor sees."""
    on = on or timezone.localdate()
    plans = opd_plans(actor=actor, year=year, opd=opd)
    totals = plans.order_by().aggregate(
        plans=Count("pk"), approved=Count("pk", filter=Q(approved_version__gt=0))
    )
    cur, overdue = current_q(on), Q(overdue_from__lte=on)
    if sees_whole_opd(actor, opd):
        source = ProgressRollup.objects.filter(year=year, unit_path__startswith=opd.path)
        figures = {
            "items": Sum("rows"),
            "current": Sum("rows", filter=cur),
            "missing": Sum("rows", filter=overdue),
            "filled": Sum("filled"),
            "p_sum": Sum("progress_sum"),
            "p_n": Sum("progress_n"),
            "e_sum": Sum("expected_sum"),
            "e_n": Sum("expected_n"),
        }
    else:
        source = IndicatorProgress.objects.filter(plan__in=plans)
        figures = {
            "items": Count("pk"),
            "current": Count("pk", filter=cur),
            "missing": Count("pk", filter=overdue),
            "filled": Count("pk", filter=Q(filled=True)),
            "p_sum": Sum("progress"),
            "p_n": Count("progress"),
            "e_sum": Sum("expected"),
            "e_n": Count("expected"),
        }
    # one grouped query: per period (None = the rows before any period ended) and pace
    groups = list(source.values("period_id", "pace").annotate(**figures).order_by())
    by_pace: dict[str, int] = {}
    chart_rows: dict[int, dict] = {}
    for g in groups:
        by_pace[g["pace"]] = by_pace.get(g["pace"], 0) + (g["current"] or 0)
        if g["period_id"] is None:
            continue
        row = chart_rows.setdefault(g["period_id"], dict.fromkeys(figures, 0))
        for key in figures:
            row[key] += g[key] or 0
    totals["indicators"] = sum(by_pace.values())
    totals["on_track"] = by_pace.get(PaceStatus.ON_TRACK, 0)
    totals["behind"] = by_pace.get(PaceStatus.BEHIND, 0)
    totals["no_data"] = totals["indicators"] - totals["on_track"] - totals["behind"]
    totals["missing"] = sum(row["missing"] for row in chart_rows.values())

    def mean(total, n):
        return float(round(Decimal(total) / n, 1)) if n else None

    chart = {"labels": [], "achieved": [], "expected": [], "filled": []}
    for p in year.periods.order_by("number"):
        row = chart_rows.get(p.pk) if p.start <= on else None
        items = (row or {}).get("items") or 0
        chart["labels"].append(p.label)
        chart["achieved"].append(mean(row["p_sum"], row["p_n"]) if items else None)
        chart["expected"].append(mean(row["e_sum"], row["e_n"]) if items else None)
        chart["filled"].append(round(100 * row["filled"] / items, 1) if items else None)
    return {"totals": totals, "chart": chart}
