"""Complaint attachments for the staff handling the complaint (safe download, confidential files follow
the identity, never public), the liaison officer (petugas penghubung) picker, and SKM questionnaires
filled on paper typed in by staff. The permission matrix of these views is in test_staff_views."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from pembina.accounts.tests.factories import make_user
from pembina.core.exceptions import ApplicationError
from pembina.public_services import selectors, services
from pembina.public_services.choices import ComplaintTier, RequestStatus, SurveyChannel
from pembina.public_services.models import SurveyResponse
from pembina.public_services.rules import skm
from pembina.public_services.services.public import complaint_submit_web
from pembina.public_services.tests.factories import walk

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def web_complaint(ps, *, confidential=False, files=(("bukti.pdf", PDF),)):
    return complaint_submit_web(
        instansi=ps.city.instansi,
        subject="Diminta biaya tambahan",
        description="Petugas loket meminta uang.",
        service=ps.ktp,
        reporter_name="Rina",
        reporter_contact="rina@contoh.id",
        is_confidential=confidential,
        attachments=list(files),
    )


def download(client, attachment):
    return client.get(reverse("public_services:complaint_attachment", args=[attachment.pk]))


# --- attachments ----------------------------------------------------------------------------------


def test_staff_download_is_a_safe_attachment(ps, login):
    complaint = web_complaint(ps, files=[('bukti "loket"\r\n2.pdf', PDF), ("foto-ü.png", PNG)])
    pdf, png = complaint.attachments.order_by("pk")
    c = login(ps.staff_user)  # the clerk of the registration unit the complaint is about
    r = download(c, pdf)
    assert r.status_code == 200 and b"".join(r.streaming_content) == PDF
    disposition = r["Content-Disposition"]
    assert disposition.startswith("attachment;")  # never inline in our origin
    assert complaint.tracking_number in disposition and disposition.endswith('.pdf"')
    assert "\r" not in disposition and "\n" not in disposition and '"loket"' not in disposition
    assert r["Content-Type"] == "application/pdf"
    assert "no-store" in r["Cache-Control"] and "private" in r["Cache-Control"]
    assert r["X-Content-Type-Options"] == "nosniff" and "sandbox" in r["Content-Security-Policy"]
    r = download(c, png)
    assert r.status_code == 200 and r["Content-Type"] == "image/png"
    assert "filename*=utf-8''" in r["Content-Disposition"]  # non-ASCII names encoded, not raw
    # the complaint's page lists both for the clerk
    page = c.get(reverse("public_services:complaint_detail", args=[complaint.pk])).content.decode()
    assert page.count(reverse("public_services:complaint_attachment", args=[pdf.pk])) == 1
    assert reverse("public_services:complaint_attachment", args=[png.pk]) in page


def test_a_missing_file_is_404_not_500(ps, login):
    complaint = web_complaint(ps)
    attachment = complaint.attachments.get()
    default_storage.delete(attachment.file.name)
    assert download(login(ps.staff_user), attachment).status_code == 404


def test_confidential_files_open_only_where_the_identity_does(ps, login):
    complaint = web_complaint(ps, confidential=True)
    attachment = complaint.attachments.get()
    detail = reverse("public_services:complaint_detail", args=[complaint.pk])
    # the unit the complaint is about handles it, but neither sees who complained nor the files
    for user in (ps.staff_user, ps.kabid_user, ps.city.users["auditor"]):
        c = login(user)
        assert download(c, attachment).status_code == 404
        page = c.get(detail).content.decode()
        assert 'data-testid="attachments-closed"' in page and "bukti.pdf" not in page
    # Admin BKPSDM and the complaint coordinator do
    assert download(login(ps.city.users["admin_bkpsdm"]), attachment).status_code == 200
    services.service_policy_update(
        instansi=ps.city.instansi, data={"coordinator_unit": ps.city.seksi_a1a}, actor=None
    )
    coordinator = ps.city.users["pegawai"]  # Dedi works in the coordinator unit
    assert download(login(coordinator), attachment).status_code == 200
    assert selectors.complaint_attachments(actor=coordinator, complaint=complaint) == [attachment]
    assert selectors.complaint_attachments(actor=ps.staff_user, complaint=complaint) == []


def test_the_public_never_gets_the_files_back(ps, client):
    complaint = web_complaint(ps)
    attachment = complaint.attachments.get()
    r = download(client, attachment)  # anonymous: to the login page, not the file
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    assert client.get("/media/" + attachment.file.name).status_code == 404  # media is not served
    owner = reverse("public:complaint_owner", args=[complaint.tracking_number, complaint.confirm_token])
    for url in (owner, reverse("public:complaint_track") + f"?nomor={complaint.tracking_number}"):
        body = client.get(url).content.decode()
        assert "bukti.pdf" not in body and attachment.file.name not in body and "/pelayanan/" not in body
    assert attachment.file.name.startswith("public_services/complaints/")
    assert "bukti" not in attachment.file.name  # the citizen's file name never reaches the disk


# --- the liaison officer -----------------------------------------------------------------------------


def _verify(c, complaint, **data):
    return c.post(
        reverse("public_services:complaint_action", args=[complaint.pk, "verify"]),
        {"verify-tier": ComplaintTier.NORMATIVE, **{f"verify-{k}": v for k, v in data.items()}},
    )


def test_verify_names_a_liaison_of_the_opd(ps, login):
    complaint = web_complaint(ps)
    c = login(ps.staff_user)
    page = c.get(reverse("public_services:complaint_detail", args=[complaint.pk])).content.decode()
    # the picker offers the employees of Disdukcapil, and reloads when the unit changes
    assert ps.city.people["kabid_b1"].full_name in page and ps.city.people["staff_a"].full_name not in page
    assert reverse("public_services:complaint_liaisons", args=[complaint.pk]) in page
    assert "js/services_staff.js" in page  # which does the reloading
    r = _verify(c, complaint, handler=ps.city.people["staff_a"].pk)  # Dinkes: not a choice here
    assert r.status_code == 400 and "handler" in r.context["action_forms"][0][2].errors
    r = _verify(c, complaint, handler=ps.city.people["kabid_b1"].pk)
    assert r.status_code == 302
    complaint.refresh_from_db()
    assert complaint.handler == ps.city.people["kabid_b1"] and complaint.status == "verified"
    page = c.get(reverse("public_services:complaint_detail", args=[complaint.pk])).content.decode()
    assert ps.city.people["kabid_b1"].full_name in page.split('data-testid="liaison"')[1].split("</dd>")[0]


def test_the_service_refuses_a_liaison_outside_the_opd(ps):
    complaint = web_complaint(ps)
    with pytest.raises(ApplicationError) as exc:
        services.complaint_verify(
            complaint=complaint, tier=ComplaintTier.LIGHT, handler=ps.city.people["staff_a"], actor=None
        )
    assert exc.value.field == "handler" and "Dinas Kependudukan" in exc.value.message
    complaint.refresh_from_db()
    assert complaint.status == "received" and complaint.handler is None


def test_options_follow_the_unit_picked(ps, login):
    complaint = web_complaint(ps)
    url = reverse("public_services:complaint_liaisons", args=[complaint.pk])
    c = login(ps.city.users["admin_bkpsdm"])
    body = c.get(url, {"unit": ps.city.seksi_a1a.pk}).content.decode()  # a seksi: its OPD's people
    assert ps.city.people["staff_a"].full_name in body and ps.city.people["kadis_a"].full_name in body
    assert ps.city.people["staff_b"].full_name not in body
    assert body.lstrip().startswith('<option value="">')
    assert c.get(url, {"unit": "x"}).status_code == 404
    assert c.get(url, {"unit": 999999}).status_code == 404
    assert c.get(url).content.decode().count("<option") == 1  # no unit: only the blank choice


def test_forwarding_to_a_liaison_lets_the_liaison_act(ps, login):
    complaint = web_complaint(ps)
    complaint = services.complaint_verify(complaint=complaint, tier=ComplaintTier.NORMATIVE, actor=None)
    dedi = ps.city.users["pegawai"]  # Dinas Kesehatan, below the unit the complaint goes to
    detail = reverse("public_services:complaint_detail", args=[complaint.pk])
    assert login(dedi).get(detail).status_code == 404
    c = login(ps.city.users["admin_bkpsdm"])
    r = c.post(
        reverse("public_services:complaint_action", args=[complaint.pk, "forward"]),
        {
            "forward-to_unit": ps.city.dinas_a.pk,
            "forward-handler": ps.city.people["staff_a"].pk,
            "forward-reason": "Menyangkut layanan kesehatan",
        },
    )
    assert r.status_code == 302
    complaint.refresh_from_db()
    assert complaint.unit == ps.city.dinas_a and complaint.handler == ps.city.people["staff_a"]
    c = login(dedi)
    assert c.get(detail).status_code == 200
    r = c.post(
        reverse("public_services:complaint_action", args=[complaint.pk, "plan"]),
        {"plan-plan": "Klarifikasi ke puskesmas dalam 3 hari."},
    )
    assert r.status_code == 302
    complaint.refresh_from_db()
    assert complaint.planned_at is not None


# --- SKM on paper -------------------------------------------------------------------------------------

ELEMENT_FIELDS = tuple(e.field for e in skm.ELEMENTS)  # U1..U9


def paper(ps, **overrides):
    data = {
        "service": ps.ktp.pk,
        "filled_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "gender": "P",
        "age": "41",
        "education": "sma",
        "occupation": "wirausaha",
        "suggestion": "Kursi tunggu <b>kurang</b>",
        **dict.fromkeys(ELEMENT_FIELDS, "3"),
    }
    data.update(overrides)
    return data


def test_a_paper_questionnaire_is_typed_in_and_marked_as_such(ps, login):
    c = login(ps.staff_user)
    url = reverse("public_services:survey_paper")
    r = c.get(url)
    assert r.status_code == 200 and 'data-element="U9"' in r.content.decode()
    data = paper(ps)
    r = c.post(url, data)
    assert r.status_code == 302
    assert r["Location"] == f"{url}?layanan={ps.ktp.pk}&tanggal={data['filled_on']}"
    response = SurveyResponse.objects.get()
    assert response.channel == SurveyChannel.PAPER and response.entered_by == ps.staff_user
    assert timezone.localtime(response.submitted_at).date().isoformat() == data["filled_on"]
    assert response.service == ps.ktp and response.request is None and response.facilities == 3
    assert response.suggestion == "Kursi tunggu kurang" and response.age == 41
    # the next sheet starts with the same service and date; today's count goes up
    r = c.get(r["Location"])
    assert r.context["form"].initial["service"] == ps.ktp.pk and r.context["entered_today"] == 1
    # the SKM report shows how the questionnaires were filled
    r = c.get(reverse("public_services:skm_report"), {"unit": ps.city.dinas_b.pk})
    channel = next(t for t in r.context["profile"] if t["title"] == "Cara pengisian kuesioner")
    assert [(row["label"], row["n"]) for row in channel["rows"]] == [
        ("Kuesioner kertas (dientri petugas)", 1)
    ]
    assert r.context["can_enter_paper"]


def test_a_paper_questionnaire_can_belong_to_its_request(ps, login):
    request = services.request_register(service=ps.ktp, citizen_name="Ayu", actor=ps.staff_user)
    c = login(ps.staff_user)
    url = reverse("public_services:survey_paper")
    sloppy = request.tracking_number.lower().replace("-", " ")
    r = c.post(url, paper(ps, tracking_number=sloppy))
    assert r.status_code == 400 and "setelah layanan selesai" in str(
        r.context["form"].errors["tracking_number"]
    )
    walk(request, to=RequestStatus.COMPLETED, actor=ps.staff_user, at=timezone.now())
    assert c.post(url, paper(ps, tracking_number=sloppy)).status_code == 302
    assert SurveyResponse.objects.get().request == request
    r = c.post(url, paper(ps, tracking_number=sloppy))  # once per request
    assert r.status_code == 400 and "sudah diisi" in str(r.context["form"].errors["tracking_number"])
    r = c.post(url, paper(ps, service=ps.akta.pk, tracking_number=request.tracking_number))
    assert r.status_code == 400 and "tidak ditemukan" in str(r.context["form"].errors["tracking_number"])
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"facilities": ""}, "facilities"),
        ({"timeliness": "5"}, "timeliness"),
        ({"filled_on": (timezone.localdate() + dt.timedelta(days=1)).isoformat()}, "filled_on"),
        ({"filled_on": "2020-01-01"}, "filled_on"),
        ({"age": "7"}, "age"),
        ({"gender": "X"}, "gender"),
    ],
)
def test_paper_entry_errors_name_the_field_and_store_nothing(ps, login, change, field):
    r = login(ps.staff_user).post(reverse("public_services:survey_paper"), paper(ps, **change))
    assert r.status_code == 400 and field in r.context["form"].errors
    assert not SurveyResponse.objects.exists()


def test_only_the_services_the_clerk_handles(ps, login):
    r = login(ps.staff_user).post(reverse("public_services:survey_paper"), paper(ps, service=ps.imun.pk))
    assert r.status_code == 400 and "service" in r.context["form"].errors
    outsider = make_user(username="tanpa.pegawai", instansi=ps.city.instansi)
    assert login(outsider).get(reverse("public_services:survey_paper")).status_code == 404
    assert not SurveyResponse.objects.exists()
