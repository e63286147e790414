"""IKI achievements computed set-based: one SQL aggregate over the realisations of many plans,
the direction-aware progress then taken by the pure rules (`rules.achievement`, which reuses
`performance.rules.progress`). System-level reads: callers check who may see the result."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from pembina.evaluation.rules import achievement as rules
from pembina.performance.models import Indicator, PerformancePlan, Period, PlannedResult, Realisation

Q4 = Decimal("0.0001")
Q2 = Decimal("0.01")


def _dec(scaled) -> Decimal | None:
    """A number the SQL returned scaled by 10^4 as an integer (the 4 places the DECIMAL columns
    hold) → Decimal. Exact on every backend: SQLite would otherwise sum DECIMAL columns as floats."""
    return None if scaled is None else Decimal(int(scaled)).scaleb(-4)


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


def _scaled(expr: str) -> str:
    """A DECIMAL(16, 4) expression (a column, or a SUM of one) × 10^4 as an integer. PostgreSQL's
    NUMERIC is exact, so the product is already whole and the cast alone is exact (a ROUND per
    realisation row is measurable in the run); SQLite holds such columns as floats and needs it."""
    if connection.vendor == "postgresql":
        return f"CAST(({expr}) * 10000 AS BIGINT)"
    return f"CAST(ROUND(({expr}) * 10000) AS BIGINT)"


# The last reported value rides along in the same aggregate: MAX over
# period number × 10^17 + (value × 10^4 + 10^16). A DECIMAL(16, 4) value scaled by 10^4 lies
# within ±10^16, so the second term stays in (0, 2 × 10^16) and the largest period number wins;
# 64-bit integers hold it for period numbers up to 91 (a year has at most 12).
LAST_BASE = 10**17
LAST_OFFSET = 10**16


def _decode_last(encoded) -> tuple[int | None, int | None]:
    """(period number, value × 10^4) of the last reported period, from the encoded maximum."""
    if encoded is None:
        return None, None
    number, rest = divmod(int(encoded), LAST_BASE)
    return number, rest - LAST_OFFSET


def _tables() -> dict[str, str]:
    return {
        "plan": PerformancePlan._meta.db_table,
        "period": Period._meta.db_table,
        "result": PlannedResult._meta.db_table,
        "indicator": Indicator._meta.db_table,
        "real": Realisation._meta.db_table,
    }


def _agg_sql(plan_where: str, *, restrict: bool) -> str:
    """Per IKI: sum and count of the values reported up to the evaluated period, and the encoded
    last one. For a whole year it reads the year's realisations in one pass (a plain GROUP BY);
    for an OPD or a few plans it first narrows them to those plans' IKIs."""
    t = _tables()
    narrow = ""
    if restrict:
        narrow = f"""AND re.indicator_id IN (
            SELECT i2.id FROM {t["indicator"]} i2
            JOIN {t["result"]} r2 ON r2.id = i2.result_id
            JOIN {t["plan"]} pl ON pl.id = r2.plan_id
            WHERE {plan_where})"""
    # NULL when the value is: MAX skips unreported periods without a CASE per row.
    last = f"pe.number * {LAST_BASE} + {_scaled('re.value')} + {LAST_OFFSET}"
    return f"""
SELECT re.indicator_id, {_scaled("SUM(re.value)")} AS s, COUNT(re.value) AS n,
       MAX({last}) AS enc
FROM {t["real"]} re
JOIN {t["period"]} pe ON pe.id = re.period_id
WHERE pe.year_id = %(year)s AND pe.number <= %(upto)s {narrow}
GROUP BY re.indicator_id"""


def _indicator_sql(plan_where: str) -> str:
    t = _tables()
    return f"""
SELECT i.id, r.plan_id, r.kind, {_scaled("i.target")}, i.direction, i.aggregation
FROM {t["indicator"]} i
JOIN {t["result"]} r ON r.id = i.result_id
JOIN {t["plan"]} pl ON pl.id = r.plan_id
WHERE {plan_where}"""


