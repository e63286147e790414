"""A citizen's journey on the public portal in a real browser: online request → tracking → the counter
clerk processes it on the staff pages → SKM survey from the receipt link → complaint on the web form →
verified and forwarded (with a liaison officer) and resolved on the staff pages → confirmed by the
complainant → the portal shows the new figures after the refresh job → the head of Disdukcapil's IKI
"waktu penyelesaian akta kelahiran" shows last month's median, fed from the same statistics."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from pembina.performance.choices import RealisationSource
from pembina.performance.models import Realisation
from pembina.public_services import services
from pembina.public_services.choices import ComplaintStatus, ComplaintTier, RequestStatus
from pembina.public_services.models import Complaint, ServiceRequest, SurveyResponse
from pembina.public_services.rules import skm
from pembina.public_services.tests.factories import build_ps, walk
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_planning_journey import login_as

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer<<>>\n%%EOF\n"
GOOD = {code: 4 for code in skm.ELEMENT_CODES}
FAIR = {code: 3 for code in skm.ELEMENT_CODES}


def _weekday_months_ago(n: int, hour: int = 9) -> dt.datetime:
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - n
    day = dt.date(index // 12, index % 12 + 1, 10)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


def _seed(ps, admin, *, n: int, at: dt.datetime, takes=dt.timedelta(minutes=30), scores=None, complaints=0):
    """Counter requests completed after `takes` (each with a survey) and resolved complaints."""
    for i in range(n):
        r = services.request_register(service=ps.akta, citizen_name=f"Warga {i}", actor=admin, received_at=at)
        r = walk(r, to=RequestStatus.COMPLETED, actor=admin, at=at + takes)
        if scores:
            services.survey_submit(
                scores=scores, token=r.survey_token, submitted_at=at + takes + dt.timedelta(hours=1)
            )
    for i in range(complaints):
        c = services.complaint_submit(
            instansi=ps.city.instansi,
            channel="counter",
            subject=f"Antrean {i}",
            description="Antrean lama.",
            service=ps.akta,
            reporter_name="Pelapor",
            actor=admin,
            received_at=at,
        )
        c = services.complaint_verify(
            complaint=c, tier=ComplaintTier.LIGHT, actor=admin, at=at + dt.timedelta(minutes=10)
        )
        services.complaint_resolve(
            complaint=c, resolution="Loket ditambah.", actor=admin, at=at + dt.timedelta(minutes=20)
        )


def _responsible_iki(city, ps, month: dt.date):
    """The head of Disdukcapil (which owns the akta service) with an approved SKP whose IKI reads the
    akta's median completion days as its data source (monthly periods, so last month has ended)."""
    from pembina.performance import services as perf
    from pembina.performance.seed import seed_reference_data
    from pembina.performance.tests.factories import approve, make_plan, make_year

    seed_reference_data()  # a transactional test starts from an emptied database
    year = make_year(instansi=city.instansi, year=month.year, interval="monthly")
    plan = make_plan(year=year, employee=city.people["kadis_b"], results=1)
    iki = perf.indicator_add(
        result=plan.results.get(),
        name="Waktu penyelesaian penerbitan akta kelahiran",
        target=3,
        unit="hari kerja",
        direction="lower",
        aggregation="average",
        data_source="public_services.completion_p50_days",
        data_source_params={"service_codes": [ps.akta.code]},
        actor=None,
    )
    approve(plan)
    return plan, iki


def _answer_survey(page, option_index: int) -> None:
    for code in skm.ELEMENT_CODES:
        page.locator(f'fieldset[data-element="{code}"] label').nth(option_index).click()


def open_action(page, action: str) -> None:
    """Open one of the complaint desk's action panels and wait until Bootstrap has finished showing
    it: filling and submitting a form while its panel is still collapsing in raced (a flaky
    journey). The page's own requests are done first."""
    page.wait_for_load_state("networkidle")
    page.get_by_test_id(f"open-{action}").click()
    expect(page.locator(f"#act-{action}")).to_have_class(re.compile(r"\bshow\b"))
    expect(page.get_by_test_id(f"form-{action}")).to_be_visible()


