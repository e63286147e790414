"""The escalation job through the job runner (time travel via the `now` parameter)."""

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
