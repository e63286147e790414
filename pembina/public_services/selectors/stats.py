"""Service statistics from the materialised ServiceMonthStat table.

Public selectors (no login) apply the k-rule: a figure resting on fewer than K_MIN cases is None.
Staff selectors show every figure to those who may see the instansi's statistics."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import QuerySet

from pembina.core.scoping import VIEW
from pembina.org.models import Unit
from pembina.public_services.models import ServiceMonthStat
from pembina.public_services.rules import skm
from pembina.public_services.rules import stats as rules

STATS_VERSION_KEY = "public_services:stats-version:{}"


def stats_version(*, instansi_id: int) -> float:
    """Changes whenever the statistics of the instansi were rebuilt: part of the portal's cache keys."""
    return cache.get(STATS_VERSION_KEY.format(instansi_id)) or 0.0


@dataclass
class Totals:
    """Raw sums over a set of ServiceMonthStat rows (mergeable)."""

    requests_received: int = 0
    requests_rejected: int = 0
    requests_completed: int = 0
    requests_within_deadline: int = 0
    complaints_received: int = 0
    complaints_resolved: int = 0
    complaints_resolved_on_time: int = 0
    survey_respondents: int = 0

    def __post_init__(self):
        self.histogram: dict[int, int] = {}
        self.survey_sums: dict[str, int] = {}
        self.months: set[dt.date] = set()
        self.units: set[int] = set()
        self.services: set[int] = set()

    def add(self, row: ServiceMonthStat) -> None:
        for name in (
            "requests_received",
            "requests_rejected",
            "requests_completed",
            "requests_within_deadline",
            "complaints_received",
            "complaints_resolved",
            "complaints_resolved_on_time",
            "survey_respondents",
        ):
            setattr(self, name, getattr(self, name) + getattr(row, name))
        for k, v in (row.completion_histogram or {}).items():
            self.histogram[int(k)] = self.histogram.get(int(k), 0) + int(v)
        for k, v in (row.survey_sums or {}).items():
            self.survey_sums[k] = self.survey_sums.get(k, 0) + int(v)
        self.months.add(row.month)
        self.units.add(row.unit_id)
        if row.service_id:
            self.services.add(row.service_id)


@dataclass(frozen=True)
class Figures:
    """Figures of one month or one period. None: no data, or (public) fewer than k cases."""

    month: dt.date | None
    requests_received: int | None
    requests_completed: int | None
    completion_p50: Decimal | None
    completion_p90: Decimal | None
    within_deadline_pct: Decimal | None
    complaints_received: int | None
    complaints_resolved: int | None
    complaints_resolved_on_time_pct: Decimal | None
    survey_respondents: int | None
    ikm: Decimal | None  # converted value, 25..100
    ikm_grade: str | None
    skm_nrr: dict[str, Decimal] | None
    sample_needed: int | None
    sample_reached: bool | None
    # completed requests per range of working days, every range with at least k of them (None: < k)
    completion_bins: tuple[rules.DayBin, ...] | None = None


def figures(totals: Totals, *, month: dt.date | None = None, k: int = rules.K_MIN) -> Figures:
    """Turn raw totals into figures, each suppressed unless it rests on at least k cases."""
    completed = totals.requests_completed
    resolved = totals.complaints_resolved
    respondents = totals.survey_respondents
    result = skm.compute(totals.survey_sums, respondents) if respondents else None
    needed = skm.krejcie_morgan(totals.requests_received)
    s = rules.suppress
    return Figures(
        month=month,
        requests_received=s(totals.requests_received, totals.requests_received, k),
        requests_completed=s(completed, completed, k),
        completion_p50=s(rules.to_decimal(rules.percentile_histogram(totals.histogram, 50)), completed, k),
        completion_p90=s(rules.to_decimal(rules.percentile_histogram(totals.histogram, 90)), completed, k),
        within_deadline_pct=s(rules.percent(totals.requests_within_deadline, completed), completed, k),
        complaints_received=s(totals.complaints_received, totals.complaints_received, k),
        complaints_resolved=s(resolved, resolved, k),
        complaints_resolved_on_time_pct=s(
            rules.percent(totals.complaints_resolved_on_time, resolved), resolved, k
        ),
        survey_respondents=s(respondents, respondents, k),
        ikm=s(result.conversion if result else None, respondents, k),
        ikm_grade=s(result.grade if result else None, respondents, k),
        skm_nrr=s(dict(result.nrr) if result else None, respondents, k),
        sample_needed=s(needed, respondents, k),
        sample_reached=s(respondents >= needed if totals.requests_received else None, respondents, k),
        completion_bins=rules.day_distribution(totals.histogram, k=k),
    )


