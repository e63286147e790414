"""The set-based figures (three queries, aggregates joined by id) equal performance's progress
rules applied to each IKI's period values, for every direction and aggregation, negative values,
gaps and periodic cut-offs included."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from pembina.evaluation.rules import achievement
from pembina.evaluation.selectors.achievements import LAST_BASE, LAST_OFFSET, _decode_last, indicator_figures
from pembina.performance import services as perf
from pembina.performance.tests.factories import approve, make_plan, make_year

pytestmark = pytest.mark.django_db
SHAPES = [(d, a) for d in ("higher", "lower") for a in ("sum", "last", "average")]


def test_last_value_encoding_round_trips():
    for number in (1, 4, 12):
        for scaled in (0, 1, -1, 123456789, -(10**16) + 1, 10**16 - 1):
            assert _decode_last(number * LAST_BASE + scaled + LAST_OFFSET) == (number, scaled)
    assert _decode_last(None) == (None, None)


def test_figures_equal_the_rules_over_period_values(city):
    rnd = random.Random(20260101)
    year = make_year(instansi=city.instansi, interval="monthly")
    periods = list(year.periods.order_by("number"))
    expected_values = {}
    plans = []
    for key in ("staff_a", "staff_a2", "staff_b"):
        plan = make_plan(year=year, employee=city.people[key], results=len(SHAPES))
        for ind, (direction, aggregation) in zip(perf_indicators(plan), SHAPES, strict=True):
            target = Decimal(rnd.choice([0, 1, 7, 12, 250])) + Decimal(rnd.randint(0, 9999)) / 10000
            perf.indicator_update(
                indicator=ind,
                actor=None,
                data={"target": target, "direction": direction, "aggregation": aggregation},
            )
        approve(plan)
        for ind in perf_indicators(plan):
            values = []
            for period in periods:
                if rnd.random() < 0.25:
                    values.append(None)
                    continue
                value = Decimal(rnd.randint(-500, 50_000)) / 100
                perf.realisation_record(indicator=ind, period=period, value=value, actor=None)
                values.append(value)
            ind.refresh_from_db()
            expected_values[ind.pk] = (ind, values)
        plans.append(plan)
    for upto in (None, 1, 5, 12):
        got = {f.indicator_id: f for f in indicator_figures(year_id=year.pk, upto=upto)}
        assert set(got) == set(expected_values)
        for ind_id, (ind, values) in expected_values.items():
            exp, realised, pct = achievement.indicator_progress(
                target=ind.target,
                direction=ind.direction,
                aggregation=ind.aggregation,
                values=values,
                upto=upto or len(values),
                total=len(values),
            )
            f = got[ind_id]
            assert (f.expected, f.realised, f.progress) == (exp, realised, pct), (ind.aggregation, upto)
            assert f.periods_reported == sum(1 for v in values[: upto or 12] if v is not None)
    # narrowed to one plan or a unit subtree: the same figures
    one = {f.indicator_id: f for f in indicator_figures(year_id=year.pk, plan_ids=[plans[0].pk])}
    whole = {f.indicator_id: f for f in indicator_figures(year_id=year.pk)}
    assert one and all(one[k] == whole[k] for k in one)
    sub = {f.indicator_id for f in indicator_figures(year_id=year.pk, unit_path=city.dinas_b.path)}
    assert sub == {i.pk for i in perf_indicators(plans[2])}


def perf_indicators(plan):
    from pembina.evaluation.tests.factories import perf_indicators as inds

    return inds(plan)
