"""360° input aggregated for the rater: per BerAKHLAK value, how many respondents saw the employee
below, at or above expectation. Never shown from fewer than 3 respondents (a pemda may ask for
more, never fewer); a breakdown by relation is shown only where that relation alone reaches the
floor, so no single answer can be singled out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from pembina.evaluation.rules.predicate import ABOVE, BELOW, MEETS

ABSOLUTE_FLOOR = 3
SCORES = {BELOW: 1, MEETS: 2, ABOVE: 3}


def floor(configured: int | None = None) -> int:
    return max(ABSOLUTE_FLOOR, configured or 0)


@dataclass(frozen=True)
class ValueAggregate:
    value: str
    below: int
    meets: int
    above: int

    @property
    def answered(self) -> int:
        return self.below + self.meets + self.above

    @property
    def mean(self) -> Decimal | None:
        """1 (below) … 3 (above), two decimals; None when nobody rated this value."""
        if not self.answered:
            return None
        total = self.below * 1 + self.meets * 2 + self.above * 3
        return (Decimal(total) / self.answered).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Aggregate:
    respondents: int
    values: tuple[ValueAggregate, ...]
    by_relation: dict[str, int] = field(default_factory=dict)  # only relations at/above the floor


def aggregate(
    responses: Iterable[tuple[str, Mapping[str, str]]],
    value_codes: Iterable[str],
    *,
    min_respondents: int | None = None,
) -> Aggregate | None:
    """`responses`: (relation, {value code: rating}) per submitted answer. None below the floor."""
    responses = list(responses)
    need = floor(min_respondents)
    if len(responses) < need:
        return None
    codes = list(value_codes)
    out = []
    for code in codes:
        n = {BELOW: 0, MEETS: 0, ABOVE: 0}
        for _rel, ratings in responses:
            r = ratings.get(code)
            if r in n:
                n[r] += 1
        out.append(ValueAggregate(code, n[BELOW], n[MEETS], n[ABOVE]))
    relations: dict[str, int] = {}
    for rel, _r in responses:
        relations[rel] = relations.get(rel, 0) + 1
    shown = {rel: c for rel, c in relations.items() if c >= need}
    if len(shown) != len(relations):
        # one relation below the floor could be recovered by subtraction: show no breakdown at all
        shown = {}
    return Aggregate(len(responses), tuple(out), shown)
