"""Pola distribusi: which spreads of employee predicates an OPD's own predicate allows.

SE MenPANRB 3/2023 as quoted in regulation.md §1.6.3. Each organisation predicate has a list of
rules over the employees' predicates; a rule is a share bound (at most / at least N % of employees
in a set of predicates) or "there must be someone" in a set. Shares compare in integers
(count × 100 against percent × total), so 60 % of 5 people needs 3. An empty OPD violates nothing.
The check depends only on the counts, never on the order of the employees."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pembina.evaluation.rules.predicate import GOOD, NEEDS_IMPROVEMENT, POOR, VERY_GOOD, VERY_POOR

OUTSTANDING = "istimewa"
ORG_GOOD, ORG_NEEDS_IMPROVEMENT, ORG_POOR, ORG_VERY_POOR = (
    "baik",
    "butuh_perbaikan",
    "kurang",
    "sangat_kurang",
)
ORG_PREDICATES = (OUTSTANDING, ORG_GOOD, ORG_NEEDS_IMPROVEMENT, ORG_POOR, ORG_VERY_POOR)

AT_MOST, AT_LEAST, SOME = "at_most", "at_least", "some"

LABELS = {
    VERY_GOOD: "Sangat Baik",
    GOOD: "Baik",
    NEEDS_IMPROVEMENT: "Butuh Perbaikan",
    POOR: "Kurang/Misconduct",
    VERY_POOR: "Sangat Kurang",
}


@dataclass(frozen=True)
class Rule:
    kind: str  # AT_MOST | AT_LEAST | SOME
    predicates: frozenset[str]
    percent: int = 0  # for AT_MOST / AT_LEAST

    def describe(self) -> str:
        names = " dan/atau ".join(LABELS[p] for p in sorted(self.predicates, key=list(LABELS).index))
        if self.kind == AT_MOST:
            if self.percent == 0:
                return f"tidak boleh ada pegawai {names}"
            return f"paling banyak {self.percent}% pegawai {names}"
        if self.kind == AT_LEAST:
            return f"paling sedikit {self.percent}% pegawai {names}"
        return f"harus ada pegawai {names}"


def _r(kind: str, preds: Iterable[str], percent: int = 0) -> Rule:
    return Rule(kind, frozenset(preds), percent)


CURVES: dict[str, tuple[Rule, ...]] = {
    OUTSTANDING: (_r(AT_MOST, {VERY_GOOD}, 70),),
    ORG_GOOD: (
        _r(AT_MOST, {GOOD}, 70),
        _r(SOME, {NEEDS_IMPROVEMENT, POOR}),
    ),
    ORG_NEEDS_IMPROVEMENT: (
        _r(AT_LEAST, {NEEDS_IMPROVEMENT}, 60),
        _r(AT_MOST, {VERY_GOOD}, 10),
    ),
    ORG_POOR: (
        _r(AT_LEAST, {POOR}, 60),
        _r(AT_LEAST, {NEEDS_IMPROVEMENT}, 10),
        _r(AT_MOST, {VERY_GOOD}, 10),
    ),
    ORG_VERY_POOR: (
        _r(AT_LEAST, {VERY_POOR}, 60),
        _r(AT_LEAST, {POOR, NEEDS_IMPROVEMENT}, 10),
        _r(AT_MOST, {VERY_GOOD}, 0),
    ),
}


@dataclass(frozen=True)
class Violation:
    rule: Rule
    count: int  # employees in the rule's predicates
    total: int

    @property
    def actual_percent(self) -> float:
        return round(100 * self.count / self.total, 1) if self.total else 0.0

    @property
    def message(self) -> str:
        return f"Pola distribusi: {self.rule.describe()}; saat ini {self.count} dari {self.total} ({self.actual_percent}%)."


def rule_holds(rule: Rule, count: int, total: int) -> bool:
    if total == 0:
        return True
    if rule.kind == AT_MOST:
        return count * 100 <= rule.percent * total
    if rule.kind == AT_LEAST:
        return count * 100 >= rule.percent * total
    if rule.kind == SOME:
        return count > 0
    raise ValueError(rule.kind)


def check(org_predicate: str, counts: Mapping[str, int]) -> list[Violation]:
    """Every rule of the organisation predicate's curve the distribution `counts` (predicate →
    employees) breaks, in table order. Predicates outside the five are ignored."""
    try:
        rules = CURVES[org_predicate]
    except KeyError:
        raise ValueError(org_predicate) from None
    total = sum(n for p, n in counts.items() if p in LABELS)
    out = []
    for rule in rules:
        count = sum(counts.get(p, 0) for p in rule.predicates)
        if not rule_holds(rule, count, total):
            out.append(Violation(rule, count, total))
    return out


def check_predicates(org_predicate: str, predicates: Iterable[str]) -> list[Violation]:
    """`check` over a list of employee predicates (blank = not yet rated, ignored)."""
    return check(org_predicate, Counter(p for p in predicates if p))
