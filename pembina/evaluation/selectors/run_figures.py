"""The evaluation run's figures in one SQL statement: per plan the IKI tallies, the mean achievement,
the suggested rating and (for a head) the unit's achievement and rating.

One aggregate over the realisations (per IKI: the scaled sum and count of the values up to the
evaluated period, the last reported value encoded in the same `MAX`, see `selectors.achievements`),
joined to the IKIs and plans; the direction-aware progress, the bands, the tallies and the
suggestion are the rules written as SQL (`rules.achievement_sql`, proven equal to the pure rules);
a head's unit achievement is the mean progress over the unit's subtree, summed per path and
rolled up to every ancestor path in SQL. System-level read: callers check who may run it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from pembina.evaluation.choices import EvaluationStatus
from pembina.evaluation.models import Evaluation, OrganisationPredicate
from pembina.evaluation.rules import achievement as rules
from pembina.evaluation.rules import achievement_sql as rs
from pembina.evaluation.selectors.achievements import LAST_BASE, LAST_OFFSET, _agg_sql, _scaled, _tables
from pembina.org.models import Position

# The columns of the summary relation (one row per plan in scope).
PLAN_COLUMNS = (
    "id",
    "employee_id",
    "rater_id",
    "rater_superior_id",
    "unit_id",
    "opd_id",
    "unit_path",
    "is_head",
)
SUMMARY_COLUMNS = (
    "total",
    "above",
    "meets",
    "below",
    "main_below",
    "achievement_h",
    "suggested",
    "unit_h",
    "head_rating",
)


@dataclass(frozen=True)
class RunScope:
    """Which approved plans of the year: all, a unit subtree, or exact plans; for a periodic run
    the plans overlapping the period, measured up to its number."""

    year_id: int
    period_id: int | None = None
    upto: int | None = None
    period_start: object = None
    period_end: object = None
    unit_path: str | None = None
    plan_ids: tuple[int, ...] | None = None

    @classmethod
    def of(cls, *, year, period=None, unit_path=None, plan_ids=None) -> RunScope:
        return cls(
            year_id=year.pk,
            period_id=period.pk if period is not None else None,
            upto=period.number if period is not None else None,
            period_start=period.start if period is not None else None,
            period_end=period.end if period is not None else None,
            unit_path=unit_path or None,
            plan_ids=tuple(plan_ids) if plan_ids is not None else None,
        )


def _plan_where(scope: RunScope, params: dict) -> str:
    where = ["pl.year_id = %(year)s", "pl.approved_version > 0"]
    if scope.plan_ids is not None:
        names = []
        for n, pk in enumerate(scope.plan_ids):
            params[f"p{n}"] = pk
            names.append(f"%(p{n})s")
        where.append("pl.id IN (" + (", ".join(names) or "NULL") + ")")
    if scope.unit_path:
        params["path"] = scope.unit_path + "%"  # materialised paths are digits and "/": nothing to escape
        where.append("pl.unit_path LIKE %(path)s")
    if scope.period_start is not None and scope.period_end is not None:
        params["pstart"], params["pend"] = scope.period_start, scope.period_end
        where.append("pl.start_date <= %(pend)s AND pl.end_date >= %(pstart)s")
    return " AND ".join(where)


# A no-op LIMIT/OFFSET keeps a subquery from being merged into its outer query: the per-IKI
# progress is then computed once per row and streamed into the per-plan GROUP BY.
_FENCE = {"sqlite": "LIMIT -1", "postgresql": "OFFSET 0"}


def summary_sql(
    scope: RunScope, thresholds: rules.Thresholds, *, heads_only: bool = False
) -> tuple[str, dict]:
    """(SQL, params) of the CTEs ending in `summary` (PLAN_COLUMNS + SUMMARY_COLUMNS per plan):
    `achievement_h`/`unit_h` in hundredths of a percent (NULL = no data); `unit_h` and
    `head_rating` (the OPD's recorded predicate for an OPD's own unit, else the unit achievement's
    band) are what the plan would get as a head — the caller applies `is_head`; with `heads_only`
    they are computed for the plans whose position is a head only (the run: one lookup per head)."""
    t = _tables()
    t["position"] = Position._meta.db_table
    t["orgpred"] = OrganisationPredicate._meta.db_table
    params: dict = {
        "year": scope.year_id,
        "upto": scope.upto if scope.upto is not None else 9999,
        "above": rs.hundredths(thresholds.above_min),
        "meets": rs.hundredths(thresholds.meets_min),
        "majority": thresholds.majority,
    }
    plan_where = _plan_where(scope, params)
    restrict = scope.plan_ids is not None or bool(scope.unit_path)
    end = connection.ops.quote_name("end")
    fence = _FENCE[connection.vendor]
    head_filter = "s.is_head AND s.unit_path <> ''" if heads_only else "s.unit_path <> ''"
    last = f"((a.enc {rs.MOD} {LAST_BASE}) - {LAST_OFFSET})"
    num, den = rs.ratio_sql(
        target=_scaled("i.target"),
        aggregation="i.aggregation",
        total="a.s",
        count="COALESCE(a.n, 0)",
        last=last,
        upto="pp.up",
        periods="pp.periods",
    )
    counts = rs.band_counts_sql("g.prog", "g.rkind = 'utama'", "%(above)s", "%(meets)s")
    if scope.period_id is not None:
        params["period"] = scope.period_id
        org_period = "op.period_id = %(period)s"
    else:
        org_period = "op.period_id IS NULL"
    # One key per distinct SKP span (start/end): a single-column join the planner estimates
    # right; on two columns PostgreSQL expected 2,500 of 100,000 plans and chose a hash join that
    # spilled the city's IKIs to disk in eight batches.
    span_key = "CAST(pl.start_date AS TEXT) || '/' || CAST(pl.end_date AS TEXT)"
    sql = f"""WITH RECURSIVE
