"""The pure regulation rules: the full matrix and every curve rule as tables, properties with hypothesis."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pembina.evaluation.rules import achievement, curve, followup, ninebox, predicate, three_sixty
from pembina.performance.rules import progress as progress_rules

A, S, B = "di_atas", "sesuai", "di_bawah"
SB, BK, BP, K, SK = "sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"
ratings = st.sampled_from(predicate.RATINGS)
predicates = st.sampled_from(predicate.PREDICATES)
org_predicates = st.sampled_from(curve.ORG_PREDICATES)


# --- predicate matrix ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hasil_kerja", "perilaku", "expected"),
    [
        (A, A, SB),
        (A, S, BK),
        (A, B, K),
        (S, A, BK),
        (S, S, BK),
        (S, B, K),
        (B, A, BP),
        (B, S, BP),
        (B, B, SK),
    ],
)
def test_full_matrix(hasil_kerja, perilaku, expected):
    assert predicate.predicate(hasil_kerja, perilaku) == expected


def test_matrix_is_complete_and_missing_rating_gives_no_predicate():
    assert len(predicate.MATRIX) == 9
    assert set(predicate.MATRIX.values()) == set(predicate.PREDICATES)
    assert predicate.predicate("", A) == ""
    assert predicate.predicate(A, None) == ""
    with pytest.raises(ValueError):
        predicate.predicate("luar_biasa", A)


@given(ratings, ratings, ratings)
def test_raising_the_result_rating_never_lowers_the_predicate(low, high, behaviour):
    if predicate.RATING_RANK[low] > predicate.RATING_RANK[high]:
        low, high = high, low
    assert (
        predicate.PREDICATE_RANK[predicate.predicate(high, behaviour)]
        >= predicate.PREDICATE_RANK[predicate.predicate(low, behaviour)]
    )


@given(ratings, ratings, ratings)
def test_raising_the_behaviour_rating_never_lowers_the_predicate(result, low, high):
    if predicate.RATING_RANK[low] > predicate.RATING_RANK[high]:
        low, high = high, low
    assert (
        predicate.PREDICATE_RANK[predicate.predicate(result, high)]
        >= predicate.PREDICATE_RANK[predicate.predicate(result, low)]
    )


def test_development_need_from_butuh_perbaikan_down():
    assert [p for p in predicate.PREDICATES if predicate.opens_development_need(p)] == [BP, K, SK]


# --- distribution curve ----------------------------------------------------------------------------


def _counts(**kw):
    names = {"sb": SB, "b": BK, "bp": BP, "k": K, "sk": SK}
    return {names[k]: v for k, v in kw.items()}


@pytest.mark.parametrize(
    ("org", "counts", "broken"),
    [
        # Istimewa: at most 70 % Sangat Baik
        ("istimewa", _counts(sb=7, b=3), []),
        ("istimewa", _counts(sb=8, b=2), ["at_most:sangat_baik:70"]),
        # Baik: at most 70 % Baik, someone Butuh Perbaikan and/or Kurang
        ("baik", _counts(sb=2, b=7, bp=1), []),
        ("baik", _counts(b=7, k=1, sk=2), []),
        ("baik", _counts(sb=2, b=8), ["at_most:baik:70", "some:butuh_perbaikan+kurang"]),
        ("baik", _counts(sb=3, b=6, sk=1), ["some:butuh_perbaikan+kurang"]),
        ("baik", _counts(b=8, bp=2), ["at_most:baik:70"]),
        # Butuh Perbaikan: at least 60 % BP, at most 10 % SB
        ("butuh_perbaikan", _counts(sb=1, b=3, bp=6), []),
        ("butuh_perbaikan", _counts(sb=1, b=4, bp=5), ["at_least:butuh_perbaikan:60"]),
        ("butuh_perbaikan", _counts(sb=2, b=2, bp=6), ["at_most:sangat_baik:10"]),
        # Kurang: at least 60 % K, at least 10 % BP, at most 10 % SB
        ("kurang", _counts(sb=1, bp=1, k=6, sk=2), []),
        ("kurang", _counts(bp=1, k=5, b=4), ["at_least:kurang:60"]),
        ("kurang", _counts(b=4, k=6), ["at_least:butuh_perbaikan:10"]),
        ("kurang", _counts(sb=2, bp=1, k=7), ["at_most:sangat_baik:10"]),
        # Sangat Kurang: at least 60 % SK, at least 10 % K and/or BP, nobody Sangat Baik
        ("sangat_kurang", _counts(b=3, k=1, sk=6), []),
        ("sangat_kurang", _counts(b=4, bp=1, sk=5), ["at_least:sangat_kurang:60"]),
        ("sangat_kurang", _counts(b=4, sk=6), ["at_least:butuh_perbaikan+kurang:10"]),
        ("sangat_kurang", _counts(sb=1, bp=1, k=1, sk=7), ["at_most:sangat_baik:0"]),
    ],
)
def test_every_curve_rule(org, counts, broken):
    found = [
        f"{v.rule.kind}:{'+'.join(sorted(v.rule.predicates))}"
        + (f":{v.rule.percent}" if v.rule.kind != "some" else "")
        for v in curve.check(org, counts)
    ]
    assert found == broken


def test_curve_table_is_the_regulation():
    assert set(curve.CURVES) == set(curve.ORG_PREDICATES)
    assert [len(curve.CURVES[o]) for o in curve.ORG_PREDICATES] == [1, 2, 2, 3, 3]


def test_small_opd_uses_integer_shares_and_empty_opd_is_fine():
    # 60 % of 5 = 3 people exactly; 2 is not enough
    assert curve.check("butuh_perbaikan", {BP: 3, BK: 2}) == []
    assert len(curve.check("butuh_perbaikan", {BP: 2, BK: 3})) == 1
    assert curve.check("baik", {}) == []
    with pytest.raises(ValueError):
        curve.check("luar_biasa", {})


def test_violation_message_is_indonesian_and_exact():
    (v,) = curve.check("istimewa", {SB: 8, BK: 2})
    assert v.message == "Pola distribusi: paling banyak 70% pegawai Sangat Baik; saat ini 8 dari 10 (80.0%)."


@given(org_predicates, st.lists(predicates, max_size=60), st.randoms())
def test_curve_check_is_independent_of_employee_order(org, employees, rnd):
    shuffled = list(employees)
    rnd.shuffle(shuffled)
    assert curve.check_predicates(org, employees) == curve.check_predicates(org, shuffled)


@given(org_predicates, st.lists(predicates, min_size=1, max_size=60))
def test_curve_check_equals_a_recount_by_hand(org, employees):
    counts = Counter(employees)
    total = len(employees)
    expected = []
    for rule in curve.CURVES[org]:
        n = sum(counts[p] for p in rule.predicates)
        share = n / total * 100
        ok = {
            "at_most": share <= rule.percent + 1e-9,
            "at_least": share >= rule.percent - 1e-9,
            "some": n > 0,
        }[rule.kind]
        if not ok:
            expected.append(rule)
    assert [v.rule for v in curve.check(org, counts)] == expected


# --- achievement → suggested rating ----------------------------------------------------------------

percents = st.decimals(min_value=0, max_value=200, places=2, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize(
    ("progress", "band"),
    [
        (None, "no_data"),
        (Decimal("0"), "below"),
        (Decimal("89.99"), "below"),
        (Decimal("90"), "meets"),
        (Decimal("109.99"), "meets"),
        (Decimal("110"), "above"),
        (Decimal("200"), "above"),
    ],
)
def test_band_thresholds(progress, band):
    assert achievement.band(progress) == band


@pytest.mark.parametrize(
    ("counts", "rating"),
    [
        (achievement.Counts(), ""),
        (achievement.Counts(above=3, meets=1), A),
        (achievement.Counts(above=3, meets=0, below=1, main_below=1), S),  # a main IKI below blocks "di atas"
        (achievement.Counts(above=3, below=1, main_below=0), A),  # an additional one does not
        (achievement.Counts(above=2, meets=2), S),  # half is not "most"
        (achievement.Counts(meets=4), S),
        (achievement.Counts(below=3, meets=2, main_below=3), B),
        (achievement.Counts(below=2, meets=2, main_below=2), S),
    ],
)
def test_suggestion_table(counts, rating):
    assert achievement.suggest(counts) == rating


def test_thresholds_are_configurable_and_validated():
    strict = achievement.Thresholds(above_min=Decimal(120), meets_min=Decimal(100), majority=60)
    assert achievement.band(Decimal(110), strict) == "meets"
    assert achievement.band(Decimal(99), strict) == "below"
    assert achievement.suggest(achievement.Counts(above=3, meets=2), strict) == S  # 60 % is not > 60 %
    with pytest.raises(ValueError):
        achievement.Thresholds(above_min=Decimal(90), meets_min=Decimal(90))


@given(st.lists(st.tuples(percents, st.booleans()), min_size=1, max_size=8), st.integers(0, 7), percents)
def test_raising_one_iki_never_lowers_the_suggestion(ikis, index, raise_by):
    index %= len(ikis)

    def rating(items):
        c = Counter()
        main_below = 0
        for p, main in items:
            b = achievement.band(p)
            c[b] += 1
            main_below += b == "below" and main
        return achievement.suggest(achievement.Counts(c["above"], c["meets"], c["below"], main_below))

    raised = list(ikis)
    p, main = raised[index]
    raised[index] = (min(Decimal(200), p + raise_by), main)
    assert predicate.RATING_RANK[rating(raised)] >= predicate.RATING_RANK[rating(ikis)]


values = st.one_of(
    st.none(), st.decimals(min_value=0, max_value=10_000, places=4, allow_nan=False, allow_infinity=False)
)


@given(
    st.one_of(
        st.none(), st.decimals(min_value=0, max_value=5000, places=4, allow_nan=False, allow_infinity=False)
    ),
    st.sampled_from(["higher", "lower"]),
    st.sampled_from(["sum", "last", "average"]),
    st.lists(values, min_size=1, max_size=12),
    st.integers(1, 12),
)
def test_aggregates_give_the_same_progress_as_the_period_values(target, direction, aggregation, vals, upto):
    """What the set-based run computes from SQL aggregates equals performance's rules over the values."""
    total = len(vals)
    upto = min(upto, total)
    known = [v for v in vals[:upto] if v is not None]
    last = known[-1] if known else None
    from_values = achievement.indicator_progress(
        target=target, direction=direction, aggregation=aggregation, values=vals, upto=upto, total=total
    )
    from_aggregates = achievement.progress_from_aggregates(
        target=target,
        direction=direction,
        aggregation=aggregation,
        total=sum(known, Decimal(0)) if known else None,
        count=len(known),
        last=last,
        upto=upto,
        periods=total,
    )
    assert from_values == from_aggregates


