"""SKM / IKM after PermenPANRB 14/2017: the 9 elements, the index, its conversion and mutu grade,
and the Krejcie–Morgan sample size.

Elements are stored by meaning (model field) and carry a code: instansi number U8/U9 differently,
so nothing here depends on position.

    NRR per element  = sum of answers / respondents            (1..4)
    IKM              = sum of NRR x 1/9                        (1..4)
    conversion (NIK) = IKM x 25, rounded to 2 decimals          (25..100)
    grade            = D < 65,00 <= C <= 76,60 < B <= 88,30 < A (regulation.md §4.1, §8)

Arithmetic is exact (fractions) until the final rounding, so a grade never flips on float noise.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


@dataclass(frozen=True)
class Element:
    code: str
    field: str  # SurveyResponse field name
    name: str  # official Indonesian name (a legal term: shown as is)


ELEMENTS: tuple[Element, ...] = (
    Element("U1", "requirements", "Persyaratan"),
    Element("U2", "procedure", "Sistem, Mekanisme, dan Prosedur"),
    Element("U3", "timeliness", "Waktu Penyelesaian"),
    Element("U4", "cost", "Biaya/Tarif"),
    Element("U5", "product", "Produk Spesifikasi Jenis Pelayanan"),
    Element("U6", "competence", "Kompetensi Pelaksana"),
    Element("U7", "behaviour", "Perilaku Pelaksana"),
    Element("U8", "complaint_handling", "Penanganan Pengaduan, Saran dan Masukan"),
    Element("U9", "facilities", "Sarana dan Prasarana"),
)
ELEMENT_CODES = tuple(e.code for e in ELEMENTS)
ELEMENT_FIELDS = tuple(e.field for e in ELEMENTS)
BY_CODE = {e.code: e for e in ELEMENTS}

MIN_SCORE, MAX_SCORE = 1, 4
WEIGHT = Fraction(1, len(ELEMENTS))  # equal weights: the sum of weights stays 1
CONVERSION_FACTOR = 25

GRADE_A, GRADE_B, GRADE_C, GRADE_D = "A", "B", "C", "D"
GRADE_LABELS = {
    GRADE_A: "Sangat Baik",
    GRADE_B: "Baik",
    GRADE_C: "Kurang Baik",
    GRADE_D: "Tidak Baik",
}
# Upper bounds of the converted value (inclusive) per grade, from the regulation's table.
_UPPER_D = Decimal("64.99")
_UPPER_C = Decimal("76.60")
_UPPER_B = Decimal("88.30")

TWO = Decimal("0.01")
FOUR = Decimal("0.0001")


def exact_decimal(value: Fraction, quantum: Decimal) -> Decimal:
    """Round an exact fraction half-up to `quantum` without a float in between."""
    q = value / Fraction(quantum)
    whole = math.floor(q)
    if q - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(whole) * quantum


def grade_for_conversion(conversion: Decimal) -> str:
    """Mutu pelayanan for a converted value (25..100), compared after rounding to 2 decimals."""
    value = Decimal(conversion).quantize(TWO, rounding=ROUND_HALF_UP)
    if value <= _UPPER_D:
        return GRADE_D
    if value <= _UPPER_C:
        return GRADE_C
    if value <= _UPPER_B:
        return GRADE_B
    return GRADE_A


def grade_for_index(ikm: Decimal | Fraction | float) -> str:
    """Mutu pelayanan for an index on the 1..4 scale (via its conversion)."""
    frac = ikm if isinstance(ikm, Fraction) else Fraction(Decimal(str(ikm)))
    return grade_for_conversion(exact_decimal(frac * CONVERSION_FACTOR, TWO))


@dataclass(frozen=True)
class SkmResult:
    respondents: int
    nrr: dict[str, Decimal]  # element code -> NRR (4 decimals)
    ikm: Decimal | None  # 1..4, 4 decimals
    conversion: Decimal | None  # 25..100, 2 decimals
    grade: str | None

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS.get(self.grade or "", "")


def compute(sums: Mapping[str, int], respondents: int) -> SkmResult:
    """The index from per-element sums of answers (keyed by element code) over `respondents`."""
    if respondents <= 0:
        return SkmResult(0, {}, None, None, None)
    missing = [c for c in ELEMENT_CODES if c not in sums]
    if missing:
        raise ValueError(f"missing element sums: {missing}")
    nrr_exact = {}
    for code in ELEMENT_CODES:
        total = int(sums[code])
        if not MIN_SCORE * respondents <= total <= MAX_SCORE * respondents:
            raise ValueError(f"sum {total} of {code} impossible for {respondents} respondents")
        nrr_exact[code] = Fraction(total, respondents)
    ikm_exact = sum((v * WEIGHT for v in nrr_exact.values()), Fraction(0))
    conversion = exact_decimal(ikm_exact * CONVERSION_FACTOR, TWO)
    return SkmResult(
        respondents=respondents,
        nrr={c: exact_decimal(v, FOUR) for c, v in nrr_exact.items()},
        ikm=exact_decimal(ikm_exact, FOUR),
        conversion=conversion,
        grade=grade_for_conversion(conversion),
    )


def compute_from_answers(answers: Sequence[Mapping[str, int]]) -> SkmResult:
    """The index from individual questionnaires (each a mapping element code -> 1..4)."""
    sums = {c: 0 for c in ELEMENT_CODES}
    for row in answers:
        for c in ELEMENT_CODES:
            score = int(row[c])
            if not MIN_SCORE <= score <= MAX_SCORE:
                raise ValueError(f"score {score} of {c} outside 1..4")
            sums[c] += score
    return compute(sums, len(answers))


# --- sample size -------------------------------------------------------------------------------

CHI_SQUARE = Fraction(3841, 1000)  # chi-square, 1 degree of freedom, 95% confidence
PROPORTION = Fraction(1, 2)
MARGIN = Fraction(5, 100)


def krejcie_morgan(population: int) -> int:
    """Minimum sample for a population: s = X2 N P(1-P) / (d2 (N-1) + X2 P(1-P)), rounded up.

    The 1970 printed table rounds a few rows differently (500 -> 217, 2 000 -> 322); this is the
    formula's value, never more than one respondent away from the table."""
    if population <= 0:
        return 0
    pq = PROPORTION * (1 - PROPORTION)
    s = CHI_SQUARE * population * pq / (MARGIN**2 * (population - 1) + CHI_SQUARE * pq)
    return min(population, math.ceil(s))


def sample_reached(respondents: int, population: int) -> bool:
    return respondents >= krejcie_morgan(population)
