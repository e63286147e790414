"""Progress, pace and missing realisations, computed set-based for many plans in fixed queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import QuerySet
from django.utils import timezone

from pembina.core.scoping import VIEW
from pembina.performance.choices import PaceStatus
from pembina.performance.models import Indicator, PerformancePlan, PerformanceYear, Period, Realisation
from pembina.performance.rules import progress as progress_rules


@dataclass
class IndicatorStatus:
    indicator_id: int
    plan_id: int
    name: str
    target: Decimal | None
    unit: str
    direction: str
    aggregation: str
    values: list[Decimal | None]  # per plan period, in order
    periods: list[Period]  # the periods overlapping the plan
    elapsed: int  # periods of the plan already ended
    ytd: Decimal | None
    progress: Decimal | None
    pace: str
    missing: list[Period] = field(default_factory=list)  # ended (past the grace days) without a realisation


class _Real(NamedTuple):
    value: Decimal | None
    narrative: str


def _plan_periods(periods: list[Period], start: dt.date, end: dt.date) -> list[Period]:
    return [p for p in periods if p.start <= end and p.end >= start]


def indicator_statuses(
    *, year: PerformanceYear, plans: QuerySet[PerformancePlan], on: dt.date | None = None
) -> dict[int, IndicatorStatus]:
    """indicator id → status, for every IKI of `plans` (3 queries whatever the number of plans).

    Only plans approved at least once are measured; a period counts as elapsed once it has ended,
    and as missing once it ended more than the year's grace days ago without a value or narrative."""
    on = on or timezone.localdate()
    periods = list(Period.objects.filter(year=year).order_by("number"))
    grace = dt.timedelta(days=year.realisation_grace_days)
    tolerance = Decimal(year.pace_tolerance) / 100
    rows = list(
        Indicator.objects.filter(result__plan__in=plans.filter(approved_version__gt=0))
        .values(
            "pk",
            "name",
            "target",
            "unit",
            "direction",
            "aggregation",
            "result__plan_id",
            "result__plan__start_date",
            "result__plan__end_date",
        )
        .order_by()
    )
    # plain tuples, not model instances: an OPD of 1,000 people has ~12,000 realisation rows
    reals: dict[int, dict[int, _Real]] = defaultdict(dict)
    for ind_id, period_id, value, narrative in Realisation.objects.filter(
        indicator__result__plan__in=plans.filter(approved_version__gt=0)
    ).values_list("indicator_id", "period_id", "value", "narrative"):
        reals[ind_id][period_id] = _Real(value, narrative)
    out = {}
    for row in rows:
        own = _plan_periods(periods, row["result__plan__start_date"], row["result__plan__end_date"])
        by_period = reals.get(row["pk"], {})
        values = [by_period[p.pk].value if p.pk in by_period else None for p in own]
        elapsed = sum(1 for p in own if p.end < on)
        missing = [
            p
            for p in own
            if p.end + grace < on
            and (p.pk not in by_period or (by_period[p.pk].value is None and not by_period[p.pk].narrative))
        ]
        ytd = progress_rules.aggregate(values[: max(elapsed, 0)] or values, row["aggregation"])
        target = row["target"]
        pct = progress_rules.progress_percent(target=target, realised=ytd, direction=row["direction"])
        pace = progress_rules.pace_status(
            target=target,
            direction=row["direction"],
            method=row["aggregation"],
            values=values,
            elapsed=elapsed,
            total=len(own) or 1,
            tolerance=tolerance,
        )
        out[row["pk"]] = IndicatorStatus(
            indicator_id=row["pk"],
            plan_id=row["result__plan_id"],
            name=row["name"],
            target=target,
            unit=row["unit"],
            direction=row["direction"],
            aggregation=row["aggregation"],
            values=values,
            periods=own,
            elapsed=elapsed,
            ytd=ytd,
            progress=pct,
            pace=pace,
            missing=missing,
        )
    return out


@dataclass
class PlanProgress:
    plan: PerformancePlan
    indicators: int = 0
    on_track: int = 0
    behind: int = 0
    no_data: int = 0
    missing: int = 0
    average_progress: Decimal | None = None
    statuses: list[IndicatorStatus] = field(default_factory=list)

    @property
    def employee_name(self) -> str:
        plan = self.plan  # a PerformancePlan, or a `progress.PlanRow` in the OPD list
        return plan.employee_name if hasattr(plan, "employee_name") else plan.employee.full_name

    @property
    def unit_name(self) -> str | None:
        if hasattr(self.plan, "unit_name"):
            return self.plan.unit_name
        return self.plan.unit.name if self.plan.unit_id else None


