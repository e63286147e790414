"""Learning workflows through the pages: IDP (return with a note, agree, report and verify), enrolment
(superior → BKPSDM → organiser's attendance/post-test → completion with certificate, JP and profile,
reaction evaluation), external certificates and public verification (a forged code fails), a
simulation played to the end, and a scenario authored in the UI (problems shown, cycles refused,
published). Writes are audited with source web; refusals come back in Indonesian and change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from pembina.core.models import AuditEntry
from pembina.core.testing.views import module_city_fixture
from pembina.learning.choices import (
    AssessmentSource,
    AttemptStatus,
    CertificateStatus,
    EnrolmentStatus,
    PlanStatus,
    RecordSource,
    RecordStatus,
    ScenarioStatus,
)
from pembina.learning.models import (
    Attempt,
    Certificate,
    CompetencyAssessment,
    DevelopmentRecord,
    Enrolment,
    EventEvaluation,
    PlanActivity,
    Scenario,
    Step,
)
from pembina.learning.tests.test_views_matrix import build_world, upload

pytestmark = pytest.mark.django_db

city = module_city_fixture(build_world)


def url(name, *args, query=""):
    return reverse(f"learning:{name}", args=args) + query


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def web_entries(response, object_type):
    return AuditEntry.objects.filter(
        request_id=response["X-Request-ID"], source="web", object_type=object_type
    )


# --- IDP ------------------------------------------------------------------------------------------


def test_idp_return_agree_report_verify(city, client, login):
    w = city
    plan = w.plan_in
    c = login(w.users["pegawai"])
    r = c.post(
        url("activity_add", plan.pk),
        {"kind": "e_learning", "title": "E-learning pengaduan LAPOR", "planned_jp": "6"},
    )
    assert r.status_code == 302
    assert web_entries(r, "learning.planactivity").count() == 1
    r = c.post(url("plan_submit", plan.pk), {"note": "Mohon ditinjau"}, follow=True)
    assert "IDP diajukan kepada atasan." in messages_of(r)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED and plan.superior_id == w.city.people["kasi_a1a"].pk

    c = login(w.users["atasan"])
    queue = c.get(url("approval_queue"))
    assert queue.context["plans"] == [plan]
    r = c.post(url("plan_return", plan.pk), {"note": ""}, follow=True)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED  # refused: a return needs a note
    assert messages_of(r)
    r = c.post(url("plan_return", plan.pk), {"note": "Tambahkan mentoring pelayanan."})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.RETURNED and plan.superior_note == "Tambahkan mentoring pelayanan."
    assert web_entries(r, "learning.developmentplan").exists()

    c = login(w.users["pegawai"])
    page = c.get(url("plan_detail", plan.pk))
    assert b'data-testid="returned-notice"' in page.content and b"Tambahkan mentoring" in page.content
    c.post(url("plan_submit", plan.pk))
    c = login(w.users["atasan"])
    c.post(url("plan_agree", plan.pk), {"note": "Setuju"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED

    # the employee reports the coaching done: it waits for the superior before counting
    c = login(w.users["pegawai"])
    today = timezone.localdate()
    r = c.post(url("activity_complete", w.activity_in.pk), {"completed_on": today.isoformat(), "jp": "4"})
    assert r.status_code == 302
    record = DevelopmentRecord.objects.get(source_ref=f"activity:{w.activity_in.pk}")
    assert record.status == RecordStatus.PENDING
    before = c.get(url("home")).context["jp"].total

    c = login(w.users["atasan"])
    queue = c.get(url("approval_queue"))
    assert record in queue.context["records"]
    c.post(url("record_verify", record.pk), {"approve": "1", "next": url("approval_queue")})
    record.refresh_from_db()
    assert record.status == RecordStatus.VERIFIED

    c = login(w.users["pegawai"])
    assert c.get(url("home")).context["jp"].total == before + Decimal("4")


def test_outsider_cannot_agree_and_nothing_changes(city, client, login):
    w = city
    c = login(w.users["pegawai"])
    c.post(url("plan_submit", w.plan_in.pk))
    c = login(w.users["pejabat_penilai"])  # the superior's superior: a reader only
    assert c.post(url("plan_agree", w.plan_in.pk)).status_code == 404
    w.plan_in.refresh_from_db()
    assert w.plan_in.status == PlanStatus.SUBMITTED


# --- enrolment ------------------------------------------------------------------------------------


def test_enrolment_to_certificate_jp_and_profile(city, client, login):
    w = city
    event = w.event_opd_a  # organised by Dinas Kesehatan: its Admin OPD runs it
    c = login(w.users["pegawai"])
    r = c.post(url("event_add_to_plan", event.pk))
    assert r.status_code == 302
    activity = PlanActivity.objects.get(plan=w.plan_in, event=event)
    r = c.post(url("event_enrol", event.pk), {"motivation": "Saya melayani pengaduan imunisasi."})
    enrolment = Enrolment.objects.get(event=event, employee=w.city.people["staff_a"])
    assert r.url == url("enrolment_detail", enrolment.pk)
    assert enrolment.status == EnrolmentStatus.REQUESTED and enrolment.plan_activity_id == activity.pk

    c = login(w.users["atasan"])
    assert enrolment in c.get(url("approval_queue")).context["enrolments"]
    r = c.post(url("enrolment_superior_approve", enrolment.pk), {"next": url("approval_queue")})
    assert r.url == url("approval_queue")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.SUPERIOR_APPROVED

    c = login(w.users["admin_bkpsdm"])
    assert enrolment in c.get(url("bkpsdm_queue")).context["page_obj"].object_list
    c.post(url("enrolment_approve", enrolment.pk))
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.APPROVED

    c = login(w.users["admin_opd"])
    r = c.post(url("enrolment_complete", enrolment.pk), follow=True)
    assert any("kehadiran" in m.lower() for m in messages_of(r))  # refused: attendance first
    c.post(url("enrolment_record", enrolment.pk), {"attendance": "100", "pre_test": "55", "post_test": "85"})
    r = c.post(url("enrolment_complete", enrolment.pk))
    assert web_entries(r, "learning.certificate").exists()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    cert = Certificate.objects.get(enrolment=enrolment)
    assert cert.status == CertificateStatus.VALID and cert.code
    assert (
        DevelopmentRecord.objects.get(source=RecordSource.EVENT, source_ref=f"enrolment:{enrolment.pk}").jp
        == 24
    )
    assert CompetencyAssessment.objects.filter(
        employee=enrolment.employee, source=AssessmentSource.TRAINING, competency__code="pelayanan-publik"
    ).exists()
    activity.refresh_from_db()
    assert activity.status == "completed"

    c = login(w.users["pegawai"])
    home = c.get(url("home"))
    assert cert in home.context["certificates"]
    assert any(
        row.competency.code == "pelayanan-publik" and row.current.level == 2
        for row in home.context["profile"]
    )
    r = c.post(
        url("enrolment_evaluate", enrolment.pk),
        {**dict.fromkeys(EventEvaluation.ITEMS, "4"), "score_usefulness": "5", "comment": "Bermanfaat"},
    )
    assert r.status_code == 302
    assert EventEvaluation.objects.get(enrolment=enrolment).score_usefulness == 5

    c = login(w.users["admin_opd"])
    page = c.get(url("event_detail", event.pk))
    assert page.context["summary"].responses == 1 and page.context["summary"].completed == 1


def test_event_status_by_its_organiser(city, client, login):
    w = city
    c = login(w.users["admin_opd"])
    c.post(url("event_status", w.event_opd_a.pk), {"action": "close"})
    w.event_opd_a.refresh_from_db()
    assert w.event_opd_a.status == "closed"
    r = c.post(url("event_status", w.event_opd_a.pk), {"action": "cancel"}, follow=True)
    assert any("alasan" in m.lower() for m in messages_of(r))
    w.event_opd_a.refresh_from_db()
    assert w.event_opd_a.status == "closed"


def test_catalogue_managed_in_the_ui(city, client, login):
    w = city
    c = login(w.users["admin_bkpsdm"])
    r = c.post(
        url("programme_create"),
        {
            "code": "komunikasi-publik",
            "title": "Komunikasi Publik",
            "category": "socio_cultural",
            "kind": "workshop",
            "jp": "16",
            "min_attendance": "80",
            "is_active": "on",
            "competencies": "komunikasi = 3",
        },
    )
    programme = w.programme.__class__.objects.get(code="komunikasi-publik")
    assert r.url == url("programme_detail", programme.pk)
    assert programme.competency_links.get().target_level == 3
    assert web_entries(r, "learning.programme").exists()

    # an Admin OPD schedules in-house events of its own units only
    c = login(w.users["admin_opd"])
    today = timezone.localdate()
    data = {
        "title": "Komunikasi Publik Dinkes",
        "start_date": today.isoformat(),
        "end_date": today.isoformat(),
        "place": "Aula Dinkes",
        "quota": "20",
        "jp": "16",
        "organiser": "Dinas Kesehatan",
    }
    r = c.post(url("event_create", programme.pk), {**data, "organiser_unit": w.city.dinas_b.pk})
    assert r.status_code == 200 and "organiser_unit" in r.context["form"].errors
    r = c.post(url("event_create", programme.pk), {**data, "organiser_unit": w.city.dinas_a.pk})
    event = programme.events.get()
    assert r.url == url("event_detail", event.pk) and event.status == "draft"
    c.post(url("event_edit", event.pk), {**data, "organiser_unit": w.city.dinas_a.pk, "quota": "25"})
    event.refresh_from_db()
    assert event.quota == 25
    c.post(url("event_status", event.pk), {"action": "open"})
    event.refresh_from_db()
    assert event.status == "open"


# --- certificates ---------------------------------------------------------------------------------


def test_external_certificate_checked_then_verifiable_and_a_forgery_fails(city, client, login):
    w = city
    c = login(w.users["pegawai"])
    today = timezone.localdate()
    r = c.post(
        url("certificate_upload"),
        {
            "title": "Kursus Komunikasi Publik",
            "activity_kind": "course",
            "organiser": "Kominfo",
            "number": "KOM/1",
            "start_date": today.isoformat(),
            "end_date": today.isoformat(),
            "jp": "12",
            "file": upload(),
        },
    )
    assert r.status_code == 302
    cert = Certificate.objects.get(number="KOM/1")
    assert cert.status == CertificateStatus.PENDING and not cert.code

    c = login(w.users["admin_opd"])
    assert cert in c.get(url("certificate_review_list")).context["page_obj"].object_list
    r = c.post(url("certificate_review", cert.pk), {"accept": "0", "note": ""}, follow=True)
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.PENDING  # a rejection needs a reason
    c.post(url("certificate_review", cert.pk), {"accept": "1", "jp": "8"})
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.VALID and cert.jp == 8 and cert.code

    client.logout()
    ok = client.get(url("certificate_verify", query=f"?kode={cert.code}"))
    assert ok.context["result"].valid
    body = ok.content.decode()
    assert 'data-valid="1"' in body and "Kursus Komunikasi Publik" in body
    assert w.city.people["staff_a"].nip not in body  # the NIP is masked
    forged = cert.code[:-1] + ("A" if cert.code[-1] != "A" else "B")
    bad = client.get(url("certificate_verify", query=f"?kode={forged}"))
    assert not bad.context["result"].valid and 'data-valid="0"' in bad.content.decode()
    Certificate.objects.filter(pk=cert.pk).update(jp=Decimal("80"))  # the stored content altered
    altered = client.get(url("certificate_verify", query=f"?kode={cert.code}"))
    assert not altered.context["result"].valid
    assert "dipalsukan" in altered.content.decode()


# --- simulations ----------------------------------------------------------------------------------


def best_answer(step) -> dict:
    if step.response_type == "free_text":
        words = [item["keywords"][0] for item in step.rubric if item.get("points", 0) > 0]
        return {"text": "Baik Bu, " + ", ".join(words) + "."}
    best = max(step.choices.all(), key=lambda ch: (not ch.critical, ch.points))
    return {"choice": best.pk}


def test_play_a_complaint_simulation_to_the_end(city, client, login):
    w = city
    c = login(w.users["pegawai"])
    attempt = w.attempt_in
    for _ in range(20):
        attempt.refresh_from_db()
        if attempt.status != AttemptStatus.IN_PROGRESS:
            break
        step = Step.objects.get(pk=attempt.current_step_id)
        r = c.post(url("attempt_play", attempt.pk), best_answer(step))
        assert r.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.FINISHED and attempt.passed
    page = c.get(url("attempt_play", attempt.pk))
    body = page.content.decode()
    assert 'data-testid="result"' in body and f"{attempt.percent:.0f}%" in body
    assert body.count('data-testid="step-feedback"') == attempt.answers.count()
    assert DevelopmentRecord.objects.filter(
        employee=attempt.employee, source=RecordSource.SIMULATION, status=RecordStatus.VERIFIED
    ).exists()
    # an answer after the end is refused with a message
    r = c.post(url("attempt_play", attempt.pk), {"choice": "1"}, follow=True)
    assert "Percobaan ini sudah selesai." in messages_of(r)


def test_a_wrong_choice_is_refused(city, client, login):
    w = city
    c = login(w.users["pegawai"])
    r = c.post(url("attempt_play", w.attempt_in.pk), {"choice": w.choice_draft.pk}, follow=True)
    assert "Pilih salah satu jawaban pada langkah ini." in messages_of(r)
    assert not Attempt.objects.get(pk=w.attempt_in.pk).answers.exists()


def test_author_a_scenario_in_the_ui(city, client, login):
    w = city
    c = login(w.users["admin_bkpsdm"])
    r = c.post(
        url("scenario_create"),
        {
            "code": "uji-loket-baru",
            "title": "Warga menunggu lama di loket",
            "service_context": "Loket pelayanan terpadu.",
            "channel": "counter",
            "difficulty": "basic",
            "pass_percent": "60",
            "jp": "2",
            "competencies": "pelayanan-publik = 2",
        },
    )
    scenario = Scenario.objects.get(code="uji-loket-baru")
    assert r.url == url("scenario_preview", scenario.pk)
    assert scenario.competency_links.get().level == 2

    def step(key, kind, edit=False, **extra):
        data = {"key": key, "citizen_message": f"Pesan {key}", "kind": kind, **extra}
        return c.post(url("step_edit", scenario.pk, query=f"?key={key}" if edit else ""), data)

    step("s1", "choice")
    step("akhir", "ending", ending_kind="good", closing_feedback="Warga puas.")
    preview = c.get(url("scenario_preview", scenario.pk))
    assert {"dead_end", "unreachable"} <= {p.code for p in preview.context["preview"].problems}
    assert b'data-testid="problems"' in preview.content

    s1 = Step.objects.get(scenario=scenario, key="s1")
    choice_url = url("choice_edit", s1.pk)
    r = c.post(choice_url, {"label": "Mohon maaf, Bu.", "next": "akhir", "feedback": "Baik"})
    assert r.status_code == 200  # refused by the form: no rubric score
    c.post(choice_url, {"label": "Mohon maaf, Bu.", "next": "akhir", "feedback": "Baik", "score_manner": "2"})
    # a free-text step that leads back to s1 makes a cycle
    step(
        "s2",
        "free_text",
        rubric="Minta maaf | manner | 2 | maaf | Bagus",
        min_points="1",
        next="s1",
    )
    c.post(choice_url, {"label": "Saya cek dulu.", "next": "s2", "feedback": "Cukup", "score_need": "1"})
    preview = c.get(url("scenario_preview", scenario.pk))
    assert "cycle" in [p.code for p in preview.context["preview"].problems]
    r = c.post(url("scenario_publish", scenario.pk), follow=True)
    assert any("belum dapat diterbitkan" in m for m in messages_of(r))
    scenario.refresh_from_db()
    assert scenario.status == ScenarioStatus.DRAFT

    step(
        "s2",
        "free_text",
        edit=True,
        rubric="Minta maaf | manner | 2 | maaf | Bagus",
        min_points="1",
        next="akhir",
    )
    assert c.get(url("scenario_preview", scenario.pk)).context["preview"].publishable
    r = c.post(url("scenario_publish", scenario.pk))
    scenario.refresh_from_db()
    assert scenario.status == ScenarioStatus.PUBLISHED and scenario.version == 1
    assert web_entries(r, "learning.scenario").exists()

    c = login(w.users["pegawai"])
    assert scenario in c.get(url("scenario_list")).context["page_obj"].object_list
