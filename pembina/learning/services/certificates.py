"""Certificates: issued with a verification code on completion, or uploaded from outside and checked
by an admin before their JP count."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW
from pembina.learning.choices import (
    ActivityKind,
    CertificateKind,
    CertificateStatus,
    NotificationKind,
    RecordSource,
    RecordStatus,
)
from pembina.learning.models import Certificate, DevelopmentRecord, Enrolment
from pembina.learning.permissions import employee_roles
from pembina.learning.rules import certificates as cert_rules
from pembina.learning.rules import workflow as wf
from pembina.learning.services._common import actor_user, full_clean, notify_employees
from pembina.learning.services.files import store_evidence
from pembina.learning.services.jp import record_set_status, record_upsert
from pembina.learning.signing import certificate_key

NUMBER_PREFIX = "PMB"


def certificate_number(enrolment: Enrolment) -> str:
    """Unique by construction: year, event and enrolment."""
    return f"{NUMBER_PREFIX}/{enrolment.completed_on:%Y}/{enrolment.event_id:05d}/{enrolment.pk:06d}"


def certificate_issue(*, enrolment: Enrolment, record: DevelopmentRecord) -> Certificate:
    """Issue (or return) the certificate of a completed enrolment. Called by `enrolment_complete`."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    event, employee = enrolment.event, enrolment.employee
    cert = Certificate(
        employee=employee,
        kind=CertificateKind.GENERATED,
        status=CertificateStatus.VALID,
        number=certificate_number(enrolment),
        title=event.title,
        activity_kind=event.programme.kind,
        organiser=event.organiser,
        start_date=event.start_date,
        end_date=event.end_date,
        issued_on=enrolment.completed_on,
        jp=event.jp,
        holder_name=employee.full_name,
        holder_nip=employee.nip,
        enrolment=enrolment,
        record=record,
    )
    cert.code = cert_rules.make_code(certificate_key(), cert.signed_payload())
    full_clean(cert, exclude=["file"])
    cert.save()
    return cert


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor, note: str) -> Certificate:
    """Withdraw a certificate (e.g. issued in error): verification fails from now on."""
    cert = (
        Certificate.objects.select_for_update(of=("self",)).select_related("employee").get(pk=certificate.pk)
    )
    if actor is not None and wf.ADMIN_BKPSDM not in employee_roles(actor, cert.employee):
        raise ApplicationError(_("Hanya Admin BKPSDM yang dapat mencabut sertifikat."))
    if not (note or "").strip():
        raise ApplicationError(_("Alasan pencabutan wajib diisi."), field="note")
    cert.status, cert.review_note = CertificateStatus.REVOKED, note
    cert.reviewed_by, cert.reviewed_at = actor_user(actor), timezone.now()
    cert.save()
    if cert.record_id:
        record_set_status(record=cert.record, status=RecordStatus.REJECTED, actor=actor, note=note)
    return cert


@transaction.atomic
def certificate_external_submit(
    *,
    employee,
    title: str,
    activity_kind: str,
    organiser: str,
    start_date: dt.date,
    end_date: dt.date,
    jp: Decimal,
    number: str,
    file,
    actor,
) -> Certificate:
    """An employee (or an admin for them) uploads a certificate from outside the catalogue (a course,
    a seminar, a ministry's e-learning). Its JP count once an admin accepts it."""
    if actor is not None:
        roles = employee_roles(actor, employee)
        if not roles & frozenset({wf.OWNER, *wf.ADMINS}):
            raise ApplicationError(_("Anda tidak berwenang mengunggah sertifikat untuk pegawai ini."))
    if activity_kind not in ActivityKind.values:
        raise ApplicationError(_("Bentuk pengembangan tidak dikenal."), field="activity_kind")
    if not (title or "").strip():
        raise ApplicationError(_("Nama kegiatan wajib diisi."), field="title")
    if not (organiser or "").strip():
        raise ApplicationError(_("Penyelenggara wajib diisi."), field="organiser")
    stored = store_evidence(file, field="file")
    cert = Certificate(
        employee=employee,
        kind=CertificateKind.EXTERNAL,
        status=CertificateStatus.PENDING,
        number=(number or "").strip()[:80] or "-",
        title=title.strip(),
        activity_kind=activity_kind,
        organiser=organiser.strip(),
        start_date=start_date,
        end_date=end_date,
        issued_on=end_date,
        jp=jp,
        holder_name=employee.full_name,
        holder_nip=employee.nip,
        file=stored,
        file_kind=stored.kind,
        submitted_by=actor_user(actor),
    )
    full_clean(cert, exclude=["file", "code"])
    cert.save()
    cert.record = record_upsert(
        employee=employee,
        kind=activity_kind,
        title=cert.title,
        organiser=cert.organiser,
        start_date=start_date,
        end_date=end_date,
        jp=jp,
        source=RecordSource.EXTERNAL,
        source_ref=f"certificate:{cert.pk}",
        status=RecordStatus.PENDING,
        actor=actor,
    )
    cert.save(update_fields=["record", "updated_at"])
    return cert


@transaction.atomic
def certificate_external_review(
    *, certificate: Certificate, accept: bool, actor, note: str = "", jp: Decimal | None = None
) -> Certificate:
    """An admin (Admin OPD of the employee's unit, or BKPSDM) accepts the certificate, optionally
    correcting its JP, or rejects it with a reason."""
    cert = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("employee", "record")
        .get(pk=certificate.pk)
    )
    if actor is not None:
        if not Certificate.objects.for_actor(actor, VIEW).filter(pk=cert.pk).exists():
            raise Http404
        if not employee_roles(actor, cert.employee) & wf.REVIEW_CERTIFICATE:
            raise ApplicationError(_("Hanya Admin OPD atau Admin BKPSDM yang dapat memeriksa sertifikat."))
        if getattr(actor, "employee_id", None) == cert.employee_id:
            raise ApplicationError(_("Sertifikat sendiri diperiksa oleh admin lain."))
    if cert.kind != CertificateKind.EXTERNAL or cert.status != CertificateStatus.PENDING:
        raise ApplicationError(_("Sertifikat ini tidak menunggu pemeriksaan."))
    if not accept and not (note or "").strip():
        raise ApplicationError(_("Alasan penolakan wajib diisi."), field="note")
    if jp is not None:
        jp = Decimal(jp)
        if jp <= 0:
            raise ApplicationError(_("JP harus lebih dari 0."), field="jp")
        cert.jp = jp
        if cert.record_id:
            cert.record.jp = jp
            cert.record.save(update_fields=["jp", "updated_at"])
    cert.status = CertificateStatus.VALID if accept else CertificateStatus.REJECTED
    cert.review_note, cert.reviewed_by, cert.reviewed_at = note, actor_user(actor), timezone.now()
    if accept:
        # accepted certificates are verifiable too, signed over the content the admin checked
        cert.code = cert_rules.make_code(certificate_key(), cert.signed_payload())
    cert.save()
    if cert.record_id:
        record_set_status(
            record=cert.record,
            status=RecordStatus.VERIFIED if accept else RecordStatus.REJECTED,
            actor=actor,
            note=note,
        )
    notify_employees(
        [cert.employee_id],
        kind=NotificationKind.CERTIFICATE,
        title=(_("Sertifikat '%(t)s' diterima") if accept else _("Sertifikat '%(t)s' ditolak"))
        % {"t": cert.title[:80]},
        body=note,
        key=f"certificate-review:{cert.pk}",
    )
    return cert


__all__ = [
    "certificate_external_review",
    "certificate_external_submit",
    "certificate_issue",
    "certificate_revoke",
]
