"""How many JP (jam pelajaran) a year of completed activities is worth: what counts, caps, the monthly curve.

PP 11/2017 jo PP 17/2020 Pasal 203 (4): at least 20 JP per PNS per year. Which forms count and how much
of each is a local rule, so every number here is a `Policy` an instansi may change (stored as JSON in
`learning.JpPolicy`). Caps are applied in date order, so when a yearly cap binds, the earliest
activities are the ones counted; the total itself does not depend on the order (see the property tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from pembina.learning.choices import ActivityKind as K
from pembina.learning.choices import ActivityMode as M

ZERO = Decimal("0")
STEP = Decimal("0.1")  # JP are kept to one decimal (a 45-minute JP split in halves at most)
DEFAULT_TARGET = Decimal("20")

MODE_OF: dict[str, str] = {
    K.TRAINING: M.CLASSICAL,
    K.TECHNICAL_GUIDANCE: M.CLASSICAL,
    K.SEMINAR: M.CLASSICAL,
    K.WORKSHOP: M.CLASSICAL,
    K.COURSE: M.CLASSICAL,
    K.UPGRADING: M.CLASSICAL,
    K.SOCIALISATION: M.CLASSICAL,
    K.E_LEARNING: M.NON_CLASSICAL,
    K.DISTANCE_LEARNING: M.NON_CLASSICAL,
    K.COACHING: M.NON_CLASSICAL,
    K.MENTORING: M.NON_CLASSICAL,
    K.ON_THE_JOB: M.NON_CLASSICAL,
    K.SECONDMENT: M.NON_CLASSICAL,
    K.INTERNSHIP: M.NON_CLASSICAL,
    K.BENCHMARKING: M.NON_CLASSICAL,
    K.EXCHANGE: M.NON_CLASSICAL,
    K.OUTBOUND: M.NON_CLASSICAL,
    K.COMMUNITY: M.NON_CLASSICAL,
    K.SELF_STUDY: M.NON_CLASSICAL,
    K.SIMULATION: M.NON_CLASSICAL,
    K.EDUCATION: M.EDUCATION,
}
KINDS = tuple(MODE_OF)
MODES = (M.CLASSICAL, M.NON_CLASSICAL, M.EDUCATION)


def mode_of(kind: str) -> str:
    return MODE_OF.get(kind, M.NON_CLASSICAL)


class PolicyError(ValueError):
    """A policy document is malformed; the message is Indonesian and names the key."""


@dataclass(frozen=True)
class KindRule:
    counts: bool = True
    cap_per_year: Decimal | None = None  # most JP of this kind counted in one year
    cap_per_activity: Decimal | None = None  # most JP one activity of this kind may claim


@dataclass(frozen=True)
class Policy:
    target: Decimal = DEFAULT_TARGET
    kinds: Mapping[str, KindRule] = field(default_factory=dict)  # kinds not listed: count fully
    mode_caps: Mapping[str, Decimal] = field(default_factory=dict)  # e.g. {"non_classical": 12}
    include_pppk: bool = True  # the PPPK minimum is not settled (regulation.md §3.1); on by default

    def rule(self, kind: str) -> KindRule:
        return self.kinds.get(kind) or KindRule()


# Kota Pontianak's default (docs/learning.md): everything counts; self-study, learning communities and
# simulations are capped so the 20 JP cannot be met by them alone; formal education counts up to 20.
DEFAULT_POLICY = Policy(
    kinds={
        K.SELF_STUDY: KindRule(cap_per_year=Decimal("10")),
        K.COMMUNITY: KindRule(cap_per_year=Decimal("10")),
        K.SIMULATION: KindRule(cap_per_year=Decimal("10")),
        K.EDUCATION: KindRule(cap_per_year=Decimal("20")),
    }
)


def _decimal(value: Any, where: str, *, allow_none: bool = True) -> Decimal | None:
    if value is None or value == "":
        if allow_none:
            return None
        raise PolicyError(f"{where}: wajib diisi.")
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise PolicyError(f"{where}: '{value}' bukan angka.") from None
    if not number.is_finite() or number < 0:
        raise PolicyError(f"{where}: harus angka 0 atau lebih.")
    return number.quantize(STEP)


def policy_from_dict(data: Mapping[str, Any] | None) -> Policy:
    """Read a policy document (the JSON stored per instansi); unknown kinds or keys are refused."""
    if not data:
        return DEFAULT_POLICY
    allowed = {"target", "kinds", "mode_caps", "include_pppk"}
    unknown = set(data) - allowed
    if unknown:
        raise PolicyError(f"Kunci kebijakan tidak dikenal: {', '.join(sorted(unknown))}.")
    target = _decimal(data.get("target", DEFAULT_TARGET), "target", allow_none=False)
    kinds: dict[str, KindRule] = {}
    for kind, raw in (data.get("kinds") or {}).items():
        if kind not in MODE_OF:
            raise PolicyError(f"Bentuk pengembangan '{kind}' tidak dikenal.")
        if not isinstance(raw, Mapping) or set(raw) - {"counts", "cap_per_year", "cap_per_activity"}:
            raise PolicyError(f"Aturan untuk '{kind}' harus berisi counts, cap_per_year, cap_per_activity.")
        kinds[kind] = KindRule(
            counts=bool(raw.get("counts", True)),
            cap_per_year=_decimal(raw.get("cap_per_year"), f"{kind}.cap_per_year"),
            cap_per_activity=_decimal(raw.get("cap_per_activity"), f"{kind}.cap_per_activity"),
        )
    mode_caps: dict[str, Decimal] = {}
    for mode, cap in (data.get("mode_caps") or {}).items():
        if mode not in MODES:
            raise PolicyError(f"Jalur '{mode}' tidak dikenal.")
        mode_caps[mode] = _decimal(cap, f"mode_caps.{mode}", allow_none=False)
    return Policy(
        target=target, kinds=kinds, mode_caps=mode_caps, include_pppk=bool(data.get("include_pppk", True))
    )


def policy_to_dict(policy: Policy) -> dict[str, Any]:
    def num(v: Decimal | None) -> str | None:
        return None if v is None else str(v)

    return {
        "target": str(policy.target),
        "kinds": {
            k: {
                "counts": r.counts,
                "cap_per_year": num(r.cap_per_year),
                "cap_per_activity": num(r.cap_per_activity),
            }
            for k, r in policy.kinds.items()
        },
        "mode_caps": {m: str(c) for m, c in policy.mode_caps.items()},
        "include_pppk": policy.include_pppk,
    }


@dataclass(frozen=True)
class Item:
    """One completed, verified activity as the rule sees it."""

    kind: str
    jp: Decimal
    day: dt.date  # the completion date decides the year and month


@dataclass(frozen=True)
class JpResult:
    total: Decimal
    raw_total: Decimal
    by_kind: Mapping[str, Decimal]
    by_mode: Mapping[str, Decimal]
    monthly: tuple[Decimal, ...]  # cumulative JP counted by the end of each month, Jan … Dec
    count: int  # activities of the year (counted or not)

    @property
    def capped(self) -> Decimal:
        return self.raw_total - self.total


def _q(value: Decimal) -> Decimal:
    return Decimal(value).quantize(STEP)


def compute(items: Iterable[Item], policy: Policy, year: int) -> JpResult:
    """JP counted for `year` from `items` (items of other years are ignored)."""
    mine = sorted(
        (i for i in items if i.day.year == year), key=lambda i: (i.day, i.kind, i.jp)
    )  # date order decides which activity a binding cap cuts; the rest only makes it deterministic
    used_kind: dict[str, Decimal] = {}
    used_mode: dict[str, Decimal] = {}
    per_month = [ZERO] * 12
    raw = ZERO
    for item in mine:
        jp = max(_q(item.jp), ZERO)
        raw += jp
        rule = policy.rule(item.kind)
        if not rule.counts:
            continue
        counted = jp
        if rule.cap_per_activity is not None:
            counted = min(counted, rule.cap_per_activity)
        if rule.cap_per_year is not None:
            counted = min(counted, max(rule.cap_per_year - used_kind.get(item.kind, ZERO), ZERO))
        mode = mode_of(item.kind)
        mode_cap = policy.mode_caps.get(mode)
        if mode_cap is not None:
            counted = min(counted, max(mode_cap - used_mode.get(mode, ZERO), ZERO))
        if counted <= 0:
            continue
        used_kind[item.kind] = used_kind.get(item.kind, ZERO) + counted
        used_mode[mode] = used_mode.get(mode, ZERO) + counted
        per_month[item.day.month - 1] += counted
    cumulative: list[Decimal] = []
    running = ZERO
    for value in per_month:
        running += value
        cumulative.append(running)
    return JpResult(
        total=running,
        raw_total=raw,
        by_kind=dict(used_kind),
        by_mode=dict(used_mode),
        monthly=tuple(cumulative),
        count=len(mine),
    )


def shortfall(total: Decimal, target: Decimal) -> Decimal:
    return max(target - total, ZERO)


def applies_to(asn_status: str, policy: Policy) -> bool:
    """Whether the minimum binds an employee of this status (CPNS follow Latsar, still counted)."""
    return asn_status != "pppk" or policy.include_pppk
