"""Keep the progress summary (`IndicatorProgress`) in step with its inputs, set-based.

Called in the same transaction by every service that changes a realisation, an IKI of an approved
plan, a plan's approval or dates, or the year's grace days/tolerance/periods; the demo, imports and
benchmarks that write in bulk call it once at the end. Recomputing is idempotent: the rows of the
given scope are deleted and written again from the audited data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q, Sum

from pembina.performance.models import (
    Indicator,
    IndicatorProgress,
    PerformancePlan,
    PerformanceYear,
    Period,
    ProgressRollup,
    Realisation,
)
from pembina.performance.rules import progress as progress_rules

ONE_DAY = dt.timedelta(days=1)


@transaction.atomic
def progress_refresh(*, year=None, plans=None, indicators=None) -> int:
    """Recompute the summary rows of a year, of some plans, or of some IKI (ids or objects); returns
    the number of rows written. IKI of plans never approved get no rows."""
    if year is None and plans is None and indicators is None:
        raise ValueError("progress_refresh needs a year, plans or indicators")
    ids = lambda items: [getattr(x, "pk", x) for x in items]  # noqa: E731
    stale = IndicatorProgress.objects.all()
    source = Indicator.objects.filter(result__plan__approved_version__gt=0)
    if year is not None:
        stale = stale.filter(year_id=getattr(year, "pk", year))
        source = source.filter(result__plan__year_id=getattr(year, "pk", year))
    touched: set[tuple[int, str]] = set()
    if plans is not None:
        stale = stale.filter(plan_id__in=ids(plans))
        source = source.filter(result__plan_id__in=ids(plans))
        # rows of a just-deleted IKI are gone already; their unit still needs its rollup redone
        touched |= set(
            PerformancePlan.objects.filter(pk__in=ids(plans)).values_list("year_id", "unit_path").order_by()
        )
    if indicators is not None:
        stale = stale.filter(indicator_id__in=ids(indicators))
        source = source.filter(pk__in=ids(indicators))
    touched |= set(stale.values_list("year_id", "unit_path").distinct().order_by())
    stale.delete()  # derived rows: no signals, no cascades, so one plain DELETE
    rows = list(
        source.values_list(
            "pk",
            "target",
            "direction",
            "aggregation",
            "result__plan_id",
            "result__plan__year_id",
            "result__plan__start_date",
            "result__plan__end_date",
            "result__plan__unit_path",
        ).order_by()
    )
    touched |= {(r[5], r[8]) for r in rows}
    if not rows:
        rollup_refresh(touched)
        return 0
    year_ids = {r[5] for r in rows}
    years = {
        y.pk: y
        for y in PerformanceYear.objects.filter(pk__in=year_ids).only(
            "realisation_grace_days", "pace_tolerance"
        )
    }
    periods: dict[int, list[Period]] = defaultdict(list)
    for p in Period.objects.filter(year_id__in=year_ids).order_by("number"):
        periods[p.year_id].append(p)
    reals: dict[int, dict[int, tuple]] = defaultdict(dict)
    for ind_id, period_id, value, narrative in Realisation.objects.filter(
        indicator_id__in=[r[0] for r in rows]
    ).values_list("indicator_id", "period_id", "value", "narrative"):
        reals[ind_id][period_id] = (value, narrative)
    out = []
    for ind_id, target, direction, method, plan_id, year_id, start, end, unit_path in rows:
        year_obj = years[year_id]
        grace = dt.timedelta(days=year_obj.realisation_grace_days)
        own = [p for p in periods[year_id] if p.start <= end and p.end >= start]
        entered = reals.get(ind_id, {})
        values = [entered[p.pk][0] if p.pk in entered else None for p in own]
        steps = progress_rules.series(
            target=target,
            direction=direction,
            method=method,
            values=values,
            tolerance=Decimal(year_obj.pace_tolerance) / 100,
        )
        base = {"indicator_id": ind_id, "plan_id": plan_id, "year_id": year_id, "unit_path": unit_path}
        pct, pace, _expected = steps[0]
        out.append(
            IndicatorProgress(
                **base,
                number=0,
                valid_until=own[0].end + ONE_DAY if own else None,
                progress=pct,
                pace=pace,
            )
        )
        for k, p in enumerate(own, start=1):
            pct, pace, expected = steps[k]
            value, narrative = entered.get(p.pk, (None, ""))
            reported = value is not None or bool(narrative)
            out.append(
                IndicatorProgress(
                    **base,
                    number=k,
                    period_id=p.pk,
                    start=p.start,
                    valid_from=p.end + ONE_DAY,
                    valid_until=own[k].end + ONE_DAY if k < len(own) else None,
                    overdue_from=None if reported else p.end + grace + ONE_DAY,
                    filled=value is not None,
                    progress=pct,
                    expected=expected,
                    pace=pace,
                )
            )
    IndicatorProgress.objects.bulk_create(out, batch_size=1000)
    rollup_refresh(touched)
    return len(out)


ROLLUP_KEY = (
    "year_id",
    "unit_path",
    "period_id",
    "start",
    "valid_from",
    "valid_until",
    "overdue_from",
    "pace",
)


def rollup_refresh(units) -> None:
    """Rebuild the `ProgressRollup` rows of the given (year id, unit path) pairs from their
    `IndicatorProgress` rows (one grouped query per year)."""
    by_year: dict[int, set[str]] = defaultdict(set)
    for year_id, path in units:
        by_year[year_id].add(path)
    for year_id, paths in by_year.items():
        ProgressRollup.objects.filter(year_id=year_id, unit_path__in=paths).delete()
        groups = (
            IndicatorProgress.objects.filter(year_id=year_id, unit_path__in=paths)
            .values(*ROLLUP_KEY)
            .annotate(
                n=Count("pk"),
                n_filled=Count("pk", filter=Q(filled=True)),
                p_sum=Sum("progress"),
                p_n=Count("progress"),
                e_sum=Sum("expected"),
                e_n=Count("expected"),
            )
            .order_by()
        )
        ProgressRollup.objects.bulk_create(
            [
                ProgressRollup(
                    **{k: g[k] for k in ROLLUP_KEY},
                    rows=g["n"],
                    filled=g["n_filled"],
                    progress_sum=g["p_sum"],
                    progress_n=g["p_n"],
                    expected_sum=g["e_sum"],
                    expected_n=g["e_n"],
                )
                for g in groups
            ],
            batch_size=1000,
        )


def refresh_if_measured(plan) -> None:
    """After a change to a plan's IKI: only plans approved at least once are measured."""
    if plan.approved_version > 0:
        progress_refresh(plans=[plan.pk])
