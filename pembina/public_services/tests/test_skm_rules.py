"""SKM index, conversion and grade (PermenPANRB 14/2017) and the Krejcie–Morgan sample size."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pembina.public_services.rules import skm

CODES = skm.ELEMENT_CODES


def sums_of(nrr_times_n: list[int]) -> dict[str, int]:
    return dict(zip(CODES, nrr_times_n, strict=True))


def test_elements_are_the_nine_official_unsur():
    assert [e.name for e in skm.ELEMENTS] == [
        "Persyaratan",
        "Sistem, Mekanisme, dan Prosedur",
        "Waktu Penyelesaian",
        "Biaya/Tarif",
        "Produk Spesifikasi Jenis Pelayanan",
        "Kompetensi Pelaksana",
        "Perilaku Pelaksana",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Sarana dan Prasarana",
    ]
    assert CODES == ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9")


def test_worked_example_ten_respondents():
    # NRR 3,2 3,1 2,9 3,8 3,3 3,4 3,5 3,0 3,1 -> sum 29,3 -> x 1/9 = 3,2556 -> x 25 = 81,39 -> B (Baik)
    result = skm.compute(sums_of([32, 31, 29, 38, 33, 34, 35, 30, 31]), 10)
    assert result.nrr["U1"] == Decimal("3.2000") and result.nrr["U4"] == Decimal("3.8000")
    assert result.ikm == Decimal("3.2556")
    assert result.conversion == Decimal("81.39")
    assert result.grade == "B" and result.grade_label == "Baik"


def test_extremes():
    top = skm.compute(sums_of([20] * 9), 5)
    assert (top.ikm, top.conversion, top.grade) == (Decimal("4.0000"), Decimal("100.00"), "A")
    low = skm.compute(sums_of([5] * 9), 5)
    assert (low.ikm, low.conversion, low.grade) == (Decimal("1.0000"), Decimal("25.00"), "D")


def test_boundary_2_60_is_grade_c():
    # 5 respondents, every element summing to 13: NRR 2,6 everywhere -> IKM 2,6 -> 65,00 -> C
    result = skm.compute(sums_of([13] * 9), 5)
    assert (result.conversion, result.grade) == (Decimal("65.00"), "C")


@pytest.mark.parametrize(
    ("conversion", "grade"),
    [
        ("25.00", "D"),
        ("64.99", "D"),
        ("65.00", "C"),
        ("76.60", "C"),
        ("76.61", "B"),
        ("88.30", "B"),
        ("88.31", "A"),
        ("100.00", "A"),
        ("76.604", "C"),  # rounds to 76,60
        ("76.605", "B"),  # rounds to 76,61
    ],
)
def test_conversion_grade_table(conversion, grade):
    assert skm.grade_for_conversion(Decimal(conversion)) == grade


@pytest.mark.parametrize(
    ("ikm", "grade"),
    [
        ("1.00", "D"),
        ("2.5996", "D"),
        ("2.60", "C"),
        ("3.064", "C"),
        ("3.0644", "B"),
        ("3.532", "B"),
        ("3.5324", "A"),
        ("4.00", "A"),
    ],
)
def test_index_grade_table(ikm, grade):
    assert skm.grade_for_index(Decimal(ikm)) == grade


def test_exact_rounding_has_no_float_noise():
    assert skm.exact_decimal(Fraction(766050, 10000), Decimal("0.01")) == Decimal("76.61")
    assert skm.exact_decimal(Fraction(1, 3), Decimal("0.0001")) == Decimal("0.3333")


def test_impossible_sums_rejected():
    with pytest.raises(ValueError):
        skm.compute(sums_of([4] + [10] * 8), 5)  # below 1 x 5
    with pytest.raises(ValueError):
        skm.compute(sums_of([21] + [10] * 8), 5)  # above 4 x 5
    with pytest.raises(ValueError):
        skm.compute({"U1": 10}, 5)


def test_no_respondents_gives_no_index():
    result = skm.compute({}, 0)
    assert result.ikm is None and result.grade is None


answers = st.lists(st.fixed_dictionaries({c: st.integers(1, 4) for c in CODES}), min_size=1, max_size=12)


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(answers)
def test_index_bounds_and_consistency(rows):
    result = skm.compute_from_answers(rows)
    assert Decimal(1) <= result.ikm <= Decimal(4)
    assert Decimal(25) <= result.conversion <= Decimal(100)
    mean = Fraction(sum(sum(r.values()) for r in rows), len(rows) * 9)
    assert result.ikm == skm.exact_decimal(mean, skm.FOUR)
    assert result.grade == skm.grade_for_conversion(result.conversion)


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(answers, st.integers(0, 11), st.sampled_from(CODES))
def test_raising_an_answer_never_lowers_the_index(rows, i, code):
    i = i % len(rows)
    before = skm.compute_from_answers(rows)
    if rows[i][code] == 4:
        return
    rows = [dict(r) for r in rows]
    rows[i][code] += 1
    after = skm.compute_from_answers(rows)
    assert after.ikm >= before.ikm
    assert "DCBA".index(after.grade) >= "DCBA".index(before.grade)


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(st.integers(1, 4), st.integers(1, 30))
def test_uniform_answers_give_that_value(v, n):
    result = skm.compute_from_answers([{c: v for c in CODES}] * n)
    assert result.ikm == Decimal(v) and result.conversion == Decimal(25 * v)


# --- Krejcie–Morgan ---------------------------------------------------------------------------------

COMPUTED = {
    100: 80,
    200: 132,
    300: 169,
    500: 218,
    1000: 278,
    2000: 323,
    5000: 357,
    10000: 370,
    100000: 383,
    1000000: 384,
}
# The printed 1970 table (Krejcie & Morgan, Educational and Psychological Measurement 30).
PUBLISHED = {
    10: 10,
    15: 14,
    20: 19,
    25: 24,
    30: 28,
    40: 36,
    50: 44,
    60: 52,
    70: 59,
    80: 66,
    90: 73,
    100: 80,
    120: 92,
    150: 108,
    200: 132,
    250: 152,
    300: 169,
    400: 196,
    500: 217,
    600: 234,
    700: 248,
    800: 260,
    900: 269,
    1000: 278,
    1500: 306,
    2000: 322,
    3000: 341,
    4000: 351,
    5000: 357,
    10000: 370,
    20000: 377,
    50000: 381,
    100000: 384,
    1000000: 384,
}


@pytest.mark.parametrize(("population", "sample"), sorted(COMPUTED.items()))
def test_sample_size_formula_values(population, sample):
    assert skm.krejcie_morgan(population) == sample


def test_sample_size_within_one_of_published_table():
    for population, sample in PUBLISHED.items():
        assert abs(skm.krejcie_morgan(population) - sample) <= 1, population
    assert (
        skm.krejcie_morgan(100) == 80 and skm.krejcie_morgan(1000) == 278 and skm.krejcie_morgan(10000) == 370
    )


@settings(deadline=None)  # wall-clock limits flake on a loaded CI machine
@given(st.integers(0, 2_000_000), st.integers(0, 1000))
def test_sample_size_properties(n, more):
    s = skm.krejcie_morgan(n)
    assert 0 <= s <= min(n, 385)
    assert skm.krejcie_morgan(n + more) >= s


def test_sample_reached():
    assert skm.sample_reached(80, 100) and not skm.sample_reached(79, 100)
    assert skm.sample_reached(0, 0)
