"""The public-service demo history: consistent records, the program start visible as an improvement,
statistics refreshed, indicators fed, idempotent, audited, removable.

Built once per module on the test city (Disdukcapil's catalogue) at a small scale, at a fixed moment."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import transaction
from django.utils import timezone

from conftest import build_city
from pembina.core.audit.context import Source, audit_context
from pembina.core.models import AuditEntry
from pembina.performance.choices import RealisationSource
from pembina.performance.models import GoalIndicator, GoalRealisation, PerformanceYear
from pembina.public_services import demo, selectors
from pembina.public_services.choices import OPEN_REQUEST_STATUSES, ComplaintStatus, RequestStatus
from pembina.public_services.models import (
    Complaint,
    ComplaintEvent,
    RequestEvent,
    Service,
    ServiceMonthStat,
    ServiceRequest,
    SurveyResponse,
)

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=timezone.get_fixed_timezone(7 * 60))
SCALE = 0.1


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        city = build_city()
        with audit_context(source=Source.COMMAND, label="perintah demo"):
            result = demo.build(city.instansi, seed=11, now=NOW, scale=SCALE)
        yield city, result
        transaction.set_rollback(True)


@pytest.fixture
def city(built, db):
    return built[0]


def test_history_has_two_years_of_every_record(built, db):
    city, result = built
    assert result.created
    c = result.counts
    requests = ServiceRequest.objects.filter(instansi=city.instansi)
    assert c["requests"] == requests.count() > 1000
    months = {m for m in requests.values_list("received_month", flat=True)}
    assert min(months) == dt.date(2024, 12, 1) and max(months) == dt.date(2026, 11, 1)
    events = RequestEvent.objects.filter(request__instansi=city.instansi).exclude(action="escalated")
    assert events.count() == c["request_events"]
    assert c["request_events"] > 3 * c["requests"]
    assert c["surveys"] > 200 and c["complaints"] > 5
    assert c["month_stats"] == ServiceMonthStat.objects.filter(instansi=city.instansi).count() > 0
    services = set(Service.objects.filter(instansi=city.instansi).values_list("code", flat=True))
    assert {"DUKCAPIL-KTPEL", "DUKCAPIL-KK", "DUKCAPIL-AKTALAHIR"} <= services
    assert not requests.filter(received_at__gt=NOW).exists()


def test_every_request_tells_a_consistent_story(city):
    calendar = selectors.work_calendar(instansi_id=city.instansi.pk)
    events = {}
    for e in RequestEvent.objects.filter(request__instansi=city.instansi).order_by("at", "id"):
        events.setdefault(e.request_id, []).append(e)
    for r in ServiceRequest.objects.filter(instansi=city.instansi):
        steps = events[r.pk]
        assert steps[0].action == "received" and steps[0].at == r.received_at
        non_escalation = [e for e in steps if e.action != "escalated"]
        assert non_escalation[-1].status_to == r.status, r.tracking_number
        assert all(a.at <= b.at for a, b in zip(steps, steps[1:], strict=False))
        assert all(e.at <= NOW for e in steps)
        received = timezone.localtime(r.received_at).date()
        assert r.due_date == calendar.due_date(received, r.completion_days)
        if r.completed_at:
            done = timezone.localtime(r.completed_at).date()
            assert r.elapsed_working_days == calendar.elapsed(received, done)
            assert r.within_deadline == (r.elapsed_working_days <= r.completion_days)
        if r.status == RequestStatus.REJECTED:
            assert r.rejection_reason
    answered = SurveyResponse.objects.filter(instansi=city.instansi, request__isnull=False)
    assert not answered.exclude(
        request__status__in=(RequestStatus.COMPLETED, RequestStatus.PICKED_UP)
    ).exists()
    assert not answered.filter(submitted_at__gt=NOW).exists()


def test_open_late_requests_are_escalated(city):
    today = timezone.localtime(NOW).date()
    late = ServiceRequest.objects.filter(
        instansi=city.instansi, status__in=OPEN_REQUEST_STATUSES, due_date__lt=today - dt.timedelta(days=3)
    )
    assert late.exists()
    assert not late.filter(escalated_at__isnull=True).exists()


def test_complaints_follow_the_lapor_stages(city):
    complaints = Complaint.objects.filter(instansi=city.instansi)
    statuses = Counter(complaints.values_list("status", flat=True))
    assert statuses[ComplaintStatus.CLOSED] > 0
    for c in complaints:
        actions = list(
            ComplaintEvent.objects.filter(complaint=c).order_by("at", "id").values_list("action", flat=True)
        )
        assert actions[0] == "received"
        if c.status == ComplaintStatus.CLOSED:
            assert c.resolved_at and c.resolved_on_time is not None
        if c.is_anonymous:
            assert c.reporter_name == "" and c.reporter_contact == ""
        if c.verified_at:
            assert c.tier and c.resolution_due


def test_the_program_start_shows_as_an_improvement(city):
    policy = selectors.policy_for(instansi=city.instansi)
    start = policy.program_start
    assert start == dt.date(2025, 12, 1)  # eleven months before November 2026: 12 months after it
    before = selectors.public_period_figures(
        instansi_id=city.instansi.pk, start=dt.date(2024, 12, 1), end=start - dt.timedelta(days=1)
    )
    # the months after the ramp-up
    after = selectors.public_period_figures(
        instansi_id=city.instansi.pk, start=dt.date(2026, 5, 1), end=timezone.localtime(NOW).date()
    )
    assert after.within_deadline_pct - before.within_deadline_pct >= 15
    assert after.completion_p90 < before.completion_p90
    assert after.ikm - before.ikm >= 5
    assert before.ikm_grade in ("C", "B") and after.ikm_grade in ("B", "A")
    assert after.complaints_resolved_on_time_pct is None or (
        before.complaints_resolved_on_time_pct is None
        or after.complaints_resolved_on_time_pct >= before.complaints_resolved_on_time_pct
    )


def test_indicators_are_fed_from_the_statistics(built, db):
    city, result = built
    year = PerformanceYear.objects.get(instansi=city.instansi, year=2026)
    fed = GoalIndicator.objects.filter(goal__year=year, data_source__startswith="public_services.")
    assert fed.filter(goal__opd=city.dinas_b).count() == 3
    reals = GoalRealisation.objects.filter(indicator__in=fed, source=RealisationSource.DATA_SOURCE)
    assert result.counts["realisations_filled"] == reals.count() > 0
    quarter = reals.filter(indicator__data_source="public_services.within_deadline_pct").order_by(
        "period__number"
    )
    assert [r.period.number for r in quarter] == [1, 2, 3]  # the quarters ended by 20 November
    assert all(r.source_cases >= 5 and r.provenance for r in quarter)
    assert all(r.value > 80 for r in quarter)


def test_a_second_build_adds_nothing(city):
    before = (ServiceRequest.objects.count(), GoalIndicator.objects.count(), AuditEntry.objects.count())
    again = demo.build(city.instansi, seed=11, now=NOW, scale=SCALE)
    assert not again.created
    assert (ServiceRequest.objects.count(), GoalIndicator.objects.count()) == before[:2]


def test_the_history_is_on_the_audit_trail(built, db):
    city, result = built
    entries = AuditEntry.objects.filter(object_type="public_services.servicerequest", action="create")
    assert entries.count() == result.counts["requests"]
    assert set(entries.values_list("source", flat=True)) == {Source.COMMAND}


def test_wipe_removes_the_public_service_data(city):
    removed = demo.wipe(city.instansi)
    assert removed > 0
    assert not ServiceRequest.objects.filter(instansi=city.instansi).exists()
    assert not Service.objects.filter(instansi=city.instansi).exists()
    assert AuditEntry.objects.filter(object_type="public_services.servicerequest", action="delete").exists()
