"""Abuse cases of the public forms: throttling per address (sliding window), the honeypot, oversize
bodies, HTML stored as plain text, bad attachments, and tracking-number enumeration."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from pembina.core.exceptions import ApplicationError
from pembina.public_services import abuse, services
from pembina.public_services.models import Complaint, ComplaintAttachment, ServiceRequest, SurveyResponse
from pembina.public_services.services import public as public_services
from pembina.public_services.tests.test_public_views import complaint_form, request_form, survey_form

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


# --- the sliding window itself ---------------------------------------------------------------------


def test_sliding_window_counts_per_identity_and_forgets_old_hits(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(abuse.time, "time", lambda: clock[0])
    for _ in range(3):
        assert abuse.hit("track", "1.2.3.4", limit=3, window=60).allowed
    refused = abuse.hit("track", "1.2.3.4", limit=3, window=60)
    assert not refused.allowed and refused.retry_after == 61
    assert abuse.hit("track", "5.6.7.8", limit=3, window=60).allowed  # another address
    clock[0] += 30
    assert not abuse.hit("track", "1.2.3.4", limit=3, window=60).allowed  # still inside the window
    clock[0] += 31  # the first three hits have slid out
    assert abuse.hit("track", "1.2.3.4", limit=3, window=60).allowed
    assert abuse.peek("track", "1.2.3.4").allowed  # default limit (30) is far away


# --- online request form -----------------------------------------------------------------------------


@override_settings(PEMBINA_PUBLIC_RATES={"request_form": (2, 3600)})
def test_online_requests_are_throttled_per_address(client, ps):
    url = reverse("public:request_create", args=[ps.akta.code])
    for _ in range(2):
        assert client.post(url, request_form(), REMOTE_ADDR="10.0.0.1").status_code == 302
    refused = client.post(url, request_form(), REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Terlalu banyak permintaan" in refused.content.decode()
    # a forged X-Forwarded-For does not give a fresh address (no trusted proxy configured)
    forged = client.post(url, request_form(), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="9.9.9.9")
    assert forged.status_code == 429
    assert client.post(url, request_form(), REMOTE_ADDR="10.0.0.2").status_code == 302
    assert ServiceRequest.objects.count() == 3


@override_settings(PEMBINA_PUBLIC_RATES={"request_form": (1, 3600)}, PEMBINA_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, ps):
    url = reverse("public:request_create", args=[ps.akta.code])
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    assert client.post(url, request_form(), HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy).status_code == 302
    assert client.post(url, request_form(), HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy).status_code == 429
    assert client.post(url, request_form(), HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy).status_code == 302


@override_settings(PEMBINA_PUBLIC_RATES={"request_form": (1, 3600)})
def test_invalid_submissions_do_not_use_up_the_allowance(client, ps):
    url = reverse("public:request_create", args=[ps.akta.code])
    for _ in range(3):
        assert client.post(url, request_form(citizen_name="")).status_code == 200
    assert client.post(url, request_form()).status_code == 302


def test_honeypot_refuses_and_stores_nothing(client, ps):
    response = client.post(
        reverse("public:request_create", args=[ps.akta.code]), request_form(website="http://spam.example")
    )
    assert response.status_code == 400 and "tidak dapat diproses" in response.content.decode()
    response = client.post(reverse("public:complaint_create"), complaint_form(website="buy now"))
    assert response.status_code == 400
    response = client.post(reverse("public:survey_service", args=[ps.ktp.code]), survey_form(website="x"))
    assert response.status_code == 400
    assert ServiceRequest.objects.count() == Complaint.objects.count() == SurveyResponse.objects.count() == 0


def test_honeypot_is_in_the_form_but_out_of_sight(client, ps):
    body = client.get(reverse("public:request_create", args=[ps.akta.code])).content.decode()
    assert 'class="mb-3 hp-field" aria-hidden="true"' in body and 'name="website"' in body
    assert 'tabindex="-1"' in body


def test_oversize_bodies_are_refused_before_processing(client, ps):
    big = request_form(description="x" * (abuse.FORM_MAX_BYTES + 10))
    response = client.post(reverse("public:request_create", args=[ps.akta.code]), big)
    assert response.status_code == 413
    response = client.post(
        reverse("public:complaint_create"),
        complaint_form(),
        CONTENT_LENGTH=str(abuse.UPLOAD_FORM_MAX_BYTES + 1),
    )
    assert response.status_code == 413
    assert ServiceRequest.objects.count() == Complaint.objects.count() == 0


def test_field_length_limits_name_the_field(client, ps):
    response = client.post(
        reverse("public:request_create", args=[ps.akta.code]), request_form(citizen_name="N" * 151)
    )
    assert response.status_code == 200 and "paling banyak 150 karakter" in response.content.decode()
    assert ServiceRequest.objects.count() == 0


def test_html_is_stored_as_plain_text(client, ps):
    client.post(
        reverse("public:request_create", args=[ps.akta.code]),
        request_form(
            citizen_name="<b>Siti</b>", description='<script>alert("x")</script>Tolong <a href=#>cepat</a>'
        ),
    )
    r = ServiceRequest.objects.get()
    assert r.citizen_name == "Siti" and "<" not in r.description and "Tolong cepat" in r.description
    client.post(
        reverse("public:complaint_create"),
        complaint_form(subject="<img src=x onerror=alert(1)>Pungli", description="<p>Isi</p>"),
    )
    c = Complaint.objects.get()
    assert c.subject == "Pungli" and c.description == "Isi"


# --- attachments -----------------------------------------------------------------------------------------


def post_complaint(client, *files):
    return client.post(reverse("public:complaint_create"), {**complaint_form(), "attachments": list(files)})


def test_good_attachments_are_stored_with_their_real_type(client, ps):
    response = post_complaint(
        client,
        SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("foto loket.PNG", PNG, content_type="image/png"),
    )
    assert response.status_code == 302
    files = list(ComplaintAttachment.objects.order_by("id"))
    assert [f.content_type for f in files] == ["application/pdf", "image/png"]
    assert files[0].original_name == "bukti.pdf" and files[0].file.name.endswith(".pdf")
    assert "bukti" not in files[0].file.name  # stored under a random name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("surat.pdf", EXE, "tidak sesuai dengan ekstensi"),  # a program renamed to .pdf
        ("kosong.pdf", b"", "kosong"),
        ("program.exe", EXE, "tidak diterima"),
        ("laporan.docx", b"PK\x03\x04" + b"\x00" * 40, "tidak sesuai"),  # not a real docx
    ],
)
def test_bad_attachments_are_refused_and_nothing_is_stored(client, ps, name, content, message):
    response = post_complaint(client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Complaint.objects.count() == 0 and ComplaintAttachment.objects.count() == 0


def test_too_big_and_too_many_attachments(client, ps):
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * public_services.MAX_ATTACHMENT_BYTES)
    response = post_complaint(client, big)
    assert response.status_code == 200 and "terlalu besar" in response.content.decode()
    four = [SimpleUploadedFile(f"b{i}.pdf", PDF) for i in range(4)]
    response = post_complaint(client, *four)
    assert response.status_code == 200 and "paling banyak 3 berkas" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_office_documents_are_evidence_but_not_complaint_attachments(ps):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ApplicationError, match="hanya PDF atau gambar"):
        public_services.attachment_check(name="surat.docx", data=buf.getvalue())


def test_the_service_refuses_bad_files_even_without_the_form(ps):
    with pytest.raises(ApplicationError, match="tidak sesuai"):
        public_services.complaint_submit_web(
            instansi=ps.city.instansi,
            subject="S",
            description="D",
            reporter_name="R",
            attachments=[("a.jpg", PDF)],
        )
    assert Complaint.objects.count() == 0


# --- tracking enumeration -----------------------------------------------------------------------------------


@override_settings(PEMBINA_PUBLIC_RATES={"track_miss": (3, 900)})
def test_guessing_tracking_numbers_is_throttled(client, ps):
    r = services.request_submit_online(service=ps.akta, citizen_name="A", citizen_contact="0812345678")
    url = reverse("public:request_track")
    for guess in ("PTK-2611-AAAA-AAAA", "PTK-2611-BBBB-BBBB", "halo"):
        assert client.get(url, {"nomor": guess}).status_code == 200
    blocked = client.get(url, {"nomor": r.tracking_number})
    assert blocked.status_code == 429 and r.tracking_number not in blocked.content.decode()
    # complaint lookups and owner links share the counter
    assert client.get(reverse("public:complaint_track"), {"nomor": "X"}).status_code == 429
    # another address is not affected
    assert client.get(url, {"nomor": r.tracking_number}, REMOTE_ADDR="10.9.9.9").status_code == 200


@override_settings(PEMBINA_PUBLIC_RATES={"track": (2, 300)})
def test_tracking_lookups_are_throttled_per_address(client, ps):
    r = services.request_submit_online(service=ps.akta, citizen_name="A", citizen_contact="0812345678")
    url = reverse("public:request_track")
    assert client.get(url, {"nomor": r.tracking_number}).status_code == 200
    assert client.get(url, {"nomor": r.tracking_number}).status_code == 200
    assert client.get(url, {"nomor": r.tracking_number}).status_code == 429
    assert client.get(url).status_code == 200  # the empty form is not a lookup


@override_settings(PEMBINA_PUBLIC_RATES={"track_miss": (2, 900)})
def test_wrong_confirmation_tokens_count_as_misses(client, ps):
    c = services.complaint_submit(
        instansi=ps.city.instansi, channel="web", subject="S", description="D", reporter_name="R"
    )
    for _ in range(2):
        assert (
            client.get(reverse("public:complaint_owner", args=[c.tracking_number, "wrong"])).status_code
            == 404
        )
    right = reverse("public:complaint_owner", args=[c.tracking_number, c.confirm_token])
    assert client.get(right).status_code == 429


@override_settings(PEMBINA_PUBLIC_RATES={"survey": (1, 3600)})
def test_general_surveys_are_throttled_per_address(client, ps):
    url = reverse("public:survey_service", args=[ps.ktp.code])
    assert client.post(url, survey_form()).status_code == 200
    assert client.post(url, survey_form()).status_code == 429
    assert SurveyResponse.objects.count() == 1
