"""Certificates: the public verification (a forged or altered code fails), external uploads checked by
content and reviewed by an admin, revocation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from pembina.core.exceptions import ApplicationError
from pembina.learning import selectors, services
from pembina.learning.choices import CertificateStatus, EnrolmentStatus, RecordStatus
from pembina.learning.models import Certificate, DevelopmentRecord, Enrolment
from pembina.learning.rules import certificates as cert_rules
from pembina.learning.tests.conftest import fresh, make_event

TODAY = timezone.localdate()


@pytest.fixture
def certificate(learning):
    event = make_event(learning.programme, start=TODAY + dt.timedelta(days=3))
    enrol = services.enrolment_request(event=event, employee=learning.city.people["staff_a"], actor=None)
    Enrolment.objects.filter(pk=enrol.pk).update(
        status=EnrolmentStatus.APPROVED, attendance_percent=100, post_test_score=90
    )
    event.start_date = event.end_date = TODAY - dt.timedelta(days=1)
    event.save()
    services.enrolment_complete(enrolment=enrol, actor=None)
    return Certificate.objects.get(enrolment=enrol)


def test_a_genuine_code_verifies_publicly_with_a_masked_nip(certificate):
    result = selectors.certificate_verify(code=cert_rules.display(certificate.code))
    assert result.valid, result.reason
    assert result.holder_name == certificate.holder_name
    assert result.holder_nip.startswith(certificate.holder_nip[:4]) and "*" in result.holder_nip
    assert result.jp == Decimal("24.0")


def test_forged_and_altered_codes_fail(certificate):
    code = certificate.code
    flipped = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert not selectors.certificate_verify(code=flipped).valid  # one character changed
    forged = cert_rules.make_code(b"not-the-server-key" * 2, certificate.signed_payload())
    assert not selectors.certificate_verify(code=forged).valid  # made without the key
    assert not selectors.certificate_verify(code="ABCD").valid
    assert not selectors.certificate_verify(code="").valid


def test_tampering_with_the_stored_certificate_breaks_verification(certificate):
    # someone raises the JP directly in the database: the code no longer matches the content
    Certificate.objects.filter(pk=certificate.pk).update(jp=Decimal("99"))
    result = selectors.certificate_verify(code=certificate.code)
    assert not result.valid and "diubah" in result.reason


def test_revoked_certificates_fail_and_their_jp_stops_counting(certificate, learning):
    with pytest.raises(ApplicationError):
        services.certificate_revoke(
            certificate=certificate, note="Salah terbit", actor=fresh(learning.users["admin_opd"])
        )
    services.certificate_revoke(
        certificate=certificate, note="Salah terbit", actor=fresh(learning.users["admin_bkpsdm"])
    )
    assert not selectors.certificate_verify(code=certificate.code).valid
    assert DevelopmentRecord.objects.get(pk=certificate.record_id).status == RecordStatus.REJECTED


def test_certificate_document_for_the_pdf(certificate, learning):
    doc = selectors.certificate_document(actor=fresh(learning.users["pegawai"]), pk=certificate.pk)
    assert doc["code"] == cert_rules.display(certificate.code)
    assert doc["verify_path"].endswith(certificate.code)
    assert {c["name"] for c in doc["competencies"]} == {"Pelayanan Publik", "Komunikasi"}
    with pytest.raises(Http404):
        selectors.certificate_document(actor=fresh(learning.users["luar"]), pk=certificate.pk)


PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


def _submit(learning, who="pegawai", content=PDF, name="sertifikat.pdf"):
    return services.certificate_external_submit(
        employee=learning.city.people["staff_a"],
        title="Kursus Daring Pelayanan Publik",
        activity_kind="e_learning",
        organiser="LAN RI",
        start_date=TODAY - dt.timedelta(days=20),
        end_date=TODAY - dt.timedelta(days=18),
        jp=Decimal("12"),
        number="LAN/123/2025",
        file=SimpleUploadedFile(name, content),
        actor=fresh(learning.users[who]),
    )


def test_external_upload_is_checked_by_content(learning):
    with pytest.raises(ApplicationError, match="bukan PDF"):
        _submit(learning, content=b"MZ\x90\x00 this is an exe", name="sertifikat.pdf")
    with pytest.raises(ApplicationError, match="terlalu besar"):
        _submit(learning, content=b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1))
    assert not Certificate.objects.exists() and not DevelopmentRecord.objects.exists()
    with pytest.raises(ApplicationError):
        _submit(learning, who="luar")
    png = _submit(learning, content=b"\x89PNG\r\n\x1a\n" + b"0" * 20, name="foto.pdf")
    assert png.file_kind == "png" and png.file.name.endswith(".png")


def test_external_review_matrix(learning):
    allowed = {"admin_opd", "admin_bkpsdm"}
    for who in (
        "pegawai",
        "atasan",
        "pejabat_penilai",
        "admin_opd",
        "admin_bkpsdm",
        "pimpinan",
        "auditor",
        "luar",
    ):
        cert = _submit(learning)
        try:
            services.certificate_external_review(
                certificate=cert, accept=True, actor=fresh(learning.users[who])
            )
            ok = True
        except (ApplicationError, Http404):
            ok = False
        assert ok == (who in allowed), who
        cert.refresh_from_db()
        assert cert.status == (CertificateStatus.VALID if ok else CertificateStatus.PENDING)


def test_accepting_counts_the_jp_and_makes_it_verifiable(learning):
    cert = _submit(learning)
    staff = learning.city.people["staff_a"]
    admin = fresh(learning.users["admin_opd"])
    assert list(selectors.certificates_pending_review(actor=admin)) == [cert]
    assert selectors.jp_employee_year(actor=admin, employee_pk=staff.pk, year=cert.end_date.year).total == 0
    services.certificate_external_review(
        certificate=cert, accept=True, jp=Decimal("10"), note="JP disesuaikan", actor=admin
    )
    assert selectors.jp_employee_year(
        actor=admin, employee_pk=staff.pk, year=cert.end_date.year
    ).total == Decimal("10")
    cert.refresh_from_db()
    assert selectors.certificate_verify(code=cert.code).valid
    with pytest.raises(ApplicationError, match="tidak menunggu"):
        services.certificate_external_review(certificate=cert, accept=False, note="x", actor=admin)


def test_rejection_needs_a_reason(learning):
    cert = _submit(learning)
    admin = fresh(learning.users["admin_bkpsdm"])
    with pytest.raises(ApplicationError, match="Alasan"):
        services.certificate_external_review(certificate=cert, accept=False, actor=admin)
    services.certificate_external_review(
        certificate=cert, accept=False, note="Bukan sertifikat pelatihan", actor=admin
    )
    assert DevelopmentRecord.objects.get(pk=cert.record_id).status == RecordStatus.REJECTED
