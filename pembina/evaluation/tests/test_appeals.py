"""Keberatan: filed within 14 days to the atasan pejabat penilai, explanations from both sides,
a final decision; deadlines checked with time travel; the permission matrix of every step."""

from __future__ import annotations

import datetime as dt

import pytest

from pembina.core.exceptions import ApplicationError
from pembina.evaluation import selectors, services
from pembina.evaluation.models import Appeal, Evaluation, EvaluationLocked, FollowUp
from pembina.evaluation.tests.factories import published
from pembina.evaluation.tests.matrix import outcomes

pytestmark = pytest.mark.django_db
ROLES = ("owner", "rater", "rater_superior", "admin", "outsider", "admin_bkpsdm", "pimpinan", "auditor")
PUBLISHED_ON = dt.datetime(2027, 1, 10, 9, 0)


@pytest.fixture
def pub(ev, travel):
    travel(PUBLISHED_ON)
    return published(ev, result="di_bawah", behaviour="sesuai")  # Butuh Perbaikan


def test_file_matrix_and_deadline(ev, pub, travel):
    assert pub.appeal_deadline == dt.date(2027, 1, 24)

    def file(user):
        services.appeal_file(evaluation=pub, reasons="Realisasi triwulan IV belum dihitung.", actor=user)

    travel(dt.date(2027, 1, 24))  # the 14th day: still in time
    assert outcomes(ev.users, ROLES, file) == {
        "owner": "ok",
        "rater": "refused",
        "rater_superior": "refused",
        "admin": "refused",
        "outsider": "404",
        "admin_bkpsdm": "refused",
        "pimpinan": "refused",
        "auditor": "refused",
    }
    travel(dt.date(2027, 1, 25))
    with pytest.raises(ApplicationError, match="sudah lewat"):
        services.appeal_file(evaluation=pub, reasons="Terlambat.", actor=ev.users["owner"])


def test_file_needs_reasons_and_only_once(ev, pub, travel):
    travel(dt.date(2027, 1, 12))
    with pytest.raises(ApplicationError) as exc:
        services.appeal_file(evaluation=pub, reasons="  ", actor=ev.users["owner"])
    assert exc.value.field == "reasons"
    appeal = services.appeal_file(evaluation=pub, reasons="Alasan.", actor=ev.users["owner"])
    assert (appeal.status, appeal.decider_id, appeal.deadline) == (
        "filed",
        ev.city.people["kabid_a1"].pk,
        dt.date(2027, 1, 24),
    )
    with pytest.raises(ApplicationError, match="sudah diajukan"):
        services.appeal_file(evaluation=pub, reasons="Lagi.", actor=ev.users["owner"])
    assert list(selectors.appeals_to_decide(actor=ev.users["rater_superior"])) == [appeal]
    assert not selectors.appeals_to_decide(actor=ev.users["rater"]).exists()


def _filed(ev, pub, travel):
    travel(dt.date(2027, 1, 12))
    return services.appeal_file(
        evaluation=pub, reasons="Capaian saya di atas target.", actor=ev.users["owner"]
    )


def test_request_explanations_matrix(ev, pub, travel):
    appeal = _filed(ev, pub, travel)

    def request(user):
        services.appeal_request_explanations(appeal=appeal, actor=user, note="Mohon penjelasan.")

    assert outcomes(ev.users, ROLES, request) == {
        "owner": "refused",
        "rater": "refused",
        "rater_superior": "ok",
        "admin": "refused",
        "outsider": "404",
        "admin_bkpsdm": "refused",
        "pimpinan": "refused",
        "auditor": "refused",
    }


def test_explain_matrix_and_sides(ev, pub, travel):
    appeal = _filed(ev, pub, travel)
    with pytest.raises(ApplicationError, match="belum meminta"):
        services.appeal_explain(appeal=appeal, explanation="x", actor=ev.users["rater"])
    appeal = services.appeal_request_explanations(appeal=appeal, actor=ev.users["rater_superior"])
    assert appeal.explanation_due == dt.date(2027, 1, 19)

    def explain(user):
        services.appeal_explain(appeal=appeal, explanation="Penjelasan.", actor=user)

    assert outcomes(ev.users, ROLES, explain) == {
        "owner": "ok",
        "rater": "ok",
        "rater_superior": "refused",
        "admin": "refused",
        "outsider": "404",
        "admin_bkpsdm": "refused",
        "pimpinan": "refused",
        "auditor": "refused",
    }
    services.appeal_explain(appeal=appeal, explanation="IKI 2 tidak tercapai.", actor=ev.users["rater"])
    appeal = services.appeal_explain(
        appeal=appeal, explanation="Data IKI 2 terlambat.", actor=ev.users["owner"]
    )
    assert appeal.rater_explanation == "IKI 2 tidak tercapai."
    assert appeal.employee_explanation == "Data IKI 2 terlambat."


def _decide(appeal, decision="change", **kw):
    def fn(user):
        services.appeal_decide(
            appeal=appeal,
            decision=decision,
            reasons="Bukti baru diterima.",
            actor=user,
            rating_result="sesuai",
            **kw,
        )

    return fn


