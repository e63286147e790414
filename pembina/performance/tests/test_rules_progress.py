"""Direction-aware progress and pace: property tests."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pembina.performance.rules.progress import aggregate, expected_to_date, pace_status, progress_percent

values = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)
targets = st.decimals(
    min_value=Decimal("0.01"), max_value=10_000, places=2, allow_nan=False, allow_infinity=False
)
direction = st.sampled_from(["higher", "lower"])


@given(target=targets, a=values, b=values)
def test_higher_is_better_is_monotone_non_decreasing(target, a, b):
    assume(a <= b)
    assert progress_percent(target=target, realised=a, direction="higher") <= progress_percent(
        target=target, realised=b, direction="higher"
    )


@given(target=targets, a=values, b=values)
def test_lower_is_better_is_monotone_non_increasing(target, a, b):
    assume(a <= b)
    assert progress_percent(target=target, realised=a, direction="lower") >= progress_percent(
        target=target, realised=b, direction="lower"
    )


@given(target=targets, d=direction)
def test_on_target_is_exactly_100(target, d):
    assert progress_percent(target=target, realised=target, direction=d) == Decimal("100.00")


@given(target=targets, r=values, d=direction)
def test_bounded(target, r, d):
    pct = progress_percent(target=target, realised=r, direction=d)
    assert Decimal(0) <= pct <= Decimal(200)


@given(r=values, d=direction)
def test_zero_target(r, d):
    pct = progress_percent(target=Decimal(0), realised=r, direction=d)
    if d == "higher":
        assert pct == 100
    else:
        assert pct == (100 if r == 0 else 0)


@given(target=st.one_of(st.none(), targets), d=direction)
def test_none_inputs_give_none(target, d):
    assert progress_percent(target=target, realised=None, direction=d) is None
    assert progress_percent(target=None, realised=Decimal(1), direction=d) is None


def test_examples():
    # 3 days against a 5-day target is better than on target; 10 days is 0 %
    assert progress_percent(target=Decimal(5), realised=Decimal(3), direction="lower") == Decimal("140.00")
    assert progress_percent(target=Decimal(5), realised=Decimal(10), direction="lower") == 0
    assert progress_percent(target=Decimal(95), realised=Decimal("90.25"), direction="higher") == Decimal(
        "95.00"
    )
    with pytest.raises(ValueError):
        progress_percent(target=Decimal(1), realised=Decimal(1), direction="sideways")


def test_aggregate():
    vals = [Decimal(2), None, Decimal(4)]
    assert aggregate(vals, "sum") == 6
    assert aggregate(vals, "last") == 4
    assert aggregate(vals, "average") == 3
    assert aggregate([None, None], "sum") is None


@given(target=targets, k=st.integers(0, 4))
def test_expected_pace_is_linear_for_sums(target, k):
    assert expected_to_date(target=target, method="sum", elapsed=k, total=4) == target * k / 4
    assert expected_to_date(target=target, method="average", elapsed=k, total=4) == target


def test_pace_direction_aware():
    # 12 documents a year, 2 periods of 4 gone: expected 6
    common = {"target": Decimal(12), "method": "sum", "elapsed": 2, "total": 4}
    assert pace_status(direction="higher", values=[Decimal(3), Decimal(3)], **common) == "on_track"
    assert pace_status(direction="higher", values=[Decimal(1), Decimal(2)], **common) == "behind"
    # days to finish: average must stay at or under the target
    days = {"target": Decimal(5), "method": "average", "elapsed": 2, "total": 4}
    assert pace_status(direction="lower", values=[Decimal(4), Decimal(5)], **days) == "on_track"
    assert pace_status(direction="lower", values=[Decimal(7), Decimal(8)], **days) == "behind"
    assert pace_status(direction="lower", values=[None, None], **days) == "no_data"
    assert (
        pace_status(direction="higher", values=[], target=Decimal(1), method="sum", elapsed=0, total=4)
        == "no_data"
    )


@given(target=targets, a=values, b=values, d=direction)
def test_pace_monotone_in_realised_value(target, a, b, d):
    """A better value is never 'behind' when a worse one is 'on track'."""
    better, worse = (max(a, b), min(a, b)) if d == "higher" else (min(a, b), max(a, b))
    kw = {"target": target, "direction": d, "method": "sum", "elapsed": 2, "total": 4}
    if pace_status(values=[worse, Decimal(0)], **kw) == "on_track":
        assert pace_status(values=[better, Decimal(0)], **kw) == "on_track"
