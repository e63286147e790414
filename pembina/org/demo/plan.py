"""Plans the demo city in memory: every unit, position, person, assignment and override, from a seed.

Pure and deterministic: the same (seed, size, reference date) gives the same plan, byte for byte.
Nothing here touches the database; `builder` writes a plan (audited) and the benchmark writes the same
plan with plain querysets as its baseline.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from dataclasses import dataclass, field

from pembina.org.choices import AsnStatus, AssignmentKind, AssignmentReason, Gender
from pembina.org.choices import JobType as T
from pembina.org.choices import UnitKind as K
from pembina.org.demo import catalogue as C
from pembina.org.demo.structure import PEMDA, UnitSpec
from pembina.org.rules.nip import make_nip
from pembina.org.rules.ranks import PNS_RANKS

# The demo is "as of" this day (assignments start before it, ages are counted to it), so a seed
# gives the same city whenever it is built; only a clock set earlier than this moves it back.
REFERENCE_DATE = dt.date(2026, 7, 1)
MIN_EMPLOYEES = 100
HEAD_SHARE_LIMIT = 0.45  # with few employees, at most this share of them lead units
MUTATION_SHARE = 0.18  # staff with a mutasi in their history
CPNS_SHARE = 0.05

MUSLIM_GROUPS = tuple(g for g in C.NAME_GROUPS if g.muslim)
PPPK_INTAKES = (
    (2021, 1.0),
    (2022, 3.0),
    (2023, 3.0),
    (2024, 2.0),
    (2025, 2.0),
)  # big teacher intakes 2022–23
MANAGERIAL = (T.JPT_PRATAMA, T.ADMINISTRATOR, T.PENGAWAS)
DEFAULT_HEAD_TYPE = {
    K.SEKRETARIAT_DAERAH: T.JPT_PRATAMA,
    K.SEKRETARIAT_DPRD: T.JPT_PRATAMA,
    K.INSPEKTORAT: T.JPT_PRATAMA,
    K.DINAS: T.JPT_PRATAMA,
    K.BADAN: T.JPT_PRATAMA,
    K.SATPOL_PP: T.JPT_PRATAMA,
    K.RSUD: T.JPT_PRATAMA,
    K.ASISTEN: T.JPT_PRATAMA,
    K.KECAMATAN: T.ADMINISTRATOR,
    K.SEKRETARIAT: T.ADMINISTRATOR,
    K.BIDANG: T.ADMINISTRATOR,
    K.BAGIAN: T.ADMINISTRATOR,
    K.SUBBAGIAN: T.PENGAWAS,
    K.SEKSI: T.PENGAWAS,
    K.UPT: T.PENGAWAS,
    K.PUSKESMAS: T.PENGAWAS,
    K.KELURAHAN: T.PENGAWAS,
}


@dataclass
class PUnit:
    idx: int
    code: str
    name: str
    short_name: str
    kind: str
    is_opd: bool
    parent: int | None
    opd: int | None
    depth: int
    sort_order: int
    field: str
    spec: UnitSpec


@dataclass
class PPosition:
    idx: int
    unit: int
    code: str
    name: str
    job_type: str
    level: str
    job_class: int | None
    is_head: bool = False
    singleton: bool = False
    job_key: str = ""
    field: str = ""
    weight: float = 0.0


@dataclass
class PAssignment:
    position: int
    kind: str
    reason: str
    start: dt.date
    end: dt.date | None = None
    decree_number: str = ""
    decree_date: dt.date | None = None
    note: str = ""


@dataclass
class PEmployee:
    idx: int
    nip: str
    name: str
    front_title: str
    back_title: str
    gender: str
    birth_place: str
    birth_date: dt.date
    asn_status: str
    rank: str
    rank_since: dt.date
    position: int
    service_start: dt.date  # TMT CPNS, or the start of the PPPK contract
    assignments: list[PAssignment] = field(default_factory=list)


@dataclass
class POverride:
    employee: int
    supervisor: int
    start: dt.date
    reason: str


@dataclass
class Plan:
    seed: int
    size: int
    reference: dt.date
    units: list[PUnit]
    positions: list[PPosition]
    employees: list[PEmployee]
    overrides: list[POverride]
    personas: dict[str, int]  # persona → employee idx
    persona_units: dict[str, int]  # persona → unit idx
    vacant: list[int]  # head position idx left vacant on purpose

    def fingerprint(self) -> list[tuple]:
        """What must not change between two builds with one seed (used by tests)."""
        return [
            (
                e.nip,
                e.name,
                e.front_title,
                e.back_title,
                e.rank,
                e.position,
                [(a.position, a.start) for a in e.assignments],
            )
            for e in self.employees
        ]


# --- helpers -----------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + y, m + 1, 1)


_CUMULATIVE: dict[int, tuple] = {}


def _weighted(rng: random.Random, items: tuple, weight=lambda it: it[-1]):
    """One of `items` drawn by weight. `items` must be a long-lived tuple (its cumulative weights are
    cached by identity, and the cache keeps it alive so the identity is never reused)."""
    cached = _CUMULATIVE.get(id(items))
    if cached is None or cached[0] is not items:
        cum = list(itertools.accumulate(weight(it) for it in items))
        cached = _CUMULATIVE[id(items)] = (items, cum, cum[-1])
    _items, cum, total = cached
    return items[min(bisect.bisect_right(cum, rng.random() * total), len(items) - 1)]


def _largest_remainder(total: int, weights: list[float]) -> list[int]:
    """Split `total` into integers proportional to `weights` (ties go to the earlier entry)."""
    s = sum(weights)
    if total <= 0 or s <= 0:
        return [0] * len(weights)
    exact = [total * w / s for w in weights]
    counts = [int(x) for x in exact]
    short = total - sum(counts)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[:short]:
        counts[i] += 1
    return counts


def _head_name(spec: UnitSpec, opd_name: str) -> str:
    if spec.head:
        return spec.head.format(opd=opd_name)
    if spec.kind == K.KECAMATAN:
        return spec.name.replace("Kecamatan", "Camat", 1)
    return f"Kepala {spec.name}"


# --- the plan ----------------------------------------------------------------------------------


class Planner:
    def __init__(self, *, seed: int, size: int, reference: dt.date | None = None):
        if size < MIN_EMPLOYEES:
            raise ValueError(f"Jumlah pegawai demo minimal {MIN_EMPLOYEES}.")
        self.seed = seed
        self.size = size
        self.reference = min(reference or REFERENCE_DATE, dt.date.today())
        self.rng = random.Random(seed)
        self.units: list[PUnit] = []
        self.positions: list[PPosition] = []
        self.employees: list[PEmployee] = []
        self.overrides: list[POverride] = []
        self.personas: dict[str, int] = {}
        self.persona_units: dict[str, int] = {}
        self.nip_seq: dict[str, int] = {}
        self.decree_seq = 0
        self.holder: dict[int, int] = {}  # head/singleton position idx → employee idx

    # units and positions --------------------------------------------------------------------

    def _walk(self, spec: UnitSpec, parent: PUnit | None, sort_order: int) -> None:
        code = spec.code if parent is None or parent.kind == K.PEMDA else f"{parent.code}-{spec.code}"
        idx = len(self.units)
        opd = idx if spec.is_opd else (parent.opd if parent else None)
        unit = PUnit(
            idx=idx,
            code=code,
            name=spec.name,
            short_name=spec.short_name,
            kind=spec.kind,
            is_opd=spec.is_opd,
            parent=parent.idx if parent else None,
            opd=opd,
            depth=(parent.depth + 1) if parent else 0,
            sort_order=sort_order,
            field=spec.domain or (parent.field if parent else "umum"),
            spec=spec,
        )
        self.units.append(unit)
        if spec.persona:
            self.persona_units[spec.persona] = idx
        self._positions_for(unit)
        for i, child in enumerate(spec.children):
            self._walk(child, unit, i + 1)

    def _add_position(self, unit: PUnit, **kw) -> PPosition:
        n = self._pos_count.get(unit.idx, 0)
        self._pos_count[unit.idx] = n + 1
        pos = PPosition(idx=len(self.positions), unit=unit.idx, code=f"{unit.code}.{n + 1:02d}", **kw)
        self.positions.append(pos)
        return pos

    def _positions_for(self, unit: PUnit) -> None:
        spec = unit.spec
        opd_name = self.units[unit.opd].name if unit.opd is not None else spec.name
        if spec.head is not None:
            job_type = spec.head_type or DEFAULT_HEAD_TYPE[spec.kind]
            self._add_position(
                unit,
                name=_head_name(spec, opd_name),
                job_type=job_type,
                level="",
                job_class=15 if spec.kind == K.SEKRETARIAT_DAERAH else C.JOB_CLASS[job_type],
                is_head=True,
                field=unit.field,
            )
        for name, job_type, fld in spec.singletons:
            self._add_position(
                unit,
                name=name,
                job_type=job_type,
                level="",
                job_class=C.JOB_CLASS[job_type] - (1 if job_type == T.PENGAWAS else 0),
                singleton=True,
                field=fld,
            )
        merged: dict[tuple[str, str], float] = {}
        for key, weight in spec.staff:
            job = C.JOBS[key]
            for level, share in job.levels:
                merged[(key, level)] = merged.get((key, level), 0.0) + weight * share
        for (key, level), weight in merged.items():
            job = C.JOBS[key]
            klass = C.JOB_CLASS[level]
            if key == "penata_lo":
                klass = 7
            self._add_position(
                unit,
                name=job.position_name(level),
                job_type=job.job_type,
                level=level,
                job_class=klass,
                job_key=key,
                weight=weight,
            )

    # who holds what ------------------------------------------------------------------------------

    def _head_priority(self, pos: PPosition) -> tuple:
        unit = self.units[pos.unit]
        persona = unit.spec.persona if pos.is_head else ""
        type_rank = {T.JPT_PRATAMA: 0, T.ADMINISTRATOR: 1, T.PENGAWAS: 2}.get(pos.job_type, 3)
        if unit.is_opd and pos.is_head:
            type_rank = 0
        return (0 if persona else 1, type_rank, unit.depth, pos.idx)

    def _choose_heads(self) -> tuple[list[PPosition], list[PPosition], list[tuple[PPosition, PPosition]]]:
        """(filled, vacant, plt pairs (vacant head position, position whose holder acts))."""
        rng = self.rng
        heads = [p for p in self.positions if p.is_head or p.singleton]
        persona_unit_ids = set(self.persona_units.values())
        protected = persona_unit_ids | {self.units[u].opd for u in persona_unit_ids}
        vacant: list[PPosition] = []
        plt: list[tuple[PPosition, PPosition]] = []
        by_unit_head = {p.unit: p for p in heads if p.is_head}
        # One OPD led by a Plt (an Asisten acts), and a handful of vacant posts lower down.
        opd_heads = [
            p
            for p in heads
            if p.is_head
            and self.units[p.unit].is_opd
            and self.units[p.unit].kind in (K.DINAS, K.BADAN)
            and p.unit not in protected
        ]
        asisten = [p for p in heads if p.is_head and self.units[p.unit].kind == K.ASISTEN]
        if opd_heads and asisten:
            target = rng.choice(opd_heads)
            vacant.append(target)
            plt.append((target, rng.choice(asisten)))
        lower = [
            p
            for p in heads
            if p.is_head
            and p.job_type in (T.ADMINISTRATOR, T.PENGAWAS)
            and not self.units[p.unit].is_opd
            and p.unit not in persona_unit_ids
            and self.units[p.unit].parent not in persona_unit_ids
        ]
        n_vacant = min(8, 2 + self.size // 2000)
        for p in rng.sample(lower, min(n_vacant, len(lower))):
            vacant.append(p)
            parent_head = by_unit_head.get(self.units[p.unit].parent)
            if parent_head is not None and parent_head not in vacant and rng.random() < 0.5:
                plt.append((p, parent_head))
        vacant_ids = {p.idx for p in vacant}
        ordered = sorted((p for p in heads if p.idx not in vacant_ids), key=self._head_priority)
        budget = max(
            len([p for p in ordered if self._head_priority(p)[0] == 0]), int(self.size * HEAD_SHARE_LIMIT)
        )
        filled = ordered[:budget]
        filled_ids = {p.idx for p in filled}
        plt = [(v, h) for v, h in plt if h.idx in filled_ids]
        return sorted(filled, key=lambda p: p.idx), vacant, plt

    def _staff_counts(self, n_staff: int) -> dict[int, int]:
        staff = [p for p in self.positions if not p.is_head and not p.singleton]
        forced: dict[int, int] = {}
        for persona, key in (("kabid_dinkes", "pengadministrasi"), ("auditor", "auditor")):
            unit_idx = self.persona_units.get(persona)
            cands = [p for p in staff if p.unit == unit_idx and p.job_key == key]
            if cands:
                # the staff persona of Dinas Kesehatan works in the Kabid's own bidang
                forced[cands[-1].idx if key == "auditor" else cands[0].idx] = 1
        rest = max(0, n_staff - sum(forced.values()))
        counts = _largest_remainder(rest, [p.weight for p in staff])
        result = {p.idx: c for p, c in zip(staff, counts, strict=True)}
        for idx, n in forced.items():
            result[idx] += n
        return result

    def _prune(self, staff_counts: dict[int, int]) -> dict[int, int]:
        """Keep every head and one-holder post, and the other jabatan somebody holds; renumber.

        The peta jabatan lists formasi nobody fills too, but a demo of 300 people would drown in
        thousands of empty ones."""
        kept = [p for p in self.positions if p.is_head or p.singleton or staff_counts.get(p.idx, 0) > 0]
        counts: dict[int, int] = {}
        per_unit: dict[int, int] = {}
        for new_idx, p in enumerate(kept):
            n = staff_counts.get(p.idx, 0)
            p.idx = new_idx
            per_unit[p.unit] = per_unit.get(p.unit, 0) + 1
            p.code = f"{self.units[p.unit].code}.{per_unit[p.unit]:02d}"
            if n:
                counts[new_idx] = n
        self.positions = kept
        return counts

    # people -------------------------------------------------------------------------------------------

    def _name(self, gender: str, *, muslim: bool = False) -> str:
        rng = self.rng
        group = _weighted(rng, MUSLIM_GROUPS if muslim else C.NAME_GROUPS, weight=lambda g: g.weight)
        male = gender == Gender.MALE
        firsts = group.male if male else group.female
        lasts = group.male_last if male else group.female_last
        first = rng.choice(firsts)
        parts = [first]
        if first in C.PREFIX_NAMES:
            parts.append(rng.choice([f for f in firsts if f not in C.PREFIX_NAMES]))
        if group.families and (first in ("Syarif", "Syarifah") or rng.random() < group.family_share):
            parts.append(rng.choice(group.families))
        elif len(parts) == 1 or rng.random() < 0.7:
            last = rng.choice(lasts)
            if last not in parts:
                parts.append(last)
        return " ".join(parts)

    def _decree(self, prefix: str, day: dt.date) -> tuple[str, dt.date]:
        self.decree_seq += 1
        return f"{prefix}/{self.decree_seq:04d}/BKPSDM/{day.year}", day - dt.timedelta(
            days=self.rng.randint(3, 21)
        )

    def _nip(self, *, birth: dt.date, gender: str, tmt: dt.date | None, pppk_year: int | None) -> str:
        while True:
            probe = make_nip(
                birth=birth,
                gender=gender,
                sequence=1,
                tmt=tmt,
                pppk_year=pppk_year,
                pppk_code=((pppk_year or 1) - 1) % 100,
            )
            prefix = probe[:15]
            n = self.nip_seq.get(prefix, 0) + 1
            if n <= 999:
                self.nip_seq[prefix] = n
                return prefix + f"{n:03d}"
            birth += dt.timedelta(days=1)  # pragma: no cover - 999 people sharing one prefix

    def _person(
        self,
        *,
        pos: PPosition,
        status: str,
        title: C.Title,
        band: tuple[int, int],
        female: float,
        bup: int,
        muslim: bool = False,
    ) -> PEmployee:
        rng = self.rng
        ref = self.reference
        front, back, edu, _w = title
        gender = Gender.FEMALE if rng.random() < female else Gender.MALE
        if front in ("Bd.",):
            gender = Gender.FEMALE
        entry_lo, entry_hi = C.ENTRY_AGE[edu]
        max_age = bup - 2
        pppk_year = None
        if status == AsnStatus.PPPK:
            pppk_year = min(
                _weighted(rng, PPPK_INTAKES)[0],
                ref.year - 1,
            )
            entry_age = rng.randint(entry_lo, min(46, max_age - (ref.year - pppk_year)))
            start = dt.date(pppk_year, rng.choice((3, 4, 7, 10)), 1)
            birth = dt.date(pppk_year - entry_age, rng.randint(1, 12), rng.randint(1, 28))
            rank, rank_since, tmt = C.PPPK_RANK[edu], start, None
        else:
            start_idx = C.START_RANK[edu]
            lo, hi = band
            lo = max(lo, start_idx)
            hi = max(hi, lo)
            if status == AsnStatus.CPNS:
                rank_idx, steps, months = start_idx, 0, rng.randint(2, 11)
            else:
                rank_idx = rng.randint(lo, hi)
                steps = rank_idx - start_idx
                months = (steps * 4 + rng.randint(1, 4)) * 12 + rng.randint(0, 11)
            entry_age = rng.randint(entry_lo, entry_hi)
            if entry_age + months // 12 > max_age:
                entry_age = max(entry_lo, max_age - months // 12)
                months = min(months, (max_age - entry_age) * 12)
            tmt = add_months(dt.date(ref.year, ref.month, 1), -months)
            if tmt.year in (2015, 2016):  # no CPNS intake in the 2015–2016 moratorium
                tmt = dt.date(2014, tmt.month, 1)
            birth = dt.date(tmt.year - entry_age, rng.randint(1, 12), rng.randint(1, 28))
            if birth >= add_months(tmt, -12 * entry_lo):
                birth = dt.date(tmt.year - entry_lo - 1, birth.month, birth.day)
            rank = PNS_RANKS[rank_idx][0]
            start = tmt
            if steps == 0:
                rank_since = tmt
            else:
                years_back = rng.randint(0, min(3, max(0, months // 12 - 1)))
                rank_since = dt.date(ref.year - years_back, rng.choice((4, 10)), 1)
                while rank_since > ref:
                    rank_since = dt.date(rank_since.year - 1, rank_since.month, 1)
                rank_since = max(rank_since, tmt)
        nip = self._nip(
            birth=birth, gender="L" if gender == Gender.MALE else "P", tmt=tmt, pppk_year=pppk_year
        )
        place = _weighted(rng, C.BIRTH_PLACES)[0]
        emp = PEmployee(
            idx=len(self.employees),
            nip=nip,
            name=self._name(gender, muslim=muslim),
            front_title=front,
            back_title=back,
            gender=gender,
            birth_place=place,
            birth_date=birth,
            asn_status=status,
            rank=rank,
            rank_since=rank_since,
            position=pos.idx,
            service_start=start,
        )
        self.employees.append(emp)
        return emp

    def _status_for(self, job: C.Job, level: str) -> str:
        r = self.rng.random()
        if level in C.PPPK_LEVELS and r < job.pppk:
            return AsnStatus.PPPK
        if level in C.ENTRY_LEVELS and r > 1 - CPNS_SHARE:
            return AsnStatus.CPNS
        return AsnStatus.PNS

    # assignments ----------------------------------------------------------------------------------------

    def _assign_history(self, emp: PEmployee, pos: PPosition, *, is_head: bool) -> None:
        rng = self.rng
        ref = self.reference
        first_day = emp.service_start
        unit = self.units[pos.unit]
        prev_pos = None
        if is_head:
            pool = self._non_head_by_opd.get(unit.opd, []) or self._non_head_all
            prev_pos = rng.choice(pool)
        elif (
            emp.asn_status == AsnStatus.PNS
            and (ref - first_day).days > 4 * 365
            and rng.random() < MUTATION_SHARE
        ):
            same = [
                p
                for p in self._by_name.get(pos.name, [])
                if self.units[self.positions[p].unit].opd != unit.opd
            ]
            if same:
                prev_pos = self.positions[rng.choice(same)]
        if prev_pos is None:
            reason = AssignmentReason.APPOINTMENT
            number, when = self._decree("813" if emp.asn_status != AsnStatus.PPPK else "814", first_day)
            emp.assignments.append(
                PAssignment(pos.idx, AssignmentKind.DEFINITIVE, reason, first_day, None, number, when)
            )
            return
        earliest = add_months(first_day, 24)
        latest = add_months(dt.date(ref.year, ref.month, 1), -2)
        if is_head:
            earliest = max(earliest, add_months(latest, -60))
        span = max(0, (latest.year - earliest.year) * 12 + latest.month - earliest.month)
        moved = add_months(earliest, rng.randint(0, span)) if latest > earliest else latest
        moved = max(moved, add_months(first_day, 1))
        number, when = self._decree("813" if emp.asn_status != AsnStatus.PPPK else "814", first_day)
        emp.assignments.append(
            PAssignment(
                prev_pos.idx,
                AssignmentKind.DEFINITIVE,
                AssignmentReason.APPOINTMENT,
                first_day,
                moved - dt.timedelta(days=1),
                number,
                when,
            )
        )
        if is_head:
            reason = AssignmentReason.PROMOTION if rng.random() < 0.7 else AssignmentReason.ROTATION
        else:
            reason = AssignmentReason.TRANSFER
        number, when = self._decree("821.2", moved)
        emp.assignments.append(
            PAssignment(pos.idx, AssignmentKind.DEFINITIVE, reason, moved, None, number, when)
        )

    # the whole thing ----------------------------------------------------------------------------------

    def build(self) -> Plan:
        self._pos_count: dict[int, int] = {}
        self._walk(PEMDA, None, 1)
        filled, vacant, plt = self._choose_heads()
        n_staff = self.size - len(filled)
        staff_counts = self._prune(self._staff_counts(n_staff))
        self._non_head_by_opd: dict[int | None, list[PPosition]] = {}
        self._by_name: dict[str, list[int]] = {}
        for p in self.positions:
            if not p.is_head and not p.singleton:
                self._non_head_by_opd.setdefault(self.units[p.unit].opd, []).append(p)
                self._by_name.setdefault(p.name, []).append(p.idx)
        self._non_head_all = [p for p in self.positions if not p.is_head and not p.singleton]

        for pos in filled:
            sekda = self.units[pos.unit].kind == K.SEKRETARIAT_DAERAH and pos.is_head
            band = (14, 15) if sekda else C.HEAD_BAND[pos.job_type]
            if pos.singleton and pos.job_type == T.PENGAWAS:
                band = (9, 11)
            titles_family = C.HEAD_TITLES.get(pos.field) or C.HEAD_TITLES["umum"]
            senior = pos.job_type in (T.JPT_PRATAMA, T.ADMINISTRATOR)
            emp = self._person(
                pos=pos,
                status=AsnStatus.PNS,
                title=_weighted(self.rng, titles_family["senior" if senior else "junior"]),
                band=band,
                female=C.FEMALE_HEADS,
                bup=60 if pos.job_type == T.JPT_PRATAMA else 58,
            )
            self.holder[pos.idx] = emp.idx
            self._assign_history(emp, pos, is_head=True)

        for pos in self.positions:
            n = staff_counts.get(pos.idx, 0)
            if not n:
                continue
            job = C.JOBS[pos.job_key]
            for _ in range(n):
                status = self._status_for(job, pos.level)
                # a pelaksana's rank band follows education, so the title (and education) comes first
                title = _weighted(self.rng, job.titles_for(pos.level))
                band = C.PELAKSANA_BAND[title[2]] if job.job_type == T.PELAKSANA else C.LEVEL_BAND[pos.level]
                bup = C.RETIREMENT_AGE.get(pos.level, 60 if job.school else 58)
                emp = self._person(
                    pos=pos,
                    status=status,
                    title=title,
                    band=band,
                    female=job.female,
                    bup=bup,
                    muslim=job.muslim,
                )
                self._assign_history(emp, pos, is_head=False)

        self._schools()
        self._acting(plt)
        self._pick_personas(staff_counts)
        return Plan(
            seed=self.seed,
            size=self.size,
            reference=self.reference,
            units=self.units,
            positions=self.positions,
            employees=self.employees,
            overrides=self.overrides,
            personas=self.personas,
            persona_units=self.persona_units,
            vacant=[p.idx for p in vacant],
        )

    def _schools(self) -> None:
        """A kepala sekolah is a teacher with an additional duty: the other staff get an override to them."""
        members: dict[int, list[PEmployee]] = {}
        for emp in self.employees:
            unit = self.units[self.positions[emp.position].unit]
            if unit.kind == K.SEKOLAH:
                members.setdefault(unit.idx, []).append(emp)
        for unit_idx, people in members.items():
            unit = self.units[unit_idx]
            teachers = [
                e
                for e in people
                if e.asn_status == AsnStatus.PNS and C.JOBS[self.positions[e.position].job_key].school
            ]
            if not teachers or len(people) < 2:
                continue
            head = max(teachers, key=lambda e: (_rank_index(e.rank), -e.idx))
            current = head.assignments[-1]
            current.note = f"Tugas tambahan sebagai Kepala {unit.name}"
            school_year = dt.date(self.reference.year - (1 if self.reference.month < 7 else 0), 7, 1)
            for e in people:
                if e is head:
                    continue
                start = max(school_year, e.assignments[-1].start, current.start)
                self.overrides.append(
                    POverride(
                        employee=e.idx,
                        supervisor=head.idx,
                        start=start,
                        reason=f"Kepala {unit.name} sebagai pejabat penilai kinerja",
                    )
                )

    def _acting(self, plt: list[tuple[PPosition, PPosition]]) -> None:
        for vacant_pos, by in plt:
            emp = self.employees[self.holder[by.idx]]
            start = add_months(dt.date(self.reference.year, self.reference.month, 1), -self.rng.randint(1, 8))
            start = max(start, emp.assignments[-1].start)
            number, when = self._decree("800.1.3.3", start)
            emp.assignments.append(
                PAssignment(
                    vacant_pos.idx,
                    AssignmentKind.ACTING,
                    AssignmentReason.ACTING,
                    start,
                    None,
                    number,
                    when,
                    note=f"Plt. {vacant_pos.name}",
                )
            )

    def _pick_personas(self, staff_counts: dict[int, int]) -> None:
        heads = {self.positions[i].unit: e for i, e in self.holder.items() if self.positions[i].is_head}
        for persona in ("sekda", "kabid_dinkes", "lurah"):
            unit = self.persona_units.get(persona)
            if unit in heads:
                self.personas[persona] = heads[unit]
        for persona, key in (("staff_dinkes", "pengadministrasi"), ("auditor", "auditor")):
            unit = self.persona_units.get("kabid_dinkes" if persona == "staff_dinkes" else persona)
            for emp in self.employees:
                pos = self.positions[emp.position]
                if pos.unit == unit and pos.job_key == key:
                    self.personas[persona] = emp.idx
                    break


def _rank_index(code: str) -> int:
    for i, (c, _p) in enumerate(PNS_RANKS):
        if c == code:
            return i
    return -1


def make_plan(*, seed: int = 2026, size: int = 5000, reference: dt.date | None = None) -> Plan:
    return Planner(seed=seed, size=size, reference=reference).build()
