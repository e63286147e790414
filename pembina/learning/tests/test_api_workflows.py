"""Workflows through the learning API, end to end with the people who act at each step: the IDP
(submit → return → resubmit → agree → complete an activity → the superior verifies the JP → reopen),
the enrolment (request → superior → BKPSDM → attendance, scores → complete → certificate, JP,
profile → evaluation; a refusal, a cancellation, the quota), the review of an external certificate,
and a complaint-handling simulation played to its end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pembina.core.testing.api import module_db_fixture
from pembina.learning import services
from pembina.learning.models import CompetencyAssessment, JpSummary
from pembina.learning.tests.conftest import make_event
from pembina.learning.tests.test_api_matrix import BASE, TODAY, YEAR, build_world, client_for

world = module_db_fixture(build_world)


@pytest.fixture
def w(world, db):
    return world


def ok(response, status=200):
    assert response.status_code == status, response.content[:400]
    return response.json()


def test_idp_workflow(w):
    side = w.sides["dinkes"]
    me, boss, admin = client_for(w, "pegawai"), client_for(w, "atasan"), client_for(w, "admin_opd")
    plan_url = f"{BASE}/plans/{side.plan.pk}"
    assert "submit" in ok(me.get(f"{plan_url}/"))["actions"]
    ok(me.post(f"{plan_url}/submit/", {"note": "Mohon disetujui"}, format="json"))
    body = ok(me.post(f"{plan_url}/withdraw/", {}, format="json"))
    assert body["status"] == "draft"
    ok(me.post(f"{plan_url}/submit/", {}, format="json"))
    refused = boss.post(f"{plan_url}/return/", {}, format="json")
    assert refused.status_code == 400 and refused.json()["field"] == "note"
    body = ok(boss.post(f"{plan_url}/return/", {"note": "Tambahkan coaching"}, format="json"))
    assert body["status"] == "returned" and body["superior_note"] == "Tambahkan coaching"
    ok(
        me.post(
            f"{BASE}/plan-activities/",
            {"plan": side.plan.pk, "kind": "coaching", "title": "Coaching dengan kasi", "planned_jp": "4"},
            format="json",
        ),
        201,
    )
    ok(me.post(f"{plan_url}/submit/", {}, format="json"))
    body = ok(boss.post(f"{plan_url}/agree/", {"note": "Setuju"}, format="json"))
    assert body["status"] == "agreed" and [e["action"] for e in body["events"]][-1] == "agree"
    # the employee reports an activity done: pending until the superior verifies it
    record = ok(
        me.post(
            f"{BASE}/plan-activities/{side.activity.pk}/complete/",
            {"completed_on": str(TODAY), "evidence_note": "Catatan belajar"},
            format="json",
        ),
        201,
    )
    assert record["status"] == "pending"
    before = JpSummary.objects.get(employee=side.employee, year=YEAR).jp_total
    ok(boss.post(f"{BASE}/records/{record['id']}/verify/", {"approve": True}, format="json"))
    after = JpSummary.objects.get(employee=side.employee, year=YEAR).jp_total
    assert after == before + Decimal("4")
    jp = ok(me.get(f"{BASE}/employees/{side.employee.pk}/jp/", {"year": YEAR}))
    assert Decimal(jp["total"]) == after and jp["by_kind"]["self_study"] == "4.0"
    assert admin.post(f"{plan_url}/reopen/", {}, format="json").status_code == 400  # owner or superior only
    assert ok(me.post(f"{plan_url}/reopen/", {}, format="json"))["status"] == "draft"


def test_enrolment_workflow(w):
    side = w.sides["dinkes"]
    me, boss, bkpsdm = client_for(w, "pegawai"), client_for(w, "atasan"), client_for(w, "admin_bkpsdm")
    event = make_event(
        w.programme, start=TODAY - dt.timedelta(days=2), end=TODAY - dt.timedelta(days=1), quota=1
    )
    event.enrolment_deadline = TODAY
    event.save()
    enrolment = ok(
        me.post(f"{BASE}/enrolments/", {"event": event.pk, "motivation": "Untuk loket"}, format="json"), 201
    )
    url = f"{BASE}/enrolments/{enrolment['id']}"
    assert enrolment["status"] == "requested" and "withdraw" in enrolment["actions"]
    waiting = ok(boss.get(f"{BASE}/enrolments/", {"awaiting": "superior"}))["results"]
    assert enrolment["id"] in [e["id"] for e in waiting]
    assert ok(boss.post(f"{url}/approve/", {}, format="json"))["status"] == "superior_approved"
    assert enrolment["id"] in [
        e["id"] for e in ok(bkpsdm.get(f"{BASE}/enrolments/", {"awaiting": "bkpsdm"}))["results"]
    ]
    assert (
        ok(bkpsdm.post(f"{url}/approve/", {"note": "Kuota tersedia"}, format="json"))["status"] == "approved"
    )
    # the quota of one seat is taken: a colleague's request cannot be approved by BKPSDM
    colleague = services.enrolment_request(event=event, employee=w.city.people["staff_a2"], actor=None)
    colleague = services.enrolment_superior_decide(enrolment=colleague, approve=True, actor=None)
    full = bkpsdm.post(f"{BASE}/enrolments/{colleague.pk}/approve/", {}, format="json")
    assert full.status_code == 400 and "kuota" in full.json()["detail"].lower()
    # the event's manager records attendance and scores, then completes
    assert me.post(f"{url}/attendance/", {"percent": 100}, format="json").status_code == 400  # not a manager
    ok(bkpsdm.post(f"{url}/attendance/", {"percent": 95}, format="json"))
    ok(bkpsdm.post(f"{url}/scores/", {"pre_test": "55", "post_test": "88"}, format="json"))
    body = ok(bkpsdm.post(f"{url}/complete/", {}, format="json"))
    assert body["status"] == "completed" and [t["action"] for t in body["timeline"]][-1] == "complete"
    certs = ok(me.get(f"{BASE}/certificates/", {"employee": side.employee.pk}))["results"]
    cert = next(
        c for c in certs if c["title"] == event.title and c["issued_on"] == str(TODAY) and c["has_pdf"]
    )
    pdf = me.get(f"{BASE}/certificates/{cert['id']}/pdf/")
    assert (
        pdf.status_code == 200
        and pdf["Content-Type"] == "application/pdf"
        and pdf.content.startswith(b"%PDF")
    )
    verified = ok(client_for(w, "auditor").get(f"{BASE}/certificate-verification/", {"code": cert["code"]}))
    assert verified["valid"] is True
    assert CompetencyAssessment.objects.filter(employee=side.employee, source="training", level=2).exists()
    # the participant rates the event once
    ok(
        me.post(
            f"{url}/evaluate/",
            {f"score_{k}": 4 for k in ("content", "facilitator", "method", "facility", "usefulness")},
            format="json",
        )
    )
    again = me.post(
        f"{url}/evaluate/",
        {f"score_{k}": 5 for k in ("content", "facilitator", "method", "facility", "usefulness")},
        format="json",
    )
    assert again.status_code == 400
    summary = ok(me.get(f"{BASE}/events/{event.pk}/evaluation/"))
    assert summary["responses"] == 1 and summary["completed"] == 1 and summary["avg_gain"] == "33.0"
    # a manager cancels an approved participant (with a reason)
    services.enrolment_bkpsdm_decide(enrolment=colleague, approve=False, actor=None, note="Kuota penuh")
    other_event = make_event(w.programme, start=TODAY + dt.timedelta(days=10), quota=5)
    late = services.enrolment_request(event=other_event, employee=w.city.people["staff_a2"], actor=None)
    late = services.enrolment_superior_decide(enrolment=late, approve=True, actor=None)
    late = services.enrolment_bkpsdm_decide(enrolment=late, approve=True, actor=None)
    assert bkpsdm.post(f"{BASE}/enrolments/{late.pk}/cancel/", {}, format="json").status_code == 400
    assert (
        ok(bkpsdm.post(f"{BASE}/enrolments/{late.pk}/cancel/", {"note": "Tugas luar"}, format="json"))[
            "status"
        ]
        == "cancelled"
    )


def test_external_certificate_review(w):
    side = w.sides["dinkes"]
    upload = SimpleUploadedFile("sertifikat.pdf", b"%PDF-1.4\n% uji\n", content_type="application/pdf")
    cert = services.certificate_external_submit(
        employee=side.employee,
        title="Webinar SP4N-LAPOR!",
        activity_kind="seminar",
        organiser="Kementerian PANRB",
        start_date=TODAY - dt.timedelta(days=5),
        end_date=TODAY - dt.timedelta(days=5),
        jp=Decimal("3"),
        number="KEMEN/123",
        file=upload,
        actor=w.users["pegawai"],
    )
    url = f"{BASE}/certificates/{cert.pk}/review/"
    assert client_for(w, "pegawai").post(url, {"accept": True}, format="json").status_code == 403
    assert (
        client_for(w, "admin_opd").get(f"{BASE}/certificates/{cert.pk}/pdf/").status_code == 404
    )  # no generated PDF
    body = ok(client_for(w, "admin_opd").post(url, {"accept": True, "jp": "2"}, format="json"))
    assert body["status"] == "valid" and body["jp"] == "2.0"
    assert (
        client_for(w, "admin_bkpsdm").post(url, {"accept": False, "note": "x"}, format="json").status_code
        == 400
    )


def test_simulation_played_to_the_end(w):
    me = client_for(w, "pegawai")
    state = ok(me.post(f"{BASE}/scenarios/{w.scenario.pk}/start/", {"restart": True}, format="json"), 201)
    attempt = state["attempt"]["id"]
    assert state["step"] and all(
        set(c) == {"id", "label"} for c in state["choices"]
    )  # no scores shown before
    for _ in range(40):
        if state["finished"]:
            break
        body = (
            {"choice": state["choices"][0]["id"]}
            if state["choices"]
            else {
                "text": "Mohon maaf atas ketidaknyamanan, saya bantu cek dan segera tindak lanjuti hari ini."
            }
        )
        state = ok(me.post(f"{BASE}/attempts/{attempt}/answer/", body, format="json"))
    assert state["finished"] and state["step"] is None and state["ending"]["closing_feedback"]
    assert state["answers"] and all(a["feedback"] for a in state["answers"])
    assert state["attempt"]["status"] == "finished" and state["attempt"]["max_score"] > 0
    listed = ok(client_for(w, "atasan").get(f"{BASE}/attempts/", {"status": "finished"}))["results"]
    assert attempt in [a["id"] for a in listed]  # the head of the seksi sees the staff's results
    done = me.post(f"{BASE}/attempts/{attempt}/answer/", {"text": "lagi"}, format="json")
    assert done.status_code == 400
