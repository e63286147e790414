"""Tindak lanjut of a predicate: functional positions' credit-point percentage (PerBKN 3/2023:
AK = % predikat × koefisien, pro rata by months) and a TPP performance component per predicate,
which each pemda sets in its Perwa (the default here is a placeholder to be configured)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from pembina.evaluation.rules.predicate import GOOD, NEEDS_IMPROVEMENT, POOR, PREDICATES, VERY_GOOD, VERY_POOR

CREDIT_PERCENT: dict[str, Decimal] = {
    VERY_GOOD: Decimal(150),
    GOOD: Decimal(100),
    NEEDS_IMPROVEMENT: Decimal(75),
    POOR: Decimal(50),
    VERY_POOR: Decimal(25),
}

# Not regulation: Pontianak's TPP table was not found (regulation.md §5). Configure per instansi.
DEFAULT_TPP_PERCENT: dict[str, Decimal] = {
    VERY_GOOD: Decimal(100),
    GOOD: Decimal(100),
    NEEDS_IMPROVEMENT: Decimal(80),
    POOR: Decimal(60),
    VERY_POOR: Decimal(40),
}


def credit_percent(predicate: str) -> Decimal:
    return CREDIT_PERCENT[predicate]


def credit_points(*, predicate: str, coefficient: Decimal, months: int = 12) -> Decimal:
    """Angka kredit for `months` of a year at the position's annual coefficient (2 decimals)."""
    if not 0 < months <= 12:
        raise ValueError(months)
    value = Decimal(months) / 12 * CREDIT_PERCENT[predicate] / 100 * Decimal(coefficient)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def parse_tpp_table(table: Mapping[str, object] | None) -> dict[str, Decimal]:
    """A TPP table (predicate → percent 0–100) as Decimals; ValueError naming what is wrong."""
    if not isinstance(table, Mapping):
        raise ValueError("Tabel TPP harus berisi persentase per predikat.")
    out = {}
    for pred in PREDICATES:
        if pred not in table:
            raise ValueError(f"Tabel TPP belum memuat predikat {pred}.")
        try:
            value = Decimal(str(table[pred]))
        except Exception:  # noqa: BLE001 — any unparsable value is the same user error
            raise ValueError(f"Persentase TPP untuk {pred} bukan angka.") from None
        if not 0 <= value <= 100:
            raise ValueError(f"Persentase TPP untuk {pred} harus 0–100.")
        out[pred] = value
    unknown = set(table) - set(PREDICATES)
    if unknown:
        raise ValueError(f"Predikat tidak dikenal di tabel TPP: {', '.join(sorted(unknown))}.")
    return out


def tpp_percent(predicate: str, table: Mapping[str, object] | None = None) -> Decimal:
    return parse_tpp_table(table if table is not None else DEFAULT_TPP_PERCENT)[predicate]
