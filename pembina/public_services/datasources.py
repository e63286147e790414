"""Indicator data sources fed by service statistics (registered in PublicServicesConfig.ready()).

Params of every source (all optional, at least one of the first three):
    services: [service id, ...] or service: id  — the services measured
    service_codes: ["DUKCAPIL-KTPEL", ...]      — the same by code (with `instansi` if codes repeat)
    unit: unit id                               — a unit and its subtree (e.g. the OPD)
    min_cases: int (default 5)                  — below it the value is None (too few cases)

Values come from the materialised ServiceMonthStat table (refreshed by the statistics job), for the
calendar months that start inside the period. All requests are answered with a fixed number of
queries, whatever their count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pembina.core.scoping import paths_q
from pembina.org.models import Unit
from pembina.performance.datasources import SourceRequest, SourceValue, register
from pembina.public_services.models import Service, ServiceMonthStat
from pembina.public_services.rules import skm
from pembina.public_services.rules import stats as rules
from pembina.public_services.selectors.stats import Totals

PARAM_NAMES = ("services", "service", "service_codes", "instansi", "unit", "min_cases")
PARAMS_HELP = gettext_lazy(
    "services: daftar id layanan; service_codes: daftar kode layanan; unit: id unit (beserta sub-unitnya); "
    "min_cases: jumlah kasus minimum (bawaan 5)."
)


@dataclass
class _Spec:
    service_ids: set[int]
    unit: Unit | None
    min_cases: int
    error: str = ""


def _as_ids(value) -> list[int]:
    if value in (None, "", []):
        return []
    values = value if isinstance(value, (list, tuple, set)) else [value]
    out = []
    for v in values:
        try:
            out.append(int(v))
        except (TypeError, ValueError):
            continue
    return out


def _specs(requests: list[SourceRequest]) -> dict[object, _Spec]:
    codes = {
        (str(c).strip().upper(), r.params.get("instansi"))
        for r in requests
        for c in (r.params.get("service_codes") or [])
    }
    by_code: dict[str, list[tuple[int, int]]] = {}
    if codes:
        for pk, code, iid in Service.objects.filter(code__in={c for c, _i in codes}).values_list(
            "pk", "code", "instansi_id"
        ):
            by_code.setdefault(code, []).append((pk, iid))
    unit_ids = {i for r in requests for i in _as_ids(r.params.get("unit"))}
    units = Unit.objects.in_bulk(unit_ids) if unit_ids else {}
    specs = {}
    for r in requests:
        p = r.params or {}
        ids = set(_as_ids(p.get("services")) + _as_ids(p.get("service")))
        for code in p.get("service_codes") or []:
            matches = by_code.get(str(code).strip().upper(), [])
            if p.get("instansi"):
                matches = [m for m in matches if str(m[1]) == str(p["instansi"])]
            ids |= {pk for pk, _iid in matches}
        unit_id = next(iter(_as_ids(p.get("unit"))), None)
        unit = units.get(unit_id) if unit_id else None
        try:
            min_cases = max(1, int(p.get("min_cases", rules.K_MIN)))
        except (TypeError, ValueError):
            min_cases = rules.K_MIN
        error = ""
        if not ids and unit is None:
            error = _("Parameter tidak lengkap: pilih layanan atau unit yang ada.")
        specs[r.key] = _Spec(ids, unit, min_cases, error)
    return specs


def _month_range(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    first = start if start.day == 1 else (start.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    return first, end


def _totals(requests: list[SourceRequest]) -> tuple[dict[object, _Spec], dict[object, Totals]]:
    specs = _specs(requests)
    valid = [r for r in requests if not specs[r.key].error]
    totals: dict[object, Totals] = {r.key: Totals() for r in requests}
    if not valid:
        return specs, totals
    lo = min(_month_range(r.start, r.end)[0] for r in valid)
    hi = max(r.end for r in valid)
    all_services = {i for r in valid for i in specs[r.key].service_ids}
    paths = tuple({specs[r.key].unit.path for r in valid if specs[r.key].unit is not None})
    cond = Q(service_id__in=all_services) | paths_q("unit_path", paths)
    rows = list(ServiceMonthStat.objects.filter(month__gte=lo, month__lte=hi).filter(cond).order_by("month"))
    for r in valid:
        spec = specs[r.key]
        first, last = _month_range(r.start, r.end)
        for row in rows:
            if not first <= row.month <= last:
                continue
            if spec.service_ids and row.service_id not in spec.service_ids:
                continue
            if spec.unit is not None and not row.unit_path.startswith(spec.unit.path):
                continue
            totals[r.key].add(row)
    return specs, totals


def _provenance(spec: _Spec, totals: Totals, what: str, cases: int, names: dict[int, str]) -> str:
    parts = []
    if spec.service_ids:
        listed = sorted(names.get(i, f"#{i}") for i in spec.service_ids)
        parts.append(_("layanan %(s)s") % {"s": ", ".join(listed)})
    if spec.unit is not None:
        parts.append(_("unit %(u)s beserta sub-unitnya") % {"u": spec.unit.name})
    months = sorted(totals.months)
    if months:
        span = (
            months[0].strftime("%m/%Y")
            if len(months) == 1
            else f"{months[0].strftime('%m/%Y')}–{months[-1].strftime('%m/%Y')}"
        )
    else:
        span = _("tidak ada bulan berdata")
    return _("Statistik pelayanan publik: %(w)s; %(p)s; bulan %(m)s; %(n)s kasus.") % {
        "w": what,
        "p": "; ".join(parts),
        "m": span,
        "n": cases,
    }


def _provider(
    what: str, measure: Callable[[Totals], tuple[Decimal | None, int]]
) -> Callable[[list[SourceRequest]], dict]:
    def provide(requests: list[SourceRequest]) -> dict[object, SourceValue]:
        specs, totals = _totals(requests)
        service_ids = {i for s in specs.values() for i in s.service_ids}
        names = (
            dict(Service.objects.filter(pk__in=service_ids).values_list("pk", "name")) if service_ids else {}
        )
        out = {}
        for r in requests:
            spec = specs[r.key]
            if spec.error:
                out[r.key] = SourceValue(None, 0, spec.error)
                continue
            value, cases = measure(totals[r.key])
            if cases < spec.min_cases:
                value = None
            out[r.key] = SourceValue(value, cases, _provenance(spec, totals[r.key], what, cases, names))
        return out

    return provide


def _p(pct: float):
    def measure(t: Totals):
        return rules.to_decimal(rules.percentile_histogram(t.histogram, pct)), t.requests_completed

    return measure


def _within(t: Totals):
    return rules.percent(t.requests_within_deadline, t.requests_completed), t.requests_completed


def _complaints(t: Totals):
    return rules.percent(t.complaints_resolved_on_time, t.complaints_resolved), t.complaints_resolved


def _ikm(t: Totals):
    if not t.survey_respondents:
        return None, 0
    return skm.compute(t.survey_sums, t.survey_respondents).conversion, t.survey_respondents


completion_p50 = _provider("median hari kerja penyelesaian permohonan", _p(50))
completion_p90 = _provider("persentil 90 hari kerja penyelesaian permohonan", _p(90))
within_deadline = _provider("persentase permohonan selesai dalam standar waktu", _within)
complaints_on_time = _provider("persentase pengaduan diselesaikan tepat waktu", _complaints)
ikm = _provider("nilai IKM (konversi 25–100) dari SKM", _ikm)

SOURCES = (
    (
        "public_services.completion_p50_days",
        gettext_lazy("Median hari kerja penyelesaian layanan"),
        "hari",
        "lower",
        completion_p50,
    ),
    (
        "public_services.completion_p90_days",
        gettext_lazy("Persentil 90 hari kerja penyelesaian layanan"),
        "hari",
        "lower",
        completion_p90,
    ),
    (
        "public_services.within_deadline_pct",
        gettext_lazy("Persentase permohonan selesai tepat waktu"),
        "%",
        "higher",
        within_deadline,
    ),
    (
        "public_services.complaints_resolved_on_time_pct",
        gettext_lazy("Persentase pengaduan selesai tepat waktu"),
        "%",
        "higher",
        complaints_on_time,
    ),
    ("public_services.ikm", gettext_lazy("Indeks Kepuasan Masyarakat (IKM)"), "indeks", "higher", ikm),
)


def register_all() -> None:
    for key, label, unit, direction, provider in SOURCES:
        register(
            key,
            label=label,
            unit=unit,
            direction=direction,
            provider=provider,
            params_help=PARAMS_HELP,
            param_names=PARAM_NAMES,
        )
