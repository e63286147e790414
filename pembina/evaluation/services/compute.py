"""Achievement summaries and suggested ratings, computed set-based for many plans at once.

Shared by the evaluation run (a whole instansi or OPD) and by opening or refreshing one evaluation,
so both always agree: one SQL statement (`selectors.run_figures`) computes every IKI's progress and
every plan's tallies with the rules written in SQL (`rules.achievement_sql`); no query per
employee and no per-IKI Python."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from pembina.evaluation.rules import achievement as rules
from pembina.evaluation.selectors.run_figures import RunScope, from_hundredths, summary_sql


@dataclass(frozen=True)
class PlanFacts:
    """What the summary needs to know about one plan besides its IKIs."""

    plan_id: int
    unit_path: str
    unit_id: int | None
    opd_id: int | None
    is_head: bool


@dataclass(frozen=True)
class Summary:
    achievement: Decimal | None
    indicators_total: int
    indicators_above: int
    indicators_meets: int
    indicators_below: int
    main_below: int
    suggested_rating: str
    unit_achievement: Decimal | None
    unit_rating: str

    FIELDS = (
        "achievement",
        "indicators_total",
        "indicators_above",
        "indicators_meets",
        "indicators_below",
        "main_below",
        "suggested_rating",
        "unit_achievement",
        "unit_rating",
    )

    def values(self) -> tuple:
        return tuple(getattr(self, f) for f in self.FIELDS)


EMPTY = Summary(None, 0, 0, 0, 0, 0, "", None, "")


def summaries(
    *,
    year,
    period,
    plans: list[PlanFacts],
    thresholds: rules.Thresholds,
    unit_path: str | None = None,
    plan_ids: list[int] | None = None,
) -> dict[int, Summary]:
    """plan id → Summary for `plans`. The IKIs read are those of the approved plans of the year
    overlapping `period` under `unit_path` (or exactly `plan_ids`); unit achievements of heads are
    taken over the plans read, so pass the head's subtree when summarising one head. One query."""
    scope = RunScope.of(year=year, period=period, unit_path=unit_path, plan_ids=plan_ids)
    sql, params = summary_sql(scope, thresholds)
    sql += """
SELECT id, total, above, meets, below, main_below, achievement_h, suggested, unit_h, head_rating
FROM summary"""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = {r[0]: r[1:] for r in cursor.fetchall()}
    out = {}
    for p in plans:
        row = rows.get(p.plan_id)
        if row is None:
            out[p.plan_id] = EMPTY
            continue
        total, above, meets, below, main_below, achievement_h, suggested, unit_h, head_rating = row
        head = bool(p.is_head and p.unit_path)
        out[p.plan_id] = Summary(
            achievement=from_hundredths(achievement_h),
            indicators_total=int(total),
            indicators_above=int(above),
            indicators_meets=int(meets),
            indicators_below=int(below),
            main_below=int(main_below),
            suggested_rating=suggested,
            unit_achievement=from_hundredths(unit_h) if head else None,
            unit_rating=head_rating if head else "",
        )
    return out
