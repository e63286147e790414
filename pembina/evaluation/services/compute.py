"""Achievement summaries and suggested ratings, computed set-based for many plans at once.

Shared by the evaluation run (a whole instansi or OPD) and by opening or refreshing one evaluation,
so both always agree: one SQL aggregate over the realisations (`selectors.achievements`), then the
pure rules per IKI and per plan; no query per employee."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from pembina.evaluation.models import OrganisationPredicate
from pembina.evaluation.rules import achievement as rules
from pembina.evaluation.selectors.achievements import IndicatorFigure, indicator_figures

Q2 = Decimal("0.01")


@dataclass
class Tally:
    above: int = 0
    meets: int = 0
    below: int = 0
    main_below: int = 0
    total: int = 0
    progress_sum: Decimal = field(default_factory=lambda: Decimal(0))
    known: int = 0

    def add(self, f: IndicatorFigure) -> None:
        self.total += 1
        if f.band == rules.BAND_ABOVE:
            self.above += 1
        elif f.band == rules.BAND_MEETS:
            self.meets += 1
        elif f.band == rules.BAND_BELOW:
            self.below += 1
            if f.is_main:
                self.main_below += 1
        if f.progress is not None:
            self.progress_sum += f.progress
            self.known += 1

    def merge(self, other: Tally) -> None:
        self.progress_sum += other.progress_sum
        self.known += other.known

    @property
    def mean(self) -> Decimal | None:
        return (self.progress_sum / self.known).quantize(Q2) if self.known else None

    def counts(self) -> rules.Counts:
        return rules.Counts(self.above, self.meets, self.below, self.main_below)


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


def _ancestors(path: str):
    """'0001/0002/0003/' → '0001/', '0001/0002/', '0001/0002/0003/'."""
    end = path.find("/")
    while end != -1:
        yield path[: end + 1]
        end = path.find("/", end + 1)


def org_ratings(*, year, period, opd_ids) -> dict[int, str]:
    """OPD id → the rating hasil kerja its head gets from the recorded organisation predicate."""
    qs = OrganisationPredicate.objects.filter(year=year, opd_id__in=set(opd_ids))
    qs = qs.filter(period=period) if period is not None else qs.filter(period__isnull=True)
    return {opd_id: rules.ORG_PREDICATE_RATING[p] for opd_id, p in qs.values_list("opd_id", "predicate")}


def summaries(
    *,
    year,
    period,
    plans: list[PlanFacts],
    thresholds: rules.Thresholds,
    unit_path: str | None = None,
    plan_ids: list[int] | None = None,
    on_figure=None,
) -> dict[int, Summary]:
    """plan id → Summary for `plans`. The IKIs read are those of the approved plans of the year
    overlapping `period` under `unit_path` (or exactly `plan_ids`); unit achievements of heads are
    taken over the plans read, so pass the head's subtree when summarising one head."""
    tallies: dict[int, Tally] = defaultdict(Tally)
    paths: dict[int, str] = {}
    for f in indicator_figures(
        year_id=year.pk,
        upto=period.number if period is not None else None,
        plan_ids=plan_ids,
        unit_path=unit_path,
        thresholds=thresholds,
        period_start=period.start if period is not None else None,
        period_end=period.end if period is not None else None,
    ):
        tallies[f.plan_id].add(f)
        paths[f.plan_id] = f.unit_path
        if on_figure is not None:
            on_figure(f)
    heads = {p.unit_path: p for p in plans if p.is_head and p.unit_path}
    unit_tally: dict[str, Tally] = defaultdict(Tally)
    if heads:
        for plan_id, tally in tallies.items():
            for prefix in _ancestors(paths.get(plan_id, "")):
                if prefix in heads:
                    unit_tally[prefix].merge(tally)
    opd_heads = [p.opd_id for p in heads.values() if p.opd_id and p.unit_id == p.opd_id]
    from_org = org_ratings(year=year, period=period, opd_ids=opd_heads) if opd_heads else {}
    out = {}
    for p in plans:
        t = tallies.get(p.plan_id) or Tally()
        unit_achievement, unit_rating = None, ""
        if p.is_head and p.unit_path:
            unit_achievement = unit_tally[p.unit_path].mean if p.unit_path in unit_tally else t.mean
            if p.unit_id == p.opd_id and p.opd_id in from_org:
                unit_rating = from_org[p.opd_id]
            else:
                unit_rating = rules.rating_from_achievement(unit_achievement, thresholds)
        out[p.plan_id] = Summary(
            achievement=t.mean,
            indicators_total=t.total,
            indicators_above=t.above,
            indicators_meets=t.meets,
            indicators_below=t.below,
            main_below=t.main_below,
            suggested_rating=rules.suggest(t.counts(), thresholds),
            unit_achievement=unit_achievement,
            unit_rating=unit_rating,
        )
    return out
