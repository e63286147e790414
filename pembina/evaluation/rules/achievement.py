"""From IKI achievements to a suggested rating hasil kerja (the pejabat penilai decides; the
regulation has no formula, so the thresholds are the instansi's settings).

Achievement of one IKI is performance's direction-aware progress (`performance.rules.progress`)
of the value realised so far against the target expected so far: the whole target for the year,
the linear share for a cumulative IKI in a periodic evaluation. An IKI is *above* from
`above_min` %, *meets* from `meets_min` %, else *below*; no value = no data.

The suggestion follows BKN's guidance: *di atas* when most IKIs are above and no IKI of a main RHK
is below; *di bawah* when most are below; *sesuai* otherwise ("most" = more than `majority` %)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pembina.evaluation.rules.predicate import ABOVE, BELOW, MEETS
from pembina.performance.rules import progress as progress_rules

BAND_ABOVE, BAND_MEETS, BAND_BELOW, BAND_NO_DATA = "above", "meets", "below", "no_data"


@dataclass(frozen=True)
class Thresholds:
    above_min: Decimal = Decimal("110")
    meets_min: Decimal = Decimal("90")
    majority: int = 50

    def __post_init__(self) -> None:
        if not self.meets_min < self.above_min:
            raise ValueError("meets_min must be below above_min")
        if not 0 < self.majority < 100:
            raise ValueError("majority must be 1..99")


DEFAULT = Thresholds()


def expected(*, target: Decimal | None, aggregation: str, upto: int, total: int) -> Decimal | None:
    """Target expected after `upto` of the plan's `total` periods (all of them for the year)."""
    if target is None or total <= 0:
        return None
    return progress_rules.expected_to_date(
        target=Decimal(target), method=aggregation, elapsed=min(upto, total), total=total
    )


def indicator_progress(
    *,
    target: Decimal | None,
    direction: str,
    aggregation: str,
    values: list[Decimal | None],
    upto: int,
    total: int,
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(expected, realised so far, progress %) of one IKI from its period values in order."""
    exp = expected(target=target, aggregation=aggregation, upto=upto, total=total)
    realised = progress_rules.aggregate(values[:upto], aggregation)
    return exp, realised, progress_rules.progress_percent(target=exp, realised=realised, direction=direction)


def band(progress: Decimal | None, t: Thresholds = DEFAULT) -> str:
    if progress is None:
        return BAND_NO_DATA
    if progress >= t.above_min:
        return BAND_ABOVE
    if progress >= t.meets_min:
        return BAND_MEETS
    return BAND_BELOW


@dataclass(frozen=True)
class Counts:
    above: int = 0
    meets: int = 0
    below: int = 0
    main_below: int = 0

    @property
    def known(self) -> int:
        return self.above + self.meets + self.below


def suggest(counts: Counts, t: Thresholds = DEFAULT) -> str:
    """The suggested rating hasil kerja, or "" when no IKI has data."""
    known = counts.known
    if known == 0:
        return ""
    if counts.below * 100 > t.majority * known:
        return BELOW
    if counts.above * 100 > t.majority * known and counts.main_below == 0:
        return ABOVE
    return MEETS


def rating_from_achievement(achievement: Decimal | None, t: Thresholds = DEFAULT) -> str:
    """A unit's own achievement (mean %) as a rating: the rating hasil kerja of its head."""
    return {BAND_ABOVE: ABOVE, BAND_MEETS: MEETS, BAND_BELOW: BELOW}.get(band(achievement, t), "")


# The OPD's predicate is its head's rating hasil kerja (capaian kinerja organisasi).
ORG_PREDICATE_RATING = {
    "istimewa": ABOVE,
    "baik": MEETS,
    "butuh_perbaikan": BELOW,
    "kurang": BELOW,
    "sangat_kurang": BELOW,
}


def ytd_from_aggregates(
    *, aggregation: str, total: Decimal | None, count: int, last: Decimal | None
) -> Decimal | None:
    """The year-to-date value from SQL aggregates (sum and count of the reported values, the value
    of the last reported period): exactly `performance.rules.progress.aggregate` over the values."""
    if not count:
        return None
    if aggregation == "sum":
        return total
    if aggregation == "average":
        return total / count
    if aggregation == "last":
        return last
    raise ValueError(aggregation)


def progress_from_aggregates(
    *,
    target: Decimal | None,
    direction: str,
    aggregation: str,
    total: Decimal | None,
    count: int,
    last: Decimal | None,
    upto: int,
    periods: int,
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """`indicator_progress` from aggregates (what the set-based evaluation run reads)."""
    exp = expected(target=target, aggregation=aggregation, upto=upto, total=periods)
    realised = ytd_from_aggregates(aggregation=aggregation, total=total, count=count, last=last)
    return exp, realised, progress_rules.progress_percent(target=exp, realised=realised, direction=direction)