def test_periodic_expectation_is_the_linear_share_for_sums():
    exp, realised, pct = achievement.indicator_progress(
        target=Decimal(12),
        direction="higher",
        aggregation="sum",
        values=[Decimal(3), None, None, None],
        upto=1,
        total=4,
    )
    assert (exp, realised, pct) == (Decimal(3), Decimal(3), Decimal("100.00"))
    exp, realised, pct = achievement.indicator_progress(
        target=Decimal(5),
        direction="lower",
        aggregation="last",
        values=[Decimal(4), Decimal(6)],
        upto=2,
        total=2,
    )
    assert exp == Decimal(5) and realised == Decimal(6)
    assert pct == progress_rules.progress_percent(target=Decimal(5), realised=Decimal(6), direction="lower")


def test_unit_and_organisation_ratings():
    assert achievement.rating_from_achievement(Decimal(115)) == A
    assert achievement.rating_from_achievement(Decimal(95)) == S
    assert achievement.rating_from_achievement(Decimal(50)) == B
    assert achievement.rating_from_achievement(None) == ""
    assert achievement.ORG_PREDICATE_RATING == {
        "istimewa": A,
        "baik": S,
        "butuh_perbaikan": B,
        "kurang": B,
        "sangat_kurang": B,
    }


# --- 360° ------------------------------------------------------------------------------------------

