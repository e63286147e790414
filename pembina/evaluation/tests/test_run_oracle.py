"""The run's SQL (figures, tallies, heads' subtree roll-up, organisation predicates, periodic
cut-offs) gives on random SKPs exactly what the pure rules give when applied in Python to the
per-IKI figures of `selectors.achievements.indicator_figures` (themselves proven equal to
performance's progress rules by `test_achievements.py`). The oracle below is the run as it was
computed in Python before it moved into SQL."""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal

import pytest

from pembina.evaluation import services
from pembina.evaluation.models import Evaluation
from pembina.evaluation.rules import achievement as rules
from pembina.evaluation.selectors.achievements import indicator_figures
from pembina.evaluation.services.common import thresholds_for
from pembina.evaluation.services.compute import Summary
from pembina.evaluation.tests.factories import perf_indicators
from pembina.performance import services as perf
from pembina.performance.models import PerformancePlan
from pembina.performance.tests.factories import approve, make_plan, make_year

pytestmark = pytest.mark.django_db
KEYS = ("kadis_a", "kabid_a1", "kasi_a1a", "staff_a", "staff_a2", "staff_b", "kadis_b", "kabid_b1")
Q2 = Decimal("0.01")


def _mean(total: Decimal, n: int) -> Decimal | None:
    return (total / n).quantize(Q2) if n else None


def _ancestors(path: str):
    end = path.find("/")
    while end != -1:
        yield path[: end + 1]
        end = path.find("/", end + 1)


def oracle(year, period, thresholds, org: dict[int, str]) -> dict[int, tuple]:
    """plan id → Summary values, by the rules in Python over the per-IKI figures."""
    figures = indicator_figures(
        year_id=year.pk,
        upto=period.number if period is not None else None,
        thresholds=thresholds,
        period_start=period.start if period is not None else None,
        period_end=period.end if period is not None else None,
    )
    bands: dict[int, list] = defaultdict(list)
    sums: dict[int, list] = defaultdict(lambda: [Decimal(0), 0])
    for f in figures:
        bands[f.plan_id].append((f.band, f.is_main))
        if f.progress is not None:
            sums[f.plan_id][0] += f.progress
            sums[f.plan_id][1] += 1
    plans = PerformancePlan.objects.filter(year=year, approved_version__gt=0).select_related("position")
    if period is not None:
        plans = plans.filter(start_date__lte=period.end, end_date__gte=period.start)
    plans = list(plans)
    subtree: dict[str, list] = defaultdict(lambda: [Decimal(0), 0])
    for p in plans:
        if p.pk in sums:
            for prefix in _ancestors(p.unit_path):
                subtree[prefix][0] += sums[p.pk][0]
                subtree[prefix][1] += sums[p.pk][1]
    out = {}
    for p in plans:
        b = bands.get(p.pk, [])
        counts = rules.Counts(
            above=sum(1 for x, _m in b if x == rules.BAND_ABOVE),
            meets=sum(1 for x, _m in b if x == rules.BAND_MEETS),
            below=sum(1 for x, _m in b if x == rules.BAND_BELOW),
            main_below=sum(1 for x, m in b if x == rules.BAND_BELOW and m),
        )
        unit_achievement, unit_rating = None, ""
        if p.position_id and p.position.is_head and p.unit_path:
            unit_achievement = _mean(*subtree[p.unit_path]) if p.unit_path in subtree else None
            if p.unit_id == p.opd_id and p.opd_id in org:
                unit_rating = rules.ORG_PREDICATE_RATING[org[p.opd_id]]
            else:
                unit_rating = rules.rating_from_achievement(unit_achievement, thresholds)
        out[p.pk] = Summary(
            achievement=_mean(*sums[p.pk]) if p.pk in sums else None,
            indicators_total=len(b),
            indicators_above=counts.above,
            indicators_meets=counts.meets,
            indicators_below=counts.below,
            main_below=counts.main_below,
            suggested_rating=rules.suggest(counts, thresholds),
            unit_achievement=unit_achievement,
            unit_rating=unit_rating,
        ).values()
    return out


def _random_city(city, rnd: random.Random):
    year = make_year(instansi=city.instansi, interval="monthly")
    periods = list(year.periods.order_by("number"))
    plans = {}
    for key in KEYS:
        plan = make_plan(year=year, employee=city.people[key], results=rnd.randint(1, 4))
        extra = perf.result_add(plan=plan, statement="RHK tambahan", actor=None, kind="tambahan")
        perf.indicator_add(result=extra, name="IKI tambahan", actor=None, target=Decimal(5), unit="kegiatan")
        for ind in perf_indicators(plan):
            perf.indicator_update(
                indicator=ind,
                actor=None,
                data={
                    "target": rnd.choice(
                        [Decimal(0), Decimal(1), Decimal(12), Decimal("7.5"), Decimal("250.1234")]
                    ),
                    "direction": rnd.choice(["higher", "lower"]),
                    "aggregation": rnd.choice(["sum", "average", "last"]),
                },
            )
        plans[key] = plan
        if rnd.random() > 0.85:
            continue  # never approved: not evaluated
        approve(plan)
        for ind in perf_indicators(plan):
            for period in periods:
                if rnd.random() < 0.3:
                    continue
                value = Decimal(rnd.choice([rnd.randint(0, 30), rnd.randint(-300, 30_000)])) / rnd.choice(
                    [1, 4, 100]
                )
                perf.realisation_record(
                    indicator=ind, period=period, value=value.quantize(Decimal("0.0001")), actor=None
                )
    return year, periods, plans


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_run_equals_the_rules_in_python_on_random_skps(city, seed):
    rnd = random.Random(seed)
    year, periods, plans = _random_city(city, rnd)
    if seed != 1:
        services.evaluation_settings_update(
            instansi=city.instansi,
            actor=None,
            iki_above_min=Decimal(rnd.choice(["100", "105.5", "120"])),
            iki_meets_min=Decimal(rnd.choice(["80", "90.25"])),
            majority_percent=rnd.choice([34, 50, 66]),
        )
    org = {}
    if seed == 3:
        services.organisation_predicate_record(year=year, opd=city.dinas_a, predicate="kurang", actor=None)
        org[city.dinas_a.pk] = "kurang"
    thresholds = thresholds_for(city.instansi.pk)
    for period in (None, periods[0], periods[4], periods[11]):
        report = services.evaluation_run(year=year, period=period, actor=None)
        kind = "periodic" if period is not None else "annual"
        stored = {
            e.plan_id: tuple(getattr(e, f) for f in Summary.FIELDS)
            for e in Evaluation.objects.filter(year=year, kind=kind, period=period)
        }
        expected = oracle(
            year, period if period is not None else None, thresholds, org if period is None else {}
        )
        assert stored == expected, (seed, period)
        assert report.created == len(expected) and report.plans == len(expected)
    # evaluation_open of one plan (a head: its subtree) and refresh agree with the run
    for key in ("kasi_a1a", "staff_a"):
        e = Evaluation.objects.get(plan=plans[key], kind="annual") if plans[key].approved_version else None
        if e is not None:
            before = tuple(getattr(e, f) for f in Summary.FIELDS)
            services.evaluation_refresh(evaluation=e, actor=None)
            e.refresh_from_db()
            assert tuple(getattr(e, f) for f in Summary.FIELDS) == before
