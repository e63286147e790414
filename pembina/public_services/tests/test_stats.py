"""The statistics job against a brute-force computation, its idempotence and fixed query count,
and the k-rule on every public figure."""

import dataclasses
import datetime as dt
import random
from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pembina.core.jobs.services import job_run
from pembina.core.models.jobs import JobStatus
from pembina.public_services import selectors, services
from pembina.public_services.choices import ComplaintChannel, ComplaintStatus, RequestChannel, RequestStatus
from pembina.public_services.models import Complaint, ServiceMonthStat, ServiceRequest, SurveyResponse
from pembina.public_services.rules import skm
from pembina.public_services.rules import stats as rules
from pembina.public_services.tests.factories import local

pytestmark = pytest.mark.django_db

SCORE_FIELDS = [e.field for e in skm.ELEMENTS]
_n = iter(range(10**6))


def month_of(d: dt.datetime) -> dt.date:
    return d.date().replace(day=1)


def add_requests(ps, rng, n, *, services_=None, months=(9, 10, 11), completed_share=0.7):
    services_ = services_ or [ps.ktp, ps.akta, ps.imun]
    objs = []
    for _ in range(n):
        svc = rng.choice(services_)
        received = local(2026, rng.choice(months), rng.randint(1, 28), rng.randint(7, 15))
        roll = rng.random()
        status = (
            RequestStatus.COMPLETED
            if roll < completed_share
            else RequestStatus.REJECTED
            if roll < completed_share + 0.1
            else RequestStatus.IN_PROCESS
        )
        completed_at = (
            received + dt.timedelta(days=rng.randint(0, 40)) if status == RequestStatus.COMPLETED else None
        )
        elapsed = rng.randint(0, 8) if completed_at else None
        objs.append(
            ServiceRequest(
                instansi=ps.city.instansi,
                service=svc,
                unit=svc.unit,
                opd=svc.opd,
                unit_path=svc.unit.path,
                tracking_number=f"T-{next(_n)}",
                channel=RequestChannel.COUNTER,
                status=status,
                citizen_name="Warga",
                received_at=received,
                received_month=month_of(received),
                completion_days=svc.completion_days,
                due_date=received.date(),
                completed_at=completed_at,
                completed_month=month_of(completed_at) if completed_at else None,
                elapsed_working_days=elapsed,
                within_deadline=(elapsed <= svc.completion_days) if completed_at else None,
            )
        )
    ServiceRequest.objects.bulk_create(objs)


def add_complaints(ps, rng, n, *, services_=None, months=(9, 10, 11), resolved_share=0.6):
    services_ = services_ or [ps.ktp, ps.akta, None]
    objs = []
    for _ in range(n):
        svc = rng.choice(services_)
        unit = svc.unit if svc else rng.choice([ps.city.dinas_b, ps.city.seksi_a1a, None])
        received = local(2026, rng.choice(months), rng.randint(1, 28))
        resolved = received + dt.timedelta(days=rng.randint(1, 30)) if rng.random() < resolved_share else None
        i = next(_n)
        objs.append(
            Complaint(
                instansi=ps.city.instansi,
                tracking_number=f"C-{i}",
                confirm_token=f"tok-{i}",
                channel=ComplaintChannel.WEB,
                subject="s",
                description="d",
                service=svc,
                unit=unit,
                opd=(unit.opd or unit) if unit else None,
                unit_path=unit.path if unit else "",
                status=ComplaintStatus.RESOLVED if resolved else ComplaintStatus.VERIFIED,
                received_at=received,
                received_month=month_of(received),
                verify_due=received.date(),
                resolved_at=resolved,
                resolved_month=month_of(resolved) if resolved else None,
                resolved_on_time=rng.random() < 0.7 if resolved else None,
            )
        )
    Complaint.objects.bulk_create(objs)


def add_surveys(ps, rng, n, *, services_=None, months=(9, 10, 11), score=None):
    services_ = services_ or [ps.ktp, ps.akta, None]
    objs = []
    for _ in range(n):
        svc = rng.choice(services_)
        unit = svc.unit if svc else ps.city.dinas_b
        at = local(2026, rng.choice(months), rng.randint(1, 28))
        objs.append(
            SurveyResponse(
                instansi=ps.city.instansi,
                service=svc,
                unit=unit,
                opd=unit.opd or unit,
                unit_path=unit.path,
                channel="online",
                submitted_at=at,
                month=month_of(at),
                **{f: score or rng.randint(1, 4) for f in SCORE_FIELDS},
            )
        )
    SurveyResponse.objects.bulk_create(objs)


