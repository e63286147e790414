"""IKI achievements computed set-based: one SQL aggregate over the realisations of many plans,
the direction-aware progress then taken by the pure rules (`rules.achievement`, which reuses
`performance.rules.progress`). System-level reads: callers check who may see the result."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from pembina.evaluation.rules import achievement as rules
from pembina.org.models import Position
from pembina.performance.models import Indicator, PerformancePlan, Period, PlannedResult, Realisation

Q4 = Decimal("0.0001")
Q2 = Decimal("0.01")


def _dec(value) -> Decimal | None:
    """Database number → Decimal. SQLite sums DECIMAL columns as floats: back to the 4 places the
    column holds, so the same inputs always give the same Decimal."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(value)).quantize(Q4)


@dataclass(frozen=True, slots=True)
class IndicatorFigure:
    """One IKI of one plan: aggregates from SQL, progress and band from the rules."""

    indicator_id: int
    plan_id: int
    unit_path: str
    is_main: bool
    target: Decimal | None
    direction: str
    aggregation: str
    expected: Decimal | None
    realised: Decimal | None
    periods_reported: int
    progress: Decimal | None
    band: str


def _sql(plan_where: str, upto_param: bool) -> str:
    t = {
        "plan": PerformancePlan._meta.db_table,
        "period": Period._meta.db_table,
        "result": PlannedResult._meta.db_table,
        "indicator": Indicator._meta.db_table,
        "real": Realisation._meta.db_table,
    }
    qn = connection.ops.quote_name
    upto = "%s" if upto_param else "9999"
    # plan_n: how many periods each plan spans, and how many of them are up to the evaluated one.
    # agg: sum and count of reported values per IKI up to that period, and the last reported number.
    # The last reported value is fetched only for IKIs that aggregate by "last" (one index lookup).
    return f"""
WITH plan_n AS (
    SELECT pl.id AS plan_id, pl.unit_path AS unit_path, COUNT(pe.id) AS periods,
           SUM(CASE WHEN pe.number <= {upto} THEN 1 ELSE 0 END) AS upto
    FROM {t["plan"]} pl
    JOIN {t["period"]} pe ON pe.year_id = pl.year_id AND pe.start <= pl.end_date AND pe.{qn("end")} >= pl.start_date
    WHERE {plan_where}
    GROUP BY pl.id, pl.unit_path
),
agg AS (
    SELECT re.indicator_id AS indicator_id, SUM(re.value) AS total, COUNT(re.value) AS n,
           MAX(CASE WHEN re.value IS NOT NULL THEN pe.number END) AS last_no
    FROM {t["real"]} re
    JOIN {t["period"]} pe ON pe.id = re.period_id
    JOIN {t["indicator"]} i ON i.id = re.indicator_id
    JOIN {t["result"]} r ON r.id = i.result_id
    JOIN plan_n ON plan_n.plan_id = r.plan_id
    WHERE pe.number <= {upto}
    GROUP BY re.indicator_id
)
SELECT i.id, r.plan_id, r.kind, i.target, i.direction, i.aggregation,
       agg.total, agg.n, lr.value, plan_n.periods, plan_n.upto, plan_n.unit_path
FROM {t["indicator"]} i
JOIN {t["result"]} r ON r.id = i.result_id
JOIN plan_n ON plan_n.plan_id = r.plan_id
LEFT JOIN agg ON agg.indicator_id = i.id
LEFT JOIN {t["plan"]} lpl ON i.aggregation = 'last' AND lpl.id = r.plan_id
LEFT JOIN {t["period"]} lp ON lp.year_id = lpl.year_id AND lp.number = agg.last_no
LEFT JOIN {t["real"]} lr ON lr.indicator_id = i.id AND lr.period_id = lp.id
"""


def indicator_figures(
    *,
    year_id: int,
    upto: int | None = None,
    plan_ids: list[int] | None = None,
    unit_path: str | None = None,
    thresholds: rules.Thresholds = rules.DEFAULT,
    period_start=None,
    period_end=None,
) -> Iterator[IndicatorFigure]:
    """Every IKI of the approved plans of the year (optionally: these plans, or a unit subtree,
    or the plans overlapping one period), measured up to period number `upto` (None = the year).
    One query whatever the number of plans."""
    where = ["pl.year_id = %s", "pl.approved_version > 0"]
    params: list = [year_id]
    if plan_ids is not None:
        if not plan_ids:
            return
        where.append("pl.id IN (" + ", ".join(["%s"] * len(plan_ids)) + ")")
        params.extend(plan_ids)
    if unit_path:
        where.append("pl.unit_path LIKE %s")
        params.append(unit_path + "%")  # materialised paths are digits and "/": nothing to escape
    if period_start is not None and period_end is not None:
        where.append("pl.start_date <= %s AND pl.end_date >= %s")
        params.extend([period_end, period_start])
    sql = _sql(" AND ".join(where), upto is not None)
    all_params = ([upto] if upto is not None else []) + params + ([upto] if upto is not None else [])
    main = "utama"
    with connection.cursor() as cursor:
        cursor.execute(sql, all_params)
        while True:
            chunk = cursor.fetchmany(5000)
            if not chunk:
                break
            for (
                ind_id,
                plan_id,
                kind,
                target,
                direction,
                aggregation,
                total,
                n,
                last,
                periods,
                up,
                path,
            ) in chunk:
                target = _dec(target)
                count = int(n or 0)
                exp, realised, pct = rules.progress_from_aggregates(
                    target=target,
                    direction=direction,
                    aggregation=aggregation,
                    total=_dec(total),
                    count=count,
                    last=_dec(last),
                    upto=int(up or 0),
                    periods=int(periods or 0),
                )
                yield IndicatorFigure(
                    ind_id,
                    plan_id,
                    path,
                    kind == main,
                    target,
                    direction,
                    aggregation,
                    exp,
                    realised,
                    count,
                    pct,
                    rules.band(pct, thresholds),
                )


def head_position_ids(position_ids) -> set[int]:
    return set(Position.objects.filter(pk__in=set(position_ids), is_head=True).values_list("pk", flat=True))
