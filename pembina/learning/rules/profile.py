"""Which assessed level is an employee's current level of a competency, from its history.

Formal assessments (assessment centre, competency test, the superior's B.1.9 evaluation after
coaching) set the level: the latest by date wins, and on the same date the more formal source wins
(assessment centre > competency test > B.1.9). Evidence from learning (a completed training with a
passed post-test, a passed simulation) may only raise the level above the latest formal one, never
lower it, and only when it is dated on or after that formal assessment. Without any formal assessment
the highest evidence counts. Ties after that are broken by the later record (higher id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pembina.learning.choices import AssessmentSource as S

FORMAL = frozenset({S.ASSESSMENT_CENTRE, S.COMPETENCY_TEST, S.SUPERIOR_REVIEW})
EVIDENCE = frozenset({S.TRAINING, S.SIMULATION})
PRECEDENCE = {  # lower = stronger on the same date
    S.ASSESSMENT_CENTRE: 0,
    S.COMPETENCY_TEST: 1,
    S.SUPERIOR_REVIEW: 2,
    S.SIMULATION: 3,
    S.TRAINING: 4,
}


@dataclass(frozen=True)
class Assessed:
    level: int
    source: str
    assessed_on: dt.date
    ref: int = 0  # record id: later records win ties


def _formal_key(a: Assessed) -> tuple:
    return (a.assessed_on, -PRECEDENCE.get(a.source, 9), a.ref)


def current(history: Iterable[Assessed]) -> Assessed | None:
    """The record that decides the current level (its `level` is the current level), or None."""
    items = list(history)
    formal = [a for a in items if a.source in FORMAL]
    evidence = [a for a in items if a.source in EVIDENCE]
    base = max(formal, key=_formal_key) if formal else None
    if base is not None:
        evidence = [a for a in evidence if a.assessed_on >= base.assessed_on]
    if not evidence:
        return base
    best = max(evidence, key=lambda a: (a.level, a.assessed_on, a.ref))
    if base is None or best.level > base.level:
        return best
    return base
