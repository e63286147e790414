"""360° input: only peers and subordinates, answers hidden behind the anonymity floor of 3."""

from __future__ import annotations

import pytest
from django.http import Http404

from pembina.accounts.tests.factories import make_user
from pembina.core.exceptions import ApplicationError
from pembina.evaluation import selectors, services
from pembina.evaluation.models import Feedback360
from pembina.evaluation.tests.factories import open_annual
from pembina.performance.tests.factories import extra_staff

pytestmark = pytest.mark.django_db
ANSWER = {"berorientasi_pelayanan": "di_atas", "akuntabel": "sesuai"}


def _peers(ev, n):
    people = extra_staff(ev.city, n)
    return people, [make_user(username=p.nip, employee=p) for p in people]


def test_invite_only_peers_and_subordinates(ev):
    e = open_annual(ev)
    p = ev.city.people
    (peer,) = services.feedback360_invite(evaluation=e, respondents=[p["staff_a2"]], actor=ev.users["rater"])
    assert peer.relation == "peer"
    for outsider in (p["staff_b"], p["kabid_a1"], p["staff_a"]):
        with pytest.raises(ApplicationError):
            services.feedback360_invite(evaluation=e, respondents=[outsider], actor=ev.users["rater"])
    kasi = open_annual(ev, "kasi_a1a")
    rows = services.feedback360_invite(
        evaluation=kasi, respondents=[p["staff_a"], p["staff_a2"]], actor=ev.users["rater_superior"]
    )
    assert {r.relation for r in rows} == {"subordinate"}
    with pytest.raises(Http404):  # the employee does not even see their own draft
        services.feedback360_invite(evaluation=e, respondents=[p["staff_a2"]], actor=ev.users["owner"])


def test_aggregate_hidden_below_three_and_shown_from_three(ev):
    e = open_annual(ev)
    people, users = _peers(ev, 3)
    rows = services.feedback360_invite(evaluation=e, respondents=people, actor=ev.users["rater"])
    rater = ev.users["rater"]
    for n, (row, user) in enumerate(zip(rows, users, strict=True), start=1):
        services.feedback360_submit(request=row, ratings=ANSWER, actor=user, comment="Rajin.")
        agg = selectors.feedback360_aggregate(actor=rater, evaluation=e)
        detail = selectors.evaluation_detail(actor=rater, pk=e.pk)
        assert detail.answered_360 == n
        if n < 3:
            assert agg is None and detail.aggregate_360 is None
        else:
            assert agg.respondents == 3
            first = agg.values[0]
            assert (first.value, first.above, first.mean) == ("berorientasi_pelayanan", 3, 3)
            assert detail.aggregate_360 == agg
    # the floor can be raised, never lowered below 3
    services.evaluation_settings_update(
        instansi=ev.city.instansi, actor=ev.users["admin_bkpsdm"], min_360_respondents=4
    )
    assert selectors.feedback360_aggregate(actor=rater, evaluation=e) is None
    with pytest.raises(ApplicationError):
        services.evaluation_settings_update(
            instansi=ev.city.instansi, actor=ev.users["admin_bkpsdm"], min_360_respondents=2
        )


def test_raw_answers_are_only_visible_to_the_respondent(ev):
    e = open_annual(ev)
    people, users = _peers(ev, 3)
    rows = services.feedback360_invite(evaluation=e, respondents=people, actor=ev.users["rater"])
    services.feedback360_submit(request=rows[0], ratings=ANSWER, actor=users[0])
    assert list(selectors.feedback360_requests_for(actor=users[0], pending_only=False)) == [rows[0]]
    assert list(selectors.feedback360_requests_for(actor=users[1])) == [rows[1]]
    for key in ("rater", "admin", "admin_bkpsdm", "auditor", "owner", "rater_superior"):
        assert not Feedback360.objects.for_actor(ev.users[key]).exists()
        with pytest.raises(Exception) as exc:
            selectors.feedback360_get_for_actor(actor=ev.users[key], pk=rows[0].pk)
        assert exc.type.__name__ == "Http404"
    with pytest.raises(Exception) as exc:  # someone else's request cannot be answered
        services.feedback360_submit(request=rows[1], ratings=ANSWER, actor=users[0])
    assert exc.type.__name__ == "Http404"
    with pytest.raises(ApplicationError):  # the employee never sees the aggregate
        selectors.feedback360_aggregate(actor=ev.users["rater_superior"], evaluation=e)


def test_submit_validation_and_closing_at_publication(ev):
    e = open_annual(ev)
    people, users = _peers(ev, 1)
    (row,) = services.feedback360_invite(evaluation=e, respondents=people, actor=ev.users["rater"])
    with pytest.raises(ApplicationError):
        services.feedback360_submit(request=row, ratings={}, actor=users[0])
    with pytest.raises(ApplicationError):
        services.feedback360_submit(request=row, ratings={"akuntabel": "hebat"}, actor=users[0])
    with pytest.raises(ApplicationError):
        services.feedback360_submit(request=row, ratings={"tidak_ada": "sesuai"}, actor=users[0])
    services.evaluation_rate(
        evaluation=e, actor=None, rating_result="sesuai", result_justification="x", rating_behaviour="sesuai"
    )
    services.evaluation_publish(evaluation=e, actor=None)
    with pytest.raises(ApplicationError, match="sudah diumumkan"):
        services.feedback360_submit(request=row, ratings=ANSWER, actor=users[0])
