"""Evaluation pages run a constant number of queries whatever the row count: every list page (and
the evaluation page) is measured after a little data and again after much more of every kind."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pembina.core.testing.views import module_city_fixture
from pembina.evaluation.tests.test_views_matrix import build_world

pytestmark = pytest.mark.django_db

city = module_city_fixture(build_world)
R = reverse


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(ctx.captured_queries)


def grow(w, n: int) -> None:
    """n more colleagues of staff_a (same pejabat penilai) with approved SKPs and realisations, each
    with a rated periodic evaluation, an annual one published with an appeal or locked (follow-up),
    a potential score, and a 360° request to staff_a."""
    from decimal import Decimal

    from pembina.evaluation import services
    from pembina.evaluation.services.publication import lock_now
    from pembina.evaluation.tests.factories import realise
    from pembina.performance.tests.factories import approve, extra_staff, make_plan

    for i, mate in enumerate(extra_staff(w.city, n)):
        plan = make_plan(year=w.ev.year, employee=mate, results=2)
        approve(plan)
        realise(plan, [3, 3, 3, 3])
        q1 = services.evaluation_open(plan=plan, period=w.ev.periods[0], actor=None)
        services.feedback360_invite(evaluation=q1, respondents=[w.city.people["staff_a"]], actor=None)
        q2 = services.evaluation_open(plan=plan, period=w.ev.periods[1], actor=None)
        services.evaluation_rate(
            evaluation=q2,
            actor=None,
            rating_result="di_atas",
            result_justification="x",
            rating_behaviour="sesuai",
        )
        annual = services.evaluation_open(plan=plan, actor=None)
        services.evaluation_rate(
            evaluation=annual,
            actor=None,
            rating_result=("di_atas", "sesuai", "di_bawah")[i % 3],
            result_justification="x",
            rating_behaviour="sesuai",
        )
        services.evaluation_publish(evaluation=annual, actor=None)
        annual.refresh_from_db()
        if i % 2:
            services.appeal_file(evaluation=annual, reasons="Keberatan.", actor=None)
        else:
            lock_now(annual, None)
        services.potential_score_set(employee=mate, year=2026, score=Decimal(50 + 5 * (i % 9)), actor=None)


PAGES = [
    ("rater", lambda w: R("evaluation:to_rate")),
    ("admin", lambda w: R("evaluation:evaluation_list")),
    ("admin", lambda w: R("evaluation:evaluation_list") + f"?year={w.ev.year.pk}&status=rated"),
    ("admin_bkpsdm", lambda w: R("evaluation:evaluation_list")),
    ("owner", lambda w: R("evaluation:my_evaluations")),
    ("owner", lambda w: R("evaluation:feedback360_list")),
    ("rater_superior", lambda w: R("evaluation:appeal_list")),
    ("admin", lambda w: R("evaluation:calibration") + "?year=2026"),
    ("admin", lambda w: R("evaluation:calibration") + "?year=2026&status=published"),
    ("admin", lambda w: R("evaluation:nine_box") + "?year=2026"),
    ("pimpinan", lambda w: R("evaluation:nine_box") + "?year=2026"),
    ("admin", lambda w: R("evaluation:follow_up_list") + "?year=2026"),
    ("pimpinan", lambda w: R("evaluation:org_predicates") + "?year=2026"),
    ("admin", lambda w: R("evaluation:potential_import") + "?year=2026"),
    ("rater", lambda w: R("evaluation:evaluation_detail", args=[w.e["draft"].pk])),
    ("admin", lambda w: R("evaluation:evaluation_detail", args=[w.e["rated"].pk])),
]


def test_list_pages_run_constant_queries(city, client, login):
    grow(city, 2)
    small = {}
    for role, build in PAGES:
        login(city.users[role])
        small[(role, build(city))] = count_queries(client, build(city))
    grow(city, 8)
    failures = []
    for role, build in PAGES:
        login(city.users[role])
        url = build(city)
        large = count_queries(client, url)
        if large != small[(role, url)]:
            failures.append(f"{role} {url}: {small[(role, url)]} → {large} queries")
    assert not failures, "\n".join(failures)
    # the pages did grow: the rater's queue and the atasan's appeals list show the new colleagues
    login(city.users["rater"])
    assert client.get(R("evaluation:to_rate")).content.decode().count("Staf 000") >= 10
    login(city.users["rater_superior"])
    assert client.get(R("evaluation:appeal_list")).content.decode().count("Staf 000") >= 5
