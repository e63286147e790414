"""Reads of 20 JP compliance: one employee's year, the OPD and city dashboards (a constant number of
queries at any size: they add up the unit rollups `JpRollup`, a few rows per OPD, not the employees'
`JpSummary`), the below-target list and export."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pembina.core.scoping import VIEW, get_scope, paths_q
from pembina.learning.models import DevelopmentRecord, JpRollup, JpSummary
from pembina.learning.models.rollups import ROLLUP_FIELDS, summary_aggregates
from pembina.learning.rules import jp as jp_rules
from pembina.learning.selectors import _data
from pembina.learning.selectors.profile import _check_opd
from pembina.org.models import Unit
from pembina.org.selectors import employee_get_for_actor

ZERO = Decimal("0")


@dataclass
class EmployeeJp:
    employee: Any
    year: int
    target: Decimal
    total: Decimal
    shortfall: Decimal
    by_kind: dict[str, Decimal]
    by_mode: dict[str, Decimal]
    monthly: tuple[Decimal, ...]
    records: list[DevelopmentRecord]
    pending: list[DevelopmentRecord]
    applies: bool

    @property
    def met(self) -> bool:
        return self.total >= self.target

    @property
    def percent(self) -> int:
        return min(100, int(self.total * 100 / self.target)) if self.target else 100


def jp_employee_year(*, actor, employee_pk, year: int) -> EmployeeJp:
    """Computed live from the records (the same rule the summary uses), with the records themselves."""
    employee = employee_get_for_actor(actor=actor, pk=employee_pk)
    records = list(
        DevelopmentRecord.objects.filter(employee=employee, year=year).order_by("-end_date", "-id")
    )
    policy = _data.jp_policy(employee.instansi_id, year)
    verified = [r for r in records if r.status == "verified"]
    result = jp_rules.compute((jp_rules.Item(r.kind, r.jp, r.end_date) for r in verified), policy, year)
    applies = jp_rules.applies_to(employee.asn_status, policy)
    return EmployeeJp(
        employee=employee,
        year=year,
        target=policy.target,
        total=result.total,
        shortfall=jp_rules.shortfall(result.total, policy.target),
        by_kind=dict(result.by_kind),
        by_mode=dict(result.by_mode),
        monthly=result.monthly,
        records=verified,
        pending=[r for r in records if r.status == "pending"],
        applies=applies,
    )


def _column_sums(rows) -> dict[str, int]:
    """Column sums of rollup rows (`ROLLUP_FIELDS` tuples): plain integers, added in Python — a few
    rows per OPD, cheaper than having the ORM build a 38-column aggregate."""
    columns = list(zip(*rows, strict=True))
    if not columns:
        return dict.fromkeys(ROLLUP_FIELDS, 0)
    return {name: sum(column) for name, column in zip(ROLLUP_FIELDS, columns, strict=True)}


def _scoped_sums(actor, year: int, opd_id) -> dict[str, int]:
    """The rollup of one OPD as far as the actor sees it: the units of their subtrees (all of them
    for instansi-wide readers), plus — aggregated from the summaries — the few employees they see one
    by one outside those units (themself, those they supervise by override). Exactly the rows
    `JpSummary.for_actor` gives them, in one or two queries whatever the number of employees."""
    scope = get_scope(actor)
    rollups = JpRollup.objects.for_actor(actor, VIEW).filter(year=year, opd_id=opd_id)
    sums = _column_sums(rollups.values_list(*ROLLUP_FIELDS))
    if scope.read_all or scope.write_all:
        return sums
    ones = set(scope.supervised_employee_ids) | ({scope.employee_id} if scope.employee_id else set())
    if ones:
        paths = tuple(scope.admin_unit_paths) + tuple(scope.led_unit_paths)
        extra = (
            JpSummary.objects.filter(
                instansi_id=scope.instansi_id, year=year, opd_id=opd_id, employee_id__in=ones
            )
            .exclude(paths_q("unit_path", paths))
            .aggregate(**{"r_" + name: expr for name, expr in summary_aggregates().items()})
        )  # prefixed: the rollup's names are also the summary's fields
        sums = {name: sums[name] + (extra["r_" + name] or 0) for name in ROLLUP_FIELDS}
    return sums


@dataclass
class MonthPoint:
    month: int
    avg_jp: Decimal
    met: int
    met_percent: Decimal


@dataclass
class Totals:
    employees: int
    applies: int
    met: int
    below: int
    met_percent: Decimal
    avg_jp: Decimal
    total_jp: Decimal
    total_shortfall: Decimal
    zero_jp: int
    by_mode: dict[str, Decimal] = field(default_factory=dict)


def _dec(value, places="0.1") -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal(places))


def _jp(tenths: int) -> Decimal:
    return _dec(Decimal(tenths) / 10)


def _avg(tenths: int, n: int) -> Decimal:
    return _dec(Decimal(tenths) / (10 * n) if n else 0)


def _build(sums: dict[str, Any]) -> tuple[Totals, list[MonthPoint]]:
    applies, met = sums["applies"], sums["met"]
    totals = Totals(
        employees=sums["employees"],
        applies=applies,
        met=met,
        below=applies - met,
        met_percent=_dec(met * 100 / applies if applies else 0),
        avg_jp=_avg(sums["jp_applies_tenths"], applies),
        total_jp=_jp(sums["jp_total_tenths"]),
        total_shortfall=_jp(sums["shortfall_tenths"]),
        zero_jp=sums["zero_jp"],
        by_mode={
            "classical": _jp(sums["jp_classical_tenths"]),
            "non_classical": _jp(sums["jp_non_classical_tenths"]),
            "education": _jp(sums["jp_education_tenths"]),
        },
    )
    months = []
    for m in range(1, 13):
        month_met = sums[f"met_m{m:02d}"]
        months.append(
            MonthPoint(
                month=m,
                avg_jp=_avg(sums[f"jp_m{m:02d}_tenths"], applies),
                met=month_met,
                met_percent=_dec(month_met * 100 / applies if applies else 0),
            )
        )
    return totals, months


def _below_counts(sums: dict[str, Any]) -> dict[str, int]:
    """How many are below target in all and per band of the dashboard's filter ("" = all)."""
    return {
        "": sums["applies"] - sums["met"],
        "zero": sums["below_zero"],
        "far": sums["below_far"],
        "near": sums["below_near"],
    }


