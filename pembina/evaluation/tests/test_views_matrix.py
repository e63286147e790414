"""Evaluation pages: the permission matrix of every view × role × scope (anonymous → login; a role
that may act → 200/302; in sight but not that role's action → 403; out of sight → 404), proof that
every view has a contract, and that a locked evaluation cannot be changed through any form (403).

Roles (toward staff_a's evaluations, Dinas Kesehatan): owner = staff_a, rater = kasi_a1a (pejabat
penilai), rater_superior = kabid_a1 (atasan pejabat penilai), admin = Admin OPD Dinkes (Tim Penilai),
admin_bkpsdm, pimpinan, auditor, outsider = staff_b (Disdukcapil). Out of scope = staff_b's rows."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from conftest import build_city
from pembina.core.testing.views import (
    Access,
    ViewContract,
    assert_contracts_cover,
    check_view_contract,
    module_city_fixture,
)

pytestmark = pytest.mark.django_db

ROLES = ["owner", "rater", "rater_superior", "admin", "admin_bkpsdm", "pimpinan", "auditor", "outsider"]
RATE = {
    "rating_result": "sesuai",
    "result_justification": "Sesuai capaian.",
    "rating_behaviour": "sesuai",
    "behaviour_justification": "",
}


@dataclass
class World:
    city: object
    ev: object
    users: dict
    e: dict  # staff_a's evaluations by state: draft, rated, published, appealed, locked
    out: dict  # staff_b's evaluations: draft, published (its own owner = outsider), appealed
    appeal: object
    appeal_out: object
    request_360: object


def build_world() -> World:
    from pembina.evaluation import services
    from pembina.evaluation.services.publication import lock_now
    from pembina.evaluation.tests.factories import build_eval_city

    city = build_city()
    ev = build_eval_city(city)
    q = ev.periods

    def opened(key, period):
        return services.evaluation_open(plan=ev.plans[key], period=period, actor=None)

    def rate(e):
        return services.evaluation_rate(
            evaluation=e,
            actor=None,
            rating_result="sesuai",
            result_justification="x",
            rating_behaviour="sesuai",
        )

    def publish(e):
        services.evaluation_publish(evaluation=e, actor=None)
        e.refresh_from_db()
        return e

    e = {"draft": opened("staff_a", q[0])}
    e["rated"] = rate(opened("staff_a", q[1]))
    e["rated_peer"] = rate(opened("staff_a2", q[1]))
    e["published"] = publish(rate(opened("staff_a", q[2])))
    e["appealed"] = publish(rate(services.evaluation_open(plan=ev.plans["staff_a"], actor=None)))
    appeal = services.appeal_file(evaluation=e["appealed"], reasons="Tidak sependapat.", actor=None)
    services.appeal_request_explanations(appeal=appeal, actor=None)
    locked = publish(rate(opened("staff_a", q[3])))
    e["locked"] = lock_now(locked, None)
    out = {"draft": opened("staff_b", q[0]), "rated": rate(opened("staff_b", q[1]))}
    out["published"] = publish(rate(opened("staff_b", q[2])))
    out["appealed"] = publish(rate(services.evaluation_open(plan=ev.plans["staff_b"], actor=None)))
    appeal_out = services.appeal_file(evaluation=out["appealed"], reasons="Keberatan.", actor=None)
    services.appeal_request_explanations(appeal=appeal_out, actor=None)
    # staff_a2 (same pejabat penilai as staff_a) is asked for 360° input on staff_a's draft
    (request_360,) = services.feedback360_invite(
        evaluation=e["draft"], respondents=[city.people["staff_a2"]], actor=None
    )
    return World(city, ev, ev.users, e, out, appeal, appeal_out, request_360)


city = module_city_fixture(build_world)

R = reverse


def ev_url(name, state="published"):
    return (
        lambda w, role: R(f"evaluation:{name}", args=[w.e[state].pk]),
        lambda w, role: R(f"evaluation:{name}", args=[w.out[state].pk]),
    )


def acc(**kw) -> dict[str, Access]:
    """Per role (in, out); roles not named get (404, 404)."""
    return {r: Access(*kw.get(r, (404, 404))) for r in ROLES}


READ_ALL = (200, 200)
EVERYONE = {r: (200, 200) for r in ROLES}


def _contract(name, urls, expected, **kw):
    url_in, url_out = urls
    return ViewContract(f"evaluation:{name}", url_in=url_in, url_out=url_out, expected=expected, **kw)


def _page(name, expected, query=""):
    return ViewContract(
        f"evaluation:{name}", url_in=lambda w, role: R(f"evaluation:{name}") + query, expected=expected
    )


# Pages of the Tim Penilai and the readers above the OPD; staff without such a role: 403
TEAM_PAGE = acc(
    admin=READ_ALL,
    admin_bkpsdm=READ_ALL,
    pimpinan=READ_ALL,
    auditor=READ_ALL,
    owner=(403, 403),
    rater=(403, 403),
    rater_superior=(403, 403),
    outsider=(403, 403),
)

CONTRACTS = [
    # lists: every signed-in user may open them; the rows are scoped (tested in test_views_workflow)
    _page("home", {r: Access(302, 302) for r in ROLES}),
    _page("to_rate", acc(**EVERYONE)),
    _page("evaluation_list", acc(**EVERYONE)),
    _page("my_evaluations", acc(**EVERYONE)),
    _page("feedback360_list", acc(**EVERYONE)),
    _page("appeal_list", acc(**EVERYONE)),
    # opening a period's evaluation of an SKP: its pejabat penilai or the Tim Penilai
    ViewContract(
        "evaluation:evaluation_open",
        url_in=lambda w, role: R("evaluation:evaluation_open", args=[w.ev.plans["staff_a"].pk]),
        url_out=lambda w, role: R("evaluation:evaluation_open", args=[w.ev.plans["staff_b"].pk]),
        method="post",
        data={"period": "3"},
        expected=acc(
            owner=(403, 404),
            rater=(302, 404),
            rater_superior=(403, 404),
            admin=(302, 404),
            admin_bkpsdm=(302, 302),
            pimpinan=(403, 403),
            auditor=(403, 403),
            outsider=(404, 403),
        ),
    ),
    # one evaluation (published: its owner sees it; out of sight: staff_b's draft)
    _contract(
        "evaluation_detail",
        (
            lambda w, r: R("evaluation:evaluation_detail", args=[w.e["published"].pk]),
            ev_url("evaluation_detail", "draft")[1],
        ),
        acc(
            owner=(200, 404),
            rater=(200, 404),
            rater_superior=(200, 404),
            admin=(200, 404),
            admin_bkpsdm=READ_ALL,
            pimpinan=READ_ALL,
            auditor=READ_ALL,
        ),
    ),
    _contract(
        "evaluation_rate",
        ev_url("evaluation_rate", "draft"),
        acc(
            rater=(302, 404),
            rater_superior=(403, 404),
            admin=(403, 404),
            admin_bkpsdm=(403, 403),
            pimpinan=(403, 403),
            auditor=(403, 403),
        ),
        method="post",
        data=RATE,
    ),
    _contract(
        "evaluation_refresh",
        ev_url("evaluation_refresh", "draft"),
        acc(
            rater=(302, 404),
            rater_superior=(403, 404),
            admin=(302, 404),
            admin_bkpsdm=(302, 302),
            pimpinan=(403, 403),
            auditor=(403, 403),
        ),
        method="post",
    ),
    _contract(
        "evaluation_invite",
        ev_url("evaluation_invite", "draft"),
        acc(
            rater=(400, 404),  # no respondent chosen: the form says so
            rater_superior=(403, 404),
            admin=(400, 404),
            admin_bkpsdm=(400, 400),
            pimpinan=(403, 403),
            auditor=(403, 403),
        ),
        method="post",
    ),
    _contract(
        "evaluation_calibrate",
        (
            lambda w, role: R(
                "evaluation:evaluation_calibrate",
                args=[(w.e["rated_peer"] if role == "admin_bkpsdm" else w.e["rated"]).pk],
            ),
            ev_url("evaluation_calibrate", "rated")[1],
        ),
        acc(
            rater=(403, 404),
            rater_superior=(403, 404),
            admin=(302, 404),
            admin_bkpsdm=(302, 302),
            pimpinan=(403, 403),
            auditor=(403, 403),
        ),
        method="post",
        data={"rating_result": "di_atas", "reason": "Kalibrasi tim."},
    ),
    _contract(
        "evaluation_publish",
        ev_url("evaluation_publish", "rated"),
        acc(
            rater=(302, 404),
            rater_superior=(403, 404),
            admin=(302, 404),
            admin_bkpsdm=(302, 302),
            pimpinan=(403, 403),
            auditor=(403, 403),
            outsider=(404, 403),  # Admin BKPSDM has just published staff_b's: now its owner sees it
        ),
        method="post",
    ),
    _contract(
        "evaluation_lock",
        ev_url("evaluation_lock", "published"),
        acc(
            owner=(403, 404),
            rater=(403, 404),
            rater_superior=(403, 404),
            admin=(302, 404),  # refused by the service (window still open): message and back
            admin_bkpsdm=(302, 302),
            pimpinan=(403, 403),
            auditor=(403, 403),
            outsider=(404, 403),
        ),
        method="post",
    ),
    _contract(
        "appeal_file",
        ev_url("appeal_file", "published"),
        acc(
            owner=(200, 404),
            rater=(403, 404),
            rater_superior=(403, 404),
            admin=(403, 404),
            admin_bkpsdm=(403, 403),
            pimpinan=(403, 403),
            auditor=(403, 403),
            outsider=(404, 200),
        ),
    ),
    # 360° request: only the respondent (staff_a2) may open it; for everyone here it does not exist
    ViewContract(
        "evaluation:feedback360_form",
        url_in=lambda w, role: R("evaluation:feedback360_form", args=[w.request_360.pk]),
        expected=acc(),
    ),
    # appeals
    ViewContract(
        "evaluation:appeal_detail",
        url_in=lambda w, role: R("evaluation:appeal_detail", args=[w.appeal.pk]),
        url_out=lambda w, role: R("evaluation:appeal_detail", args=[w.appeal_out.pk]),
        expected=acc(
            owner=(200, 404),
            rater=(200, 404),
            rater_superior=(200, 404),
            admin=(200, 404),
            admin_bkpsdm=READ_ALL,
            pimpinan=READ_ALL,
            auditor=READ_ALL,
            outsider=(404, 200),
        ),
    ),
    ViewContract(
        "evaluation:appeal_request",
        url_in=lambda w, role: R("evaluation:appeal_request", args=[w.appeal.pk]),
        url_out=lambda w, role: R("evaluation:appeal_request", args=[w.appeal_out.pk]),
        method="post",
        expected=acc(
            owner=(403, 404),
            rater=(403, 404),
            rater_superior=(302, 404),  # already requested: the message says so
            admin=(403, 404),
            admin_bkpsdm=(403, 403),
            pimpinan=(403, 403),
            auditor=(403, 403),
            outsider=(404, 403),
        ),
    ),
    ViewContract(
        "evaluation:appeal_explain",
        url_in=lambda w, role: R("evaluation:appeal_explain", args=[w.appeal.pk]),
        url_out=lambda w, role: R("evaluation:appeal_explain", args=[w.appeal_out.pk]),
        method="post",
        data={"explanation": "Penjelasan."},
        expected=acc(
            owner=(302, 404),
            rater=(302, 404),
            rater_superior=(403, 404),
            admin=(403, 404),
            admin_bkpsdm=(403, 403),
            pimpinan=(403, 403),
            auditor=(403, 403),
            outsider=(404, 302),
        ),
    ),
    ViewContract(
        "evaluation:appeal_decide",
        url_in=lambda w, role: R("evaluation:appeal_decide", args=[w.appeal.pk]),
        url_out=lambda w, role: R("evaluation:appeal_decide", args=[w.appeal_out.pk]),
        method="post",
        data={"decision": "uphold", "reasons": ""},  # no reasons: refused with a message
        expected=acc(
            owner=(403, 404),
            rater=(403, 404),
            rater_superior=(302, 404),
            admin=(403, 404),
            admin_bkpsdm=(403, 403),
            pimpinan=(403, 403),
            auditor=(403, 403),
            outsider=(404, 403),
        ),
    ),
    # calibration, talent, follow-up: the Tim Penilai and the readers above the OPD
    _page("calibration", TEAM_PAGE, "?year=2026"),
    ViewContract(
        "evaluation:calibration_publish",
        url_in=lambda w, role: R("evaluation:calibration_publish"),
        method="post",
        data=lambda w: {"year": "2026", "opd": str(w.city.dinas_a.pk)},
        expected=TEAM_PAGE
        | {
            "admin": Access(302, 302),
            "admin_bkpsdm": Access(302, 302),
            "pimpinan": Access(403, 403),
            "auditor": Access(403, 403),
        },
    ),
    _page("nine_box", TEAM_PAGE, "?year=2026"),
    _page("follow_up_list", TEAM_PAGE, "?year=2026"),
    # administration
    _page(
        "org_predicates",
        TEAM_PAGE,
        "?year=2026",
    ),
    _page("settings", {r: Access(403, 403) for r in ROLES} | {"admin_bkpsdm": Access(200, 200)}),
    _page(
        "run",
        {r: Access(403, 403) for r in ROLES} | {"admin": Access(200, 200), "admin_bkpsdm": Access(200, 200)},
        "?year=2026",
    ),
    _page(
        "potential_import",
        {r: Access(403, 403) for r in ROLES} | {"admin": Access(200, 200), "admin_bkpsdm": Access(200, 200)},
    ),
    # documents (the renderers are in evaluation.documents)
    _contract(
        "evaluation_pdf",
        ev_url("evaluation_pdf", "published"),
        acc(
            owner=(200, 404),
            rater=(200, 404),
            rater_superior=(200, 404),
            admin=(200, 404),
            admin_bkpsdm=READ_ALL,
            pimpinan=READ_ALL,
            auditor=READ_ALL,
            outsider=(404, 200),
        ),
    ),
    _page("documents", TEAM_PAGE, "?year=2026"),
    _page("results_xlsx", TEAM_PAGE, "?year=2026"),
    _page("follow_up_xlsx", TEAM_PAGE, "?year=2026"),
    ViewContract(
        "evaluation:documents_download",
        url_in=lambda w, role: R("evaluation:documents_download", args=[_zip_job(w).pk]),
        expected=acc(admin=(200, 200)),  # only who started the job gets its ZIP (no other scope applies)
    ),
]


def _zip_job(w):
    """A finished bulk-document job of the Admin OPD, its ZIP in storage."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from pembina.core.models import Job
    from pembina.evaluation.documents.jobs import HANDLER, STORAGE_DIR

    name = default_storage.save(f"{STORAGE_DIR}/matrix.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18))
    return Job.objects.create(
        handler=HANDLER,
        title="Dokumen evaluasi",
        created_by=w.users["admin"],
        status="succeeded",
        result={"file": name},
    )


def test_every_view_has_a_contract():
    assert_contracts_cover(
        CONTRACTS,
        urlconf="pembina.config.urls",
        view_modules=[
            f"pembina.evaluation.views.{m}"
            for m in ("admin", "appeals", "calibration", "detail", "documents", "feedback", "lists")
        ],
    )


@pytest.mark.parametrize("contract", CONTRACTS, ids=str)
def test_permission_matrix(contract, city, client, login):
    check_view_contract(contract, client=client, login=login, city=city, roles=ROLES)


# --- a locked evaluation cannot be changed through any form -------------------------------------

LOCKED_POSTS = [
    ("evaluation_rate", RATE),
    ("evaluation_refresh", {}),
    ("evaluation_invite", {}),
    ("evaluation_calibrate", {"rating_result": "di_atas", "reason": "x"}),
    ("evaluation_publish", {}),
    ("evaluation_lock", {}),
    ("appeal_file", {"reasons": "x"}),
]


@pytest.mark.parametrize(("name", "data"), LOCKED_POSTS, ids=[n for n, _d in LOCKED_POSTS])
def test_locked_evaluation_refuses_every_form(name, data, city, client, login):
    from pembina.evaluation.models import Evaluation

    locked = city.e["locked"]
    before = Evaluation.objects.values().get(pk=locked.pk)
    for role in ("owner", "rater", "rater_superior", "admin", "admin_bkpsdm", "pimpinan", "auditor"):
        login(city.users[role])
        response = client.post(R(f"evaluation:{name}", args=[locked.pk]), data)
        assert response.status_code == 403, (role, name, response.status_code)
    assert Evaluation.objects.values().get(pk=locked.pk) == before


def test_appeal_forms_on_a_locked_evaluation_are_refused(city, client, login):
    """Once decided, the appeal's evaluation is final: asking, explaining or deciding again is 403."""
    from pembina.evaluation import services
    from pembina.evaluation.models import Appeal

    users = city.users
    services.appeal_explain(appeal=city.appeal, explanation="Dasar penilaian.", actor=users["rater"])
    services.appeal_explain(appeal=city.appeal, explanation="Alasan saya.", actor=users["owner"])
    services.appeal_decide(
        appeal=city.appeal, decision="uphold", reasons="Sesuai bukti.", actor=users["rater_superior"]
    )
    before = Appeal.objects.values().get(pk=city.appeal.pk)
    posts = [
        ("appeal_request", "rater_superior", {"note": "x"}),
        ("appeal_explain", "rater", {"explanation": "x"}),
        ("appeal_explain", "owner", {"explanation": "x"}),
        (
            "appeal_decide",
            "rater_superior",
            {"decision": "change", "rating_result": "di_atas", "reasons": "x"},
        ),
    ]
    for name, role, data in posts:
        login(users[role])
        response = client.post(R(f"evaluation:{name}", args=[city.appeal.pk]), data)
        assert response.status_code == 403, (name, role, response.status_code)
    assert Appeal.objects.values().get(pk=city.appeal.pk) == before


def test_locked_evaluation_shows_no_form(city, client, login):
    for role in ("owner", "rater", "admin", "admin_bkpsdm"):
        login(city.users[role])
        response = client.get(R("evaluation:evaluation_detail", args=[city.e["locked"].pk]))
        html = response.content.decode()
        assert response.status_code == 200
        assert 'data-testid="locked-notice"' in html
        for form in (
            "rate-form",
            "calibrate-form",
            "invite-form",
            "publish-button",
            "lock-button",
            "appeal-button",
        ):
            assert f'data-testid="{form}"' not in html, (role, form)
