"""The competency-development journey in Chromium: an employee sees her competency gaps and her 20 JP
shortfall, drafts this year's IDP, adds a training from the schedule and enrols; her superior agrees
the IDP and approves the enrolment, BKPSDM approves the seat; the organising Admin OPD records
attendance and the post-test and marks completion; her JP and competency profile update and the
certificate verifies publicly; she plays a complaint-handling simulation to the end and sees its
score and the feedback of each step. Screenshots (desktop and phone) go to /tmp."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pembina.accounts.tests.factories import activate_totp, make_user
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_planning_journey import DESKTOP, login_as

pytestmark = pytest.mark.browser


@pytest.fixture
def learning_city(city_live):
    from pembina.learning import services
    from pembina.learning.models import Competency, Event
    from pembina.learning.services.seed import scenario_documents, seed_competency_dictionary

    seed_competency_dictionary()  # a transactional test starts from an emptied database
    city = city_live
    p = city.people
    today = timezone.localdate()
    atasan = make_user(username=p["kasi_a1a"].nip, employee=p["kasi_a1a"])
    for code in ("pelayanan-publik", "komunikasi"):
        comp = Competency.objects.get(code=code)
        services.position_standard_set(
            position=city.positions["staff_a"], competency=comp, required_level=2, actor=None
        )
        services.competency_assessment_record(
            employee=p["staff_a"],
            competency=comp,
            level=1,
            source="superior_review",
            source_ref=f"b19-{code}",
            assessed_on=today.replace(month=1, day=15),
            actor=None,
        )
    programme = services.programme_create(
        instansi=city.instansi,
        code="pelayanan-prima",
        data={
            "title": "Pelatihan Pelayanan Prima dan Penanganan Pengaduan",
            "category": "technical",
            "kind": "training",
            "jp": Decimal("24"),
            "passing_score": Decimal("70"),
            "organiser": "Dinas Kesehatan Kota Uji",
        },
        competencies={"pelayanan-publik": 2, "komunikasi": 2},
        actor=None,
    )
    event = Event.objects.create(
        programme=programme,
        instansi=city.instansi,
        title=programme.title,
        batch="Angkatan I",
        start_date=today,
        end_date=today,
        place="Aula Dinas Kesehatan",
        quota=30,
        organiser="Dinas Kesehatan Kota Uji",
        organiser_unit=city.dinas_a,
        jp=programme.jp,
        status="open",
    )
    scenario = services.scenario_load(document=scenario_documents()[0], actor=None, publish=True)
    for role in ("admin_opd", "admin_bkpsdm"):
        activate_totp(city.users[role])
    return city, atasan, event, scenario


def best_answer(step):
    """The best response of a step (the test knows the rubric; the learner reads the page)."""
    if step.response_type == "free_text":
        words = [item["keywords"][0] for item in step.rubric if item.get("points", 0) > 0]
        return "text", "Mohon maaf atas ketidaknyamanannya, " + ", ".join(words) + "."
    best = max(step.choices.all(), key=lambda c: (not c.critical, c.points))
    return "choice", best.label


def test_learning_journey(learning_city, live_server, page, console_errors):
    from pembina.learning.models import Attempt, Step

    city, atasan, event, scenario = learning_city
    employee = city.users["pegawai"]
    year = timezone.localdate().year
    base = live_server.url
    page.set_viewport_size(DESKTOP)
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(90_000)

    # 1. the employee sees her gaps and her JP shortfall
    login_as(page, live_server, employee)
    page.goto(f"{base}/pengembangan/")
    expect(page.get_by_test_id("page-title")).to_have_text("Pengembangan saya")
    expect(page.get_by_test_id("jp-shortfall")).to_contain_text("Kurang 20 JP")
    gaps = page.get_by_test_id("gap-table")
    row = gaps.locator("tr[data-competency='pelayanan-publik']")
    expect(row.get_by_test_id("gap-value")).to_have_text("1")
    expect(page.locator("canvas[data-learning-chart='gaps']")).to_be_visible()
    screenshot(page, "learning-home")

    # 2. she drafts this year's IDP and adds the training from the schedule
    page.get_by_test_id("create-plan").click()
    expect(page.get_by_test_id("plan-title")).to_contain_text(str(year))
    plan_url = page.url
    page.goto(f"{base}/pengembangan/pelatihan/?upcoming=on")
    page.get_by_test_id("event-link").filter(has_text="Pelayanan Prima").click()
    expect(page.get_by_test_id("event-title")).to_contain_text("Pelayanan Prima")
    page.get_by_test_id("event-to-plan").click()
    expect(page.get_by_test_id("activity-title")).to_contain_text("Pelayanan Prima")
    assert page.url.split("#")[0] == plan_url  # the same IDP, not a second one
    page.get_by_test_id("submit-plan").click()
    expect(page.get_by_test_id("plan-status").first).to_have_text("Diajukan")

    # 3. she enrols
    page.goto(f"{base}/pengembangan/pelatihan/{event.pk}/")
    page.get_by_label("Alasan mengikuti").fill("Saya melayani pertanyaan dan keluhan warga soal imunisasi.")
    page.get_by_test_id("enrol").click()
    expect(page.get_by_test_id("enrolment-status")).to_have_text("Diajukan")

    # 4. her superior agrees the IDP and approves the enrolment
    login_as(page, live_server, atasan)
    page.goto(f"{base}/pengembangan/persetujuan/")
    expect(page.get_by_test_id("plans-waiting")).to_have_text("1")
    expect(page.get_by_test_id("enrolments-waiting")).to_have_text("1")
    page.get_by_test_id("superior-approve").click()
    expect(page.get_by_test_id("enrolments-waiting")).to_have_text("0")
    page.get_by_test_id("waiting-plans").get_by_role("link").first.click()
    page.get_by_test_id("agree-plan").click()
    expect(page.get_by_test_id("plan-status").first).to_have_text("Disepakati")

    # 5. BKPSDM approves the seat
    login_as(page, live_server, city.users["admin_bkpsdm"])
    page.goto(f"{base}/pengembangan/persetujuan/bkpsdm/")
    expect(page.get_by_test_id("bkpsdm-waiting")).to_have_text("1")
    page.get_by_test_id("bkpsdm-approve").click()
    expect(page.get_by_test_id("bkpsdm-waiting")).to_have_text("0")

    # 6. the organising Admin OPD records attendance and the tests, then marks completion
    login_as(page, live_server, city.users["admin_opd"])
    page.goto(f"{base}/pengembangan/pelatihan/{event.pk}/")
    participant = page.get_by_test_id("participant").filter(has_text="Dedi Staf")
    participant.get_by_label("Kehadiran (%)").fill("100")
    participant.get_by_label("Pre-test").fill("60")
    participant.get_by_label("Post-test").fill("85")
    participant.get_by_test_id("save-result").click()
    participant = page.get_by_test_id("participant").filter(has_text="Dedi Staf")
    participant.get_by_test_id("complete-enrolment").click()
    expect(
        page.get_by_test_id("participant").filter(has_text="Dedi Staf").get_by_test_id("participant-status")
    ).to_have_text("Lulus/selesai")
    screenshot(page, "learning-event")

    # 7. her JP and profile updated; the certificate verifies publicly
    login_as(page, live_server, employee)
    page.goto(f"{base}/pengembangan/")
    expect(page.get_by_test_id("jp-total")).to_have_text("24")
    expect(page.get_by_test_id("jp-met")).to_be_visible()
    expect(row.get_by_test_id("gap-value")).to_have_text("0")
    expect(row.get_by_test_id("current-level")).to_have_text("2")
    expect(page.get_by_test_id("profile")).to_contain_text("Penyelesaian pelatihan")
    page.get_by_test_id("certificate-code").first.click()
    expect(page.get_by_test_id("verify-result")).to_have_attribute("data-valid", "1")
    expect(page.get_by_test_id("verify-result")).to_contain_text("Pelayanan Prima")
    page.get_by_label("Kode verifikasi").fill("PMB0-0000-0000-0000")
    page.get_by_role("button", name="Periksa").click()
    expect(page.get_by_test_id("verify-result")).to_have_attribute("data-valid", "0")
    expect(page.get_by_test_id("verify-result")).to_contain_text("TIDAK sah")

    # 8. she plays a complaint-handling simulation to the end
    page.goto(f"{base}/pengembangan/simulasi/")
    page.get_by_test_id("scenario-link").filter(has_text=scenario.title).click()
    page.get_by_test_id("start-simulation").click()
    attempt = Attempt.objects.get(scenario=scenario, employee=employee.employee)
    for _ in range(20):
        if page.get_by_test_id("result").count():
            break
        attempt.refresh_from_db()
        kind, answer = best_answer(Step.objects.get(pk=attempt.current_step_id))
        expect(page.get_by_test_id("citizen-message")).to_be_visible()
        if kind == "text":
            page.get_by_test_id("answer-text").fill(answer)
            page.get_by_test_id("send-answer").click()
        else:
            page.get_by_test_id("choice").filter(has_text=answer[:60]).first.click()
        expect(page.get_by_test_id("step-feedback").last).to_be_visible()
    result = page.get_by_test_id("result")
    expect(result).to_be_visible()
    expect(page.get_by_test_id("score-percent")).to_have_text(re.compile(r"^\d+%$"))
    expect(page.get_by_test_id("passed")).to_be_visible()
    expect(page.get_by_test_id("dimension-scores")).to_contain_text("Memahami dan memenuhi kebutuhan")
    attempt.refresh_from_db()
    expect(page.get_by_test_id("step-feedback")).to_have_count(attempt.answers.count())
    screenshot(page, "learning-simulation")
    page.set_viewport_size(PHONE)
    screenshot(page, "learning-simulation-phone")
    page.goto(f"{base}/pengembangan/")
    expect(page.get_by_test_id("jp-total")).to_have_text(re.compile(r"^2[5-9]"))  # the simulation's JP
    screenshot(page, "learning-home-phone")
    no_sideways = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert no_sideways, "the page scrolls sideways on a phone"
    assert console_errors == []


def test_scenario_authoring_journey(city_live, live_server, page, console_errors):
    """BKPSDM writes a small scenario in the UI: the step form shows the fields of the chosen kind,
    the preview lists the dead end until a scored choice closes it, and the scenario publishes."""
    from pembina.learning.services.seed import seed_competency_dictionary

    seed_competency_dictionary()
    admin = city_live.users["admin_bkpsdm"]
    activate_totp(admin)
    base = live_server.url
    page.set_viewport_size(PHONE)
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(90_000)
    login_as(page, live_server, admin)

    page.goto(f"{base}/pengembangan/simulasi/")
    page.get_by_test_id("new-scenario").click()
    page.get_by_label("Kode").fill("uji-parkir")
    page.get_by_label("Judul").fill("Keluhan parkir liar di depan puskesmas")
    page.get_by_label("Konteks layanan").fill("Halaman puskesmas sering dipakai parkir liar.")
    page.get_by_label("Kanal").select_option("whatsapp")
    page.get_by_label("Tingkat kesulitan").select_option("basic")
    page.get_by_label("Kompetensi yang dibuktikan").fill("pelayanan-publik = 2")
    page.get_by_test_id("save-scenario").click()
    expect(page.get_by_test_id("preview-title")).to_have_text("Keluhan parkir liar di depan puskesmas")

    page.get_by_test_id("add-step").click()
    expect(page.get_by_label("Rubrik kata kunci")).to_be_hidden()  # a choice step has no rubric
    page.get_by_label("Jenis langkah").select_option("free_text")
    expect(page.get_by_label("Rubrik kata kunci")).to_be_visible()
    page.get_by_label("Jenis langkah").select_option("choice")
    page.get_by_label("Kunci langkah").fill("s1")
    page.get_by_label("Pesan warga").fill("Pak, ambulans tidak bisa masuk karena parkir liar!")
    page.get_by_test_id("save-step").click()
    page.get_by_test_id("add-step").click()
    page.get_by_label("Jenis langkah").select_option("ending")
    expect(page.get_by_label("Umpan balik penutup")).to_be_visible()
    page.get_by_label("Kunci langkah").fill("selesai")
    page.get_by_label("Pesan warga").fill("Terima kasih, sudah ditertibkan.")
    page.get_by_label("Jenis akhir").select_option("good")
    page.get_by_test_id("save-step").click()
    expect(page.get_by_test_id("problems")).to_contain_text("jalan buntu")
    expect(page.get_by_test_id("publish")).to_be_disabled()

    page.locator("[data-key='s1']").get_by_test_id("add-choice").click()
    page.get_by_label("Jawaban").fill(
        "Mohon maaf, Pak. Saya minta satpam menertibkan sekarang dan mencatatnya."
    )
    page.get_by_label("Menuju langkah").select_option("selesai")
    page.get_by_label("Memahami dan memenuhi kebutuhan masyarakat").select_option("2")
    page.get_by_label("Umpan balik").fill("Tepat: segera bertindak dan mencatat untuk perbaikan.")
    page.get_by_test_id("save-choice").click()
    expect(page.get_by_test_id("valid")).to_be_visible()
    page.get_by_test_id("publish").click()
    expect(page.get_by_test_id("scenario-status")).to_have_text("Terbit")
    screenshot(page, "learning-authoring-phone")
    assert console_errors == []
