"""Evaluation workflows through the pages: rating (with the head's unit rating and the justification
rule), 360° invitation/answer/aggregate floor, calibration with the curve, bulk publication, the
appeal from filing to the final decision with its deadline, and the admin pages (organisation
predicate, settings, run job, potential-score import, 9-box, follow-up, documents)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pembina.evaluation import services
from pembina.evaluation.models import Appeal, CalibrationAdjustment, Evaluation, Feedback360, PotentialScore
from pembina.evaluation.tests.factories import published, rated

pytestmark = pytest.mark.django_db

R = reverse


def html(response) -> str:
    return response.content.decode()


def test_rater_rates_through_the_page_and_sees_the_predicate(ev, client, login):
    e = services.evaluation_open(plan=ev.plans["staff_a"], period=ev.periods[0], actor=None)
    login(ev.users["rater"])
    page = client.get(R("evaluation:evaluation_detail", args=[e.pk]))
    body = html(page)
    assert page.status_code == 200
    assert 'data-testid="rate-form"' in body and 'data-testid="iki-table"' in body
    assert 'data-testid="suggestion"' in body and "Saran sistem" in body
    assert "IKI 1" in body and 'data-band="meets"' in body  # 3 of the 3 expected in Q1: 100 %
    assert 'id="predicate-matrix"' in body  # the matrix for the live preview (json_script)
    # without a justification the rating hasil kerja is refused, next to the field
    response = client.post(
        R("evaluation:evaluation_rate", args=[e.pk]),
        {"rating_result": "di_atas", "rating_behaviour": "di_atas"},
    )
    assert response.status_code == 400
    assert "Tuliskan alasan rating hasil kerja" in html(response)
    e.refresh_from_db()
    assert e.status == "draft" and not e.predicate
    response = client.post(
        R("evaluation:evaluation_rate", args=[e.pk]),
        {
            "rating_result": "di_atas",
            "result_justification": "Semua IKI tercapai tepat waktu.",
            "rating_behaviour": "di_atas",
            "behaviour_justification": "Teladan.",
            "feedback_berorientasi_pelayanan": "Ramah kepada warga.",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#predikat")
    e.refresh_from_db()
    assert (e.status, e.predicate) == ("rated", "sangat_baik")
    assert e.behaviour_feedback.get().feedback == "Ramah kepada warga."
    body = html(client.get(R("evaluation:evaluation_detail", args=[e.pk]), follow=True))
    assert "Predikat kinerja: Sangat Baik" in body  # the message after saving
    assert 'data-testid="evaluation-predicate">Sangat Baik' in body
    assert "matrix-current" in body


def test_the_head_of_a_unit_is_held_to_the_unit_rating(ev, client, login):
    services.evaluation_run(year=ev.year, actor=None)
    e = Evaluation.objects.get(plan=ev.plans["kasi_a1a"], kind="annual")
    assert e.is_unit_head and e.unit_rating
    other = next(r for r in ("di_atas", "sesuai", "di_bawah") if r != e.unit_rating)
    login(ev.users["rater_superior"])  # kabid_a1 rates kasi_a1a
    body = html(client.get(R("evaluation:evaluation_detail", args=[e.pk])))
    assert 'data-testid="unit-rating"' in body
    assert f'value="{other}"' not in body.split('data-testid="rate-form"')[1].split("rating_behaviour")[0]
    response = client.post(
        R("evaluation:evaluation_rate", args=[e.pk]),
        {"rating_result": other, "result_justification": "x", "rating_behaviour": "sesuai"},
    )
    assert response.status_code == 400
    e.refresh_from_db()
    assert e.rating_result == ""
    response = client.post(
        R("evaluation:evaluation_rate", args=[e.pk]),
        {
            "rating_result": e.unit_rating,
            "result_justification": "Capaian unit.",
            "rating_behaviour": "sesuai",
        },
    )
    assert response.status_code == 302
    e.refresh_from_db()
    assert e.rating_result == e.unit_rating and e.status == "rated"


def test_360_invite_answer_and_the_anonymity_floor(ev, client, login):
    from pembina.accounts.tests.factories import make_user
    from pembina.evaluation.tests.factories import fresh
    from pembina.performance.tests.factories import extra_staff

    peers = extra_staff(ev.city, 2)
    e = services.evaluation_open(plan=ev.plans["staff_a"], period=ev.periods[0], actor=None)
    login(ev.users["rater"])
    response = client.post(
        R("evaluation:evaluation_invite", args=[e.pk]),
        {"respondents": [ev.city.people["staff_a2"].pk, peers[0].pk, peers[1].pk]},
    )
    assert response.status_code == 302
    requests = list(Feedback360.objects.filter(evaluation=e).order_by("pk"))
    assert len(requests) == 3 and {r.relation for r in requests} == {"peer"}
    # the form then shows who was already asked (never who answered) and offers only the others
    form = html(client.get(R("evaluation:evaluation_detail", args=[e.pk]))).split(
        'data-testid="invite-form"'
    )[1]
    form = form.split("</form>")[0]
    assert form.count('data-testid="already-invited"') == 3
    for p in [ev.city.people["staff_a2"], *peers]:
        assert f'name="respondents" value="{p.pk}"' not in form
    # each respondent sees only their own request
    respondents = [ev.users["peer"]] + [make_user(username=p.nip, employee=p) for p in peers]
    login(respondents[0])
    assert client.get(R("evaluation:feedback360_form", args=[requests[1].pk])).status_code == 404
    assert "Dedi Staf" in html(client.get(R("evaluation:feedback360_list")))
    for user, req in zip(respondents[:2], requests[:2], strict=True):
        login(fresh(user))
        response = client.post(
            R("evaluation:feedback360_form", args=[req.pk]),
            {"value_berorientasi_pelayanan": "di_atas", "value_akuntabel": "sesuai", "comment": "Baik."},
        )
        assert response.status_code == 302, html(response)
    login(ev.users["rater"])
    body = html(client.get(R("evaluation:evaluation_detail", args=[e.pk])))
    assert 'data-testid="not-enough-360"' in body and 'data-testid="aggregate-360"' not in body
    login(fresh(respondents[2]))
    assert (
        client.post(R("evaluation:feedback360_form", args=[requests[2].pk]), {}).status_code == 400
    )  # nothing
    client.post(R("evaluation:feedback360_form", args=[requests[2].pk]), {"value_akuntabel": "di_bawah"})
    login(ev.users["rater"])
    body = html(client.get(R("evaluation:evaluation_detail", args=[e.pk])))
    table = body.split('data-testid="aggregate-360"')[1].split("</table>")[0]
    assert "Akuntabel" in table
    for p in peers:
        assert p.name not in table  # the rater never sees who answered what
    # the employee herself sees no 360° section
    services.evaluation_rate(
        evaluation=e, actor=None, rating_result="sesuai", result_justification="x", rating_behaviour="sesuai"
    )
    services.evaluation_publish(evaluation=e, actor=None)
    login(ev.users["owner"])
    assert 'data-testid="section-360"' not in html(client.get(R("evaluation:evaluation_detail", args=[e.pk])))


def _calibration_url(ev, **extra):
    query = "&".join(
        f"{k}={v}" for k, v in {"year": ev.year.year, "opd": ev.city.dinas_a.pk, **extra}.items()
    )
    return f"{R('evaluation:calibration')}?{query}"


def test_calibration_shows_the_curve_violation_adjusts_with_a_reason_and_publishes(ev, client, login):
    for key in ("kadis_a", "kabid_a1", "kasi_a1a", "staff_a", "staff_a2"):
        rated(ev, key, result="di_atas", behaviour="di_atas")  # everyone Sangat Baik (heads by unit rating)
    services.organisation_predicate_record(year=ev.year, opd=ev.city.dinas_a, predicate="baik", actor=None)
    login(ev.users["admin"])
    body = html(client.get(_calibration_url(ev)))
    assert 'data-testid="curve-violations"' in body and "harus ada pegawai Butuh Perbaikan" in body
    assert 'id="curve-chart"' in body and 'data-testid="rater-comparison"' in body
    assert 'data-testid="bulk-publish"' in body and 'name="confirm"' in body
    staff_a = Evaluation.objects.get(plan=ev.plans["staff_a"], kind="annual")
    # a reason is required
    response = client.post(
        R("evaluation:evaluation_calibrate", args=[staff_a.pk]),
        {"rating_result": "di_bawah", "reason": "", "back": "calibration"},
    )
    assert response.status_code == 302 and not CalibrationAdjustment.objects.exists()
    response = client.post(
        R("evaluation:evaluation_calibrate", args=[staff_a.pk]),
        {"rating_result": "di_bawah", "reason": "Dua IKI utama tidak tercapai.", "back": "calibration"},
    )
    assert response.status_code == 302 and response["Location"].startswith(R("evaluation:calibration"))
    adj = CalibrationAdjustment.objects.get()
    assert (adj.before, adj.after, adj.reason) == ("di_atas", "di_bawah", "Dua IKI utama tidak tercapai.")
    staff_a.refresh_from_db()
    assert staff_a.predicate == "butuh_perbaikan"
    body = html(client.get(_calibration_url(ev)))
    assert "harus ada pegawai Butuh Perbaikan" not in body.split('data-testid="curve-rules"')[0]
    # publishing without confirming the warnings is refused; with it, all rated are published
    still_warned = 'data-testid="curve-violations"' in body
    if still_warned:
        response = client.post(R("evaluation:calibration_publish"), {"year": 2026, "opd": ev.city.dinas_a.pk})
        assert response.status_code == 302
        assert not Evaluation.objects.filter(status="published").exists()
    response = client.post(
        R("evaluation:calibration_publish"), {"year": 2026, "opd": ev.city.dinas_a.pk, "confirm": "1"}
    )
    assert response.status_code == 302
    assert Evaluation.objects.filter(opd=ev.city.dinas_a, status="published").count() == 5


def test_a_blocking_curve_refuses_bulk_publication(ev, client, login):
    for key in ("staff_a", "staff_a2"):
        rated(ev, key, result="di_atas", behaviour="di_atas")
    services.organisation_predicate_record(year=ev.year, opd=ev.city.dinas_a, predicate="baik", actor=None)
    services.evaluation_settings_update(instansi=ev.city.instansi, actor=None, curve_blocking=True)
    login(ev.users["admin"])
    body = html(client.get(_calibration_url(ev)))
    assert "mengikat" in body and "alert-danger" in body
    client.post(
        R("evaluation:calibration_publish"), {"year": 2026, "opd": ev.city.dinas_a.pk, "confirm": "1"}
    )
    assert not Evaluation.objects.filter(status="published").exists()


def test_the_appeal_from_filing_to_the_final_decision(ev, client, login, travel):
    e = published(ev, "staff_a", result="sesuai", behaviour="di_bawah")  # Kurang/Misconduct
    owner, rater, boss = ev.users["owner"], ev.users["rater"], ev.users["rater_superior"]
    login(owner)
    body = html(client.get(R("evaluation:my_evaluations")))
    assert 'data-testid="appeal-countdown"' in body and "sisa 14 hari" in body
    assert client.get(R("evaluation:appeal_file", args=[e.pk])).status_code == 200
    assert client.post(R("evaluation:appeal_file", args=[e.pk]), {"reasons": ""}).status_code == 400
    response = client.post(
        R("evaluation:appeal_file", args=[e.pk]), {"reasons": "Perilaku saya dinilai tanpa bukti."}
    )
    appeal = Appeal.objects.get(evaluation=e)
    assert response["Location"] == R("evaluation:appeal_detail", args=[appeal.pk])
    # the atasan pejabat penilai sees it in the queue and asks both sides
    login(boss)
    assert 'data-testid="appeal-queue"' in html(client.get(R("evaluation:appeal_list")))
    body = html(client.get(R("evaluation:appeal_detail", args=[appeal.pk])))
    assert 'data-testid="request-form"' in body and 'data-testid="decide-form"' not in body
    client.post(R("evaluation:appeal_request", args=[appeal.pk]), {"note": "Mohon penjelasan."})
    body = html(client.get(R("evaluation:appeal_detail", args=[appeal.pk])))
    assert 'data-testid="decide-form"' in body and "batas penjelasan" in body
    # deciding before both explanations (and before the due date) is refused
    client.post(
        R("evaluation:appeal_decide", args=[appeal.pk]),
        {"decision": "change", "rating_behaviour": "sesuai", "reasons": "Bukti cukup."},
    )
    appeal.refresh_from_db()
    assert appeal.status == "explanations"
    for user, text in ((rater, "Terlambat tiga kali."), (owner, "Karena tugas lapangan.")):
        login(user)
        assert 'data-testid="explain-form"' in html(
            client.get(R("evaluation:appeal_detail", args=[appeal.pk]))
        )
        assert (
            client.post(R("evaluation:appeal_explain", args=[appeal.pk]), {"explanation": text}).status_code
            == 302
        )
    login(boss)
    body = html(client.get(R("evaluation:appeal_detail", args=[appeal.pk])))
    assert "Terlambat tiga kali." in body and "Karena tugas lapangan." in body
    response = client.post(
        R("evaluation:appeal_decide", args=[appeal.pk]),
        {"decision": "change", "rating_behaviour": "sesuai", "reasons": "Tugas lapangan terbukti."},
    )
    assert response.status_code == 302
    e.refresh_from_db()
    appeal.refresh_from_db()
    assert (appeal.status, appeal.decision, e.status, e.predicate) == ("decided", "change", "locked", "baik")
    login(owner)
    body = html(client.get(R("evaluation:appeal_detail", args=[appeal.pk])))
    assert 'data-testid="decision"' in body and "Tugas lapangan terbukti." in body
    assert 'data-testid="explain-form"' not in body


def test_the_appeal_deadline_is_enforced_and_visible(ev, client, login, travel):
    e = published(ev, "staff_a")
    travel(e.appeal_deadline)
    login(ev.users["owner"])  # a fresh session in the travelled time
    body = html(client.get(R("evaluation:evaluation_detail", args=[e.pk])))
    assert "sisa 0 hari" in body and 'data-testid="appeal-button"' in body
    travel(e.appeal_deadline + dt.timedelta(days=1))
    login(ev.users["owner"])
    body = html(client.get(R("evaluation:evaluation_detail", args=[e.pk])))
    assert "sudah lewat" in body and 'data-testid="appeal-button"' not in body
    response = client.post(R("evaluation:appeal_file", args=[e.pk]), {"reasons": "Terlambat."})
    assert response.status_code == 400 and "sudah lewat" in html(response)
    assert not Appeal.objects.exists()
    # the window over, the Tim Penilai locks it from the page
    login(ev.users["admin"])
    client.post(R("evaluation:evaluation_lock", args=[e.pk]))
    e.refresh_from_db()
    assert e.status == "locked" and e.follow_up.credit_percent == 100


def test_the_rater_opens_a_periods_evaluation_from_the_queue(ev, client, login):
    login(ev.users["rater"])
    body = html(client.get(R("evaluation:to_rate")))
    plan = ev.plans["staff_a"]
    assert 'data-testid="plans-to-open"' in body and f'data-testid="open-{plan.pk}"' in body
    assert f'data-testid="open-{ev.plans["staff_b"].pk}"' not in body
    response = client.post(R("evaluation:evaluation_open", args=[plan.pk]), {"period": "2"})
    e = Evaluation.objects.get(plan=plan, period=ev.periods[1])
    assert response["Location"] == R("evaluation:evaluation_detail", args=[e.pk])
    assert (e.status, e.rater_id, e.achievement) == ("draft", ev.city.people["kasi_a1a"].pk, 100)
    # opening again finds the same one; an unknown period is a 404
    client.post(R("evaluation:evaluation_open", args=[plan.pk]), {"period": "2"})
    assert Evaluation.objects.filter(plan=plan).count() == 1
    assert client.post(R("evaluation:evaluation_open", args=[plan.pk]), {"period": "9"}).status_code == 404
    assert "Dedi Staf" in html(client.get(R("evaluation:to_rate")))


def test_lists_are_scoped_and_filtered(ev, client, login):
    services.evaluation_run(year=ev.year, actor=None)
    login(ev.users["rater"])
    body = html(client.get(R("evaluation:to_rate")))
    assert "Dedi Staf" in body and "Eka Epidemiolog" in body and "Hadi Staf" not in body
    login(ev.users["admin"])
    body = html(client.get(R("evaluation:evaluation_list")))
    assert "Dedi Staf" in body and "Hadi Staf" not in body
    body = html(client.get(R("evaluation:evaluation_list"), {"q": "Eka"}))
    assert "Eka Epidemiolog" in body and "Dedi Staf" not in body
    body = html(client.get(R("evaluation:evaluation_list"), {"status": "published"}))
    assert 'data-testid="result-count">0 evaluasi' in body
    partial = client.get(R("evaluation:evaluation_list"), headers={"HX-Request": "true"})
    assert "<html" not in html(partial) and "evaluation-table" in html(partial)
    login(ev.users["outsider"])
    body = html(client.get(R("evaluation:evaluation_list")))
    assert "Dedi Staf" not in body
    login(ev.users["owner"])
    assert "Belum ada hasil evaluasi" in html(client.get(R("evaluation:my_evaluations")))  # drafts are hidden


def test_org_predicate_settings_and_the_run_job(ev, client, login, django_capture_on_commit_callbacks):
    login(ev.users["pimpinan"])
    response = client.post(
        R("evaluation:org_predicates"),
        {"year": 2026, "opd": ev.city.dinas_a.pk, "predicate": "istimewa", "note": "LKjIP 2026"},
    )
    assert response.status_code == 302
    assert "Istimewa" in html(client.get(R("evaluation:org_predicates") + "?year=2026"))
    login(ev.users["admin"])
    body = html(client.get(R("evaluation:org_predicates") + "?year=2026"))
    assert "Istimewa" in body and 'data-testid="org-predicate-form"' not in body
    assert client.post(R("evaluation:org_predicates"), {"year": 2026}).status_code == 403
    # settings: Admin BKPSDM only, validated by the service
    login(ev.users["admin_bkpsdm"])
    form = client.get(R("evaluation:settings")).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update({"appeal_days": 21, "iki_meets_min": 120})
    assert client.post(R("evaluation:settings"), data).status_code == 400  # meets ≥ above
    data["iki_meets_min"] = 95
    data.pop("curve_blocking")
    assert client.post(R("evaluation:settings"), data).status_code == 302
    from pembina.evaluation.selectors import evaluation_settings_for

    s = evaluation_settings_for(instansi_id=ev.city.instansi.pk)
    assert (s.appeal_days, s.iki_meets_min, s.curve_blocking) == (21, 95, False)
    # the run launcher queues a job and shows its page; the job (immediate in tests) opens evaluations
    login(ev.users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(R("evaluation:run") + "?year=2026", {"year": 2026, "opd": ev.city.dinas_a.pk})
    assert response.status_code == 302 and "/jobs/" in response["Location"]
    assert Evaluation.objects.filter(opd=ev.city.dinas_a).count() == 5
    assert not Evaluation.objects.filter(opd=ev.city.dinas_b).exists()


def test_potential_import_feeds_the_nine_box(ev, client, login):
    for key in ("staff_a", "staff_a2"):
        rated(ev, key, result="di_atas", behaviour="di_atas")
    p = ev.city.people
    csv = f'NIP,TAHUN,SKOR POTENSI\n{p["staff_a"].nip},2026,85\n{p["staff_a2"].nip},2026,"55,5"\n'
    login(ev.users["admin"])
    response = client.post(
        R("evaluation:potential_import"), {"file": SimpleUploadedFile("skor.csv", csv.encode(), "text/csv")}
    )
    assert response.status_code == 200 and 'data-ok="1"' in html(response)
    assert PotentialScore.objects.count() == 2
    body = html(client.get(R("evaluation:nine_box") + "?year=2026"))
    assert 'data-testid="box-9"' in body
    nine = body.split('data-testid="box-9"')[1].split("</a>")[0]
    four = body.split('data-testid="box-4"')[1].split("</a>")[0]
    assert '<span class="ninebox-count">1</span>' in nine and '<span class="ninebox-count">1</span>' in four
    body = html(client.get(R("evaluation:nine_box") + "?year=2026&box=9"))
    assert "Dedi Staf" in body.split('data-testid="box-list-9"')[1] and 'data-testid="box-list-4"' not in body
    bad = "NIP,TAHUN,SKOR POTENSI\n123,2026,150\n"
    response = client.post(
        R("evaluation:potential_import"), {"file": SimpleUploadedFile("s.csv", bad.encode(), "text/csv")}
    )
    assert 'data-ok="0"' in html(response) and PotentialScore.objects.count() == 2


def test_follow_up_and_documents(ev, client, login, django_capture_on_commit_callbacks):
    from pembina.evaluation.services.publication import lock_now

    e = published(ev, "staff_a", result="di_bawah", behaviour="sesuai")
    lock_now(e, None)
    login(ev.users["admin"])
    body = html(client.get(R("evaluation:follow_up_list") + "?year=2026"))
    assert "Dedi Staf" in body and "kebutuhan dibuka" in body and "75%" in body
    # the development need the lock opened shows beside the results on the evaluation page
    page = html(client.get(R("evaluation:evaluation_detail", args=[e.pk])))
    dev = page.split('data-testid="development"')[1].split("</section>")[0]
    assert "Kebutuhan pengembangan" in dev and "JP dari target" in dev
    response = client.get(R("evaluation:evaluation_pdf", args=[e.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="evaluasi-kinerja-2026-tahunan-dedi-staf.pdf"' in response["Content-Disposition"]
    xlsx = client.get(R("evaluation:results_xlsx") + f"?year=2026&opd={ev.city.dinas_a.pk}")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get(R("evaluation:follow_up_xlsx") + "?year=2026").content[:2] == b"PK"
    response = client.post(
        R("evaluation:documents") + "?year=2026", {"year": 2026, "opd": ev.city.dinas_a.pk}
    )
    assert response.status_code == 302 and "/jobs/" in response["Location"]