plans AS (
  SELECT pl.id, pl.employee_id, pl.rater_id, pl.rater_superior_id, pl.unit_id, pl.opd_id, pl.unit_path,
         COALESCE(po.is_head, FALSE) AS is_head, pl.start_date, pl.end_date, {span_key} AS span
  FROM {t["plan"]} pl LEFT JOIN {t["position"]} po ON po.id = pl.position_id
  WHERE {plan_where}
),
spans AS (
  SELECT d.span, COUNT(pe.id) AS periods,
         SUM(CASE WHEN pe.number <= %(upto)s THEN 1 ELSE 0 END) AS up
  FROM (SELECT DISTINCT span, start_date, end_date FROM plans) d
  JOIN {t["period"]} pe ON pe.year_id = %(year)s AND pe.start <= d.end_date AND pe.{end} >= d.start_date
  GROUP BY d.span
),
agg AS ({_agg_sql(plan_where, restrict=restrict)}),
tally AS (
  SELECT g.plan_id, COUNT(*) AS total, {counts["above"]} AS above, {counts["meets"]} AS meets,
         {counts["below"]} AS below, {counts["main_below"]} AS main_below,
         CAST(SUM(g.prog) AS BIGINT) AS psum, COUNT(g.prog) AS known
  FROM (
    SELECT x.plan_id, x.rkind, {rs.progress_sql("x.num", "x.den", "x.dir")} AS prog
    FROM (
      SELECT p.id AS plan_id, r.kind AS rkind, i.direction AS dir, {num} AS num, {den} AS den
      FROM plans p
      JOIN spans pp ON pp.span = p.span
      JOIN {t["result"]} r ON r.plan_id = p.id
      JOIN {t["indicator"]} i ON i.result_id = r.id
      LEFT JOIN agg a ON a.indicator_id = i.id
      {fence}
    ) x
    {fence}
  ) g
  GROUP BY g.plan_id
),
summed AS (
  SELECT p.id, p.employee_id, p.rater_id, p.rater_superior_id, p.unit_id, p.opd_id, p.unit_path, p.is_head,
         COALESCE(tl.total, 0) AS total, COALESCE(tl.above, 0) AS above,
         COALESCE(tl.meets, 0) AS meets, COALESCE(tl.below, 0) AS below,
         COALESCE(tl.main_below, 0) AS main_below, tl.psum, tl.known
  FROM plans p LEFT JOIN tally tl ON tl.plan_id = p.id
),
paths AS (
  SELECT s.unit_path AS path, CAST(SUM(s.psum) AS BIGINT) AS psum, CAST(SUM(s.known) AS BIGINT) AS known
  FROM summed s
  WHERE s.unit_path <> '' AND s.total > 0
  GROUP BY s.unit_path
),
n (k) AS (
  SELECT 1 UNION ALL SELECT n.k + 1 FROM n WHERE n.k < (SELECT MAX(LENGTH(path)) FROM paths)
),
subtree AS MATERIALIZED (
  SELECT SUBSTR(x.path, 1, n.k) AS path, CAST(SUM(x.psum) AS BIGINT) AS psum,
         CAST(SUM(x.known) AS BIGINT) AS known
  FROM paths x JOIN n ON n.k <= LENGTH(x.path) AND SUBSTR(x.path, n.k, 1) = '/'
  GROUP BY SUBSTR(x.path, 1, n.k)
),
heads AS (
  SELECT s.*, CASE WHEN {head_filter} THEN (
           SELECT {rs.mean_sql("st.psum", "st.known")} FROM subtree st WHERE st.path = s.unit_path
         ) END AS unit_h
  FROM summed s
),
summary AS (
  SELECT s.id, s.employee_id, s.rater_id, s.rater_superior_id, s.unit_id, s.opd_id, s.unit_path, s.is_head,
         s.total, s.above, s.meets, s.below, s.main_below,
         {rs.mean_sql("s.psum", "s.known")} AS achievement_h,
         {rs.suggest_sql(above="s.above", meets="s.meets", below="s.below", main_below="s.main_below", majority="%(majority)s")} AS suggested,
         s.unit_h,
         CASE WHEN op.predicate IS NOT NULL THEN {rs.org_rating_sql("op.predicate")}
              ELSE {rs.rating_sql("s.unit_h", "%(above)s", "%(meets)s")} END AS head_rating
  FROM heads s
  LEFT JOIN {t["orgpred"]} op ON op.year_id = %(year)s AND op.opd_id = s.opd_id AND s.unit_id = s.opd_id
       AND {org_period}
)"""
    return sql, params


def _same(a: str, b: str) -> str:
    """NULL-safe equality."""
    if connection.vendor == "postgresql":
        return f"{a} IS NOT DISTINCT FROM {b}"
    return f"{a} IS {b}"


def _hundredths_of(column: str) -> str:
    return f"CAST(ROUND({column} * 100) AS BIGINT)"


# Run states of a plan against its existing evaluation.
NEW, SAME, CHANGED, FINAL = "new", "same", "changed", "final"


def resolved_sql(scope: RunScope, thresholds: rules.Thresholds) -> tuple[str, dict]:
    """(SQL, params) of the CTEs ending in `resolved`: the summary with the head's fields applied
    (`unit_h_set`, `unit_rating`: set for plans whose position heads a unit, else NULL / "")."""
    sql, params = summary_sql(scope, thresholds, heads_only=True)
    head = "s.is_head AND s.unit_path <> ''"
    sql += f""",