def _plan_sql(plan_where: str) -> str:
    """How many periods each plan spans, and how many of them are up to the evaluated one."""
    t = _tables()
    end = connection.ops.quote_name("end")
    return f"""
SELECT pl.id, pl.unit_path, COUNT(pe.id), SUM(CASE WHEN pe.number <= %(upto)s THEN 1 ELSE 0 END)
FROM {t["plan"]} pl
JOIN {t["period"]} pe ON pe.year_id = pl.year_id AND pe.start <= pl.end_date AND pe.{end} >= pl.start_date
WHERE {plan_where}
GROUP BY pl.id, pl.unit_path"""


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
    Three queries whatever the number of plans: the plans' period counts, their IKIs, and one
    aggregate over the realisations; joined here by id."""
    params: dict = {"year": year_id, "upto": upto if upto is not None else 9999}
    where = ["pl.year_id = %(year)s", "pl.approved_version > 0"]
    if plan_ids is not None:
        if not plan_ids:
            return
        names = []
        for n, pk in enumerate(plan_ids):
            params[f"p{n}"] = pk
            names.append(f"%(p{n})s")
        where.append("pl.id IN (" + ", ".join(names) + ")")
    if unit_path:
        params["path"] = unit_path + "%"  # materialised paths are digits and "/": nothing to escape
        where.append("pl.unit_path LIKE %(path)s")
    if period_start is not None and period_end is not None:
        params["pstart"], params["pend"] = period_start, period_end
        where.append("pl.start_date <= %(pend)s AND pl.end_date >= %(pstart)s")
    plan_where = " AND ".join(where)
    with connection.cursor() as cursor:
        cursor.execute(_plan_sql(plan_where), params)
        plan_periods = {pk: (path, int(total), int(up or 0)) for pk, path, total, up in cursor.fetchall()}
        if not plan_periods:
            return
        cursor.execute(_agg_sql(plan_where, restrict=plan_ids is not None or bool(unit_path)), params)
        agg = {row[0]: row for row in cursor.fetchall()}
        cursor.execute(_indicator_sql(plan_where), params)
        indicators = cursor.fetchall()
    progress_from = rules.progress_from_aggregates
    band = rules.band
    no_agg = (None, None, 0, None)
    # The rules are pure: IKIs with the same target, shape and reported figures (common: the same
    # template, whole-number counts) share one computation within this call.
    memo: dict[tuple, tuple] = {}
    for (
        ind_id,
        plan_id,
        kind,
        target_s,
        direction,
        aggregation,
    ) in indicators:
        facts = plan_periods.get(plan_id)
        if facts is None:  # a plan without any period of the year: nothing to measure
            continue
        path, periods, up = facts
        _id, total_s, n, encoded = agg.get(ind_id, no_agg)
        last_s = _decode_last(encoded)[1] if aggregation == "last" else None
        key = (target_s, direction, aggregation, total_s, n, last_s, up, periods)
        hit = memo.get(key)
        if hit is None:
            target = _dec(target_s)
            exp, realised, pct = progress_from(
                target=target,
                direction=direction,
                aggregation=aggregation,
                total=_dec(total_s),
                count=n,
                last=_dec(last_s),
                upto=up,
                periods=periods,
            )
            hit = memo[key] = (target, exp, realised, pct, band(pct, thresholds))
        target, exp, realised, pct, b = hit
        yield IndicatorFigure(
            ind_id, plan_id, path, kind == "utama", target, direction, aggregation, exp, realised, n, pct, b
        )


def achievement_values(indicator, figure: IndicatorFigure | None) -> dict:
    """The fields of one IKI's achievement row (the frozen `IndicatorAchievement`, the live
    `AchievementRow`): the IKI as planned and its figure (None = nothing reported yet).
    `indicator` needs its `result` loaded."""
    f = figure
    return {
        "result_statement": indicator.result.statement,
        "is_main": indicator.result.kind == "utama",
        "name": indicator.name[:300],
        "target": indicator.target,
        "target_text": indicator.target_text,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "aggregation": indicator.aggregation,
        "expected": f.expected if f else None,
        "realised": f.realised if f else None,
        "periods_reported": f.periods_reported if f else 0,
        "progress": f.progress if f else None,
        "band": f.band if f else "no_data",
    }