CODES = ["berorientasi_pelayanan", "akuntabel"]


def _responses(n, relation="peer"):
    return [(relation, {"berorientasi_pelayanan": A, "akuntabel": S}) for _ in range(n)]


@pytest.mark.parametrize("n", [0, 1, 2])
def test_360_never_below_three(n):
    assert three_sixty.aggregate(_responses(n), CODES) is None
    assert three_sixty.aggregate(_responses(n), CODES, min_respondents=1) is None  # a setting cannot go lower


def test_360_aggregate_from_the_floor_and_configurable_floor():
    agg = three_sixty.aggregate(_responses(3), CODES)
    assert agg.respondents == 3
    assert agg.values[0].above == 3 and agg.values[0].mean == Decimal("3.00")
    assert agg.values[1].meets == 3 and agg.values[1].mean == Decimal("2.00")
    assert three_sixty.aggregate(_responses(4), CODES, min_respondents=5) is None


def test_360_relation_breakdown_only_when_every_relation_reaches_the_floor():
    mixed = _responses(3, "peer") + _responses(1, "subordinate")
    assert three_sixty.aggregate(mixed, CODES).by_relation == {}
    both = _responses(3, "peer") + _responses(3, "subordinate")
    assert three_sixty.aggregate(both, CODES).by_relation == {"peer": 3, "subordinate": 3}


