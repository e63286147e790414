"""Statistics helpers: percentiles over integer day counts (also from histograms), the k-rule, and the
completion-time distribution binned so that every bin obeys it.

Percentiles use linear interpolation between order statistics (the "inclusive" method: numpy's
default, Excel's PERCENTILE.INC, `statistics.quantiles(method="inclusive")`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
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


# --- completion-time distribution under the k-rule -----------------------------------------------------

# Lower bounds of the working-day bins a portal shows: same day, 1, 2, 3, 4–5, 6–10, 11–20, 21 and more.
DAY_BIN_STARTS = (0, 1, 2, 3, 4, 6, 11, 21)


@dataclass(frozen=True)
class DayBin:
    lo: int  # working days, inclusive
    hi: int | None  # inclusive; None = and more
    count: int


def day_distribution(
    hist: Mapping[int, int], *, starts: Sequence[int] = DAY_BIN_STARTS, k: int = K_MIN
) -> tuple[DayBin, ...] | None:
    """Completed requests per range of working days, every range resting on at least `k` of them.

    Ranges with fewer than `k` (also empty ones) are merged into their smaller neighbour until none
    is left, so no cell needs suppressing and none can be recovered by subtracting the shown ones
    from the total: every count shown is at least `k` and together they are the total. None when the
    total itself is below `k`."""
    counts = [0] * len(starts)
    for value, count in hist.items():
        value, count = int(value), int(count)
        if count <= 0:
            continue
        index = max(i for i, lo in enumerate(starts) if lo <= max(value, 0))
        counts[index] += count
    if sum(counts) < k:
        return None
    bins = [
        [lo, (starts[i + 1] - 1) if i + 1 < len(starts) else None, counts[i]] for i, lo in enumerate(starts)
    ]
    while len(bins) > 1:
        small = [i for i, b in enumerate(bins) if b[2] < k]
        if not small:
            break
        i = min(small, key=lambda j: (bins[j][2], j))
        if i == 0:
            j = 1
        elif i == len(bins) - 1:
            j = i - 1
        else:
            # a tie goes to the longer side: "same day" stays exact, an empty range widens the next
            j = i - 1 if bins[i - 1][2] < bins[i + 1][2] else i + 1
        a, b = sorted((i, j))
        bins[a] = [bins[a][0], bins[b][1], bins[a][2] + bins[b][2]]
        del bins[b]
    return tuple(DayBin(lo, hi, count) for lo, hi, count in bins)
