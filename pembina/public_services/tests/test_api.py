"""The public services staff API: every endpoint × every role (and anonymous), in and out of scope;
writes through the services; constant queries on the request list; the OpenAPI schema.

Targets are the same three kinds of object everywhere: one of Disdukcapil (the roles' own OPD), one of
Dinas Kesehatan (the outsider's OPD) and one of another instansi (404 for everyone)."""

from __future__ import annotations

from itertools import count

import pytest

from pembina.core.audit.context import Source
from pembina.core.models import AuditEntry
from pembina.core.testing.api import (
    ANONYMOUS,
    HIDDEN,
    SEEN,
    api_operations,
    check_visibility,
    check_writes,
    count_queries,
    module_db_fixture,
    token_client,
)
from pembina.public_services import services
from pembina.public_services.choices import ComplaintStatus, ComplaintTier, RequestStatus
from pembina.public_services.models import Complaint, Holiday, ServiceRequest, SurveyResponse
from pembina.public_services.tests.test_staff_views import ROLES as STAFF_ROLES
from pembina.public_services.tests.test_staff_views import build_world, bulk_requests

ROLES = [ANONYMOUS, *STAFF_ROLES]
S, H = SEEN, HIDDEN
THREE = ("dukcapil", "dinkes", "other_instansi")
BASE = "/api/v1/public-services"
_codes = count(1)

world = module_db_fixture(build_world)


@pytest.fixture
def city(world, db):
    return world


def client_for(city, role):
    return token_client(None if role == ANONYMOUS else city.users[role])


def _row(values):
    return dict(zip(THREE, values, strict=True))


# Every routed (url name, method) and the test that covers it.
COVERED = {
    ("api-ps-service-list", "get"): "test_services_visibility",
    ("api-ps-service-list", "post"): "test_writes[create_service]",
    ("api-ps-service-detail", "get"): "test_services_visibility",
    ("api-ps-service-detail", "patch"): "test_writes[patch_service]",
    ("api-ps-request-list", "get"): "test_records_visibility",
    ("api-ps-request-list", "post"): "test_writes[create_request]",
    ("api-ps-request-detail", "get"): "test_records_visibility",
    ("api-ps-request-transition", "post"): "test_writes[transition]",
    ("api-ps-complaint-list", "get"): "test_records_visibility",
    ("api-ps-complaint-detail", "get"): "test_records_visibility",
    ("api-ps-complaint-verify", "post"): "test_writes[verify]",
    ("api-ps-complaint-reject", "post"): "test_writes[reject]",
    ("api-ps-complaint-forward", "post"): "test_writes[forward]",
    ("api-ps-complaint-plan", "post"): "test_writes[plan]",
    ("api-ps-complaint-resolve", "post"): "test_writes[resolve]",
    ("api-ps-holiday-list", "get"): "test_holidays_visibility",
    ("api-ps-holiday-list", "post"): "test_holiday_writes",
    ("api-ps-holiday-detail", "get"): "test_holidays_visibility",
    ("api-ps-holiday-detail", "patch"): "test_holiday_writes",
    ("api-ps-skm-summary", "get"): "test_skm_summary_visibility",
}


def test_every_endpoint_is_in_the_matrix():
    routed = api_operations("pembina.public_services.api.urls")
    assert routed - set(COVERED) == set(), "endpoints without a row in the permission matrix"
    assert set(COVERED) - routed == set(), "matrix rows for endpoints that no longer exist"


def test_matrices_cover_every_role():
    for table in (RECORDS, CHANGE, CREATE_REQUEST, ADMIN_WRITES, PATCH_SERVICE):
        assert set(table) == set(ROLES), table


# --- reads ------------------------------------------------------------------------------------------