def test_decide_matrix_needs_explanations_or_their_deadline(ev, pub, travel):
    appeal = _filed(ev, pub, travel)
    with pytest.raises(ApplicationError, match="Mintalah penjelasan"):
        _decide(appeal)(ev.users["rater_superior"])
    travel(dt.date(2027, 1, 13))
    appeal = services.appeal_request_explanations(appeal=appeal, actor=ev.users["rater_superior"])
    services.appeal_explain(appeal=appeal, explanation="Penjelasan penilai.", actor=ev.users["rater"])
    travel(dt.date(2027, 1, 20))  # employee has not answered; due on the 20th (inclusive)
    with pytest.raises(ApplicationError, match="belum lengkap"):
        _decide(appeal)(ev.users["rater_superior"])
    travel(dt.date(2027, 1, 21))
    assert outcomes(ev.users, ROLES, _decide(appeal)) == {
        "owner": "refused",
        "rater": "refused",
        "rater_superior": "ok",
        "admin": "refused",
        "outsider": "404",
        "admin_bkpsdm": "refused",
        "pimpinan": "refused",
        "auditor": "refused",
    }


def test_decision_change_is_final_and_locks_the_evaluation(ev, pub, travel):
    appeal = _filed(ev, pub, travel)
    appeal = services.appeal_request_explanations(appeal=appeal, actor=ev.users["rater_superior"])
    services.appeal_explain(appeal=appeal, explanation="Penilai.", actor=ev.users["rater"])
    services.appeal_explain(appeal=appeal, explanation="Pegawai.", actor=ev.users["owner"])
    with pytest.raises(ApplicationError) as exc:
        services.appeal_decide(
            appeal=appeal,
            decision="change",
            reasons="x",
            actor=ev.users["rater_superior"],
            rating_result="di_bawah",
        )
    assert exc.value.field == "rating_result"  # "change" must change something
    appeal = services.appeal_decide(
        appeal=appeal,
        decision="change",
        reasons="Bukti dukung triwulan IV sah.",
        actor=ev.users["rater_superior"],
        rating_result="sesuai",
    )
    e = Evaluation.objects.get(pk=pub.pk)
    assert (appeal.status, appeal.predicate_before, appeal.predicate_after) == (
        "decided",
        "butuh_perbaikan",
        "baik",
    )
    assert (e.status, e.rating_result, e.predicate) == ("locked", "sesuai", "baik")
    assert FollowUp.objects.get(evaluation=e).development_need_id is None
    kinds = [x.kind for x in selectors.evaluation_timeline(actor=ev.users["rater_superior"], evaluation=e)]
    assert kinds[-7:] == [
        "appeal_filed",
        "explanations_requested",
        "explanation_given",
        "explanation_given",
        "appeal_decided",
        "locked",
        "follow_up",
    ]
    # final: no second decision, no further change of the appeal record
    with pytest.raises(ApplicationError):
        services.appeal_decide(
            appeal=appeal, decision="uphold", reasons="x", actor=ev.users["rater_superior"]
        )
    appeal.decision_reasons = "diubah diam-diam"
    with pytest.raises(EvaluationLocked):
        appeal.save()
    assert Appeal.objects.get(pk=appeal.pk).decision_reasons == "Bukti dukung triwulan IV sah."


def test_uphold_keeps_the_result_and_opens_the_development_need(ev, pub, travel):
    appeal = _filed(ev, pub, travel)
    appeal = services.appeal_request_explanations(appeal=appeal, actor=ev.users["rater_superior"])
    travel(dt.date(2027, 2, 1))  # nobody explained; the explanation deadline has passed
    appeal = services.appeal_decide(
        appeal=appeal, decision="uphold", reasons="Tidak ada bukti baru.", actor=ev.users["rater_superior"]
    )
    e = Evaluation.objects.get(pk=pub.pk)
    assert (e.status, e.predicate, appeal.decision) == ("locked", "butuh_perbaikan", "uphold")
    follow = FollowUp.objects.get(evaluation=e)
    assert follow.development_need is not None and follow.development_need.status == "open"


def test_no_lock_while_an_appeal_is_pending(ev, pub, travel):
    _filed(ev, pub, travel)
    travel(dt.date(2027, 2, 10))
    with pytest.raises(ApplicationError, match="belum diputuskan"):
        services.evaluation_lock(evaluation=pub, actor=ev.users["admin"])
    assert services.evaluations_lock_due() == 0


def test_an_opd_heads_ratee_appeals_to_the_pimpinan(ev, travel):
    """kabid_a1 is rated by the head of Dinas A, who has no atasan among the employees (the Wali Kota
    is above): the appeal is filed all the same and the Pimpinan role decides it."""
    travel(PUBLISHED_ON)
    e = published(ev, "kabid_a1", result="di_bawah", behaviour="sesuai")
    assert e.rater_id is not None and e.rater_superior_id is None
    appeal = services.appeal_file(
        evaluation=e, reasons="Capaian bidang belum dihitung penuh.", actor=ev.users["rater_superior"]
    )
    assert appeal.decider_id is None
    pimpinan = ev.users["pimpinan"]
    assert list(selectors.appeals_to_decide(actor=pimpinan)) == [appeal]
    assert list(selectors.appeals_to_decide(actor=ev.users["kadis"])) == []  # the rater does not decide
    services.appeal_request_explanations(appeal=appeal, actor=pimpinan)
    travel(PUBLISHED_ON + dt.timedelta(days=20))  # explanations not given in time: the decision may go ahead
    decided = services.appeal_decide(
        appeal=appeal, decision="uphold", reasons="Capaian sudah benar.", actor=pimpinan
    )
    assert decided.status == "decided"
    assert Evaluation.objects.get(pk=e.pk).status == "locked"