@given(
    st.lists(
        st.tuples(st.sampled_from(["peer", "subordinate"]), st.fixed_dictionaries({"a": ratings})),
        max_size=10,
    )
)
def test_360_hidden_below_floor_and_counts_add_up(responses):
    agg = three_sixty.aggregate(responses, ["a"])
    if len(responses) < 3:
        assert agg is None
    else:
        assert agg.values[0].answered == len(responses)
        assert all(c >= 3 for c in agg.by_relation.values())


# --- follow-up -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("pred", "pct"), [(SB, 150), (BK, 100), (BP, 75), (K, 50), (SK, 25)])
def test_credit_percent(pred, pct):
    assert followup.credit_percent(pred) == Decimal(pct)


def test_credit_points_examples_from_perbkn_3_2023():
    assert followup.credit_points(predicate=SB, coefficient=Decimal("12.5")) == Decimal("18.75")
    assert followup.credit_points(predicate=BK, coefficient=Decimal("12.5"), months=2) == Decimal("2.08")
    with pytest.raises(ValueError):
        followup.credit_points(predicate=BK, coefficient=Decimal(1), months=13)


def test_tpp_table_default_and_configured():
    assert followup.tpp_percent(BP) == Decimal(80)
    table = {SB: 100, BK: 95, BP: 70, K: 50, SK: "0"}
    assert followup.tpp_percent(BK, table) == Decimal(95)
    assert followup.tpp_percent(SK, table) == Decimal(0)
    for bad in ({SB: 100}, {**table, SB: 101}, {**table, BK: "x"}, {**table, "cukup": 1}, None):
        with pytest.raises(ValueError):
            followup.parse_tpp_table(bad)


# --- 9-box -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pred", "potential", "box"),
    [
        (SB, "rendah", 4),
        (SB, "menengah", 7),
        (SB, "tinggi", 9),
        (BK, "rendah", 2),
        (BK, "menengah", 5),
        (BK, "tinggi", 8),
        (BP, "rendah", 1),
        (K, "menengah", 3),
        (SK, "tinggi", 6),
    ],
)
def test_nine_box_numbering(pred, potential, box):
    assert ninebox.box(pred, potential) == box


def test_potential_bands():
    assert ninebox.potential_band(Decimal("59.99")) == "rendah"
    assert ninebox.potential_band(Decimal(60)) == "menengah"
    assert ninebox.potential_band(Decimal(80)) == "tinggi"
    assert ninebox.potential_band(Decimal(70), medium_min=Decimal(50), high_min=Decimal(70)) == "tinggi"
    assert sorted(ninebox.BOXES.values()) == list(range(1, 10))
    assert {7, 8, 9} == ninebox.TALENT_POOL


@given(predicates, predicates, st.decimals(min_value=0, max_value=100, places=2))
def test_nine_box_monotone_in_predicate(p1, p2, score):
    if predicate.PREDICATE_RANK[p1] > predicate.PREDICATE_RANK[p2]:
        p1, p2 = p2, p1
    band = ninebox.potential_band(score)
    row = {"di_bawah": 0, "sesuai": 1, "di_atas": 2}
    assert row[ninebox.PREDICATE_PERFORMANCE[p2]] >= row[ninebox.PREDICATE_PERFORMANCE[p1]]
    assert ninebox.box(p1, band) in range(1, 10)