def summarise(plan: PerformancePlan, items: list[IndicatorStatus]) -> PlanProgress:
    """One plan's row: its IKI counted by pace, the missing realisations, the mean progress."""
    row = PlanProgress(plan=plan, indicators=len(items), statuses=items)
    known = [s.progress for s in items if s.progress is not None]
    for s in items:
        if s.pace == PaceStatus.BEHIND:
            row.behind += 1
        elif s.pace == PaceStatus.ON_TRACK:
            row.on_track += 1
        else:
            row.no_data += 1
        row.missing += len(s.missing)
    if known:
        row.average_progress = (sum(known, Decimal(0)) / len(known)).quantize(Decimal("0.01"))
    return row


def opd_progress(
    *,
    actor,
    year: PerformanceYear,
    opd,
    on: dt.date | None = None,
    statuses: dict[int, IndicatorStatus] | None = None,
) -> list[PlanProgress]:
    """One row per visible plan of the OPD, computed from the realisations (the reference the
    maintained summary in `selectors.progress` is tested against). Fixed number of queries."""
    plans = (
        PerformancePlan.objects.for_actor(actor, VIEW)
        .filter(year=year, unit_path__startswith=opd.path)
        .select_related("employee", "unit")
        .order_by("unit_path", "employee__name")
    )
    if statuses is None:
        statuses = indicator_statuses(year=year, plans=plans, on=on)
    by_plan: dict[int, list[IndicatorStatus]] = defaultdict(list)
    for s in statuses.values():
        by_plan[s.plan_id].append(s)
    return [summarise(plan, by_plan.get(plan.pk, [])) for plan in plans]


def plan_progress(*, actor, plan_pk, on: dt.date | None = None) -> PlanProgress:
    """The progress of one plan with the status of each IKI (the SKP page's figures); 404 outside."""
    plan = PerformancePlan.objects.select_related("year", "employee", "unit").get_for_actor_or_404(
        actor, VIEW, pk=plan_pk
    )
    statuses = indicator_statuses(year=plan.year, plans=PerformancePlan.objects.filter(pk=plan.pk), on=on)
    return summarise(plan, sorted(statuses.values(), key=lambda s: s.indicator_id))


def indicator_progress(*, actor, indicator_pk, on: dt.date | None = None) -> IndicatorStatus | None:
    """The status of one IKI per period (None while its plan was never approved); 404 outside."""
    ind = Indicator.objects.select_related("result__plan__year").get_for_actor_or_404(
        actor, VIEW, pk=indicator_pk
    )
    plan = ind.result.plan
    statuses = indicator_statuses(year=plan.year, plans=PerformancePlan.objects.filter(pk=plan.pk), on=on)
    return statuses.get(ind.pk)


def early_warnings_for_actor(
    *, actor, year: PerformanceYear, opd=None, rated: bool = False, on: dt.date | None = None
) -> list[Flag]:
    """The early-warning page's flags: plans the actor sees, of one OPD or those the actor rates."""
    from pembina.core.scoping import get_scope

    plans = PerformancePlan.objects.for_actor(actor, VIEW).filter(year=year)
    if rated:
        plans = plans.filter(rater_id=get_scope(actor).employee_id or 0)
    elif opd is not None:
        plans = plans.filter(unit_path__startswith=opd.path)
    else:
        plans = plans.none()
    return early_warnings(year=year, on=on or timezone.localdate(), plans=plans)


@dataclass(frozen=True)
class Flag:
    kind: str  # "indicator_behind" | "realisation_missing"
    plan_id: int
    indicator_id: int
    indicator_name: str
    period_id: int | None
    period_label: str


def early_warnings(
    *, year: PerformanceYear, on: dt.date | None = None, plans: QuerySet[PerformancePlan] | None = None
) -> list[Flag]:
    """Indicators behind their linear pace and realisations missing after a period ended (set-based;
    system-level: the job notifies each person about their own plans only)."""
    if plans is None:
        plans = PerformancePlan.objects.filter(year=year)
    flags = []
    for s in indicator_statuses(year=year, plans=plans, on=on).values():
        if s.pace == PaceStatus.BEHIND:
            last = s.periods[s.elapsed - 1] if s.elapsed else None
            flags.append(
                Flag(
                    "indicator_behind",
                    s.plan_id,
                    s.indicator_id,
                    s.name,
                    last.pk if last else None,
                    last.label if last else "",
                )
            )
        for p in s.missing:
            flags.append(Flag("realisation_missing", s.plan_id, s.indicator_id, s.name, p.pk, p.label))
    return flags
