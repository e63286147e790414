"""The escalation job through the job runner (time travel via the `now` parameter)."""

import datetime as dt

import pytest

from pembina.core.jobs.services import job_enqueue, job_run
from pembina.core.models.jobs import JobStatus
from pembina.public_services import services
from pembina.public_services.choices import ComplaintChannel
from pembina.public_services.models import ComplaintEscalation, ServiceRequest
from pembina.public_services.tests.factories import local

pytestmark = pytest.mark.django_db


def test_escalation_job_is_idempotent(ps):
    services.request_register(
        service=ps.ktp, citizen_name="A", actor=ps.staff_user, received_at=local(2026, 11, 2, 9)
    )
    services.complaint_submit(
        instansi=ps.city.instansi,
        channel=ComplaintChannel.WEB,
        subject="s",
        description="d",
        service=ps.ktp,
        is_anonymous=True,
        received_at=local(2026, 11, 2, 9),
    )
    for _ in range(2):
        job = job_enqueue(
            handler="pembina.public_services.jobs.escalate_overdue",
            title="uji",
            actor=None,
            params={"now": local(2026, 11, 9, 8).isoformat(), "instansi_id": ps.city.instansi.pk},
        )
        job = job_run(job.pk)
        assert job.status == JobStatus.SUCCEEDED
    assert ServiceRequest.objects.filter(is_overdue=True).count() == 1
    assert ComplaintEscalation.objects.count() == 1
    assert job.result == {"requests": {"escalated": 0}, "complaints": {"escalated": 0, "closed": 0}}


def test_escalation_enqueue_helper(ps):
    job = services.escalation_enqueue(actor=ps.city.users["admin_bkpsdm"], instansi_id=ps.city.instansi.pk)
    assert job.handler == "pembina.public_services.jobs.escalate_overdue"
    assert job_run(job.pk).status == JobStatus.SUCCEEDED


def test_management_commands(ps):
    from io import StringIO

    from django.core.management import call_command

    services.request_register(
        service=ps.ktp, citizen_name="A", actor=ps.staff_user, received_at=local(2026, 11, 2, 9)
    )
    out = StringIO()
    call_command("public_services_escalate", now=local(2026, 11, 9, 8).isoformat(), stdout=out)
    assert "Permohonan dieskalasi: 1" in out.getvalue()
    out = StringIO()
    call_command("public_services_refresh_stats", instansi=ps.city.instansi.pk, stdout=out)
    assert "Statistik diperbarui: 1 baris" in out.getvalue()


def test_refresh_job_fills_the_iki_fed_by_the_statistics(ps):
    """Statistics refreshed → the responsible employee's IKI shows the month's figure, with provenance."""
    from decimal import Decimal

    from pembina.performance import services as perf
    from pembina.performance.choices import RealisationSource
    from pembina.performance.models import Realisation
    from pembina.performance.tests.factories import approve, make_plan, make_year
    from pembina.public_services.choices import RequestStatus
    from pembina.public_services.tests.factories import walk

    year = make_year(instansi=ps.city.instansi, interval="monthly")
    plan = make_plan(year=year, employee=ps.city.people["kabid_b1"], results=1)
    iki = perf.indicator_add(
        result=plan.results.get(),
        name="Waktu penyelesaian pelayanan KTP-el",
        target=1,
        unit="hari kerja",
        direction="lower",
        aggregation="average",
        data_source="public_services.completion_p50_days",
        data_source_params={"service_codes": [ps.ktp.code]},
        actor=None,
    )
    approve(plan)
    # October 2026: five KTP-el, received Monday 5th, completed Wednesday 7th (2 working days)
    for i in range(5):
        r = services.request_register(
            service=ps.ktp, citizen_name=f"W{i}", actor=ps.staff_user, received_at=local(2026, 10, 5, 9)
        )
        walk(r, to=RequestStatus.COMPLETED, actor=ps.staff_user, at=local(2026, 10, 7, 9))
    assert not Realisation.objects.filter(indicator=iki).exists()
    job = job_run(services.month_stats_refresh_enqueue(actor=None, instansi_id=ps.city.instansi.pk).pk)
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["indicators"]["created"] == 1 and job.result["indicators"]["errors"] == []
    real = Realisation.objects.get(indicator=iki)
    assert real.period.start == dt.date(2026, 10, 1)
    assert (real.value, real.source, real.source_cases) == (Decimal(2), RealisationSource.DATA_SOURCE, 5)
    assert "Penerbitan KTP-el" in real.provenance and "10/2026" in real.provenance
    # a second refresh finds nothing new to write
    again = job_run(services.month_stats_refresh_enqueue(actor=None, instansi_id=ps.city.instansi.pk).pk)
    assert again.result["indicators"]["created"] == again.result["indicators"]["updated"] == 0
