"""Gap analysis (Pasal 206 PP 11/2017): an employee's profile against a position's competency standard.

Also the Job Person Match (JPM, %) the assessment reports use: Σ min(current, required) / Σ required,
with an unassessed competency counting as level 0, and its usual banding (configurable).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MET = "met"
GAP = "gap"
NOT_ASSESSED = "not_assessed"
NOT_REQUIRED = "not_required"


@dataclass(frozen=True)
class GapRow:
    competency_id: int
    required: int | None  # standard of the current position
    current: int | None  # latest level of the profile (rules.profile)
    gap: int | None  # max(0, required - current); None when not assessed or not required
    target_required: int | None = None  # standard of the target position (talent pool)
    target_gap: int | None = None
    status: str = MET

    @property
    def surplus(self) -> int:
        if self.required is None or self.current is None:
            return 0
        return max(self.current - self.required, 0)


def _gap(required: int | None, current: int | None) -> int | None:
    if required is None or current is None:
        return None
    return max(required - current, 0)


def analyse(
    current: Mapping[int, int],
    standard: Mapping[int, int],
    target: Mapping[int, int] | None = None,
) -> list[GapRow]:
    """One row per competency in the standard, the target standard or the profile, by competency id."""
    target = target or {}
    ids = sorted(set(standard) | set(target) | set(current))
    rows = []
    for cid in ids:
        req, cur, treq = standard.get(cid), current.get(cid), target.get(cid)
        gap = _gap(req, cur)
        if req is None and treq is None:
            status = NOT_REQUIRED
        elif cur is None:
            status = NOT_ASSESSED
        elif (gap or 0) > 0 or (_gap(treq, cur) or 0) > 0:
            status = GAP
        else:
            status = MET
        rows.append(GapRow(cid, req, cur, gap, treq, _gap(treq, cur), status))
    return rows


def job_person_match(current: Mapping[int, int], standard: Mapping[int, int]) -> Decimal | None:
    """JPM in percent (one decimal); None when the position has no standard."""
    total = sum(standard.values())
    if total <= 0:
        return None
    met = sum(min(current.get(cid, 0), req) for cid, req in standard.items())
    return (Decimal(met * 100) / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# (lower bound in %, label) from high to low: the banding used in practice for "Kategori Pemetaan".
JPM_BANDS: Sequence[tuple[Decimal, str]] = (
    (Decimal("90"), "optimal"),
    (Decimal("78"), "cukup_optimal"),
    (Decimal("0"), "kurang_optimal"),
)


def jpm_band(jpm: Decimal | None, bands: Sequence[tuple[Decimal, str]] = JPM_BANDS) -> str | None:
    if jpm is None:
        return None
    for bound, label in bands:
        if jpm >= bound:
            return label
    return bands[-1][1]


def biggest(rows: Sequence[GapRow], limit: int | None = None) -> list[GapRow]:
    """Rows with a gap, largest first (then by competency id), against current or target standard."""
    gapped = [r for r in rows if max(r.gap or 0, r.target_gap or 0) > 0]
    gapped.sort(key=lambda r: (-max(r.gap or 0, r.target_gap or 0), r.competency_id))
    return gapped[:limit] if limit else gapped
