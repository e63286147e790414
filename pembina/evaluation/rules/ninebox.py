"""Talent 9-box (PermenPANRB 3/2020): performance (from the predicate) × potential (from an
assessment score, banded by the instansi's thresholds), numbered as in the KemenPANRB deck:

    kinerja \\ potensi   rendah  menengah  tinggi
    di atas ekspektasi     4        7        9
    sesuai ekspektasi      2        5        8
    di bawah ekspektasi    1        3        6
"""

from __future__ import annotations

from decimal import Decimal

from pembina.evaluation.rules.predicate import (
    ABOVE,
    BELOW,
    GOOD,
    MEETS,
    NEEDS_IMPROVEMENT,
    POOR,
    VERY_GOOD,
    VERY_POOR,
)

LOW, MEDIUM, HIGH = "rendah", "menengah", "tinggi"
POTENTIALS = (LOW, MEDIUM, HIGH)

BOXES: dict[tuple[str, str], int] = {
    (ABOVE, LOW): 4,
    (ABOVE, MEDIUM): 7,
    (ABOVE, HIGH): 9,
    (MEETS, LOW): 2,
    (MEETS, MEDIUM): 5,
    (MEETS, HIGH): 8,
    (BELOW, LOW): 1,
    (BELOW, MEDIUM): 3,
    (BELOW, HIGH): 6,
}
TALENT_POOL = frozenset({7, 8, 9})
BOX_LABELS = {
    9: "Bintang",
    8: "Performer Tinggi",
    7: "Potensi Tinggi",
    6: "Potensial",
    5: "Pekerja Inti",
    4: "Kinerja Tinggi",
    3: "Perlu Dikembangkan",
    2: "Kinerja Sesuai",
    1: "Kinerja Rendah",
}

PREDICATE_PERFORMANCE = {
    VERY_GOOD: ABOVE,
    GOOD: MEETS,
    NEEDS_IMPROVEMENT: BELOW,
    POOR: BELOW,
    VERY_POOR: BELOW,
}


def potential_band(
    score: Decimal, *, medium_min: Decimal = Decimal(60), high_min: Decimal = Decimal(80)
) -> str:
    if not medium_min < high_min:
        raise ValueError("medium_min must be below high_min")
    if score >= high_min:
        return HIGH
    if score >= medium_min:
        return MEDIUM
    return LOW


def box(predicate: str, potential: str) -> int:
    return BOXES[(PREDICATE_PERFORMANCE[predicate], potential)]
