"""The SKP journey in Chromium: an employee drafts an SKP (an RHK on the superior's RHK, an IKI from the
library) and submits; the pejabat penilai returns it with a note; the employee fixes and resubmits;
the pejabat penilai approves; the employee enters a realisation with an evidence file; the pejabat
penilai gives feedback; the PDF downloads. Screenshots of the SKP page and the cascade tree (desktop
and phone) go to /tmp."""

import re

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from pembina.accounts.tests.factories import activate_totp, make_user
from tests.browser.conftest import PHONE, screenshot

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer<<>>\n%%EOF\n"


def login_as(page, live_server, user):
    """Start a browser session for `user` (the login form itself is covered by the login journeys)."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def planning(city_live):
    from pembina.performance import services
    from pembina.performance.choices import GoalLevel
    from pembina.performance.seed import seed_reference_data
    from pembina.performance.tests.factories import approve, make_plan, make_year

    seed_reference_data()  # a transactional test starts from an emptied database
    city = city_live
    p = city.people
    year = make_year(instansi=city.instansi)
    rater = make_user(username=p["kasi_a1a"].nip, employee=p["kasi_a1a"])
    goal = services.goal_create(
        year=year,
        level=GoalLevel.OPD,
        opd=city.dinas_a,
        statement="Meningkatnya cakupan imunisasi",
        actor=None,
    )
    kadis = make_plan(year=year, employee=p["kadis_a"], results=0)
    top = services.result_add(
        plan=kadis, statement="Cakupan imunisasi dasar lengkap meningkat", goal=goal, actor=None
    )
    services.indicator_add(
        result=top, name="Cakupan IDL", target=95, unit="%", aggregation="last", actor=None
    )
    approve(kadis)
    kabid = make_plan(year=year, employee=p["kabid_a1"], parent=top)
    approve(kabid)
    kasi = make_plan(year=year, employee=p["kasi_a1a"], parent=kabid.results.get())
    kasi_rhk = kasi.results.get()
    kasi_rhk.statement = "Terlaksananya imunisasi dasar lengkap di seluruh puskesmas"
    kasi_rhk.save()
    approve(kasi)
    return city, year, rater, kasi_rhk


def test_planning_journey(planning, live_server, page, console_errors):
    city, year, rater, kasi_rhk = planning
    employee = city.users["pegawai"]
    base = live_server.url
    page.set_viewport_size(DESKTOP)
    page.set_default_timeout(60_000)  # the live server shares two cores with the rest of the suite
    page.set_default_navigation_timeout(90_000)

    # 1. the employee drafts her SKP
    login_as(page, live_server, employee)
    page.goto(f"{base}/kinerja/skp/saya/")
    page.get_by_test_id("draft-plan").click()
    page.get_by_role("button", name="Buat konsep SKP").click()
    expect(page.get_by_test_id("plan-title")).to_contain_text("SKP 2026")
    expect(page.get_by_test_id("plan-header")).to_contain_text("Citra Kasi")  # pejabat penilai in the header
    plan_url = page.url

    # 2. an RHK intervening the superior's RHK
    page.get_by_test_id("add-result").click()
    page.get_by_label("Rencana hasil kerja").fill("Tersedianya data imunisasi yang lengkap dan tepat waktu")
    page.get_by_label("RHK pimpinan yang diintervensi").select_option(value=str(kasi_rhk.pk))
    page.get_by_role("button", name="Simpan RHK").click()
    expect(page.get_by_test_id("parent-result")).to_contain_text("Terlaksananya imunisasi dasar lengkap")

    # 3. an IKI from the indicator library (filtered by htmx, then "Gunakan")
    page.get_by_test_id("add-indicator").click()
    page.get_by_label("Sektor").select_option(value="kesehatan")
    expect(page.get_by_test_id("library-list")).to_contain_text("imunisasi")
    page.get_by_test_id("library-list").locator(
        ".list-group-item", has_text="imunisasi"
    ).first.get_by_test_id("use-template").click()
    expect(page.get_by_test_id("from-template")).to_be_visible()
    iki_name = page.get_by_label("Indikator kinerja individu").input_value()
    page.get_by_label("Target", exact=True).fill("80")
    page.get_by_role("button", name="Simpan IKI").click()
    expect(page.get_by_test_id("indicator-name")).to_have_text(iki_name)

    # 4. submit
    page.get_by_test_id("submit-plan").click()
    expect(page.get_by_test_id("plan-status").first).to_have_text("Diajukan")

    # 5. the pejabat penilai returns it with a note on the RHK
    login_as(page, live_server, rater)
    page.goto(f"{base}/kinerja/skp/tinjau/")
    expect(page.get_by_test_id("waiting-count")).to_have_text("1")
    page.get_by_test_id("waiting").get_by_role("link").first.click()
    page.get_by_test_id("return-plan").click()
    page.get_by_label("Catatan untuk RHK 1").fill(
        "Target 80% terlalu rendah; sesuaikan dengan target kabupaten 95%."
    )
    page.get_by_test_id("confirm-return").click()
    expect(page.get_by_test_id("plan-status").first).to_have_text("Dikembalikan")

    # 6. the employee sees the note, fixes the target and resubmits
    login_as(page, live_server, employee)
    page.goto(plan_url)
    expect(page.get_by_test_id("returned-notice")).to_be_visible()
    expect(page.get_by_test_id("result-card").first).to_contain_text("terlalu rendah")
    page.get_by_role("link", name="Ubah IKI").click()
    page.get_by_label("Target", exact=True).fill("95")
    page.get_by_role("button", name="Simpan IKI").click()
    expect(page.get_by_test_id("indicator-target")).to_contain_text("95")
    page.get_by_test_id("submit-plan").click()
    expect(page.get_by_test_id("plan-status").first).to_have_text("Diajukan")

    # 7. the pejabat penilai approves
    login_as(page, live_server, rater)
    page.goto(plan_url)
    page.get_by_test_id("approve-plan").click()
    expect(page.get_by_test_id("plan-status").first).to_have_text("Disetujui")

    # 8. the employee records a realisation with an evidence file
    login_as(page, live_server, employee)
    page.goto(plan_url)
    page.get_by_test_id("record-realisation").click()
    page.get_by_label("Periode").select_option(index=0)
    page.get_by_label("Nilai realisasi").fill("92,5")
    page.get_by_label("Uraian realisasi").fill("Rekap Januari–Maret dari 23 puskesmas")
    page.get_by_label("Bukti dukung").set_input_files(
        files=[{"name": "rekap-imunisasi-tw1.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Simpan realisasi").click()
    expect(page.get_by_test_id("evidence-link")).to_have_text(re.compile("rekap-imunisasi-tw1.pdf"))
    expect(page.get_by_test_id("real-value").first).to_have_text("92,5")

    # 9. the pejabat penilai gives feedback on it
    login_as(page, live_server, rater)
    page.goto(plan_url)
    page.get_by_test_id("feedback-form").get_by_role("textbox").fill(
        "Bagus; pertahankan ketepatan waktu rekap."
    )
    page.get_by_test_id("feedback-form").get_by_role("button", name="Kirim").click()
    expect(page.get_by_test_id("feedback")).to_contain_text("pertahankan ketepatan waktu")

    # screenshots of the SKP page
    screenshot(page, "skp")
    page.set_viewport_size(PHONE)
    screenshot(page, "skp-phone")
    page.set_viewport_size(DESKTOP)

    # 10. the PDF (the documents engineer adds the route; skipped with a note until it exists)
    login_as(page, live_server, employee)
    page.goto(plan_url)
    try:
        reverse("performance:plan_pdf", args=[1])
        has_pdf = True
    except NoReverseMatch:
        has_pdf = False
    if has_pdf:
        with page.expect_download() as info:
            page.get_by_test_id("plan-pdf").click()
        path = info.value.path()
        with open(path, "rb") as fh:
            assert fh.read(5) == b"%PDF-"
    else:
        expect(page.get_by_test_id("plan-pdf")).to_have_count(0)

    # the cascade tree of the Dinas, seen by its Admin OPD
    admin = city.users["admin_opd"]
    activate_totp(admin)
    login_as(page, live_server, admin)
    page.goto(f"{base}/kinerja/kaskade/?opd={city.dinas_a.pk}&year={year.year}")
    tree = page.get_by_test_id("cascade-tree")
    expect(tree).to_contain_text("Meningkatnya cakupan imunisasi")
    expect(tree).to_contain_text("Tersedianya data imunisasi yang lengkap")
    screenshot(page, "cascade")
    page.set_viewport_size(PHONE)
    screenshot(page, "cascade-phone")
    page.get_by_test_id("flag-plan_not_approved").click()
    expect(page.get_by_test_id("flagged-list")).to_be_visible()
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/kinerja/progres/?opd={city.dinas_a.pk}&year={year.year}")
    expect(page.locator("#progress-chart")).to_be_visible()
    screenshot(page, "progress")
    assert console_errors == []
