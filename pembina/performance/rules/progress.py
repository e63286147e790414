"""Progress of a realised value against its target, respecting direction; and the expected pace.

Higher-is-better: progress = realised / target × 100.
Lower-is-better (e.g. days to finish a request): progress = (2 − realised / target) × 100, the
usual e-Kinerja formula for "semakin kecil semakin baik": 100 on target, 200 at zero, 0 at twice
the target. Both are clamped to [0, cap]. A zero target is met by any value on the right side of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

HUNDRED = Decimal(100)
DEFAULT_CAP = Decimal(200)
Q = Decimal("0.01")


def _clamp(value: Decimal, cap: Decimal | None) -> Decimal:
    if value < 0:
        value = Decimal(0)
    if cap is not None and value > cap:
        value = cap
    return value.quantize(Q)


def progress_percent(
    *, target: Decimal | None, realised: Decimal | None, direction: str, cap: Decimal | None = DEFAULT_CAP
) -> Decimal | None:
    """Percent of the target achieved; None when there is nothing to compare."""
    if realised is None or target is None:
        return None
    target, realised = Decimal(target), Decimal(realised)
    if direction == "higher":
        if target <= 0:
            return _clamp(HUNDRED if realised >= target else Decimal(0), cap)
        return _clamp(realised / target * HUNDRED, cap)
    if direction == "lower":
        if target <= 0:
            return _clamp(HUNDRED if realised <= target else Decimal(0), cap)
        return _clamp((2 - realised / target) * HUNDRED, cap)
    raise ValueError(direction)


def aggregate(values: Sequence[Decimal | None], method: str) -> Decimal | None:
    """The year-to-date value from period values in period order (None = not reported)."""
    known = [Decimal(v) for v in values if v is not None]
    if not known:
        return None
    if method == "sum":
        return sum(known, Decimal(0))
    if method == "last":
        return known[-1]
    if method == "average":
        return sum(known, Decimal(0)) / len(known)
    raise ValueError(method)


def expected_to_date(*, target: Decimal, method: str, elapsed: int, total: int) -> Decimal:
    """What the year-to-date value should be after `elapsed` of `total` periods at a linear pace.

    Cumulative indicators grow linearly toward the annual target; level indicators (last value,
    average) should sit at the target in every period."""
    if total <= 0:
        raise ValueError(total)
    if method == "sum":
        return Decimal(target) * Decimal(max(0, min(elapsed, total))) / Decimal(total)
    return Decimal(target)


def pace_status(
    *,
    target: Decimal | None,
    direction: str,
    method: str,
    values: Sequence[Decimal | None],
    elapsed: int,
    total: int,
    tolerance: Decimal = Decimal("0.10"),
) -> str:
    """ "on_track", "behind" or "no_data" for the periods elapsed so far.

    `tolerance` is the relative slack before an indicator counts as behind (0.10 = 10 %)."""
    if target is None or elapsed <= 0:
        return "no_data"
    current = aggregate(values[:elapsed], method)
    if current is None:
        return "no_data"
    expected = expected_to_date(target=target, method=method, elapsed=elapsed, total=total)
    if direction == "higher":
        return "behind" if current < expected * (1 - tolerance) else "on_track"
    if direction == "lower":
        if expected == 0:
            return "behind" if current > 0 else "on_track"
        return "behind" if current > expected * (1 + tolerance) else "on_track"
    raise ValueError(direction)


def series(
    *,
    target: Decimal | None,
    direction: str,
    method: str,
    values: Sequence[Decimal | None],
    tolerance: Decimal = Decimal("0.10"),
) -> list[tuple[Decimal | None, str, Decimal | None]]:
    """(progress %, pace, expected %) after 0, 1, … n of the n periods have ended.

    Entry 0 (nothing ended yet) measures whatever was entered so far and has no pace; entry k uses
    the first k values, as `pace_status` and `progress_percent` do for k elapsed periods."""
    total = len(values) or 1
    out = [
        (
            progress_percent(target=target, realised=aggregate(values, method), direction=direction),
            "no_data",
            None,
        )
    ]
    for k in range(1, len(values) + 1):
        ytd = aggregate(values[:k], method)
        expected = None
        if target is not None:
            expected = HUNDRED * k / total if method == "sum" else HUNDRED
        out.append(
            (
                progress_percent(target=target, realised=ytd, direction=direction),
                pace_status(
                    target=target,
                    direction=direction,
                    method=method,
                    values=values,
                    elapsed=k,
                    total=total,
                    tolerance=tolerance,
                ),
                expected,
            )
        )
    return out
