"""SKM results for staff: the index of a unit or services over a period, with the sample check."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from pembina.core.scoping import VIEW
from pembina.public_services.models import ServiceRequest, SurveyResponse
from pembina.public_services.rules import skm

AGE_BANDS = ((0, 24, "≤ 24"), (25, 34, "25–34"), (35, 44, "35–44"), (45, 54, "45–54"), (55, 200, "≥ 55"))


@dataclass(frozen=True)
class ElementValue:
    code: str
    name: str
    nrr: Decimal | None
    weighted: Decimal | None  # NRR x 1/9


@dataclass(frozen=True)
class SkmSummary:
    result: skm.SkmResult
    elements: list[ElementValue]
    population: int
    sample_needed: int
    sample_reached: bool
    start: dt.date
    end: dt.date
    profile: dict[str, dict[str, int]] = field(default_factory=dict)


def day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, the day after end 00:00) in local time: index-friendly datetime bounds."""
    tz = timezone.get_current_timezone()
    lo = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return lo, hi


def _filter(qs, *, start, end, service_ids=None, unit=None, date_field: str):
    lo, hi = day_bounds(start, end)
    qs = qs.filter(**{f"{date_field}__gte": lo, f"{date_field}__lt": hi})
    if service_ids:
        qs = qs.filter(service_id__in=list(service_ids))
    if unit is not None:
        qs = qs.filter(unit_path__startswith=unit.path)
    return qs


def summarise(
    qs: QuerySet[SurveyResponse], *, population: int, start, end, with_profile: bool = True
) -> SkmSummary:
    """The index of the responses in `qs` (one aggregate query; profile adds one more)."""
    agg = qs.order_by().aggregate(n=Count("pk"), **{e.code: Sum(e.field) for e in skm.ELEMENTS})
    n = agg.pop("n") or 0
    result = skm.compute({c: int(v or 0) for c, v in agg.items()}, n)
    elements = []
    for e in skm.ELEMENTS:
        nrr = result.nrr.get(e.code)
        weighted = (nrr / len(skm.ELEMENTS)).quantize(skm.FOUR) if nrr is not None else None
        elements.append(ElementValue(e.code, e.name, nrr, weighted))
    profile = survey_profile(qs) if with_profile and n else {}
    needed = skm.krejcie_morgan(population)
    return SkmSummary(
        result, elements, population, needed, n >= needed and population > 0, start, end, profile
    )


def survey_profile(qs: QuerySet[SurveyResponse]) -> dict[str, dict[str, int]]:
    """Respondents by jenis kelamin, usia (bands), pendidikan and pekerjaan; blanks as "-"; and by how
    the questionnaire was filled (online, kiosk, paper typed in by staff)."""
    rows = list(qs.order_by().values_list("gender", "age", "education", "occupation", "channel"))
    profile = {
        "gender": Counter(),
        "age": Counter(),
        "education": Counter(),
        "occupation": Counter(),
        "channel": Counter(),
    }
    for gender, age, education, occupation, channel in rows:
        profile["channel"][channel] += 1
        profile["gender"][gender or "-"] += 1
        profile["education"][education or "-"] += 1
        profile["occupation"][occupation or "-"] += 1
        band = "-"
        if age is not None:
            band = next(label for lo, hi, label in AGE_BANDS if lo <= age <= hi)
        profile["age"][band] += 1
    return {k: dict(v) for k, v in profile.items()}


def service_population(*, instansi_id: int, start, end, service_ids=None, unit=None) -> int:
    """Service users in the period: requests received (the population the sample is drawn from)."""
    qs = ServiceRequest.objects.filter(instansi_id=instansi_id)
    return _filter(
        qs, start=start, end=end, service_ids=service_ids, unit=unit, date_field="received_at"
    ).count()


def skm_summary(
    *,
    actor,
    start: dt.date,
    end: dt.date,
    unit=None,
    service_ids: Iterable[int] | None = None,
    population: int | None = None,
) -> SkmSummary:
    """IKM of a unit (with its subtree) and/or services over [start, end] as the actor may see it.

    `population` defaults to the requests received in the period for the same services/unit."""
    qs = _filter(
        SurveyResponse.objects.for_actor(actor, VIEW),
        start=start,
        end=end,
        service_ids=service_ids,
        unit=unit,
        date_field="submitted_at",
    )
    if population is None:
        from pembina.core.scoping import get_scope

        population = service_population(
            instansi_id=get_scope(actor).instansi_id, start=start, end=end, service_ids=service_ids, unit=unit
        )
    return summarise(qs, population=population, start=start, end=end)


@dataclass(frozen=True)
class SkmReport:
    """The printable SKM report of a unit: the whole unit, then each service."""

    unit: object
    overall: SkmSummary
    by_service: list[tuple[object, SkmSummary]]
    suggestions: list[str]


def skm_report(*, actor, unit, start: dt.date, end: dt.date) -> SkmReport:
    from pembina.public_services.models import Service

    overall = skm_summary(actor=actor, start=start, end=end, unit=unit)
    services = Service.objects.filter(unit_path__startswith=unit.path, instansi_id=unit.instansi_id).order_by(
        "sort_order", "name"
    )
    by_service = []
    for service in services:
        summary = skm_summary(actor=actor, start=start, end=end, service_ids=[service.pk])
        if summary.result.respondents or summary.population:
            by_service.append((service, summary))
    suggestions = list(
        _filter(
            SurveyResponse.objects.for_actor(actor, VIEW).exclude(suggestion=""),
            start=start,
            end=end,
            unit=unit,
            date_field="submitted_at",
        )
        .order_by("-submitted_at")
        .values_list("suggestion", flat=True)[:200]
    )
    return SkmReport(unit, overall, by_service, suggestions)
