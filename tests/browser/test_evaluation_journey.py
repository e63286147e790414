"""The evaluation journey in Chromium: the pejabat penilai rates a subordinate's period and sees the
predicate (the matrix preview live, then the saved predicate); the Tim Penilai's calibration view
shows the OPD's distribution violating the curve of its organisation predicate; a rating is adjusted
with a reason; the evaluation is published; the employee appeals before the deadline; the atasan
pejabat penilai decides; the Dokumen Evaluasi Kinerja Pegawai downloads as PDF. Screenshots of the
evaluation and calibration pages (desktop and phone) go to /tmp."""

import pytest
from playwright.sync_api import expect

from pembina.accounts.tests.factories import activate_totp
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_planning_journey import DESKTOP, login_as

pytestmark = pytest.mark.browser


@pytest.fixture
def evaluation_city(city_live):
    from pembina.evaluation import services
    from pembina.evaluation.models import Evaluation
    from pembina.evaluation.tests.factories import build_eval_city, rated
    from pembina.performance.seed import seed_reference_data

    seed_reference_data()  # a transactional test starts from an emptied database
    ev = build_eval_city(city_live)
    q2 = ev.periods[1]
    services.evaluation_run(year=ev.year, period=q2, actor=None)
    for key in ("kadis_a", "kabid_a1", "kasi_a1a", "staff_a2"):
        rated(ev, key, result="di_atas", behaviour="di_atas", period=q2)
    services.organisation_predicate_record(
        year=ev.year, opd=city_live.dinas_a, period=q2, predicate="baik", actor=None
    )
    activate_totp(city_live.users["admin_opd"])
    evaluation = Evaluation.objects.get(plan=ev.plans["staff_a"], period=q2)
    return ev, evaluation


