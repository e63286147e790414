"""JP computation per kind of activity: what counts, caps, the monthly curve (property tests)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pembina.learning.choices import ActivityKind as K
from pembina.learning.choices import ActivityMode as M
from pembina.learning.rules import jp

YEAR = 2025
kinds = st.sampled_from(jp.KINDS)
amounts = st.integers(min_value=0, max_value=400).map(lambda n: Decimal(n) / 10)
days = st.dates(min_value=dt.date(YEAR, 1, 1), max_value=dt.date(YEAR, 12, 31))
items = st.lists(st.builds(jp.Item, kind=kinds, jp=amounts, day=days), max_size=25)
caps = st.none() | st.integers(min_value=0, max_value=30).map(Decimal)
rules = st.builds(jp.KindRule, counts=st.booleans(), cap_per_year=caps, cap_per_activity=caps)
policies = st.builds(
    jp.Policy,
    target=st.integers(min_value=1, max_value=40).map(Decimal),
    kinds=st.dictionaries(kinds, rules, max_size=6),
    mode_caps=st.dictionaries(
        st.sampled_from(jp.MODES), st.integers(min_value=0, max_value=40).map(Decimal), max_size=2
    ),
)


def test_every_kind_has_a_mode():
    assert set(jp.MODE_OF) == set(K.values)
    assert jp.mode_of(K.COACHING) == M.NON_CLASSICAL
    assert jp.mode_of(K.TRAINING) == M.CLASSICAL
    assert jp.mode_of(K.EDUCATION) == M.EDUCATION


@pytest.mark.parametrize(
    ("kind", "amounts", "expected"),
    [
        (K.TRAINING, ["24"], "24"),  # classical training counts fully
        (K.SEMINAR, ["4", "4"], "8"),
        (K.COACHING, ["2", "3"], "5"),
        (K.E_LEARNING, ["10"], "10"),
        (K.SELF_STUDY, ["6", "6"], "10"),  # default policy caps self study at 10 a year
        (K.SIMULATION, ["2"] * 7, "10"),  # simulations capped at 10
        (K.COMMUNITY, ["12"], "10"),
        (K.EDUCATION, ["40"], "20"),
        (K.SECONDMENT, ["30"], "30"),
    ],
)
def test_default_policy_per_kind(kind, amounts, expected):
    result = jp.compute(
        [jp.Item(kind, Decimal(a), dt.date(YEAR, 3, i + 1)) for i, a in enumerate(amounts)],
        jp.DEFAULT_POLICY,
        YEAR,
    )
    assert result.total == Decimal(expected)
    assert result.raw_total == sum(Decimal(a) for a in amounts)


def test_other_years_are_ignored_and_the_curve_is_cumulative():
    items_ = [
        jp.Item(K.TRAINING, Decimal("8"), dt.date(YEAR - 1, 12, 31)),
        jp.Item(K.TRAINING, Decimal("8"), dt.date(YEAR, 2, 10)),
        jp.Item(K.COACHING, Decimal("4"), dt.date(YEAR, 5, 1)),
    ]
    r = jp.compute(items_, jp.DEFAULT_POLICY, YEAR)
    assert r.total == Decimal("12")
    assert (
        r.monthly[0] == 0
        and r.monthly[1] == 8
        and r.monthly[3] == 8
        and r.monthly[4] == 12
        and r.monthly[11] == 12
    )
    assert r.by_mode == {M.CLASSICAL: Decimal("8"), M.NON_CLASSICAL: Decimal("4")}
    assert jp.shortfall(r.total, Decimal(20)) == Decimal("8")


def test_kinds_that_do_not_count_and_per_activity_caps():
    policy = jp.Policy(
        kinds={
            K.SOCIALISATION: jp.KindRule(counts=False),
            K.SEMINAR: jp.KindRule(cap_per_activity=Decimal("3")),
        },
        mode_caps={M.NON_CLASSICAL: Decimal("5")},
    )
    r = jp.compute(
        [
            jp.Item(K.SOCIALISATION, Decimal("4"), dt.date(YEAR, 1, 5)),
            jp.Item(K.SEMINAR, Decimal("8"), dt.date(YEAR, 1, 6)),
            jp.Item(K.COACHING, Decimal("4"), dt.date(YEAR, 1, 7)),
            jp.Item(K.MENTORING, Decimal("4"), dt.date(YEAR, 1, 8)),
        ],
        policy,
        YEAR,
    )
    assert r.total == Decimal("8")  # 0 + 3 + (4 + 1 under the non-classical cap of 5)
    assert r.by_kind == {K.SEMINAR: Decimal("3"), K.COACHING: Decimal("4"), K.MENTORING: Decimal("1")}


def test_policy_documents_round_trip_and_refuse_bad_input():
    doc = jp.policy_to_dict(jp.DEFAULT_POLICY)
    assert jp.policy_from_dict(doc) == jp.DEFAULT_POLICY
    assert jp.policy_from_dict({}) == jp.DEFAULT_POLICY
    with pytest.raises(jp.PolicyError, match="tidak dikenal"):
        jp.policy_from_dict({"kinds": {"karaoke": {"counts": True}}})
    with pytest.raises(jp.PolicyError, match="bukan angka"):
        jp.policy_from_dict({"target": "dua puluh"})
    with pytest.raises(jp.PolicyError):
        jp.policy_from_dict({"target": -1})
    with pytest.raises(jp.PolicyError, match="Kunci"):
        jp.policy_from_dict({"targte": 20})


def test_pppk_follow_the_policy():
    assert jp.applies_to("pns", jp.DEFAULT_POLICY)
    assert jp.applies_to("pppk", jp.DEFAULT_POLICY)
    assert not jp.applies_to("pppk", jp.Policy(include_pppk=False))


@settings(max_examples=200, deadline=None)
@given(items, policies)
def test_total_is_bounded_and_order_free(xs, policy):
    r = jp.compute(xs, policy, YEAR)
    assert jp.ZERO <= r.total <= r.raw_total
    assert r.total == sum(r.by_kind.values(), jp.ZERO) == sum(r.by_mode.values(), jp.ZERO)
    assert r.total == jp.compute(list(reversed(xs)), policy, YEAR).total
    for kind, amount in r.by_kind.items():
        rule = policy.rule(kind)
        assert rule.counts
        if rule.cap_per_year is not None:
            assert amount <= rule.cap_per_year
    for mode, cap in policy.mode_caps.items():
        assert r.by_mode.get(mode, jp.ZERO) <= cap


@settings(max_examples=200, deadline=None)
@given(items, policies)
def test_monthly_curve_is_monotone_and_ends_at_the_total(xs, policy):
    r = jp.compute(xs, policy, YEAR)
    assert len(r.monthly) == 12
    assert all(a <= b for a, b in zip(r.monthly, r.monthly[1:], strict=False))
    assert r.monthly[-1] == r.total


@settings(max_examples=200, deadline=None)
@given(items, st.builds(jp.Item, kind=kinds, jp=amounts, day=days), policies)
def test_an_extra_activity_never_lowers_the_total(xs, extra, policy):
    assert jp.compute([*xs, extra], policy, YEAR).total >= jp.compute(xs, policy, YEAR).total


@settings(max_examples=100, deadline=None)
@given(items)
def test_without_caps_everything_counts(xs):
    assert jp.compute(xs, jp.Policy(), YEAR).total == sum((i.jp for i in xs), jp.ZERO)