resolved AS (
  SELECT s.*, CASE WHEN {head} THEN s.unit_h END AS unit_h_set,
         CASE WHEN {head} THEN s.head_rating ELSE '' END AS unit_rating
  FROM summary s
)"""
    return sql, params


def run_sql(scope: RunScope, thresholds: rules.Thresholds, *, kind: str) -> tuple[str, dict]:
    """(SQL, params): per plan in scope the `resolved` summary, the existing evaluation (`ev_id`,
    `old_unit_rating`) and its `state`: new (none yet), final (published/locked: left alone),
    same (nothing to write), changed."""
    sql, params = resolved_sql(scope, thresholds)
    ev = Evaluation._meta.db_table
    params["kind"] = kind
    period = "ev.period_id = %(period)s" if scope.period_id is not None else "ev.period_id IS NULL"
    final = ", ".join(rs.literal(s) for s in (EvaluationStatus.PUBLISHED, EvaluationStatus.LOCKED))
    equal = " AND ".join(
        [
            _same(_hundredths_of("ev.achievement"), "r.achievement_h"),
            "ev.indicators_total = r.total",
            "ev.indicators_above = r.above",
            "ev.indicators_meets = r.meets",
            "ev.indicators_below = r.below",
            "ev.main_below = r.main_below",
            "ev.suggested_rating = r.suggested",
            _same(_hundredths_of("ev.unit_achievement"), "r.unit_h_set"),
            "ev.unit_rating = r.unit_rating",
        ]
    )
    sql += f"""
SELECT r.*, ev.id AS ev_id, ev.unit_rating AS old_unit_rating,
       CASE WHEN ev.id IS NULL THEN '{NEW}'
            WHEN ev.status IN ({final}) THEN '{FINAL}'
            WHEN {equal} THEN '{SAME}'
            ELSE '{CHANGED}' END AS state
FROM resolved r
LEFT JOIN {ev} ev ON ev.plan_id = r.id AND ev.year_id = %(year)s AND ev.kind = %(kind)s AND {period}"""
    return sql, params


def existing_sql(scope: RunScope, *, kind: str) -> tuple[str, dict]:
    """(SQL, params): one row when any plan in scope already has its evaluation of this kind and
    period (the run then compares; else it inserts straight from the figures)."""
    params: dict = {"year": scope.year_id, "kind": kind}
    plan_where = _plan_where(scope, params)
    if scope.period_id is not None:
        params["period"] = scope.period_id
        period = "ev.period_id = %(period)s"
    else:
        period = "ev.period_id IS NULL"
    t = _tables()
    sql = f"""SELECT 1 FROM {Evaluation._meta.db_table} ev JOIN {t["plan"]} pl ON pl.id = ev.plan_id
WHERE ev.year_id = %(year)s AND ev.kind = %(kind)s AND {period} AND {plan_where}
LIMIT 1"""
    return sql, params


def from_hundredths(value) -> Decimal | None:
    return None if value is None else Decimal(int(value)).scaleb(-2)
