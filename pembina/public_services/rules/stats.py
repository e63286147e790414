"""Statistics helpers: percentiles over integer day counts (also from histograms) and the k-rule.

Percentiles use linear interpolation between order statistics (the "inclusive" method: numpy's
default, Excel's PERCENTILE.INC, `statistics.quantiles(method="inclusive")`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

K_MIN = 5  # no public figure rests on fewer cases than this


def suppress[T](value: T, cases: int, k: int = K_MIN) -> T | None:
    """The value if it rests on at least `k` cases, else None."""
    return value if cases >= k else None


def percent(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def percentile_sorted(values: Sequence[float], p: float) -> float | None:
    """Percentile p (0..100) of an ascending sequence; None when empty."""
    n = len(values)
    if n == 0:
        return None
    rank = (n - 1) * p / 100
    lo = math.floor(rank)
    hi = min(lo + 1, n - 1)
    frac = rank - lo
    return values[lo] + (values[hi] - values[lo]) * frac


def _order_stat(hist: Sequence[tuple[int, int]], index: int) -> int:
    """The index-th (0-based) value of the expanded sorted histogram."""
    seen = 0
    for value, count in hist:
        seen += count
        if index < seen:
            return value
    raise IndexError(index)


def percentile_histogram(hist: Mapping[int, int] | Iterable[tuple[int, int]], p: float) -> float | None:
    """The same percentile as `percentile_sorted`, from value -> count without expanding it."""
    items = sorted(
        (int(v), int(c)) for v, c in (hist.items() if isinstance(hist, Mapping) else hist) if int(c) > 0
    )
    n = sum(c for _, c in items)
    if n == 0:
        return None
    rank = (n - 1) * p / 100
    lo = math.floor(rank)
    hi = min(lo + 1, n - 1)
    a, b = _order_stat(items, lo), _order_stat(items, hi)
    return a + (b - a) * (rank - lo)


def merge_histograms(hists: Iterable[Mapping]) -> dict[int, int]:
    """Sum histograms whose keys may be ints or strings (JSON keys)."""
    merged: dict[int, int] = {}
    for h in hists:
        for k, v in (h or {}).items():
            merged[int(k)] = merged.get(int(k), 0) + int(v)
    return merged


def to_decimal(value: float | None, places: str = "0.1") -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)