def test_evaluation_journey(evaluation_city, live_server, page, console_errors):
    ev, evaluation = evaluation_city
    city = ev.city
    base = live_server.url
    page.set_viewport_size(DESKTOP)
    page.set_default_timeout(60_000)  # the live server shares two cores with the rest of the suite
    page.set_default_navigation_timeout(90_000)
    page.on("dialog", lambda dialog: dialog.accept())
    detail_url = f"{base}/penilaian/{evaluation.pk}/"

    # 1. the pejabat penilai opens "Perlu dinilai", rates Dedi's Q2 and sees the predicate
    login_as(page, live_server, ev.users["rater"])
    page.goto(f"{base}/penilaian/")
    expect(page.get_by_role("heading", name="Perlu dinilai")).to_be_visible()
    page.get_by_role("link", name="Dedi Staf").click()
    expect(page.get_by_test_id("iki-table")).to_contain_text("IKI 1")
    expect(page.get_by_test_id("suggestion")).to_contain_text("Saran sistem")
    form = page.get_by_test_id("rate-form")
    form.locator("input[name=rating_result][value=di_atas]").check()
    form.locator("input[name=rating_behaviour][value=di_atas]").check()
    expect(page.get_by_test_id("predicate-preview")).to_contain_text("Sangat Baik")  # live, from the matrix
    form.get_by_label("Alasan rating hasil kerja").fill("Seluruh IKI tercapai sesuai jadwal.")
    form.get_by_label("Berorientasi Pelayanan").fill("Sigap melayani puskesmas.")
    page.get_by_test_id("rate-submit").click()
    expect(page.get_by_test_id("evaluation-predicate")).to_have_text("Sangat Baik")
    expect(page.get_by_test_id("evaluation-status")).to_have_text("Sudah dinilai")
    screenshot(page, "evaluation")
    page.set_viewport_size(PHONE)
    page.reload()  # lay the charts out for the phone
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scroll
    screenshot(page, "evaluation-phone")
    page.set_viewport_size(DESKTOP)

    # 2. the Tim Penilai (Admin OPD) sees Dinkes' distribution violate the curve of its predicate
    login_as(page, live_server, city.users["admin_opd"])
    page.goto(f"{base}/penilaian/kalibrasi/?year={ev.year.year}&opd={city.dinas_a.pk}&period=2")
    expect(page.get_by_test_id("org-predicate")).to_have_text("Baik")
    violations = page.get_by_test_id("curve-violations")
    expect(violations).to_contain_text("harus ada pegawai Butuh Perbaikan")
    expect(page.locator("canvas[data-eval-chart=curve]")).to_be_visible()
    expect(page.get_by_test_id("rater-comparison")).to_contain_text("Citra Kasi")
    screenshot(page, "calibration")
    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "calibration-phone")
    page.set_viewport_size(DESKTOP)

    # 3. the rating is adjusted with a reason; the warning goes away
    row = page.get_by_test_id(f"calibrate-row-{evaluation.pk}")
    row.get_by_label("Rating hasil kerja baru").select_option("di_bawah")
    row.get_by_label("Alasan kalibrasi").fill("Dua IKI utama baru 60 % dari target triwulan.")
    row.get_by_role("button", name="Sesuaikan").click()
    expect(page.get_by_role("alert").first).to_contain_text("Kalibrasi dicatat untuk Dedi Staf")
    expect(page.get_by_test_id("curve-violations")).to_have_count(0)
    expect(page.get_by_test_id("curve-ok")).to_be_visible()

    # 4. it is published from the evaluation page
    page.goto(detail_url)
    expect(page.get_by_test_id("calibrations")).to_contain_text("Dua IKI utama")
    page.get_by_test_id("publish-button").click()
    expect(page.get_by_test_id("evaluation-status")).to_have_text("Diumumkan")
    expect(page.get_by_test_id("evaluation-predicate")).to_have_text("Butuh Perbaikan")

    # 5. the employee sees it with the appeal deadline and appeals
    login_as(page, live_server, city.users["pegawai"])
    page.goto(f"{base}/penilaian/saya/")
    card = page.get_by_test_id(f"my-evaluation-{evaluation.pk}")
    expect(card.get_by_test_id("appeal-countdown")).to_contain_text("sisa 14 hari")
    card.get_by_test_id("appeal-button").click()
    page.get_by_label("Alasan keberatan").fill("Realisasi triwulan II belum memuat data dua puskesmas.")
    page.get_by_test_id("appeal-submit").click()
    expect(page.get_by_test_id("appeal-status")).to_have_text("Diajukan")

    # 6. the atasan pejabat penilai asks both sides, and decides
    from pembina.evaluation import services
    from pembina.evaluation.models import Appeal

    boss = city.users["pejabat_penilai"]
    login_as(page, live_server, boss)
    page.goto(f"{base}/penilaian/keberatan/")
    page.get_by_test_id("appeal-queue").get_by_role("link", name="Dedi Staf").click()
    page.get_by_test_id("request-form").get_by_role("button").click()
    expect(page.get_by_test_id("appeal-status")).to_have_text("Meminta penjelasan")
    appeal = Appeal.objects.get(evaluation=evaluation)
    services.appeal_explain(
        appeal=appeal, explanation="Data dua puskesmas masuk terlambat.", actor=ev.users["rater"]
    )
    services.appeal_explain(
        appeal=appeal, explanation="Data sudah dikirim tepat waktu.", actor=city.users["pegawai"]
    )
    page.reload()
    expect(page.get_by_test_id("explanations")).to_contain_text("Data sudah dikirim tepat waktu.")
    decide = page.get_by_test_id("decide-form")
    decide.get_by_label("Mengubah hasil evaluasi").check()
    decide.get_by_label("Rating hasil kerja (bila diubah)").select_option("sesuai")
    decide.get_by_label("Alasan keputusan").fill("Bukti pengiriman data tepat waktu diterima.")
    page.get_by_test_id("decide-submit").click()
    expect(page.get_by_test_id("evaluation-status")).to_have_text("Final (dikunci)")
    expect(page.get_by_test_id("evaluation-predicate")).to_have_text("Baik")
    expect(page.get_by_test_id("locked-notice")).to_be_visible()

    # 7. the employee downloads the Dokumen Evaluasi Kinerja Pegawai
    login_as(page, live_server, city.users["pegawai"])
    page.goto(detail_url)
    with page.expect_download() as info:
        page.get_by_test_id("evaluation-pdf").click()
    with open(info.value.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    assert info.value.suggested_filename.endswith(".pdf")
    assert console_errors == []