def brute_force():
    """The expected table, computed naively row by row."""
    rows = defaultdict(lambda: defaultdict(int))
    elapsed = defaultdict(list)
    answers = defaultdict(list)
    for r in ServiceRequest.objects.all():
        row = rows[(r.unit_id, r.service_id, r.received_month)]
        row["requests_received"] += 1
        row["requests_rejected"] += r.status == RequestStatus.REJECTED
        if r.completed_month:
            key = (r.unit_id, r.service_id, r.completed_month)
            rows[key]["requests_completed"] += 1
            rows[key]["requests_within_deadline"] += bool(r.within_deadline)
            elapsed[key].append(r.elapsed_working_days)
    for c in Complaint.objects.filter(unit__isnull=False):
        rows[(c.unit_id, c.service_id, c.received_month)]["complaints_received"] += 1
        if c.resolved_month:
            key = (c.unit_id, c.service_id, c.resolved_month)
            rows[key]["complaints_resolved"] += 1
            rows[key]["complaints_resolved_on_time"] += bool(c.resolved_on_time)
    for s in SurveyResponse.objects.all():
        key = (s.unit_id, s.service_id, s.month)
        rows[key]["survey_respondents"] += 1
        answers[key].append(s.scores())
    expected = {}
    for key, row in rows.items():
        values = sorted(elapsed.get(key, []))
        result = skm.compute_from_answers(answers[key]) if answers.get(key) else None
        expected[key] = {
            **{
                k: row.get(k, 0)
                for k in (
                    "requests_received",
                    "requests_rejected",
                    "requests_completed",
                    "requests_within_deadline",
                    "complaints_received",
                    "complaints_resolved",
                    "complaints_resolved_on_time",
                    "survey_respondents",
                )
            },
            "completion_p50": rules.to_decimal(rules.percentile_sorted(values, 50)),
            "completion_p90": rules.to_decimal(rules.percentile_sorted(values, 90)),
            "ikm_conversion": result.conversion if result else None,
        }
    return expected


def table():
    fields = (
        "requests_received",
        "requests_rejected",
        "requests_completed",
        "requests_within_deadline",
        "complaints_received",
        "complaints_resolved",
        "complaints_resolved_on_time",
        "survey_respondents",
        "completion_p50",
        "completion_p90",
        "ikm_conversion",
    )
    return {
        (s.unit_id, s.service_id, s.month): {f: getattr(s, f) for f in fields}
        for s in ServiceMonthStat.objects.all()
    }


def test_refresh_matches_brute_force_and_is_idempotent(ps):
    rng = random.Random(6)
    add_requests(ps, rng, 120)
    add_complaints(ps, rng, 50)
    add_surveys(ps, rng, 60)
    services.month_stats_refresh(instansi_id=ps.city.instansi.pk)
    first = table()
    assert first == brute_force()
    assert sum(v["requests_received"] for v in first.values()) == 120
    assert all(s.opd_id for s in ServiceMonthStat.objects.all())
    services.month_stats_refresh(instansi_id=ps.city.instansi.pk)
    assert table() == first
    assert ServiceMonthStat.objects.count() == len(first)


def test_partial_refresh_since_a_month_equals_full_refresh(ps):
    rng = random.Random(7)
    add_requests(ps, rng, 60)
    add_surveys(ps, rng, 20)
    services.month_stats_refresh()
    add_requests(ps, rng, 30, months=(11,))
    services.month_stats_refresh(instansi_id=ps.city.instansi.pk, since=dt.date(2026, 11, 15))
    partial = table()
    services.month_stats_refresh(instansi_id=ps.city.instansi.pk)
    assert partial == table() == brute_force()


