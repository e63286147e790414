"""The certificate PDF: produced by typst for a generated, valid certificate, carrying the
verification code and a link (and QR code) to the public verification page; the same certificate
gives the same bytes; user text is never read as markup; out of scope, external, revoked → 404."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.http import Http404

from pembina.accounts.tests.factories import make_user
from pembina.learning import services
from pembina.learning.documents import certificate_data, certificate_pdf, render_certificate, verify_url
from pembina.learning.documents.certificates import verify_path
from pembina.learning.models import Certificate
from pembina.learning.tests.conftest import make_event

pytestmark = pytest.mark.django_db
NASTY = r"Pelayanan #prima *tebal* _miring_ $x^2$ <label> @ref \ [kurung] {kurawal} `kode` //"


def _complete(learning, employee, *, title=None):
    from django.utils import timezone

    today = timezone.localdate()
    event = make_event(
        learning.programme, start=today - dt.timedelta(days=2), end=today - dt.timedelta(days=1)
    )
    event.enrolment_deadline = today
    if title:
        event.title = title
    event.save()
    e = services.enrolment_request(event=event, employee=employee, actor=None)
    e = services.enrolment_superior_decide(enrolment=e, approve=True, actor=None)
    e = services.enrolment_bkpsdm_decide(enrolment=e, approve=True, actor=None)
    e = services.enrolment_attendance_record(enrolment=e, percent=100, actor=None)
    e = services.enrolment_scores_record(enrolment=e, post_test=Decimal("90"), actor=None)
    e = services.enrolment_complete(enrolment=e, actor=None)
    return Certificate.objects.get(enrolment=e)


def _metadata(pdf: bytes) -> bytes:
    found = re.findall(rb"/Keywords\s*\(([^)]*)\)", pdf)
    return found[0] if found else b""


def test_pdf_carries_the_code_and_links_the_verification_page(learning):
    cert = _complete(learning, learning.city.people["staff_a"], title=NASTY)
    pdf = certificate_pdf(actor=learning.users["pegawai"], pk=cert.pk, base_url="https://pembina.contoh.id/")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    shown = "-".join(cert.code[i : i + 4] for i in range(0, len(cert.code), 4))
    assert shown.encode() in _metadata(pdf)  # the code as printed (groups of four)
    url = f"https://pembina.contoh.id{verify_path(cert.code)}".encode()
    assert url in pdf  # the printed address is a link, and the QR code encodes the same address
    again = certificate_pdf(
        actor=learning.users["admin_bkpsdm"], pk=cert.pk, base_url="https://pembina.contoh.id/"
    )
    assert again == pdf  # deterministic: the document time is the issue date


def test_verification_path_is_the_public_page():
    path = verify_path("ABCD")
    assert path == "/pengembangan/verifikasi-sertifikat/ABCD/"
    assert verify_url("ABCD", base_url="https://x.id/") == "https://x.id" + path


def test_user_text_is_literal():
    data = certificate_data(
        {
            "number": "BKPSDM/2026/00001/000001",
            "code": "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345",
            "holder_name": NASTY,
            "holder_nip": "199001012015031001",
            "title": NASTY,
            "activity_kind": "Pelatihan klasikal",
            "organiser": NASTY,
            "start_date": dt.date(2026, 3, 2),
            "end_date": dt.date(2026, 3, 5),
            "issued_on": dt.date(2026, 3, 6),
            "jp": Decimal("24.0"),
            "instansi_name": "Pemerintah Kota Uji",
            "region_name": "Kota Uji",
            "competencies": [{"name": NASTY, "level": 2}],
        }
    )
    assert data["dates"] == "2 Maret 2026 – 5 Maret 2026" and data["jp"] == "24"
    assert render_certificate(data).startswith(b"%PDF")  # typst would fail on a markup error


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("pegawai", True),  # the holder
        ("atasan", True),  # head of the holder's seksi
        ("admin_opd", True),
        ("admin_bkpsdm", True),
        ("pimpinan", True),
        ("auditor", True),
        ("luar", False),  # staff of another OPD
    ],
)
def test_who_may_download(learning, role, allowed):
    cert = _complete(learning, learning.city.people["staff_a"])
    if allowed:
        assert certificate_pdf(actor=learning.users[role], pk=cert.pk).startswith(b"%PDF")
    else:
        with pytest.raises(Http404):
            certificate_pdf(actor=learning.users[role], pk=cert.pk)


def test_revoked_and_external_certificates_have_no_pdf(learning):
    cert = _complete(learning, learning.city.people["staff_a"])
    services.certificate_revoke(certificate=cert, note="Terbit keliru", actor=None)
    with pytest.raises(Http404):
        certificate_pdf(actor=learning.users["admin_bkpsdm"], pk=cert.pk)
    from django.core.files.uploadedfile import SimpleUploadedFile

    external = services.certificate_external_submit(
        employee=learning.city.people["staff_a"],
        title="Webinar",
        activity_kind="seminar",
        organiser="Kementerian",
        start_date=cert.start_date,
        end_date=cert.end_date,
        jp=Decimal("2"),
        number="X/1",
        file=SimpleUploadedFile("s.pdf", b"%PDF-1.4\n", content_type="application/pdf"),
        actor=None,
    )
    with pytest.raises(Http404):
        certificate_pdf(actor=learning.users["admin_bkpsdm"], pk=external.pk)


def test_another_instansi_cannot_download(learning):
    from pembina.org.tests.factories import InstansiFactory, PositionFactory, make_employee, make_unit

    other = InstansiFactory(code="LAIN", name="Kota Lain")
    unit = make_unit(instansi=other, name="Dinas", code="L-D", is_opd=True)
    stranger = make_employee(instansi=other, position=PositionFactory(unit=unit))
    user = make_user(username=stranger.nip, employee=stranger)
    cert = _complete(learning, learning.city.people["staff_a"])
    with pytest.raises(Http404):
        certificate_pdf(actor=user, pk=cert.pk)
