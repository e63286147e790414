"""Evaluation API end to end: rate → calibrate → publish → appeal (deadlines by time travel) →
explanations → decision → locked, and a locked evaluation unchangeable through every write endpoint."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse

from pembina.core.testing.api import token_client
from pembina.evaluation.models import Evaluation, EvaluationLocked, FollowUp
from pembina.evaluation.tests.factories import open_annual

pytestmark = pytest.mark.django_db

PUBLISHED_ON = dt.date(2027, 1, 10)


def u(name, *args):
    return reverse(name, args=args)


def test_full_workflow_with_appeal_and_deadlines(ev, travel):
    e = open_annual(ev)
    rater, admin, owner, atasan = (
        token_client(ev.users[k]) for k in ("rater", "admin", "owner", "rater_superior")
    )
    r = rater.post(
        u("api-evaluation-rate", e.pk),
        {
            "rating_result": "sesuai",
            "result_justification": "Capaian sesuai target.",
            "rating_behaviour": "sesuai",
            "behaviour_feedback": {"berorientasi_pelayanan": "Ramah dan cepat."},
        },
        format="json",
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["evaluation"]["status"] == "rated" and body["evaluation"]["predicate"] == "baik"
    assert "rate" in body["actions"] and body["frozen"] and len(body["indicators"]) == 2
    feedback = {b["value"]: b["feedback"] for b in body["behaviour"]}
    assert feedback["berorientasi_pelayanan"] == "Ramah dan cepat."
    # the owner cannot see it before publication
    assert owner.get(u("api-evaluation-detail", e.pk)).status_code == 404
    r = admin.post(u("api-evaluation-calibrate", e.pk), {"reason": ""}, format="json")
    assert r.status_code == 400 and r.json()["field"] == "reason"
    r = admin.post(
        u("api-evaluation-calibrate", e.pk),
        {"reason": "Bukti inovasi layanan.", "rating_behaviour": "di_atas"},
        format="json",
    )
    assert r.status_code == 200 and r.json()["calibrations"][0]["reason"] == "Bukti inovasi layanan."
    travel(PUBLISHED_ON)
    r = admin.post(u("api-evaluation-publish", e.pk))
    assert r.status_code == 200 and r.json()["evaluation"]["appeal_deadline"] == "2027-01-24"
    detail = owner.get(u("api-evaluation-detail", e.pk)).json()
    assert detail["evaluation"]["predicate"] == "baik" and detail["aggregate_360"] is None
    assert "appeal" in detail["actions"] and "rate" not in detail["actions"]
    # the team cannot lock while the window is open
    assert admin.post(u("api-evaluation-lock", e.pk)).status_code == 400
    travel(dt.date(2027, 1, 24))  # the 14th day: still in time
    r = owner.post(
        u("api-evaluation-appeal-list"),
        {"evaluation": e.pk, "reasons": "Kontribusi saya tidak dihitung."},
        format="json",
    )
    assert r.status_code == 201, r.content
    appeal = r.json()["id"]
    assert r.json()["status"] == "filed" and r.json()["deadline"] == "2027-01-24"
    assert atasan.get(u("api-evaluation-appeal-list"), {"decider": "me"}).json()["count"] == 1
    assert admin.post(u("api-evaluation-lock", e.pk)).status_code == 400  # appeal pending
    r = atasan.post(
        u("api-evaluation-appeal-request-explanations", appeal), {"note": "Jelaskan."}, format="json"
    )
    assert r.status_code == 200 and r.json()["explanation_due"] == "2027-01-31"
    r = rater.post(
        u("api-evaluation-appeal-explain", appeal), {"explanation": "Sudah sesuai bukti."}, format="json"
    )
    assert r.status_code == 200 and r.json()["rater_explanation"] == "Sudah sesuai bukti."
    # one side silent: no decision before the explanation deadline
    r = atasan.post(
        u("api-evaluation-appeal-decide", appeal), {"decision": "uphold", "reasons": "Tetap."}, format="json"
    )
    assert r.status_code == 400
    travel(dt.date(2027, 2, 1))
    r = atasan.post(
        u("api-evaluation-appeal-decide", appeal),
        {"decision": "change", "reasons": "Kontribusi terbukti.", "rating_result": "di_atas"},
        format="json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "decided" and r.json()["predicate_after"] == "sangat_baik"
    e.refresh_from_db()
    assert e.status == "locked" and e.predicate == "sangat_baik"
    follow = FollowUp.objects.get(evaluation=e)
    assert follow.credit_percent == 150
    listed = (
        token_client(ev.users["admin_bkpsdm"]).get(u("api-evaluation-follow-up-list"), {"year": 2026}).json()
    )
    assert [row["evaluation"] for row in listed["results"]] == [e.pk]
    pdf = owner.get(u("api-evaluation-document", e.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"
    assert 'filename="EVALUASI-' in pdf["Content-Disposition"]


def test_appeal_after_the_deadline_is_refused_and_the_team_locks(ev, travel):
    e = open_annual(ev)
    rater, admin, owner = (token_client(ev.users[k]) for k in ("rater", "admin", "owner"))
    rater.post(
        u("api-evaluation-rate", e.pk),
        {"rating_result": "sesuai", "result_justification": "Sesuai.", "rating_behaviour": "sesuai"},
        format="json",
    )
    travel(PUBLISHED_ON)
    assert rater.post(u("api-evaluation-publish", e.pk)).status_code == 200
    travel(dt.date(2027, 1, 25))  # the 15th day
    r = owner.post(
        u("api-evaluation-appeal-list"), {"evaluation": e.pk, "reasons": "Terlambat."}, format="json"
    )
    assert r.status_code == 400
    assert owner.post(u("api-evaluation-lock", e.pk)).status_code == 400  # not the team
    r = admin.post(u("api-evaluation-lock", e.pk))
    assert r.status_code == 200 and r.json()["evaluation"]["status"] == "locked"
    assert r.json()["follow_up"]["credit_percent"] == "100.00"


def test_locked_evaluation_cannot_be_changed_through_the_api(ev, travel):
    e = open_annual(ev)
    rater, admin, bkpsdm, owner = (
        token_client(ev.users[k]) for k in ("rater", "admin", "admin_bkpsdm", "owner")
    )
    rater.post(
        u("api-evaluation-rate", e.pk),
        {"rating_result": "sesuai", "result_justification": "Sesuai.", "rating_behaviour": "sesuai"},
        format="json",
    )
    travel(PUBLISHED_ON)
    rater.post(u("api-evaluation-publish", e.pk))
    travel(dt.date(2027, 2, 1))
    assert admin.post(u("api-evaluation-lock", e.pk)).status_code == 200
    before = Evaluation.objects.filter(pk=e.pk).values().get()
    attempts = [
        (rater, "api-evaluation-rate", {"rating_result": "di_atas", "result_justification": "x"}),
        (rater, "api-evaluation-refresh", {}),
        (admin, "api-evaluation-refresh", {}),
        (admin, "api-evaluation-calibrate", {"reason": "x", "rating_result": "di_atas"}),
        (bkpsdm, "api-evaluation-calibrate", {"reason": "x", "rating_result": "di_atas"}),
        (rater, "api-evaluation-invite-360", {"respondents": [ev.plans["staff_a2"].employee.pk]}),
        (admin, "api-evaluation-publish", {}),
        (admin, "api-evaluation-lock", {}),
    ]
    for client, name, data in attempts:
        r = client.post(u(name, e.pk), data, format="json")
        assert r.status_code in (400, 403), (name, r.status_code)
    r = owner.post(u("api-evaluation-appeal-list"), {"evaluation": e.pk, "reasons": "x"}, format="json")
    assert r.status_code == 400
    r = bkpsdm.post(
        u("api-evaluation-org-predicate-list"),
        {"year": 2026, "opd": ev.city.dinas_a.pk, "predicate": "istimewa"},
        format="json",
    )
    assert r.status_code == 400  # the OPD's evaluations are final
    assert Evaluation.objects.filter(pk=e.pk).values().get() == before
    # whatever path reaches the model guard answers 403 with the lock's message
    with mock.patch("pembina.evaluation.services.run.lock_evaluation", side_effect=EvaluationLocked()):
        r = admin.post(u("api-evaluation-refresh", e.pk))
    assert r.status_code == 403 and "dikunci" in r.json()["detail"]
