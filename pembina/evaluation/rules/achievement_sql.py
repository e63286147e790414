"""The achievement rules as SQL expressions, for the set-based evaluation run.

Each function takes column names (or SQL expressions) and returns SQL text implementing one rule of
`rules.achievement` / `performance.rules.progress` exactly, in integers, on SQLite and PostgreSQL:

- values are scaled by 10^4 (the 4 places of the DECIMAL columns): target `T`, the sum of the
  reported values `S`, the last reported value `L`, their count `n`;
- progress is in hundredths of a percent (12345 = 123.45 %), rounded half to even as
  `Decimal.quantize` does, and clamped to [0, 200 %] like `progress_percent`;
- the text is for a parameterised query (Django and the drivers take a dict of parameters), so
  the modulo operator is written `%%`;
- realised ÷ expected is kept as a fraction num ÷ den of integers (never a float): for a sum
  S·periods ÷ T·upto, for an average S ÷ T·n, for the last value L ÷ T; the quotient is taken by
  integer long division, so no intermediate leaves 64 bits (|T| < 10^16, |S| < 12·10^16, at most
  12 periods).

`tests/test_rules_sql.py` proves, on random data (hypothesis), that every expression gives what the
pure rules give; the run (`selectors.run_figures`) only assembles them."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from pembina.evaluation.rules import achievement as rules
from pembina.evaluation.rules.predicate import ABOVE, BELOW, MEETS

HUNDRED_PCT = 10_000  # 100 % in hundredths
CAP = 20_000  # performance.rules.progress.DEFAULT_CAP (200 %) in hundredths
# Below this denominator 10^4 × numerator (numerator < 2 × denominator) fits in a signed 64-bit
# integer and one division does; above it the quotient is taken digit by digit.
FAST_DEN = 400_000_000_000_000

MOD = "%%"  # the modulo operator in a parameterised query
_WORD = re.compile(r"^[a-z_]+$")


def literal(value: str) -> str:
    """A code (rating, direction, aggregation) as an SQL string literal; codes are plain words."""
    if not _WORD.match(value):
        raise ValueError(value)
    return f"'{value}'"


def hundredths(threshold: Decimal) -> int:
    """The smallest progress in hundredths that reaches `threshold` % (progress has 2 places, so
    progress >= threshold exactly when progress × 100 >= ceil(threshold × 100))."""
    return math.ceil(Decimal(threshold) * 100)


def ratio_sql(*, target: str, aggregation: str, total: str, count: str, last: str, upto: str, periods: str):
    """(num, den): realised ÷ expected as a fraction of integers, the sign of den that of expected.
    num is NULL when nothing was reported (realised None), den when there is no target; an unknown
    aggregation gives NULL (the rules raise)."""
    num = (
        f"CASE WHEN {count} > 0 THEN CASE {aggregation} WHEN 'sum' THEN {total} * {periods} "
        f"WHEN 'average' THEN {total} WHEN 'last' THEN {last} END END"
    )
    den = (
        f"CASE {aggregation} WHEN 'sum' THEN {target} * {upto} WHEN 'average' THEN {target} * {count} "
        f"WHEN 'last' THEN {target} END"
    )
    return num, den


def _quotient_remainder(num: str, den: str) -> tuple[str, str]:
    """floor(10^4 × num ÷ den) and its remainder, for 0 < num < 2 × den."""
    fast_q, fast_r = f"({num} * 10000) / {den}", f"({num} * 10000) {MOD} {den}"
    # long division, one decimal digit at a time: r_k = 10 r_(k-1) mod den
    rems = [f"({num} {MOD} {den})"]
    for _ in range(4):
        rems.append(f"(({rems[-1]} * 10) {MOD} {den})")
    digits = [f"({num} / {den}) * 10000"]
    for k in range(4):
        digits.append(f"(({rems[k]} * 10) / {den}) * {10 ** (3 - k)}")
    slow_q, slow_r = " + ".join(digits), rems[4]
    q = f"(CASE WHEN {den} < {FAST_DEN} THEN {fast_q} ELSE {slow_q} END)"
    r = f"(CASE WHEN {den} < {FAST_DEN} THEN {fast_r} ELSE {slow_r} END)"
    return q, r


def round_half_even_sql(q: str, r: str, den: str) -> str:
    """q + 1 when the remainder r of a division by den is more than half, or exactly half with q odd."""
    return f"({q} + CASE WHEN 2 * {r} > {den} OR (2 * {r} = {den} AND {q} {MOD} 2 = 1) THEN 1 ELSE 0 END)"


def scaled_quotient_sql(num: str, den: str) -> str:
    """round-half-even(10^4 × num ÷ den) for integers 0 < num < 2 × den."""
    q, r = _quotient_remainder(num, den)
    return round_half_even_sql(q, r, den)


def progress_sql(num: str, den: str, direction: str) -> str:
    """`progress_percent` in hundredths from (num, den) of `ratio_sql` (NULL = no progress).

    higher: ratio × 100, lower: (2 − ratio) × 100, both clamped to [0, 200]; an expected value
    of zero or less is met (100) by any value on the right side of it, else 0."""
    q = scaled_quotient_sql(num, den)
    higher, lower = literal("higher"), literal("lower")
    return f"""(CASE
 WHEN {num} IS NULL OR {den} IS NULL THEN NULL
 WHEN {den} <= 0 THEN CASE {direction}
   WHEN {higher} THEN CASE WHEN {num} >= {den} THEN {HUNDRED_PCT} ELSE 0 END
   WHEN {lower} THEN CASE WHEN {num} <= {den} THEN {HUNDRED_PCT} ELSE 0 END END
 WHEN {num} <= 0 THEN CASE {direction} WHEN {higher} THEN 0 WHEN {lower} THEN {CAP} END
 WHEN {num} >= 2 * {den} THEN CASE {direction} WHEN {higher} THEN {CAP} WHEN {lower} THEN 0 END
 ELSE CASE {direction} WHEN {higher} THEN {q} WHEN {lower} THEN {CAP} - {q} END
END)"""


def band_counts_sql(progress: str, is_main: str, above: str, meets: str) -> dict[str, str]:
    """Aggregate expressions over IKI rows: how many are above / meet / are below (`rules.band`;
    `above`, `meets` = the thresholds in hundredths, see `hundredths`), main IKIs below."""
    return {
        "above": f"SUM(CASE WHEN {progress} >= {above} THEN 1 ELSE 0 END)",
        "meets": f"SUM(CASE WHEN {progress} >= {meets} AND {progress} < {above} THEN 1 ELSE 0 END)",
        "below": f"SUM(CASE WHEN {progress} < {meets} THEN 1 ELSE 0 END)",
        "main_below": f"SUM(CASE WHEN {progress} < {meets} AND {is_main} THEN 1 ELSE 0 END)",
    }


def mean_sql(total: str, count: str) -> str:
    """Mean in hundredths, rounded half to even (`Tally.mean`: (Σ progress ÷ n).quantize(0.01)),
    of non-negative hundredths summed in `total` over `count` rows; NULL when count is 0 or NULL."""
    q, r = f"({total} / {count})", f"({total} {MOD} {count})"
    return f"(CASE WHEN {count} > 0 THEN {round_half_even_sql(q, r, count)} END)"


def suggest_sql(*, above: str, meets: str, below: str, main_below: str, majority: str) -> str:
    """`rules.suggest`: "" without data; di bawah when most IKIs are below; di atas when most are
    above and no main IKI is below; sesuai otherwise (most = more than `majority` %)."""
    known = f"({above} + {meets} + {below})"
    return (
        f"(CASE WHEN {known} = 0 THEN '' "
        f"WHEN {below} * 100 > {majority} * {known} THEN {literal(BELOW)} "
        f"WHEN {above} * 100 > {majority} * {known} AND {main_below} = 0 THEN {literal(ABOVE)} "
        f"ELSE {literal(MEETS)} END)"
    )


def rating_sql(achievement: str, above: str, meets: str) -> str:
    """`rules.rating_from_achievement` of hundredths (NULL → "")."""
    return (
        f"(CASE WHEN {achievement} IS NULL THEN '' WHEN {achievement} >= {above} THEN {literal(ABOVE)} "
        f"WHEN {achievement} >= {meets} THEN {literal(MEETS)} ELSE {literal(BELOW)} END)"
    )


def org_rating_sql(predicate: str) -> str:
    """`rules.ORG_PREDICATE_RATING` (the OPD's predicate → its head's rating); NULL when unknown."""
    whens = " ".join(
        f"WHEN {literal(p)} THEN {literal(r)}" for p, r in sorted(rules.ORG_PREDICATE_RATING.items())
    )
    return f"(CASE {predicate} {whens} END)"