@dataclass
class OpdDashboard:
    opd: Unit
    year: int
    totals: Totals
    months: list[MonthPoint]
    below_target: QuerySet  # lazy: the interface paginates it
    below_counts: dict[str, int] = field(default_factory=dict)  # its length, all and per band


def jp_below_target(*, actor, year: int, opd_pk=None) -> QuerySet[JpSummary]:
    """Employees below the target, largest shortfall first (lazy, with employee and unit joined)."""
    qs = JpSummary.objects.for_actor(actor, VIEW).filter(year=year, applies=True, met=False)
    if opd_pk is not None:
        qs = qs.filter(opd_id=opd_pk)
    return qs.select_related(
        "employee", "employee__current_unit", "employee__current_position", "opd"
    ).order_by("-shortfall", "employee__name")


def jp_dashboard_opd(*, actor, year: int, opd_pk) -> OpdDashboard:
    """One OPD's 20 JP compliance from the unit rollups: two or three queries plus the lazy
    below-target list (whose length is in `below_counts`: no need to count it)."""
    opd = Unit.objects.get_for_actor_or_404(actor, VIEW, pk=opd_pk)
    _check_opd(actor, opd)
    sums = _scoped_sums(actor, year, opd.pk)
    totals, months = _build(sums)
    below = jp_below_target(actor=actor, year=year, opd_pk=opd.pk)
    return OpdDashboard(opd, year, totals, months, below, _below_counts(sums))


@dataclass
class OpdRow:
    opd_id: int | None
    name: str
    employees: int
    applies: int
    met: int
    below: int
    met_percent: Decimal
    avg_jp: Decimal
    total_shortfall: Decimal


@dataclass
class CityDashboard:
    year: int
    totals: Totals
    months: list[MonthPoint]
    opds: list[OpdRow]


def jp_dashboard_city(*, actor, year: int) -> CityDashboard:
    """The whole city (Pimpinan, BKPSDM, Auditor): one row per OPD, lowest compliance first, and the
    city's totals and monthly curve — all added up from the unit rollups read in one query."""
    if not get_scope(actor).read_all:
        raise Http404
    found = (
        JpRollup.objects.for_actor(actor, VIEW)
        .filter(year=year, employees__gt=0)
        .values_list("opd_id", "opd__name", *ROLLUP_FIELDS)
    )
    units: dict[int | None, list[tuple]] = defaultdict(list)
    names: dict[int | None, str] = {}
    for opd_id, name, *values in found:
        units[opd_id].append(values)
        names[opd_id] = name
    rows = []
    for opd_id, unit_rows in units.items():
        sums = _column_sums(unit_rows)
        applies, met = sums["applies"], sums["met"]
        rows.append(
            OpdRow(
                opd_id=opd_id,
                name=names[opd_id] or _("(tanpa OPD)"),
                employees=sums["employees"],
                applies=applies,
                met=met,
                below=applies - met,
                met_percent=_dec(met * 100 / applies if applies else 0),
                avg_jp=_avg(sums["jp_applies_tenths"], applies),
                total_shortfall=_jp(sums["shortfall_tenths"]),
            )
        )
    rows.sort(key=lambda r: (r.met_percent, r.name))
    totals, months = _build(_column_sums(v for unit_rows in units.values() for v in unit_rows))
    return CityDashboard(year, totals, months, rows)


EXPORT_HEADERS = (
    gettext_lazy("NIP"),
    gettext_lazy("Nama"),
    gettext_lazy("OPD"),
    gettext_lazy("Unit kerja"),
    gettext_lazy("Jabatan"),
    gettext_lazy("Status ASN"),
    gettext_lazy("Target JP"),
    gettext_lazy("JP tercapai"),
    gettext_lazy("Klasikal"),
    gettext_lazy("Nonklasikal"),
    gettext_lazy("Pendidikan"),
    gettext_lazy("Kekurangan JP"),
    gettext_lazy("Jumlah kegiatan"),
    gettext_lazy("Memenuhi target"),
)


def jp_export_rows(
    *, actor, year: int, opd_pk=None, below_only: bool = False
) -> tuple[tuple, Iterator[tuple]]:
    """Header and rows for the XLSX/CSV export (`pembina.core.exports`), streamed from one query."""
    qs = JpSummary.objects.for_actor(actor, VIEW).filter(year=year)
    if opd_pk is not None:
        opd = Unit.objects.get_for_actor_or_404(actor, VIEW, pk=opd_pk)
        _check_opd(actor, opd)
        qs = qs.filter(opd_id=opd.pk)
    if below_only:
        qs = qs.filter(applies=True, met=False)
    rows = qs.order_by("opd__name", "employee__name").values_list(
        "employee__nip",
        "employee__name",
        "opd__name",
        "employee__current_unit__name",
        "employee__current_position__name",
        "employee__asn_status",
        "target",
        "jp_total",
        "jp_classical",
        "jp_non_classical",
        "jp_education",
        "shortfall",
        "activities",
        "met",
    )
    return EXPORT_HEADERS, rows.iterator(chunk_size=2000)
