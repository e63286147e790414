"""The achievement rules written in SQL (`rules.achievement_sql`, what the evaluation run computes
with) give exactly what the pure rules give (`rules.achievement`, `performance.rules.progress`), on
random data (hypothesis): per IKI the direction-aware progress from the period values, per plan the
bands, tallies, mean achievement and suggested rating, a unit's rating and the organisation
predicate's. The expressions run on the test database (SQLite here; PostgreSQL with DATABASE_URL)
over a relation of literal rows, values at the full range of the DECIMAL(16, 4) columns included."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pembina.evaluation.rules import achievement
from pembina.evaluation.rules import achievement_sql as rs
from pembina.evaluation.selectors.run_figures import from_hundredths

pytestmark = pytest.mark.django_db
HYPOTHESIS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
LIMIT = 10**16 - 1  # DECIMAL(16, 4) scaled by 10^4


def _scaled(d: Decimal | None) -> int | None:
    return None if d is None else int(d.scaleb(4))


def _decimal(scaled: int) -> Decimal:
    return Decimal(scaled).scaleb(-4)


# Realistic figures (counts, days, percentages) and the extremes of the column, negatives included.
amounts = st.one_of(
    st.integers(min_value=0, max_value=40).map(lambda n: Decimal(n)),
    st.integers(min_value=-5_000_000, max_value=50_000_000).map(_decimal),
    st.integers(min_value=-LIMIT, max_value=LIMIT).map(_decimal),
)
targets = st.one_of(
    st.none(),
    st.sampled_from([Decimal(0), Decimal(1), Decimal(12), Decimal("0.0001")]),
    st.integers(min_value=0, max_value=LIMIT).map(_decimal),
    st.integers(min_value=-LIMIT, max_value=LIMIT).map(_decimal),
)


@st.composite
def indicators(draw):
    periods = draw(st.integers(min_value=1, max_value=12))
    values = draw(st.lists(st.one_of(st.none(), amounts), min_size=periods, max_size=periods))
    return {
        "target": draw(targets),
        "direction": draw(st.sampled_from(["higher", "lower"])),
        "aggregation": draw(st.sampled_from(["sum", "average", "last"])),
        "values": values,
        "upto": draw(st.integers(min_value=0, max_value=periods)),
        "periods": periods,
    }


def _relation(columns: dict[str, str], rows: list[dict], params: dict) -> str:
    """A portable relation of literal rows: SELECT CAST(%(…)s AS type) AS name … UNION ALL …."""
    selects = []
    for n, row in enumerate(rows):
        cells = []
        for name, sql_type in columns.items():
            key = f"{name}_{n}"
            params[key] = row[name]
            cells.append(f"CAST(%({key})s AS {sql_type}) AS {name}")
        selects.append("SELECT " + ", ".join(cells))
    return " UNION ALL ".join(selects)


def _sql_progress(cases: list[dict]) -> list[int | None]:
    rows = []
    for n, c in enumerate(cases):
        known = [v for v in c["values"][: c["upto"]] if v is not None]
        rows.append(
            {
                "k": n,
                "t": _scaled(c["target"]),
                "dir": c["direction"],
                "agg": c["aggregation"],
                "s": _scaled(sum(known, Decimal(0))) if known else None,
                "n": len(known),
                "l": _scaled(known[-1]) if known else None,
                "up": c["upto"],
                "periods": c["periods"],
            }
        )
    types = {k: "BIGINT" for k in ("k", "t", "s", "n", "l", "up", "periods")} | {
        "dir": "VARCHAR(10)",
        "agg": "VARCHAR(10)",
    }
    params: dict = {}
    num, den = rs.ratio_sql(
        target="v.t",
        aggregation="v.agg",
        total="v.s",
        count="v.n",
        last="v.l",
        upto="v.up",
        periods="v.periods",
    )
    sql = (
        f"SELECT x.k, {rs.progress_sql('x.num', 'x.den', 'x.dir')} FROM ("
        f"SELECT v.k, v.dir, {num} AS num, {den} AS den FROM ({_relation(types, rows, params)}) v) x ORDER BY x.k"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [r[1] for r in cursor.fetchall()]


def _rule_progress(c: dict) -> Decimal | None:
    return achievement.indicator_progress(
        target=c["target"],
        direction=c["direction"],
        aggregation=c["aggregation"],
        values=c["values"],
        upto=c["upto"],
        total=c["periods"],
    )[2]


@HYPOTHESIS
@given(st.lists(indicators(), min_size=1, max_size=25))
@example(  # exact eighths of the target, both directions
    [
        {
            "target": Decimal(8),
            "direction": d,
            "aggregation": "last",
            "values": [Decimal(v)],
            "upto": 1,
            "periods": 1,
        }
        for d in ("higher", "lower")
        for v in (1, 3)
    ]
)
@example(  # thirds; half-hundredth ties: 0.0001 of 2 = 0.005 % → 0.00, 0.0003 of 2 = 0.015 % → 0.02
    [
        {
            "target": Decimal(3),
            "direction": "higher",
            "aggregation": "sum",
            "values": [Decimal(1)],
            "upto": 1,
            "periods": 1,
        },
        {
            "target": Decimal(3),
            "direction": "lower",
            "aggregation": "sum",
            "values": [Decimal(2)],
            "upto": 1,
            "periods": 1,
        },
        {
            "target": Decimal(2),
            "direction": "higher",
            "aggregation": "last",
            "values": [Decimal("0.0001")],
            "upto": 1,
            "periods": 1,
        },
        {
            "target": Decimal(2),
            "direction": "higher",
            "aggregation": "last",
            "values": [Decimal("0.0003")],
            "upto": 1,
            "periods": 1,
        },
    ]
)
def test_progress_in_sql_equals_the_progress_rule(cases):
    got = _sql_progress(cases)
    for c, h in zip(cases, got, strict=True):
        assert from_hundredths(h) == _rule_progress(c), c


def test_progress_in_sql_at_the_limits_of_the_columns():
    """The biggest sums and targets go through the digit-by-digit division without overflow."""
    big = _decimal(LIMIT)
    cases = [
        {"target": big, "direction": d, "aggregation": a, "values": [big] * 12, "upto": u, "periods": 12}
        for d in ("higher", "lower")
        for a in ("sum", "average", "last")
        for u in (0, 1, 7, 12)
    ]
    cases += [
        {
            "target": big,
            "direction": d,
            "aggregation": "sum",
            "values": [_decimal(LIMIT // 3)] * 12,
            "upto": 12,
            "periods": 12,
        }
        for d in ("higher", "lower")
    ]
    cases += [
        {
            "target": _decimal(7),
            "direction": d,
            "aggregation": "sum",
            "values": [-big, big, big],
            "upto": 3,
            "periods": 3,
        }
        for d in ("higher", "lower")
    ]
    got = _sql_progress(cases)
    assert [from_hundredths(h) for h in got] == [_rule_progress(c) for c in cases]


# --- per plan: bands, tallies, mean, suggestion ------------------------------------------------------

progresses = st.one_of(st.none(), st.integers(min_value=0, max_value=20_000))
thresholds = st.builds(
    lambda meets, gap, majority: achievement.Thresholds(
        above_min=meets + gap, meets_min=meets, majority=majority
    ),
    st.integers(min_value=0, max_value=15_000).map(lambda n: Decimal(n).scaleb(-2)),
    st.integers(min_value=1, max_value=10_000).map(lambda n: Decimal(n).scaleb(-2)),
    st.integers(min_value=1, max_value=99),
)


def _rule_summary(iki: list[tuple[int | None, bool]], t: achievement.Thresholds):
    bands = [achievement.band(from_hundredths(p), t) for p, _m in iki]
    counts = achievement.Counts(
        above=bands.count(achievement.BAND_ABOVE),
        meets=bands.count(achievement.BAND_MEETS),
        below=bands.count(achievement.BAND_BELOW),
        main_below=sum(
            1 for b, (_p, main) in zip(bands, iki, strict=True) if main and b == achievement.BAND_BELOW
        ),
    )
    known = [from_hundredths(p) for p, _m in iki if p is not None]
    mean = (sum(known, Decimal(0)) / len(known)).quantize(Decimal("0.01")) if known else None
    return (
        counts.above,
        counts.meets,
        counts.below,
        counts.main_below,
        mean,
        achievement.suggest(counts, t),
        achievement.rating_from_achievement(mean, t),
    )


@HYPOTHESIS
@given(
    st.lists(st.lists(st.tuples(progresses, st.booleans()), min_size=1, max_size=12), min_size=1, max_size=8),
    thresholds,
)
def test_tallies_mean_and_suggestion_in_sql_equal_the_rules(plans, t):
    rows = [
        {"plan": n, "prog": p, "rkind": "utama" if main else "tambahan"}
        for n, iki in enumerate(plans)
        for p, main in iki
    ]
    params: dict = {
        "above": rs.hundredths(t.above_min),
        "meets": rs.hundredths(t.meets_min),
        "majority": t.majority,
    }
    relation = _relation({"plan": "BIGINT", "prog": "BIGINT", "rkind": "VARCHAR(10)"}, rows, params)
    counts = rs.band_counts_sql("g.prog", "g.rkind = 'utama'", "%(above)s", "%(meets)s")
    sql = f"""SELECT x.plan, x.above, x.meets, x.below, x.main_below, x.mean,
       {rs.suggest_sql(above="x.above", meets="x.meets", below="x.below", main_below="x.main_below", majority="%(majority)s")},
       {rs.rating_sql("x.mean", "%(above)s", "%(meets)s")}
