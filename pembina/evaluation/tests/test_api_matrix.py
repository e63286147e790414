"""Evaluation API: who sees what and who may do what, for every endpoint and role (allowed, 400
refused by the service, 403 no role, 404 out of sight, 401 anonymous), constant list queries, the
endpoint coverage and the schema."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from pembina.core.testing.api import (
    ANONYMOUS,
    HIDDEN,
    SEEN,
    Problems,
    api_operations,
    check_visibility,
    count_queries,
    token_client,
)
from pembina.evaluation import services
from pembina.evaluation.documents import documents_enqueue
from pembina.evaluation.models import Appeal, Evaluation, Feedback360, FollowUp, PotentialScore
from pembina.evaluation.tests.factories import published, rated

pytestmark = pytest.mark.django_db

ROLES = ["owner", "rater", "rater_superior", "admin", "admin_bkpsdm", "pimpinan", "auditor", "outsider"]


@dataclass
class World:
    ev: object
    a: Evaluation  # staff_a (Dinkes), published, appealed by the owner
    a2: Evaluation  # staff_a2 (Dinkes), rated
    b: Evaluation  # staff_b (Dukcapil), locked (follow-up written)
    kasi: Evaluation  # kasi_a1a (the rater user's own), published, no appeal
    appeal: Appeal
    request360: Feedback360  # the owner is asked about staff_a2
    follow_up: FollowUp
    score: PotentialScore
    org_predicate: object


def _client(ev, role):
    return token_client(None if role == ANONYMOUS else ev.users[role])


def _rollback(call):
    with transaction.atomic():
        response = call()
        transaction.set_rollback(True)
    return response


@pytest.fixture
def w(ev):
    city = ev.city
    org = services.organisation_predicate_record(year=ev.year, opd=city.dinas_a, predicate="baik", actor=None)
    b = published(ev, "staff_b")
    services.evaluations_lock_due(on=b.appeal_deadline + dt.timedelta(days=1), instansi=city.instansi)
    b.refresh_from_db()
    a = published(ev, "staff_a")
    a2 = rated(ev, "staff_a2")
    kasi = published(ev, "kasi_a1a")
    appeal = services.appeal_file(evaluation=a, reasons="Capaian saya lebih tinggi.", actor=ev.users["owner"])
    (request360,) = services.feedback360_invite(
        evaluation=a2, respondents=[ev.plans["staff_a"].employee], actor=None
    )
    score = services.potential_score_set(
        employee=ev.plans["staff_a"].employee, year=2026, score=75, actor=None
    )
    return World(ev, a, a2, b, kasi, appeal, request360, FollowUp.objects.get(evaluation=b), score, org)


def url(name, *args, **query):
    from urllib.parse import urlencode

    base = reverse(name, args=args)
    return f"{base}?{urlencode(query)}" if query else base


# --- visibility (reads) -----------------------------------------------------------------------------------

S, H = SEEN, HIDDEN
EVALUATIONS = {  # role → (a, a2, b, kasi)
    "owner": (S, H, H, H),
    "rater": (S, S, H, S),
    "rater_superior": (S, S, H, S),
    "admin": (S, S, H, S),
    "admin_bkpsdm": (S, S, S, S),
    "pimpinan": (S, S, S, S),
    "auditor": (S, S, S, S),
    "outsider": (H, H, S, H),
    ANONYMOUS: (401, 401, 401, 401),
}


@pytest.mark.parametrize("role", list(EVALUATIONS))
def test_evaluation_visibility(w, role):
    client = _client(w.ev, role)
    targets = {"a": w.a.pk, "a2": w.a2.pk, "b": w.b.pk, "kasi": w.kasi.pk}
    check_visibility(
        client,
        list_url=url("api-evaluation-list"),
        detail_urls=lambda pk: [url("api-evaluation-detail", pk)],
        targets=targets,
        expected=dict(zip(targets, EVALUATIONS[role], strict=True)),
        label=f"evaluations as {role}",
        list_params={"year": 2026},
    )


READS = {  # role → (appeal, 360 request, follow-up of b, potential score, org predicate)
    "owner": (S, S, H, S, H),
    "rater": (S, H, H, S, H),  # the head of the seksi reads its people's scores
    "rater_superior": (S, H, H, S, H),  # a head of a bidang: the OPD's predicate is not theirs
    "admin": (S, H, H, S, S),
    "admin_bkpsdm": (S, H, S, S, S),
    "pimpinan": (S, H, S, S, S),
    "auditor": (S, H, S, S, S),
    "outsider": (H, H, S, H, H),
}


@pytest.mark.parametrize("role", list(READS))
def test_other_rows_visibility(w, role):
    client = _client(w.ev, role)
    rows = [
        ("api-evaluation-appeal", w.appeal.pk, {}),
        ("api-evaluation-360", w.request360.pk, {}),
        ("api-evaluation-follow-up", w.follow_up.pk, {"year": 2026}),
        ("api-evaluation-potential-score", w.score.pk, {"year": 2026}),
        ("api-evaluation-org-predicate", w.org_predicate.pk, {"year": 2026}),
    ]
    for (base, pk, params), want in zip(rows, READS[role], strict=True):
        check_visibility(
            client,
            list_url=url(f"{base}-list"),
            detail_urls=lambda pk, base=base: [url(f"{base}-detail", pk)],
            targets={"row": pk},
            expected={"row": want},
            label=f"{base} as {role}",
            list_params=params,
        )


def test_anonymous_gets_401_everywhere(w):
    client = token_client()
    for name, method in sorted(api_operations("pembina.evaluation.api.urls")):
        args = (
            [1] if "detail" in name or name.endswith(("-rate", "-refresh", "-document", "-download")) else []
        )
        try:
            target = reverse(name, args=args)
        except Exception:  # noqa: BLE001 — actions on one object take its id
            target = reverse(name, args=[1])
        response = getattr(client, method)(target)
        assert response.status_code == 401, (name, method, response.status_code)


# --- reads with a status per role ----------------------------------------------------------------------------

GETS = {
    # name: (url builder, {role: status})
    "distribution": (
        lambda w: url("api-evaluation-distribution", year=2026, opd=w.ev.city.dinas_a.pk),
        {
            "owner": 404,
            "rater": 404,
            "rater_superior": 404,
            "admin": 200,
            "admin_bkpsdm": 200,
            "pimpinan": 200,
            "auditor": 200,
            "outsider": 404,
        },
    ),
    "nine_box": (
        lambda w: url("api-evaluation-nine-box", year=2026, opd=w.ev.city.dinas_a.pk),
        {
            "owner": 404,
            "rater": 404,
            "rater_superior": 404,
            "admin": 200,
            "admin_bkpsdm": 200,
            "pimpinan": 200,
            "auditor": 200,
            "outsider": 404,
        },
    ),
    "nine_box_city": (
        lambda w: url("api-evaluation-nine-box", year=2026),
        dict.fromkeys(ROLES, 200),
    ),
    "settings": (lambda w: url("api-evaluation-settings"), dict.fromkeys(ROLES, 200)),
    "results_xlsx": (lambda w: url("api-evaluation-results-xlsx", year=2026), dict.fromkeys(ROLES, 200)),
    "follow_up_xlsx": (lambda w: url("api-evaluation-follow-up-xlsx", year=2026), dict.fromkeys(ROLES, 200)),
    "document_a": (
        lambda w: url("api-evaluation-document", w.a.pk),
        {**dict.fromkeys(ROLES, 200), "outsider": 404},
    ),
    "document_a2": (
        lambda w: url("api-evaluation-document", w.a2.pk),
        {**dict.fromkeys(ROLES, 200), "outsider": 404, "owner": 404},
    ),
}


@pytest.mark.parametrize("name", list(GETS))
def test_get_endpoints_per_role(w, name):
    build, expected = GETS[name]
    problems = Problems(name)
    for role, want in expected.items():
        response = _client(w.ev, role).get(build(w))
        problems.expect(response.status_code == want, f"{role} → {response.status_code}, expected {want}")
    problems.check()


def test_distribution_and_nine_box_content(w):
    client = _client(w.ev, "admin")
    body = client.get(url("api-evaluation-distribution", year=2026, opd=w.ev.city.dinas_a.pk)).json()
    assert body["counts"]["baik"] == 3 and body["total"] == 3 and body["org_predicate"] == "baik"
    assert body["violations"] and body["chart"]["labels"][-1] == "Sangat Baik"
    assert {r["rater_name"] for r in body["raters"]} == {"Citra Kasi", "Bambang Kabid"}
    box = client.get(url("api-evaluation-nine-box", year=2026, opd=w.ev.city.dinas_a.pk)).json()
    assert sum(box["counts"].values()) == 1 and len(box["unplaced"]) == 2  # only staff_a has a score


# --- writes ---------------------------------------------------------------------------------------------


def _post(path, data=None, fmt="json"):
    return lambda client: client.post(path, data or {}, format=fmt)


def _patch(path, data):
    return lambda client: client.patch(path, data, format="json")


R = {"rating_result": "di_atas", "result_justification": "Melampaui target.", "rating_behaviour": "sesuai"}
EVERYONE_ELSE_400 = {
    "owner": 404,
    "rater": 400,
    "rater_superior": 400,
    "admin": 400,
    "admin_bkpsdm": 400,
    "pimpinan": 400,
    "auditor": 400,
    "outsider": 404,
}


def _writes(w) -> dict:
    ev, a2, kasi = w.ev, w.a2, w.kasi
    dinkes = ev.city.dinas_a.pk
    return {
        "refresh": (
            _post(url("api-evaluation-refresh", a2.pk)),
            {**EVERYONE_ELSE_400, "rater": 200, "admin": 200, "admin_bkpsdm": 200},
        ),
        "rate": (_post(url("api-evaluation-rate", a2.pk), R), {**EVERYONE_ELSE_400, "rater": 200}),
        "invite_360": (
            _post(
                url("api-evaluation-invite-360", a2.pk), {"respondents": [ev.plans["kasi_a1a"].employee.pk]}
            ),
            EVERYONE_ELSE_400,  # the rater themself is neither peer nor subordinate: refused for all
        ),
        "invite_360_peer": (
            _post(url("api-evaluation-invite-360", kasi.pk), {"respondents": []}),
            {**dict.fromkeys(ROLES, 400), "owner": 404, "outsider": 404},  # an empty list does not parse
        ),
        "calibrate": (
            _post(
                url("api-evaluation-calibrate", a2.pk), {"reason": "Kalibrasi", "rating_behaviour": "di_atas"}
            ),
            {**EVERYONE_ELSE_400, "admin": 200, "admin_bkpsdm": 200},
        ),
        "publish": (
            _post(url("api-evaluation-publish", a2.pk)),
            {**EVERYONE_ELSE_400, "rater": 200, "admin": 200, "admin_bkpsdm": 200},
        ),
        "lock": (  # the appeal window of kasi's evaluation is still open: refused even for the team
            _post(url("api-evaluation-lock", kasi.pk)),
            {
                "owner": 404,
                "rater": 400,
                "rater_superior": 400,
                "admin": 400,
                "admin_bkpsdm": 400,
                "pimpinan": 400,
                "auditor": 400,
                "outsider": 404,
            },
        ),
        "publish_opd": (
            _post(url("api-evaluation-publish-opd"), {"year": 2026, "opd": dinkes}),
            {**dict.fromkeys(ROLES, 400), "rater": 200, "admin": 200, "admin_bkpsdm": 200},
        ),
        "run": (
            _post(url("api-evaluation-run"), {"year": 2026, "opd": dinkes}),
            {**dict.fromkeys(ROLES, 400), "admin": 202, "admin_bkpsdm": 202},
        ),
        "documents": (
            _post(url("api-evaluation-documents"), {"year": 2026, "opd": dinkes}),
            {**dict.fromkeys(ROLES, 202), "outsider": 400},
        ),
        "appeal_file": (
            _post(url("api-evaluation-appeal-list"), {"evaluation": kasi.pk, "reasons": "Tidak sesuai."}),
            {
                "owner": 404,
                "rater": 201,
                "rater_superior": 400,
                "admin": 400,
                "admin_bkpsdm": 400,
                "pimpinan": 400,
                "auditor": 400,
                "outsider": 404,
            },
        ),
        "appeal_request_explanations": (
            _post(
                url("api-evaluation-appeal-request-explanations", w.appeal.pk), {"note": "Mohon penjelasan."}
            ),
            {
                "owner": 400,
                "rater": 400,
                "rater_superior": 200,
                "admin": 400,
                "admin_bkpsdm": 400,
                "pimpinan": 400,
                "auditor": 400,
                "outsider": 404,
            },
        ),
        "appeal_explain": (  # nobody may explain before the atasan asks
            _post(url("api-evaluation-appeal-explain", w.appeal.pk), {"explanation": "Penjelasan."}),
            {**dict.fromkeys(ROLES, 400), "outsider": 404},
        ),
        "appeal_decide": (  # nor decide before asking both sides
            _post(
                url("api-evaluation-appeal-decide", w.appeal.pk), {"decision": "uphold", "reasons": "Tetap."}
            ),
            {**dict.fromkeys(ROLES, 400), "outsider": 404},
        ),
        "submit_360": (
            _post(
                url("api-evaluation-360-submit", w.request360.pk),
                {"ratings": {"berorientasi_pelayanan": "sesuai"}},
            ),
            {**dict.fromkeys(ROLES, 404), "owner": 200},
        ),
        "org_predicate": (
            _post(
                url("api-evaluation-org-predicate-list"),
                {"year": 2026, "opd": ev.city.setda.pk, "predicate": "baik"},
            ),
            {**dict.fromkeys(ROLES, 400), "admin_bkpsdm": 201, "pimpinan": 201},
        ),
        "potential_score": (
            _post(
                url("api-evaluation-potential-score-list"),
                {"employee": ev.plans["staff_a2"].employee.pk, "year": 2026, "score": "81.5"},
            ),
            {**dict.fromkeys(ROLES, 403), "admin": 201, "admin_bkpsdm": 201},
        ),
        "potential_score_outside": (
            _post(
                url("api-evaluation-potential-score-list"),
                {"employee": ev.plans["staff_b"].employee.pk, "year": 2026, "score": "81.5"},
            ),
            {**dict.fromkeys(ROLES, 403), "admin": 404, "admin_bkpsdm": 201},
        ),
        "potential_import": (
            lambda client: client.post(
                url("api-evaluation-potential-score-import"),
                {
                    "file": SimpleUploadedFile(
                        "potensi.csv",
                        f"NIP,TAHUN,SKOR POTENSI\n{ev.plans['staff_a2'].employee.nip},2026,66\n".encode(),
                        content_type="text/csv",
                    )
                },
                format="multipart",
            ),
            {**dict.fromkeys(ROLES, 403), "admin": 200, "admin_bkpsdm": 200},
        ),
        "settings": (
            _patch(url("api-evaluation-settings"), {"appeal_days": 21}),
            {**dict.fromkeys(ROLES, 403), "admin": 400, "admin_bkpsdm": 200},
        ),
    }


WRITE_NAMES = [
    "refresh",
    "rate",
    "invite_360",
    "invite_360_peer",
    "calibrate",
    "publish",
    "lock",
    "publish_opd",
    "run",
    "documents",
    "appeal_file",
    "appeal_request_explanations",
    "appeal_explain",
    "appeal_decide",
    "submit_360",
    "org_predicate",
    "potential_score",
    "potential_score_outside",
    "potential_import",
    "settings",
]


@pytest.mark.parametrize("name", WRITE_NAMES)
def test_write_endpoints_per_role(w, name):
    call, expected = _writes(w)[name]
    problems = Problems(name)
    for role in ROLES:
        want = expected[role]
        client = _client(w.ev, role)
        response = _rollback(lambda client=client: call(client))
        body = "" if response.status_code == want else f" {response.content[:200]!r}"
        problems.expect(
            response.status_code == want, f"{role} → {response.status_code}, expected {want}{body}"
        )
    anonymous = _rollback(lambda: call(token_client()))
    problems.expect(anonymous.status_code == 401, f"anonymous → {anonymous.status_code}")
    problems.check()


def test_document_zip_download_only_for_its_creator(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = documents_enqueue(actor=w.ev.users["admin"], year=w.ev.year, opd=w.ev.city.dinas_a)
    job.refresh_from_db()
    # the job page links the pages' download; the API serves the same file to the same person
    assert job.result["download_url"] == reverse("evaluation:documents_download", args=[job.pk])
    for role in ROLES:
        response = _client(w.ev, role).get(url("api-evaluation-documents-download", job.pk))
        assert response.status_code == (200 if role == "admin" else 404), role
        if role == "admin":
            assert response["Content-Type"] == "application/zip"
            assert b"".join(response.streaming_content)[:2] == b"PK"
    default_storage.delete(job.result["file"])


# --- coverage, schema, query counts ----------------------------------------------------------------------------

COVERED = {
    ("api-evaluation-list", "get"),
    ("api-evaluation-detail", "get"),
    ("api-evaluation-refresh", "post"),
    ("api-evaluation-rate", "post"),
    ("api-evaluation-invite-360", "post"),
    ("api-evaluation-calibrate", "post"),
    ("api-evaluation-publish", "post"),
    ("api-evaluation-lock", "post"),
    ("api-evaluation-document", "get"),
    ("api-evaluation-publish-opd", "post"),
    ("api-evaluation-run", "post"),
    ("api-evaluation-documents", "post"),
    ("api-evaluation-results-xlsx", "get"),
    ("api-evaluation-documents-download", "get"),
    ("api-evaluation-360-list", "get"),
    ("api-evaluation-360-detail", "get"),
    ("api-evaluation-360-submit", "post"),
    ("api-evaluation-appeal-list", "get"),
    ("api-evaluation-appeal-list", "post"),
    ("api-evaluation-appeal-detail", "get"),
    ("api-evaluation-appeal-request-explanations", "post"),
    ("api-evaluation-appeal-explain", "post"),
    ("api-evaluation-appeal-decide", "post"),
    ("api-evaluation-org-predicate-list", "get"),
    ("api-evaluation-org-predicate-list", "post"),
    ("api-evaluation-org-predicate-detail", "get"),
    ("api-evaluation-distribution", "get"),
    ("api-evaluation-nine-box", "get"),
    ("api-evaluation-follow-up-list", "get"),
    ("api-evaluation-follow-up-detail", "get"),
    ("api-evaluation-follow-up-xlsx", "get"),
    ("api-evaluation-potential-score-list", "get"),
    ("api-evaluation-potential-score-list", "post"),
    ("api-evaluation-potential-score-detail", "get"),
    ("api-evaluation-potential-score-import", "post"),
    ("api-evaluation-settings", "get"),
    ("api-evaluation-settings", "patch"),
}


def test_every_endpoint_is_in_the_matrix():
    assert api_operations("pembina.evaluation.api.urls") == COVERED


def test_schema_validates_without_evaluation_warnings(tmp_path, capsys):
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    generator = SchemaGenerator(patterns=[path("api/v1/", include("pembina.evaluation.api.urls"))])
    schema = generator.get_schema(request=None, public=True)
    validate_schema(schema)
    assert "/api/v1/evaluation/appeals/{id}/decide/" in schema["paths"]
    warnings = [line for line in capsys.readouterr().err.splitlines() if "Warning" in line or "Error" in line]
    assert not [line for line in warnings if "evaluation" in line.lower()], warnings


def test_lists_run_a_constant_number_of_queries(w):
    client = _client(w.ev, "admin_bkpsdm")
    lists = {
        "evaluations": (url("api-evaluation-list"), {"year": 2026}),
        "follow_ups": (url("api-evaluation-follow-up-list"), {"year": 2026}),
        "appeals": (url("api-evaluation-appeal-list"), {}),
        "org_predicates": (url("api-evaluation-org-predicate-list"), {"year": 2026}),
        "scores": (url("api-evaluation-potential-score-list"), {"year": 2026}),
    }

    def fetch(name):
        path, params = lists[name]
        return count_queries(lambda: client.get(path, {**params, "page_size": 500}))

    before = {}
    for name in lists:
        before[name], response = fetch(name)
        assert response.status_code == 200, name
    ev = w.ev
    for period in ev.periods[:2]:  # more evaluations, locked with follow-ups, and their appeals
        for key in ("staff_a", "staff_a2", "staff_b"):
            e = published(ev, key, period=period)
        services.evaluations_lock_due(on=e.appeal_deadline + dt.timedelta(days=1))
    for key in ("staff_a2", "kasi_a1a", "staff_b"):
        services.potential_score_set(employee=ev.plans[key].employee, year=2026, score=60, actor=None)
    services.organisation_predicate_record(year=ev.year, opd=ev.city.setda, predicate="istimewa", actor=None)
    services.organisation_predicate_record(
        year=ev.year, opd=ev.city.setda, predicate="baik", period=ev.periods[3], actor=None
    )
    grown = {
        "evaluations": 10,
        "follow_ups": 8,  # b, kasi (its window ended too) and the six periodic ones
        "scores": 4,
        "org_predicates": 3,
    }
    for name in lists:
        n, response = fetch(name)
        assert n == before[name], f"{name}: {before[name]} → {n} queries"
        if name in grown:
            assert response.json()["count"] == grown[name], name
