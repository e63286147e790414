"""Kuadran kinerja: rating hasil kerja × rating perilaku kerja → predikat kinerja pegawai.

The table is PermenPANRB 6/2022's matrix as in regulation.md §1.6.2 / §8 (rows = hasil kerja,
columns = perilaku kerja). Codes are those of `choices.Rating` and `choices.Predicate`."""

from __future__ import annotations

ABOVE, MEETS, BELOW = "di_atas", "sesuai", "di_bawah"
RATINGS = (BELOW, MEETS, ABOVE)  # worst first
RATING_RANK = {r: i for i, r in enumerate(RATINGS)}

VERY_GOOD, GOOD, NEEDS_IMPROVEMENT, POOR, VERY_POOR = (
    "sangat_baik",
    "baik",
    "butuh_perbaikan",
    "kurang",
    "sangat_kurang",
)
PREDICATES = (VERY_GOOD, GOOD, NEEDS_IMPROVEMENT, POOR, VERY_POOR)  # best first
PREDICATE_RANK = {p: len(PREDICATES) - i for i, p in enumerate(PREDICATES)}  # higher is better

# (rating hasil kerja, rating perilaku kerja) → predikat
MATRIX: dict[tuple[str, str], str] = {
    (ABOVE, BELOW): POOR,
    (ABOVE, MEETS): GOOD,
    (ABOVE, ABOVE): VERY_GOOD,
    (MEETS, BELOW): POOR,
    (MEETS, MEETS): GOOD,
    (MEETS, ABOVE): GOOD,
    (BELOW, BELOW): VERY_POOR,
    (BELOW, MEETS): NEEDS_IMPROVEMENT,
    (BELOW, ABOVE): NEEDS_IMPROVEMENT,
}

# Predicates that open a development need (Butuh Perbaikan or worse).
NEEDS_DEVELOPMENT = frozenset({NEEDS_IMPROVEMENT, POOR, VERY_POOR})


def predicate(result: str | None, behaviour: str | None) -> str:
    """The predicate of two ratings; "" while either rating is missing."""
    if not result or not behaviour:
        return ""
    try:
        return MATRIX[(result, behaviour)]
    except KeyError:
        raise ValueError((result, behaviour)) from None


def at_least(pred: str, floor: str) -> bool:
    """Is `pred` as good as `floor` or better?"""
    return PREDICATE_RANK[pred] >= PREDICATE_RANK[floor]


def opens_development_need(pred: str) -> bool:
    return pred in NEEDS_DEVELOPMENT
