"""Bimbingan kinerja: sessions, the B.1.8 feedback form (9 criteria) and the B.1.9 follow-up (1–5)."""

import datetime as dt

import pytest
from django.http import Http404

from pembina.core.exceptions import ApplicationError
from pembina.performance import selectors, services
from pembina.performance.rules.coaching import CRITERIA_CODES, FEEDBACK_CRITERIA

pytestmark = pytest.mark.django_db


def test_coaching_flow(skp, city):
    u, p = skp.users, city.people
    session = services.coaching_session_create(
        employee=p["staff_a"],
        actor=u["rater"],
        kind="coaching",
        held_on=dt.date(2026, 4, 15),
        topic="Keterlambatan entri data imunisasi",
        agreed_actions="Entri harian sebelum pukul 15.00",
        follow_up="Cek mingguan",
        follow_up_due=dt.date(2026, 5, 15),
        plan=skp.plan,
    )
    assert session.coach == p["kasi_a1a"] and session.coach_name == p["kasi_a1a"].full_name
    for who in ("owner", "admin", "rater_superior"):
        with pytest.raises(ApplicationError):
            services.coaching_session_create(
                employee=p["staff_a"], actor=u[who], kind="mentoring", held_on=dt.date(2026, 4, 16), topic="x"
            )
    # B.1.8 by the employee only, every criterion answered
    assert len(FEEDBACK_CRITERIA) == 9
    answers = dict.fromkeys(CRITERIA_CODES, True)
    with pytest.raises(ApplicationError, match="belum dijawab"):
        services.coaching_feedback_submit(
            session=session, answers={**answers, "positif": None}, actor=u["owner"]
        )
    with pytest.raises(ApplicationError):
        services.coaching_feedback_submit(session=session, answers=answers, actor=u["rater"])
    form = services.coaching_feedback_submit(
        session=session,
        answers={**answers, "bertanya": False},
        comment="Lebih banyak contoh",
        actor=u["owner"],
    )
    assert form.answers["bertanya"] is False and len(form.answers) == 9
    # B.1.9 by the coach, scores 1–5
    with pytest.raises(ApplicationError, match="Baris 2 .*1–5"):
        services.competency_ratings_set(
            session=session,
            actor=u["rater"],
            rows=[{"competency": "Pengelolaan data", "score": 3}, {"competency": "Komunikasi", "score": 6}],
        )
    with pytest.raises(ApplicationError):
        services.competency_ratings_set(
            session=session, actor=u["owner"], rows=[{"competency": "x", "score": 3}]
        )
    rows = services.competency_ratings_set(
        session=session,
        actor=u["rater"],
        rows=[
            {"competency": "Pengelolaan data", "score": "4", "reason": "Rapi"},
            {"competency": "Ketepatan waktu", "score": 2},
        ],
    )
    assert [(r.competency, r.score) for r in rows] == [("Pengelolaan data", 4), ("Ketepatan waktu", 2)]
    services.coaching_session_update(
        session=session, data={"follow_up_done_on": dt.date(2026, 5, 10)}, actor=u["rater"]
    )
    session.refresh_from_db()
    assert session.status == "followed_up"
    # visibility
    assert selectors.coaching_get_for_actor(actor=u["owner"], pk=session.pk) == session
    assert list(selectors.coaching_list(actor=u["rater_superior"])) == [session]  # leads the bidang
    with pytest.raises(Http404):
        selectors.coaching_get_for_actor(actor=u["outsider"], pk=session.pk)
