"""Reads of 20 JP compliance: one employee's year, the OPD and city dashboards (a constant number of
queries at any size: they aggregate the materialised `JpSummary`), the below-target list and export."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pembina.core.scoping import VIEW, get_scope
from pembina.learning.models import MONTH_FIELDS, DevelopmentRecord, JpSummary
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


def _aggregates(qs: QuerySet) -> dict[str, Any]:
    """Totals and the monthly curve of a set of summaries, in one query."""
    fields: dict[str, Any] = {
        "employees": Count("pk"),
        "applies_n": Count("pk", filter=Q(applies=True)),
        "met_n": Count("pk", filter=Q(applies=True, met=True)),
        "jp_sum": Sum("jp_total"),
        "jp_avg": Avg("jp_total", filter=Q(applies=True)),
        "shortfall_sum": Sum("shortfall"),
        "classical": Sum("jp_classical"),
        "non_classical": Sum("jp_non_classical"),
        "education": Sum("jp_education"),
        "zero_n": Count("pk", filter=Q(applies=True, jp_total=0)),
    }
    for name in MONTH_FIELDS:
        fields[f"{name}_avg"] = Avg(name, filter=Q(applies=True))
        fields[f"{name}_met"] = Count("pk", filter=Q(applies=True, **{f"{name}__gte": F("target")}))
    return qs.aggregate(**fields)


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


def _build(agg: dict[str, Any]) -> tuple[Totals, list[MonthPoint]]:
    applies = agg["applies_n"] or 0
    met = agg["met_n"] or 0
    totals = Totals(
        employees=agg["employees"] or 0,
        applies=applies,
        met=met,
        below=applies - met,
        met_percent=_dec(met * 100 / applies if applies else 0),
        avg_jp=_dec(agg["jp_avg"]),
        total_jp=_dec(agg["jp_sum"]),
        total_shortfall=_dec(agg["shortfall_sum"]),
        zero_jp=agg["zero_n"] or 0,
        by_mode={
            "classical": _dec(agg["classical"]),
            "non_classical": _dec(agg["non_classical"]),
            "education": _dec(agg["education"]),
        },
    )
    months = [
        MonthPoint(
            month=m,
            avg_jp=_dec(agg[f"{name}_avg"]),
            met=agg[f"{name}_met"] or 0,
            met_percent=_dec((agg[f"{name}_met"] or 0) * 100 / applies if applies else 0),
        )
        for m, name in enumerate(MONTH_FIELDS, 1)
    ]
    return totals, months


@dataclass
class OpdDashboard:
    opd: Unit
    year: int
    totals: Totals
    months: list[MonthPoint]
    below_target: QuerySet  # lazy: the interface paginates it


def jp_below_target(*, actor, year: int, opd_pk=None) -> QuerySet[JpSummary]:
    """Employees below the target, largest shortfall first (lazy, with employee and unit joined)."""
    qs = JpSummary.objects.for_actor(actor, VIEW).filter(year=year, applies=True, met=False)
    if opd_pk is not None:
        qs = qs.filter(opd_id=opd_pk)
    return qs.select_related(
        "employee", "employee__current_unit", "employee__current_position", "opd"
    ).order_by("-shortfall", "employee__name")


def jp_dashboard_opd(*, actor, year: int, opd_pk) -> OpdDashboard:
    """One OPD's 20 JP compliance: two queries plus the lazy below-target list."""
    opd = Unit.objects.get_for_actor_or_404(actor, VIEW, pk=opd_pk)
    _check_opd(actor, opd)
    qs = JpSummary.objects.for_actor(actor, VIEW).filter(year=year, opd_id=opd.pk)
    totals, months = _build(_aggregates(qs))
    return OpdDashboard(opd, year, totals, months, jp_below_target(actor=actor, year=year, opd_pk=opd.pk))


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
    """The whole city (Pimpinan, BKPSDM, Auditor): totals, monthly curve, and one row per OPD, lowest
    compliance first — two queries whatever the number of employees."""
    if not get_scope(actor).read_all:
        raise Http404
    qs = JpSummary.objects.for_actor(actor, VIEW).filter(year=year)
    totals, months = _build(_aggregates(qs))
    per_opd = (
        qs.values("opd_id", "opd__name")
        .annotate(
            employees=Count("pk"),
            applies_n=Count("pk", filter=Q(applies=True)),
            met_n=Count("pk", filter=Q(applies=True, met=True)),
            jp_avg=Avg("jp_total", filter=Q(applies=True)),
            shortfall_sum=Sum("shortfall"),
        )
        .order_by()
    )
    rows = []
    for r in per_opd:
        applies, met = r["applies_n"] or 0, r["met_n"] or 0
        rows.append(
            OpdRow(
                opd_id=r["opd_id"],
                name=r["opd__name"] or _("(tanpa OPD)"),
                employees=r["employees"],
                applies=applies,
                met=met,
                below=applies - met,
                met_percent=_dec(met * 100 / applies if applies else 0),
                avg_jp=_dec(r["jp_avg"]),
                total_shortfall=_dec(r["shortfall_sum"]),
            )
        )
    rows.sort(key=lambda r: (r.met_percent, r.name))
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