def test_citizen_request_survey_complaint_and_portal(city_live, live_server, page, console_errors):
    cache.clear()
    ps = build_ps(city_live)
    admin = city_live.users["admin_bkpsdm"]
    base = live_server.url
    # The program started this month; last month five requests took most of a week (with surveys),
    # so the portal already has public figures and a "before" to compare with.
    services.service_policy_update(
        instansi=city_live.instansi, data={"program_start": timezone.localdate().replace(day=1)}, actor=admin
    )
    _seed(ps, admin, n=5, at=_weekday_months_ago(1), takes=dt.timedelta(days=5), scores=FAIR, complaints=5)
    services.month_stats_refresh(instansi_id=city_live.instansi.pk)
    plan, iki = _responsible_iki(city_live, ps, _weekday_months_ago(1).date())
    page.set_viewport_size(DESKTOP)

    page.goto(f"{base}/layanan/")
    expect(page.get_by_test_id("fig-received")).to_have_text("5")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kinerja pelayanan publik")

    # 1. The citizen finds the service in the catalogue and applies online.
    page.get_by_role("link", name="Katalog layanan").first.click()
    page.get_by_role("link", name=re.compile("Akta Kelahiran")).click()
    expect(page.get_by_test_id("promised-days")).to_have_text("3 hari kerja")
    page.get_by_role("link", name="Ajukan permohonan daring").click()
    page.get_by_label("Nama pemohon").fill("Siti Aminah")
    page.get_by_label("Nomor HP atau surel").fill("0812 3456 7890")
    page.get_by_label("Keterangan permohonan").fill("Akta kelahiran anak kedua.")
    page.get_by_label(re.compile("Saya setuju")).check()
    page.set_viewport_size(PHONE)
    screenshot(page, "public-request-form-phone")
    page.get_by_role("button", name="Kirim permohonan").click()

    number = page.get_by_test_id("tracking-number").inner_text().strip()
    request = ServiceRequest.objects.get(tracking_number=number)
    assert request.channel == "online" and request.citizen_name == "Siti Aminah"
    survey_url = page.get_by_test_id("survey-link").inner_text().strip()
    expect(page.locator('img[src^="data:image/svg+xml;base64,"]')).to_be_visible()
    screenshot(page, "public-receipt-phone")
    page.set_viewport_size(DESKTOP)

    # 2. She checks the status by tracking number (typed loosely): no personal data on the page.
    page.goto(f"{base}/layanan/lacak/")
    page.get_by_label("Nomor lacak").fill(number.lower().replace("-", " "))
    page.get_by_role("button", name="Lacak").click()
    expect(page.get_by_test_id("track-status")).to_have_text("Diterima")
    expect(page.get_by_test_id("track-result")).not_to_contain_text("Siti")

    # 3. The counter clerk finds it in the queue by its number and processes it on the staff pages;
    #    the survey opens once it is completed.
    page.goto(survey_url)
    expect(page.get_by_test_id("survey-closed")).to_contain_text("setelah layanan selesai")
    login_as(page, live_server, ps.staff_user)
    page.goto(f"{base}/pelayanan/")
    page.get_by_label("Cari nomor lacak atau nama pemohon").fill(number.lower())
    expect(page.get_by_test_id("request-table").locator("tbody tr")).to_have_count(1)
    page.get_by_role("link", name=number).click()
    for step, label in (("verified", "Diverifikasi"), ("in_process", "Diproses"), ("completed", "Selesai")):
        page.get_by_test_id(f"step-{step}").click()
        expect(page.get_by_test_id("status")).to_have_text(label)
    request.refresh_from_db()
    assert request.status == RequestStatus.COMPLETED and request.handler == city_live.people["staff_b"]
    page.context.clear_cookies()
    page.goto(f"{base}/layanan/lacak/?nomor={number}")
    expect(page.get_by_test_id("track-status")).to_have_text("Selesai")

    # 4. The citizen answers the SKM survey from the receipt link.
    page.goto(survey_url)
    _answer_survey(page, 3)
    page.get_by_label("Jenis kelamin").select_option("P")
    page.get_by_label("Usia (tahun)").fill("34")
    page.set_viewport_size(PHONE)
    screenshot(page, "public-survey-phone")
    page.get_by_role("button", name="Kirim survei").click()
    expect(page.get_by_role("heading", name="Terima kasih")).to_be_visible()
    assert SurveyResponse.objects.get(request=request).facilities == 4
    page.set_viewport_size(DESKTOP)

    # 5. A complaint on the web form, with a photo of the receipt as PDF.
    page.goto(f"{base}/layanan/pengaduan/")
    page.get_by_label("Layanan yang diadukan (bila ada)").select_option(ps.akta.code)
    page.get_by_label("Judul pengaduan").fill("Diminta biaya tambahan")
    page.get_by_label("Isi pengaduan").fill("Petugas loket 2 meminta uang untuk mempercepat akta.")
    page.get_by_label("Nama pelapor").fill("Rina")
    page.get_by_label("Nomor HP atau surel").fill("rina@contoh.id")
    page.get_by_label(re.compile("Rahasiakan identitas")).check()
    page.locator("#id_attachments").set_input_files(
        files=[{"name": "bukti.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Kirim pengaduan").click()
    expect(page).to_have_url(re.compile(r"\?baru=1$"))
    complaint_number = page.get_by_test_id("complaint-number").inner_text().strip()
    owner_url = page.get_by_test_id("owner-link").inner_text().strip()
    complaint = Complaint.objects.get(tracking_number=complaint_number)
    assert complaint.is_confidential and complaint.attachments.count() == 1

    # 6. The head of Disdukcapil verifies it and forwards it to the registration unit, naming its head
    #    as liaison officer; the confidential complaint's file stays closed to the unit. The liaison
    #    resolves it.
    login_as(page, live_server, ps.kadis_user)
    page.goto(f"{base}/pelayanan/pengaduan/")
    page.get_by_role("link", name=complaint_number).click()
    expect(page.get_by_test_id("reporter")).to_contain_text("Identitas dirahasiakan")
    expect(page.get_by_test_id("attachments-closed")).to_contain_text("1 lampiran dirahasiakan")
    open_action(page, "verify")
    page.get_by_label("Klasifikasi").select_option(ComplaintTier.NORMATIVE)
    page.get_by_test_id("submit-verify").click()
    expect(page.get_by_test_id("status")).to_have_text("Terverifikasi")
    open_action(page, "forward")
    page.get_by_label("Teruskan ke unit").select_option(str(city_live.bidang_b1.pk))
    liaison = page.get_by_label("Petugas penghubung")
    expect(liaison.locator("option", has_text="Gita Kabid")).to_have_count(1)  # options of the OPD
    expect(liaison.locator("option", has_text="Dedi Staf")).to_have_count(0)
    liaison.select_option(str(city_live.people["kabid_b1"].pk))
    page.get_by_label("Alasan penerusan").fill("Loket 2 di bidang PDP")
    screenshot(page, "staff-complaint-forward")
    page.get_by_test_id("submit-forward").click()
    expect(page.get_by_test_id("hops")).to_contain_text(city_live.bidang_b1.name)
    expect(page.get_by_test_id("liaison")).to_have_text("Gita Kabid")
    login_as(page, live_server, ps.kabid_user)
    page.goto(f"{base}/pelayanan/pengaduan/{complaint.pk}/")
    open_action(page, "resolve")
    page.get_by_label("Jawaban/penyelesaian").fill("Petugas diperiksa dan diberi teguran tertulis.")
    page.get_by_test_id("submit-resolve").click()
    expect(page.get_by_test_id("status")).to_have_text("Selesai, menunggu konfirmasi pelapor")
    page.context.clear_cookies()

    # 7. The complainant reads the answer and confirms on her page.
    page.goto(owner_url)
    expect(page.get_by_test_id("resolution")).to_contain_text("teguran tertulis")
    page.get_by_label("Ya, saya menerima penyelesaiannya").check()
    page.get_by_label("5", exact=True).check()
    page.get_by_role("button", name="Kirim konfirmasi").click()
    expect(page.get_by_test_id("confirmed")).to_be_visible()
    expect(page.get_by_test_id("complaint-status")).to_have_text("Ditutup")
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED and complaint.rating == 5

    # 8. More of this month's cases, then the refresh job: the portal shows the new figures.
    _seed(ps, admin, n=4, at=timezone.now() - dt.timedelta(minutes=90), scores=GOOD, complaints=4)
    page.goto(f"{base}/layanan/")
    expect(page.get_by_test_id("fig-received")).to_have_text("5")  # cached until the refresh
    services.month_stats_refresh_enqueue(actor=admin, instansi_id=city_live.instansi.pk)
    page.reload()
    expect(page.get_by_test_id("fig-received")).to_have_text("10")
    expect(page.get_by_test_id("fig-complaints")).to_have_text("10")
    page.locator("details summary", has_text="Tabel data bulanan").click()
    this_month = page.get_by_test_id("monthly").locator("tbody tr").first
    expect(this_month.locator("td").first).to_have_text("5")
    expect(page.get_by_test_id("compare")).to_contain_text("membaik")  # same-day now, days before
    expect(page.locator('canvas[data-portal-chart="volume"]')).to_be_visible()
    screenshot(page, "public-portal")
    page.set_viewport_size(PHONE)
    screenshot(page, "public-portal-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scroll
    page.goto(f"{base}/layanan/katalog/{ps.akta.code}/")
    screenshot(page, "public-service-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)

    # 9. The same refresh job filled the responsible employee's indicator: the head of Disdukcapil sees
    #    last month's median completion days of the akta on the SKP, marked as fed from the data source.
    real = Realisation.objects.get(indicator=iki)
    assert real.source == RealisationSource.DATA_SOURCE and real.source_cases == 5
    assert real.period.start == _weekday_months_ago(1).date().replace(day=1)
    login_as(page, live_server, ps.kadis_user)
    page.goto(f"{base}/kinerja/skp/{plan.pk}/")
    row = page.locator(f"#iki-{iki.pk}")
    expect(row).to_contain_text("sumber data otomatis")
    fed = row.get_by_test_id(f"realisations-{iki.pk}").locator("li", has_text=real.period.label)
    expect(fed.get_by_test_id("real-value")).to_have_text(re.compile(rf"^{int(real.value)}"))
    expect(fed.locator(".badge", has_text="Dari sumber data")).to_have_attribute(
        "title", re.compile("Statistik pelayanan publik.*Akta Kelahiran.*5 kasus")
    )
    screenshot(page, "public-fed-indicator")
    assert console_errors == []