FROM (SELECT g.plan, {counts["above"]} AS above, {counts["meets"]} AS meets, {counts["below"]} AS below,
             {counts["main_below"]} AS main_below,
             {rs.mean_sql("CAST(SUM(g.prog) AS BIGINT)", "COUNT(g.prog)")} AS mean
      FROM ({relation}) g GROUP BY g.plan) x
ORDER BY x.plan"""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        got = cursor.fetchall()
    assert len(got) == len(plans)
    for (_plan, above, meets, below, main_below, mean, suggested, rating), iki in zip(
        got, plans, strict=True
    ):
        mine = (int(above), int(meets), int(below), int(main_below), from_hundredths(mean), suggested, rating)
        assert mine == _rule_summary(iki, t), iki


@HYPOTHESIS
@given(st.decimals(min_value=0, max_value=300, places=4))
def test_threshold_in_hundredths_matches_the_band_comparison(threshold):
    """progress (2 places) >= threshold exactly when progress × 100 >= hundredths(threshold)."""
    h = rs.hundredths(threshold)
    for p in (h - 1, h, h + 1):
        if p >= 0:
            assert (from_hundredths(p) >= threshold) == (p >= h)


def test_organisation_predicate_rating_in_sql_equals_the_table():
    params: dict = {}
    rows = [{"k": n, "p": p} for n, p in enumerate([*sorted(achievement.ORG_PREDICATE_RATING), "lain"])]
    relation = _relation({"k": "BIGINT", "p": "VARCHAR(20)"}, rows, params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT v.p, {rs.org_rating_sql('v.p')} FROM ({relation}) v ORDER BY v.k", params)
        got = dict(cursor.fetchall())
    assert got == {**achievement.ORG_PREDICATE_RATING, "lain": None}


def test_codes_are_quoted_only_when_plain_words():
    assert rs.literal("di_atas") == "'di_atas'"
    with pytest.raises(ValueError):
        rs.literal("x'); DROP TABLE t; --")