def test_refresh_query_count_does_not_grow_with_rows(ps):
    rng = random.Random(8)
    add_requests(ps, rng, 20)
    with CaptureQueriesContext(connection) as small:
        services.month_stats_refresh(instansi_id=ps.city.instansi.pk)
    add_requests(ps, rng, 200)
    add_surveys(ps, rng, 50)
    with CaptureQueriesContext(connection) as large:
        services.month_stats_refresh(instansi_id=ps.city.instansi.pk)
    assert len(large) <= len(small) + 1  # the bulk insert may need one more batch
    assert len(large) < 20


def test_refresh_job_runs_through_the_job_runner(ps):
    add_requests(ps, random.Random(9), 10)
    job = services.month_stats_refresh_enqueue(
        actor=ps.city.users["admin_bkpsdm"], instansi_id=ps.city.instansi.pk
    )
    job = job_run(job.pk)
    assert job.status == JobStatus.SUCCEEDED and job.result["rows"] == ServiceMonthStat.objects.count() > 0
    before = selectors.stats_version(instansi_id=ps.city.instansi.pk)
    services.month_stats_refresh(instansi_id=ps.city.instansi.pk)
    assert selectors.stats_version(instansi_id=ps.city.instansi.pk) >= before


# --- the k-rule ----------------------------------------------------------------------------------------


def small_and_big_months(ps):
    """October: four cases of everything for KTP-el; November: five."""
    rng = random.Random(10)
    for month, n in ((10, 4), (11, 5)):
        add_requests(ps, rng, n, services_=[ps.ktp], months=(month,), completed_share=1.0)
        add_complaints(ps, rng, n, services_=[ps.ktp], months=(month,), resolved_share=1.0)
        add_surveys(ps, rng, n, services_=[ps.ktp], months=(month,), score=3)
    # requests completing in a later month would blur the months: pin completion to the receipt month
    for r in ServiceRequest.objects.all():
        ServiceRequest.objects.filter(pk=r.pk).update(
            completed_at=r.received_at, completed_month=r.received_month
        )
    for c in Complaint.objects.all():
        Complaint.objects.filter(pk=c.pk).update(resolved_at=c.received_at, resolved_month=c.received_month)
    services.month_stats_refresh(instansi_id=ps.city.instansi.pk)


def test_every_public_figure_below_five_cases_is_suppressed(ps):
    small_and_big_months(ps)
    october, november = selectors.public_month_figures(
        instansi_id=ps.city.instansi.pk,
        start=dt.date(2026, 10, 1),
        end=dt.date(2026, 11, 30),
        service_id=ps.ktp.pk,
    )
    figures = [f.name for f in dataclasses.fields(october) if f.name != "month"]
    assert october.month == dt.date(2026, 10, 1)
    assert {name: getattr(october, name) for name in figures} == dict.fromkeys(figures)
    assert all(getattr(november, name) is not None for name in figures)
    assert november.requests_received == 5 and november.survey_respondents == 5
    assert november.ikm == 75 and november.ikm_grade == "C"
    # the same data summed over both months rests on 9 cases
    period = selectors.public_period_figures(
        instansi_id=ps.city.instansi.pk,
        start=dt.date(2026, 10, 1),
        end=dt.date(2026, 11, 30),
        service_id=ps.ktp.pk,
    )
    assert period.requests_received == 9 and period.complaints_resolved == 9
    # staff see the small month unsuppressed
    staff = selectors.stats_month_figures(
        actor=ps.kadis_user, start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31)
    )
    assert staff[0].requests_received == 4 and staff[0].completion_p50 is not None


def test_empty_months_are_listed_and_suppressed(ps):
    small_and_big_months(ps)
    months = selectors.public_month_figures(
        instansi_id=ps.city.instansi.pk, start=dt.date(2026, 8, 1), end=dt.date(2026, 11, 30)
    )
    assert [m.month.month for m in months] == [8, 9, 10, 11]
    assert months[0].requests_received is None


def test_breakdowns_apply_the_k_rule(ps):
    small_and_big_months(ps)
    by_opd = selectors.public_breakdown(
        instansi_id=ps.city.instansi.pk, start=dt.date(2026, 11, 1), end=dt.date(2026, 11, 30)
    )
    assert by_opd[ps.city.dinas_b.pk].requests_received == 5
    by_service = selectors.public_breakdown(
        instansi_id=ps.city.instansi.pk, start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31), by="service"
    )
    assert by_service[ps.ktp.pk].requests_received is None
