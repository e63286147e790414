"""Indicator data sources: registered providers, values against the statistics, provenance."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pembina.performance import datasources
from pembina.performance.datasources import SourceRequest
from pembina.public_services import services
from pembina.public_services.models import Complaint, ServiceRequest, SurveyResponse
from pembina.public_services.rules import skm
from pembina.public_services.rules import stats as rules
from pembina.public_services.tests.test_stats import add_complaints, add_requests, add_surveys

pytestmark = pytest.mark.django_db

KEYS = (
    "public_services.completion_p50_days",
    "public_services.completion_p90_days",
    "public_services.within_deadline_pct",
    "public_services.complaints_resolved_on_time_pct",
    "public_services.ikm",
)
Q4_START, Q4_END = dt.date(2026, 10, 1), dt.date(2026, 12, 31)


def provide(key, params, start=Q4_START, end=Q4_END):
    source = datasources.get(key)
    return source.provider([SourceRequest(key="x", params=params, start=start, end=end)])["x"]


@pytest.fixture
def data(ps):
    rng = random.Random(11)
    add_requests(ps, rng, 150)
    add_complaints(ps, rng, 60)
    add_surveys(ps, rng, 80)
    services.month_stats_refresh(instansi_id=ps.city.instansi.pk)
    return ps


def test_sources_are_registered():
    for key in KEYS:
        source = datasources.get(key)
        assert source is not None and source.provider is not None
        assert "services" in source.param_names and "unit" in source.param_names
    assert datasources.get("public_services.ikm").direction == "higher"
    assert datasources.get("public_services.completion_p90_days").direction == "lower"


def test_values_match_the_raw_data(data):
    ps = data
    ktp = ServiceRequest.objects.filter(
        service=ps.ktp, completed_month__gte=Q4_START, completed_month__lte=Q4_END
    )
    days = sorted(ktp.values_list("elapsed_working_days", flat=True))
    p90 = provide("public_services.completion_p90_days", {"services": [ps.ktp.pk]})
    assert p90.cases == len(days) > 5
    assert p90.value == rules.to_decimal(rules.percentile_sorted(days, 90))
    p50 = provide("public_services.completion_p50_days", {"service_codes": ["dukcapil-ktpel"]})
    assert p50.value == rules.to_decimal(rules.percentile_sorted(days, 50))
    within = provide("public_services.within_deadline_pct", {"service": ps.ktp.pk})
    assert within.value == rules.percent(ktp.filter(within_deadline=True).count(), len(days))
    assert "Penerbitan KTP-el" in within.provenance and "bulan 10/2026–12/2026" in within.provenance
    assert f"{len(days)} kasus" in within.provenance


def test_unit_param_covers_the_subtree_including_unit_level_rows(data):
    ps = data
    resolved = Complaint.objects.filter(
        unit__path__startswith=ps.city.dinas_b.path, resolved_month__gte=Q4_START, resolved_month__lte=Q4_END
    )
    value = provide("public_services.complaints_resolved_on_time_pct", {"unit": ps.city.dinas_b.pk})
    assert value.cases == resolved.count()
    assert value.value == rules.percent(resolved.filter(resolved_on_time=True).count(), resolved.count())
    assert "Dinas Kependudukan" in value.provenance
    answers = [
        s.scores()
        for s in SurveyResponse.objects.filter(
            unit_path__startswith=ps.city.dinas_b.path, month__gte=Q4_START, month__lte=Q4_END
        )
    ]
    ikm = provide("public_services.ikm", {"unit": ps.city.dinas_b.pk})
    assert ikm.value == skm.compute_from_answers(answers).conversion and ikm.cases == len(answers)


def test_too_few_cases_or_bad_params_give_no_value(data):
    ps = data
    one_month = provide("public_services.ikm", {"services": [ps.akta.pk], "min_cases": 10_000})
    assert one_month.value is None and one_month.cases > 0
    bad = provide("public_services.ikm", {"services": ["x"]})
    assert bad.value is None and "Parameter" in bad.provenance
    empty = provide(
        "public_services.ikm", {"unit": ps.city.dinas_b.pk}, dt.date(2020, 1, 1), dt.date(2020, 12, 31)
    )
    assert empty.value is None and empty.cases == 0


def test_many_requests_in_a_fixed_number_of_queries(data):
    ps = data
    source = datasources.get("public_services.within_deadline_pct")
    small = [SourceRequest(key=1, params={"services": [ps.ktp.pk]}, start=Q4_START, end=Q4_END)]
    many = [
        SourceRequest(
            key=i, params={"services": [s.pk]} if i % 2 else {"unit": s.unit_id}, start=start, end=end
        )
        for i, (s, start, end) in enumerate(
            [
                (s, dt.date(2026, m, 1), dt.date(2026, m, 28))
                for s in (ps.ktp, ps.akta, ps.imun)
                for m in (9, 10, 11)
            ]
        )
    ]
    with CaptureQueriesContext(connection) as q1:
        source.provider(small)
    with CaptureQueriesContext(connection) as q2:
        result = source.provider(many)
    assert len(result) == len(many)
    assert len(q2) <= len(q1) + 1
    monthly = result[1]  # KTP-el by service, October
    direct = ServiceRequest.objects.filter(service=ps.ktp, completed_month=dt.date(2026, 10, 1))
    assert monthly.cases == direct.count()
    if monthly.cases >= 5:
        assert monthly.value == rules.percent(direct.filter(within_deadline=True).count(), direct.count())
    assert isinstance(result[0].value, (Decimal, type(None)))