# role → (Disdukcapil record, Dinkes record, another instansi's record): requests and complaints
RECORDS = {
    ANONYMOUS: (401, 401, 401),
    "pegawai": (S, H, H),
    "kepala_unit": (S, H, H),
    "admin_opd": (S, H, H),
    "admin_bkpsdm": (S, S, H),
    "pimpinan": (S, S, H),
    "auditor": (S, S, H),
    "outsider": (H, S, H),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", ["requests", "complaints"])
def test_records_visibility(city, role, kind):
    ps = city.ps
    targets = (
        {"dukcapil": ps.req_b.pk, "dinkes": ps.req_a.pk, "other_instansi": ps.f_req.pk}
        if kind == "requests"
        else {"dukcapil": ps.comp_b.pk, "dinkes": ps.comp_a.pk, "other_instansi": ps.f_comp.pk}
    )
    check_visibility(
        client_for(city, role),
        list_url=f"{BASE}/{kind}/",
        detail_urls=lambda pk: [f"{BASE}/{kind}/{pk}/"],
        targets=targets,
        expected=_row(RECORDS[role]),
        label=f"{kind} as {role}",
    )


@pytest.mark.parametrize("role", ROLES)
def test_services_visibility(city, role):
    ps = city.ps
    expected = (401, 401, 401) if role == ANONYMOUS else (S, S, H)  # the catalogue is the instansi's
    check_visibility(
        client_for(city, role),
        list_url=f"{BASE}/services/",
        detail_urls=lambda pk: [f"{BASE}/services/{pk}/"],
        targets={"dukcapil": ps.ktp.pk, "dinkes": ps.imun.pk, "other_instansi": ps.f_service.pk},
        expected=_row(expected),
        label=f"services as {role}",
    )


@pytest.mark.parametrize("role", ROLES)
def test_holidays_visibility(city, role):
    ps = city.ps
    expected = (401, 401) if role == ANONYMOUS else (S, H)
    check_visibility(
        client_for(city, role),
        list_url=f"{BASE}/holidays/",
        detail_urls=lambda pk: [f"{BASE}/holidays/{pk}/"],
        targets={"own": ps.holidays[0].pk, "other_instansi": ps.f_holiday.pk},
        expected=dict(zip(("own", "other_instansi"), expected, strict=True)),
        label=f"holidays as {role}",
        list_params={"year": ps.holidays[0].date.year},
    )


@pytest.mark.parametrize("role", ROLES)
def test_skm_summary_visibility(city, role):
    client = client_for(city, role)
    for unit, want in ((city.dinas_b, 200), (city.dinas_a, 200), (city.ps.f_unit, 404)):
        response = client.get(f"{BASE}/skm-summary/", {"unit": unit.pk})
        assert response.status_code == (401 if role == ANONYMOUS else want), (role, unit, response.content)


def test_skm_summary_counts_only_the_answers_the_caller_may_see(city):
    req = city.ps.req_b
    for step in (RequestStatus.VERIFIED, RequestStatus.IN_PROCESS, RequestStatus.COMPLETED):
        req = services.request_transition(request=req, to_status=step, actor=None)
    services.survey_submit(scores={f"U{i}": 4 for i in range(1, 10)}, token=req.survey_token)
    assert SurveyResponse.objects.count() == 1
    params = {"unit": city.dinas_b.pk}
    body = client_for(city, "pegawai").get(f"{BASE}/skm-summary/", params).json()
    assert body["respondents"] == 1 and body["conversion"] == "100.00" and body["grade"] == "A"
    assert [e["code"] for e in body["elements"]] == [f"U{i}" for i in range(1, 10)]
    assert body["population"] == 1 and body["sample_needed"] == 1 and body["sample_reached"] is True
    body = client_for(city, "outsider").get(f"{BASE}/skm-summary/", params).json()
    assert body["respondents"] == 0 and body["grade"] is None
    response = client_for(city, "pegawai").get(
        f"{BASE}/skm-summary/", {"start": "2026-05-01", "end": "2026-01-01"}
    )
    assert response.status_code == 400 and "end" in str(response.json())


def test_complaint_identity_only_in_the_detail_and_only_where_allowed(city):
    comp = city.ps.comp_b
    listed = client_for(city, "admin_bkpsdm").get(f"{BASE}/complaints/").json()["results"]
    assert all("reporter" not in row and "reporter_name" not in row for row in listed)
    body = client_for(city, "pegawai").get(f"{BASE}/complaints/{comp.pk}/").json()
    assert body["reporter"] == {"name": "Rina Pelapor", "contact": "0812000111"}
    Complaint.objects.filter(pk=comp.pk).update(is_confidential=True)
    assert client_for(city, "pegawai").get(f"{BASE}/complaints/{comp.pk}/").json()["reporter"] is None
    assert client_for(city, "admin_bkpsdm").get(f"{BASE}/complaints/{comp.pk}/").json()["reporter"]["name"]


# --- writes -------------------------------------------------------------------------------------------

OK, OUT, BAD = "ok", "out", "bad"
# Changing a request or complaint: role → outcome for (Disdukcapil, Dinkes, other instansi).
CHANGE = {
    ANONYMOUS: (401, 401, 401),
    "pegawai": (OK, OUT, OUT),
    "kepala_unit": (OK, OUT, OUT),
    "admin_opd": (OK, OUT, OUT),
    "admin_bkpsdm": (OK, OK, OUT),
    "pimpinan": (OUT, OUT, OUT),
    "auditor": (OUT, OUT, OUT),
    "outsider": (OUT, OK, OUT),
}
# Registering a request for a service: refused by the service (400) where the actor cannot handle it.
CREATE_REQUEST = {
    ANONYMOUS: (401, 401, 401),
    "pegawai": (OK, BAD, BAD),
    "kepala_unit": (OK, BAD, BAD),
    "admin_opd": (OK, BAD, BAD),
    "admin_bkpsdm": (OK, OK, BAD),
    "pimpinan": (BAD, BAD, BAD),
    "auditor": (BAD, BAD, BAD),
    "outsider": (BAD, OK, BAD),
}
# Catalogue writes are for admins (403 for every other role, whatever the target).
ADMIN_WRITES = {
    ANONYMOUS: (401, 401, 401),
    "pegawai": (403, 403, 403),
    "kepala_unit": (403, 403, 403),
    "admin_opd": (OK, BAD, BAD),
    "admin_bkpsdm": (OK, OK, BAD),
    "pimpinan": (403, 403, 403),
    "auditor": (403, 403, 403),
    "outsider": (403, 403, 403),
}
PATCH_SERVICE = {**ADMIN_WRITES, "admin_opd": (OK, OUT, OUT), "admin_bkpsdm": (OK, OK, OUT)}


def _verified(complaint):
    return services.complaint_verify(complaint=complaint, tier=ComplaintTier.NORMATIVE, actor=None)


def _operations(city):
    """operation → (matrix, ok status, out status, prepare(complaint) or None, {target: (method, url, body)})."""
    ps = city.ps
    reqs = {"dukcapil": ps.req_b, "dinkes": ps.req_a, "other_instansi": ps.f_req}
    comps = {"dukcapil": ps.comp_b, "dinkes": ps.comp_a, "other_instansi": ps.f_comp}
    svcs = {"dukcapil": ps.ktp, "dinkes": ps.imun, "other_instansi": ps.f_service}
    units = {"dukcapil": city.bidang_b1, "dinkes": city.seksi_a1a, "other_instansi": ps.f_unit}
    forward_to = {"dukcapil": city.dinas_b, "dinkes": city.dinas_a, "other_instansi": ps.f_unit}

    def complaint_op(action, body, prepare=None):
        return (
            CHANGE,
            200,
            404,
            prepare,
            {k: ("post", f"{BASE}/complaints/{c.pk}/{action}/", body(k)) for k, c in comps.items()},
        )

    return {
        "create_service": (
            ADMIN_WRITES,
            201,
            400,
            None,
            {
                k: (
                    "post",
                    f"{BASE}/services/",
                    {
                        "unit": u.pk,
                        "code": f"API-{next(_codes):04d}",
                        "name": "Layanan API",
                        "completion_days": 2,
                    },
                )
                for k, u in units.items()
            },
        ),
        "patch_service": (
            PATCH_SERVICE,
            200,
            404,
            None,
            {k: ("patch", f"{BASE}/services/{s.pk}/", {"completion_days": 4}) for k, s in svcs.items()},
        ),
        "create_request": (
            CREATE_REQUEST,
            201,
            400,
            None,
            {
                k: ("post", f"{BASE}/requests/", {"service": s.pk, "citizen_name": "Warga API"})
                for k, s in svcs.items()
            },
        ),
        "transition": (
            CHANGE,
            200,
            404,
            None,
            {
                k: ("post", f"{BASE}/requests/{r.pk}/transition/", {"to_status": RequestStatus.VERIFIED})
                for k, r in reqs.items()
            },
        ),
        "verify": complaint_op("verify", lambda k: {"tier": ComplaintTier.LIGHT}),
        "reject": complaint_op("reject", lambda k: {"reason": "Bukan kewenangan"}),
        "forward": complaint_op(
            "forward", lambda k: {"to_unit": forward_to[k].pk, "reason": "Wewenang dinas"}, _verified
        ),
        "plan": complaint_op("plan", lambda k: {"plan": "Klarifikasi petugas"}, _verified),
        "resolve": complaint_op("resolve", lambda k: {"resolution": "Sudah selesai"}, _verified),
    }


OPERATIONS = [
    "create_service",
    "patch_service",
    "create_request",
    "transition",
    "verify",
    "reject",
    "forward",
    "plan",
    "resolve",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_writes(city, operation, role):
    matrix, success, outside, prepare, requests = _operations(city)[operation]
    if prepare is not None:
        for c in (city.ps.comp_b, city.ps.comp_a, city.ps.f_comp):
            prepare(c)
    client = client_for(city, role)
    attempts = {}
    for target, outcome in zip(THREE, matrix[role], strict=True):
        want = {OK: success, OUT: outside, BAD: 400}.get(outcome, outcome)
        method, url, body = requests[target]
        attempts[target] = (lambda m=method, u=url, b=body: getattr(client, m)(u, b, format="json"), want)
    check_writes(f"{operation} as {role}", attempts)


@pytest.mark.parametrize("role", ROLES)
def test_holiday_writes(city, role):
    client = client_for(city, role)
    own, foreign = city.ps.holidays[0], city.ps.f_holiday
    body = {"date": "2026-09-25", "name": "Hari Jadi Kota", "kind": "regional"}
    if role == ANONYMOUS:
        want = (401, 401, 401)
    elif role == "admin_bkpsdm":
        want = (201, 200, 404)
    else:
        want = (403, 403, 403)
    check_writes(
        f"holidays as {role}",
        {
            "create": (lambda: client.post(f"{BASE}/holidays/", body, format="json"), want[0]),
            "patch_own": (
                lambda: client.patch(f"{BASE}/holidays/{own.pk}/", {"note": "SKB"}, format="json"),
                want[1],
            ),
            "patch_foreign": (
                lambda: client.patch(f"{BASE}/holidays/{foreign.pk}/", {"note": "x"}, format="json"),
                want[2],
            ),
        },
    )
    if role == "admin_bkpsdm":
        assert Holiday.objects.filter(instansi=city.instansi, name="Hari Jadi Kota").exists()


def test_register_and_step_through_the_api_is_audited_as_api(city):
    client = client_for(city, "pegawai")
    response = client.post(
        f"{BASE}/requests/",
        {"service": city.ps.akta.pk, "citizen_name": "<b>Ayu</b>", "verified": True},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["citizen_name"] == "Ayu" and body["status"] == RequestStatus.VERIFIED
    assert body["deadline"]["is_late"] is False and body["deadline"]["remaining_working_days"] >= 0
    assert [e["action"] for e in body["timeline"]] == ["received", "verified"]
    url = f"{BASE}/requests/{body['id']}/transition/"
    response = client.post(url, {"to_status": RequestStatus.COMPLETED}, format="json")
    assert response.status_code == 400 and "tidak dapat diubah" in response.json()["detail"]
    response = client.post(url, {"to_status": RequestStatus.REJECTED}, format="json")
    assert response.status_code == 400 and response.json()["field"] == "reason"
    response = client.post(url, {"to_status": RequestStatus.IN_PROCESS, "note": "dicetak"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == RequestStatus.IN_PROCESS
    entry = AuditEntry.objects.filter(
        object_type="public_services.servicerequest", object_id=str(body["id"]), action="update"
    ).latest("id")
    assert entry.source == Source.API and entry.after["status"] == RequestStatus.IN_PROCESS


def test_request_list_filters_and_searches(city):
    client = client_for(city, "admin_bkpsdm")
    number = city.ps.req_b.tracking_number
    rows = client.get(f"{BASE}/requests/", {"q": number.lower()}).json()["results"]
    assert [r["tracking_number"] for r in rows] == [number]
    rows = client.get(f"{BASE}/requests/", {"service": city.ps.imun.pk}).json()["results"]
    assert [r["id"] for r in rows] == [city.ps.req_a.pk]
    response = client.get(f"{BASE}/requests/", {"status": "lost"})
    assert response.status_code == 400 and response.json()["field"] == "status"


def test_complaint_steps_through_the_api(city):
    client = client_for(city, "kepala_unit")
    url = f"{BASE}/complaints/{city.ps.comp_b.pk}"
    response = client.post(f"{url}/verify/", {"tier": "berat"}, format="json")
    assert response.status_code == 400 and response.json()["field"] == "tier"
    assert client.post(f"{url}/resolve/", {"resolution": "x"}, format="json").status_code == 400
    body = client.post(f"{url}/verify/", {"tier": ComplaintTier.LIGHT}, format="json").json()
    assert body["status"] == ComplaintStatus.VERIFIED and body["resolution_due"]
    body = client.post(f"{url}/resolve/", {"resolution": "Loket ditambah"}, format="json").json()
    assert body["status"] == ComplaintStatus.RESOLVED and body["resolved_on_time"] is True


def test_complaint_liaison_through_the_api(city):
    client = client_for(city, "kepala_unit")
    url = f"{BASE}/complaints/{city.ps.comp_b.pk}"
    dinkes = city.people["staff_a"]
    response = client.post(
        f"{url}/verify/", {"tier": ComplaintTier.LIGHT, "handler": dinkes.pk}, format="json"
    )
    assert response.status_code == 400 and response.json()["field"] == "handler"  # not of Disdukcapil
    response = client.post(f"{url}/verify/", {"tier": ComplaintTier.LIGHT, "handler": 999999}, format="json")
    assert response.status_code == 400
    liaison = city.people["staff_b"]
    body = client.post(
        f"{url}/verify/", {"tier": ComplaintTier.LIGHT, "handler": liaison.pk}, format="json"
    ).json()
    assert body["handler"] == {"id": liaison.pk, "full_name": liaison.full_name}
    listed = client.get(f"{BASE}/complaints/").json()["results"]
    assert next(c for c in listed if c["id"] == city.ps.comp_b.pk)["handler"]["id"] == liaison.pk


def test_put_and_delete_are_not_offered(city):
    client = client_for(city, "admin_bkpsdm")
    assert client.put(f"{BASE}/services/{city.ps.ktp.pk}/", {}, format="json").status_code == 405
    assert client.delete(f"{BASE}/requests/{city.ps.req_b.pk}/").status_code == 405
    assert ServiceRequest.objects.filter(pk=city.ps.req_b.pk).exists()


# --- queries ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["pegawai", "admin_bkpsdm"])
def test_request_list_queries_do_not_grow_with_rows(city, role):
    client = client_for(city, role)
    url = f"{BASE}/requests/"
    bulk_requests(city, 10)
    small, response = count_queries(lambda: client.get(url, {"service": city.ps.ktp.pk}))
    assert response.status_code == 200
    bulk_requests(city, 990)
    large, response = count_queries(lambda: client.get(url, {"service": city.ps.ktp.pk}))
    assert response.status_code == 200 and len(response.json()["results"]) == 50
    assert large == small, f"{small} queries at 10 requests, {large} at 1,000"


def test_schema_is_valid_without_warnings(tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    text = (tmp_path / "schema.yml").read_text()
    assert "/api/v1/public-services/requests/{id}/transition/" in text
    assert "RequestStatusEnum" in text and "ComplaintStatusEnum" in text
