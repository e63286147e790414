"""Reads of certificates: the public verification check, lists, the review queue, and the data the
PDF renderer (typst, in the interface layer) needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from pembina.core.scoping import VIEW, get_scope
from pembina.learning.choices import CertificateKind, CertificateStatus
from pembina.learning.models import Certificate
from pembina.learning.rules import certificates as cert_rules
from pembina.learning.signing import certificate_key

VERIFY_PATH = "/pengembangan/verifikasi-sertifikat/"  # the public page (learning:certificate_verify)


@dataclass(frozen=True)
class Verification:
    valid: bool
    reason: str
    number: str = ""
    holder_name: str = ""
    holder_nip: str = ""  # masked: only the first 4 and last 3 digits show
    title: str = ""
    organiser: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    issued_on: dt.date | None = None
    jp: Decimal | None = None
    kind: str = ""


def mask_nip(nip: str) -> str:
    return nip[:4] + "*" * max(len(nip) - 7, 0) + nip[-3:] if len(nip) > 7 else "*" * len(nip)


def certificate_verify(*, code: str) -> Verification:
    """Public check of a verification code (no login). A malformed, unknown, forged or altered code,
    or a revoked certificate, is reported invalid; the holder's NIP is masked."""
    normal = cert_rules.normalise(code)
    if normal is None:
        return Verification(False, _("Format kode verifikasi tidak sah."))
    cert = Certificate.objects.filter(code=normal).first()
    if cert is None:
        return Verification(False, _("Kode verifikasi tidak terdaftar."))
    if not cert_rules.check(certificate_key(), normal, cert.signed_payload()):
        return Verification(
            False, _("Data sertifikat tidak cocok dengan kode verifikasi (diubah atau dipalsukan).")
        )
    if cert.status != CertificateStatus.VALID:
        return Verification(False, _("Sertifikat ini %(s)s.") % {"s": cert.get_status_display().lower()})
    return Verification(
        True,
        _("Sertifikat sah."),
        number=cert.number,
        holder_name=cert.holder_name,
        holder_nip=mask_nip(cert.holder_nip),
        title=cert.title,
        organiser=cert.organiser,
        start_date=cert.start_date,
        end_date=cert.end_date,
        issued_on=cert.issued_on,
        jp=cert.jp,
        kind=cert.kind,
    )


def certificate_list(*, actor, filters: dict | None = None) -> QuerySet[Certificate]:
    qs = Certificate.objects.for_actor(actor, VIEW).select_related("employee")
    filters = filters or {}
    if employee := filters.get("employee"):
        qs = qs.filter(employee_id=employee)
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if kind := filters.get("kind"):
        qs = qs.filter(kind=kind)
    if year := filters.get("year"):
        qs = qs.filter(issued_on__year=year)
    return qs


def certificate_get_for_actor(*, actor, pk) -> Certificate:
    return Certificate.objects.select_related("employee", "enrolment__event__programme").get_for_actor_or_404(
        actor, VIEW, pk=pk
    )


def certificates_pending_review(*, actor) -> QuerySet[Certificate]:
    """External certificates the actor may accept or reject (Admin OPD of the unit, or BKPSDM)."""
    scope = get_scope(actor)
    if not (scope.write_all or scope.admin_unit_paths):
        return Certificate.objects.none()
    from pembina.core.scoping import CHANGE

    return (
        Certificate.objects.for_actor(actor, CHANGE)
        .filter(kind=CertificateKind.EXTERNAL, status=CertificateStatus.PENDING)
        .exclude(employee_id=scope.employee_id or 0)
        .select_related("employee", "employee__current_opd")
        .order_by("created_at")
    )


def certificate_document(*, actor, pk) -> dict[str, Any]:
    """Everything a certificate PDF shows: the renderer only lays it out."""
    cert = certificate_get_for_actor(actor=actor, pk=pk)
    if cert.kind != CertificateKind.GENERATED or cert.status != CertificateStatus.VALID or not cert.code:
        from django.http import Http404

        raise Http404
    instansi = cert.employee.instansi
    competencies = []
    if cert.enrolment_id:
        competencies = [
            {"name": link.competency.name, "level": link.target_level}
            for link in cert.enrolment.event.programme.competency_links.select_related("competency")
        ]
    return {
        "number": cert.number,
        "code": cert_rules.display(cert.code),
        "verify_path": f"{VERIFY_PATH}?kode={cert.code}",
        "holder_name": cert.holder_name,
        "holder_nip": cert.holder_nip,
        "title": cert.title,
        "activity_kind": cert.get_activity_kind_display(),
        "organiser": cert.organiser,
        "start_date": cert.start_date,
        "end_date": cert.end_date,
        "issued_on": cert.issued_on,
        "jp": cert.jp,
        "instansi_name": instansi.name,
        "region_name": instansi.region_name,
        "competencies": competencies,
    }