def _rows(
    qs: QuerySet[ServiceMonthStat],
    *,
    start: dt.date,
    end: dt.date,
    service_ids: Iterable[int] | None = None,
    unit_id: int | None = None,
) -> QuerySet[ServiceMonthStat]:
    qs = qs.filter(month__gte=start.replace(day=1), month__lte=end)
    if service_ids:
        qs = qs.filter(service_id__in=list(service_ids))
    if unit_id:
        unit = Unit.objects.filter(pk=unit_id).only("path").first()
        qs = qs.filter(unit_path__startswith=unit.path) if unit else qs.none()
    return qs.order_by("month", "unit_id", "service_id")


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    months, m = [], start.replace(day=1)
    while m <= end:
        months.append(m)
        m = (m + dt.timedelta(days=32)).replace(day=1)
    return months


def _by_month(rows, start, end, k) -> list[Figures]:
    per_month: dict[dt.date, Totals] = defaultdict(Totals)
    for row in rows:
        per_month[row.month].add(row)
    return [figures(per_month.get(m) or Totals(), month=m, k=k) for m in months_between(start, end)]


def _period(rows, k) -> Figures:
    totals = Totals()
    for row in rows:
        totals.add(row)
    return figures(totals, k=k)


# --- public (no login): the k-rule applies ---------------------------------------------------------


def public_month_figures(
    *,
    instansi_id: int,
    start: dt.date,
    end: dt.date,
    service_id: int | None = None,
    unit_id: int | None = None,
) -> list[Figures]:
    """One Figures per month of [start, end] for the instansi, an OPD/unit subtree or a service."""
    qs = _rows(
        ServiceMonthStat.objects.filter(instansi_id=instansi_id),
        start=start,
        end=end,
        service_ids=[service_id] if service_id else None,
        unit_id=unit_id,
    )
    return _by_month(qs, start, end, rules.K_MIN)


def public_period_figures(
    *,
    instansi_id: int,
    start: dt.date,
    end: dt.date,
    service_id: int | None = None,
    unit_id: int | None = None,
) -> Figures:
    """The same, summed over the whole period (e.g. before and after the program start)."""
    qs = _rows(
        ServiceMonthStat.objects.filter(instansi_id=instansi_id),
        start=start,
        end=end,
        service_ids=[service_id] if service_id else None,
        unit_id=unit_id,
    )
    return _period(qs, rules.K_MIN)


def public_breakdown(
    *, instansi_id: int, start: dt.date, end: dt.date, by: str = "opd", opd_id: int | None = None
) -> dict[int, Figures]:
    """Period figures per OPD (`by="opd"`) or per service (`by="service"`, optionally of one OPD)."""
    qs = ServiceMonthStat.objects.filter(
        instansi_id=instansi_id, month__gte=start.replace(day=1), month__lte=end
    )
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    if by == "service":
        qs = qs.filter(service__isnull=False)
    groups: dict[int, Totals] = defaultdict(Totals)
    key = "service_id" if by == "service" else "opd_id"
    for row in qs.order_by():
        groups[getattr(row, key)].add(row)
    return {gid: figures(t) for gid, t in groups.items()}


# --- staff: scoped, unsuppressed -------------------------------------------------------------------


def stats_month_figures(
    *, actor, start: dt.date, end: dt.date, service_id: int | None = None, unit_id: int | None = None
) -> list[Figures]:
    qs = _rows(
        ServiceMonthStat.objects.for_actor(actor, VIEW),
        start=start,
        end=end,
        service_ids=[service_id] if service_id else None,
        unit_id=unit_id,
    )
    return _by_month(qs, start, end, k=1)


def stats_period_figures(
    *, actor, start: dt.date, end: dt.date, service_id: int | None = None, unit_id: int | None = None
) -> Figures:
    qs = _rows(
        ServiceMonthStat.objects.for_actor(actor, VIEW),
        start=start,
        end=end,
        service_ids=[service_id] if service_id else None,
        unit_id=unit_id,
    )
    return _period(qs, k=1)


def period_totals(
    *, start: dt.date, end: dt.date, service_ids: Iterable[int] | None = None, unit_id: int | None = None
) -> Totals:
    """Unscoped raw totals for trusted domain code (the indicator data sources)."""
    totals = Totals()
    for row in _rows(
        ServiceMonthStat.objects.all(), start=start, end=end, service_ids=service_ids, unit_id=unit_id
    ):
        totals.add(row)
    return totals
