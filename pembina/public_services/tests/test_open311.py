"""Open311 GeoReport v2: JSON responses validated against schemas written from the specification
(http://wiki.open311.org/GeoReport_v2), XML roots and element names, API keys, errors, throttling and
the absence of personal data."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from pembina.public_services import services
from pembina.public_services.choices import RequestChannel, RequestStatus
from pembina.public_services.models import Open311ApiKey, Open311Submission, ServiceRequest
from pembina.public_services.models.open311 import hash_key
from pembina.public_services.services import public as public_services
from pembina.public_services.tests.factories import walk

pytestmark = pytest.mark.django_db

W3C = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$"
NULLABLE_STRING = {"type": ["string", "null"]}
DATETIME = {"type": "string", "pattern": W3C}

SERVICE = {
    "type": "object",
    "required": ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
    "additionalProperties": False,
    "properties": {
        "service_code": {"type": "string", "minLength": 1},
        "service_name": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "metadata": {"type": "boolean"},
        "type": {"enum": ["realtime", "batch", "blackbox"]},
        "keywords": {"type": "string"},
        "group": {"type": "string"},
    },
}
SERVICES = {"type": "array", "items": SERVICE}
ATTRIBUTE = {
    "type": "object",
    "required": ["variable", "code", "datatype", "required", "datatype_description", "order", "description"],
    "properties": {
        "variable": {"type": "boolean"},
        "code": {"type": "string"},
        "datatype": {"enum": ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]},
        "required": {"type": "boolean"},
        "datatype_description": NULLABLE_STRING,
        "order": {"type": "integer", "minimum": 1},
        "description": {"type": "string"},
        "values": {
            "type": "array",
            "items": {"type": "object", "required": ["key", "name"]},
        },
    },
}
DEFINITION = {
    "type": "object",
    "required": ["service_code", "attributes"],
    "additionalProperties": False,
    "properties": {"service_code": {"type": "string"}, "attributes": {"type": "array", "items": ATTRIBUTE}},
}
REQUEST = {
    "type": "object",
    "required": ["service_request_id", "status", "service_code", "requested_datetime"],
    "additionalProperties": False,
    "properties": {
        "service_request_id": {"type": "string"},
        "status": {"enum": ["open", "closed"]},
        "status_notes": NULLABLE_STRING,
        "service_name": NULLABLE_STRING,
        "service_code": {"type": "string"},
        "description": NULLABLE_STRING,
        "agency_responsible": NULLABLE_STRING,
        "service_notice": NULLABLE_STRING,
        "requested_datetime": DATETIME,
        "updated_datetime": {"anyOf": [DATETIME, {"type": "null"}]},
        "expected_datetime": {"anyOf": [DATETIME, {"type": "null"}]},
        "address": NULLABLE_STRING,
        "address_id": NULLABLE_STRING,
        "zipcode": NULLABLE_STRING,
        "lat": {"type": ["number", "null"]},
        "long": {"type": ["number", "null"]},
        "media_url": NULLABLE_STRING,
    },
}
REQUESTS = {"type": "array", "items": REQUEST}
CREATED = {
    "type": "array",
    "minItems": 1,
    "maxItems": 1,
    "items": {
        "type": "object",
        "required": ["service_request_id"],
        "additionalProperties": False,
        "properties": {
            "service_request_id": {"type": "string"},
            "token": NULLABLE_STRING,
            "service_notice": NULLABLE_STRING,
            "account_id": NULLABLE_STRING,
        },
    },
}
ERRORS = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": ["code", "description"],
        "additionalProperties": False,
        "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
    },
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partner(ps):
    key, raw = public_services.open311_key_create(
        instansi=ps.city.instansi, name="Aplikasi Warga", actor=ps.city.users["admin_bkpsdm"]
    )
    return key, raw


def url(name, fmt="json", **kwargs):
    return reverse(f"open311:{name}", kwargs={"fmt": fmt, **kwargs})


def xml_root(response) -> ET.Element:
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


def assert_error(response, status, fmt="json"):
    assert response.status_code == status
    if fmt == "json":
        data = response.json()
        jsonschema.validate(data, ERRORS)
        assert data[0]["code"] == status
        return data[0]["description"]
    root = xml_root(response)
    assert root.tag == "errors" and [c.tag for c in root] == ["error"]
    assert [c.tag for c in root[0]] == ["code", "description"] and root[0].find("code").text == str(status)
    return root[0].find("description").text


def post(client, raw_key, **over):
    data = {
        "api_key": raw_key,
        "service_code": "DUKCAPIL-AKTALAHIR",
        "first_name": "Siti",
        "last_name": "Aminah",
        "phone": "081234567890",
        "email": "siti@contoh.id",
        "description": "Akta anak kedua",
        "address_string": "Jl. Gajah Mada 5",
    }
    data.update(over)
    return client.post(url("requests"), {k: v for k, v in data.items() if v is not None})


# --- services --------------------------------------------------------------------------------------------


def test_services_json_and_xml_follow_the_spec(client, ps):
    services.service_update(service=ps.ktp, data={"accepts_online": False}, actor=None)
    response = client.get(url("service_list"))
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    jsonschema.validate(data, SERVICES)
    codes = [s["service_code"] for s in data]
    assert ps.akta.code in codes and ps.imun.code in codes and ps.ktp.code not in codes
    akta = next(s for s in data if s["service_code"] == ps.akta.code)
    assert akta["type"] == "realtime" and akta["metadata"] is True and akta["group"] == ps.city.dinas_b.name

    root = xml_root(client.get(url("service_list", "xml")))
    assert root.tag == "services" and {c.tag for c in root} == {"service"}
    first = root[0]
    assert [c.tag for c in first] == list(SERVICE["required"])
    assert first.find("metadata").text == "true"


def test_service_definition_lists_the_standard_as_informational_attributes(client, ps):
    data = client.get(url("service_definition", code=ps.akta.code.lower())).json()
    jsonschema.validate(data, DEFINITION)
    assert data["service_code"] == ps.akta.code
    assert all(a["variable"] is False for a in data["attributes"])
    assert any("3 hari kerja" in a["description"] for a in data["attributes"])

    root = xml_root(client.get(url("service_definition", "xml", code=ps.akta.code)))
    assert root.tag == "service_definition" and [c.tag for c in root] == ["service_code", "attributes"]
    attribute = root.find("attributes")[0]
    assert attribute.tag == "attribute" and attribute.find("variable").text == "false"
    assert attribute.find("datatype_description").text is None

    assert_error(client.get(url("service_definition", code="NOPE")), 404)
    assert_error(client.get(url("service_definition", "xml", code="NOPE")), 404, "xml")


def test_unknown_jurisdiction_is_not_found(client, ps):
    assert client.get(url("service_list"), {"jurisdiction_id": "uji"}).status_code == 200
    assert_error(client.get(url("service_list"), {"jurisdiction_id": "LAIN"}), 404)


# --- POST requests ------------------------------------------------------------------------------------------


def test_partner_creates_a_request(client, ps, partner):
    key, raw = partner
    response = post(client, raw)
    assert response.status_code == 201
    data = response.json()
    jsonschema.validate(data, CREATED)
    r = ServiceRequest.objects.get()
    assert data[0]["service_request_id"] == r.tracking_number and data[0]["account_id"] is None
    assert r.channel == RequestChannel.OPEN311 and r.citizen_name == "Siti Aminah"
    assert r.citizen_contact == "081234567890" and r.location == "Jl. Gajah Mada 5"
    assert Open311Submission.objects.get().api_key == key
    assert "Batas waktu penyelesaian" in data[0]["service_notice"]


def test_post_xml_response_shape(client, ps, partner):
    _key, raw = partner
    response = client.post(
        url("requests", "xml"),
        {"api_key": raw, "service_code": ps.akta.code, "first_name": "Ana", "email": "ana@contoh.id"},
    )
    assert response.status_code == 201
    root = xml_root(response)
    assert root.tag == "service_requests" and [c.tag for c in root] == ["request"]
    assert [c.tag for c in root[0]] == ["service_request_id", "service_notice", "account_id"]
    assert root[0].find("account_id").text is None


def test_post_errors(client, ps, partner):
    key, raw = partner
    assert "api_key" in assert_error(post(client, None), 400)
    assert_error(post(client, "p311_wrong"), 403)
    assert "service_code" in assert_error(post(client, raw, service_code=None), 400)
    assert_error(post(client, raw, service_code="NOPE"), 404)
    assert "first_name" in assert_error(post(client, raw, first_name="", last_name=""), 400)
    assert "citizen_contact" in assert_error(post(client, raw, phone="", email=""), 400)
    services.service_update(service=ps.akta, data={"accepts_online": False}, actor=None)
    assert_error(post(client, raw), 404)
    public_services.open311_key_revoke(key=key, actor=None)
    services.service_update(service=ps.akta, data={"accepts_online": True}, actor=None)
    assert_error(post(client, raw), 403)
    assert ServiceRequest.objects.count() == 0
    assert_error(client.post(url("requests", "xml"), {}), 400, "xml")


def test_keys_are_stored_only_as_hashes(ps, partner):
    key, raw = partner
    stored = Open311ApiKey.objects.get()
    assert stored.key_hash == hash_key(raw) and raw not in (stored.key_hash, stored.key_prefix)
    assert raw.startswith(stored.key_prefix)


@override_settings(PEMBINA_PUBLIC_RATES={"open311_write": (100, 3600)})
def test_posting_is_throttled_per_key(client, ps, partner):
    key, raw = partner
    Open311ApiKey.objects.filter(pk=key.pk).update(requests_per_hour=2)
    assert post(client, raw).status_code == 201
    assert post(client, raw, REMOTE_ADDR="10.1.1.1").status_code == 201
    refused = post(client, raw, REMOTE_ADDR="10.2.2.2")
    assert_error(refused, 429)
    assert int(refused["Retry-After"]) > 0
    assert ServiceRequest.objects.count() == 2


@override_settings(PEMBINA_PUBLIC_RATES={"open311_write": (1, 3600)})
def test_posting_is_throttled_per_address(client, ps, partner):
    _key, raw = partner
    assert post(client, raw).status_code == 201
    assert_error(post(client, raw), 429)


@override_settings(PEMBINA_PUBLIC_RATES={"open311_read": (2, 60)})
def test_reads_are_throttled_per_address(client, ps):
    assert client.get(url("service_list")).status_code == 200
    assert client.get(url("service_list", "xml")).status_code == 200
    assert_error(client.get(url("service_list", "xml")), 429, "xml")


# --- GET requests ---------------------------------------------------------------------------------------------


def test_requests_by_id_reveal_no_personal_data(client, ps, partner):
    _key, raw = partner
    first = post(client, raw).json()[0]["service_request_id"]
    second = services.request_submit_online(
        service=ps.akta, citizen_name="Budi", citizen_contact="0812345678"
    )
    walk(second, to=RequestStatus.COMPLETED, actor=ps.staff_user, at=timezone.now())
    response = client.get(url("requests"), {"service_request_id": f"{first},{second.tracking_number},XX-1"})
    data = response.json()
    jsonschema.validate(data, REQUESTS)
    statuses = {d["service_request_id"]: d["status"] for d in data}
    assert statuses == {first: "open", second.tracking_number: "closed"}
    body = response.content.decode()
    for secret in ("Siti", "Aminah", "081234567890", "Gajah Mada", "Akta anak kedua", "Budi"):
        assert secret not in body
    closed = next(d for d in data if d["status"] == "closed")
    assert closed["status_notes"] == "Selesai" and closed["updated_datetime"] >= closed["requested_datetime"]

    root = xml_root(client.get(url("requests", "xml"), {"service_request_id": first}))
    assert root.tag == "service_requests" and [c.tag for c in root] == ["request"]
    assert [c.tag for c in root[0]] == list(REQUEST["properties"])


def test_single_request_and_token(client, ps, partner):
    _key, raw = partner
    number = post(client, raw).json()[0]["service_request_id"]
    data = client.get(url("request_detail", request_id=number)).json()
    jsonschema.validate(data, REQUESTS)
    assert len(data) == 1 and data[0]["service_request_id"] == number and data[0]["status"] == "open"
    root = xml_root(client.get(url("request_detail", "xml", request_id=number)))
    assert root.tag == "service_requests" and root[0].find("service_request_id").text == number
    assert client.get(url("token_detail", token=number)).json() == [
        {"service_request_id": number, "token": number}
    ]
    assert_error(client.get(url("request_detail", request_id="PTK-2611-AAAA-AAAA")), 404)


def test_listing_by_date_needs_a_key_and_shows_only_the_partners_requests(client, ps, partner):
    key, raw = partner
    mine = post(client, raw).json()[0]["service_request_id"]
    services.request_submit_online(service=ps.akta, citizen_name="Lain", citizen_contact="0812345678")
    other_key, other_raw = public_services.open311_key_create(
        instansi=ps.city.instansi, name="Lain", actor=None
    )
    post(client, other_raw)

    assert_error(client.get(url("requests")), 403)
    data = client.get(url("requests"), {"api_key": raw}).json()
    jsonschema.validate(data, REQUESTS)
    assert [d["service_request_id"] for d in data] == [mine]
    assert client.get(url("requests"), {"api_key": raw, "status": "closed"}).json() == []
    assert len(client.get(url("requests"), {"api_key": raw, "status": "open,closed"}).json()) == 1
    assert client.get(url("requests"), {"api_key": raw, "service_code": ps.imun.code}).json() == []
    today = timezone.localdate()
    window = {"start_date": (today - dt.timedelta(days=1)).isoformat(), "end_date": today.isoformat()}
    assert len(client.get(url("requests"), {"api_key": raw, **window}).json()) == 1
    old = {"start_date": "2020-01-01T00:00:00+07:00", "end_date": "2020-02-01T00:00:00+07:00"}
    assert client.get(url("requests"), {"api_key": raw, **old}).json() == []
    too_long = {"start_date": "2020-01-01", "end_date": "2020-06-01"}
    assert "90 hari" in assert_error(client.get(url("requests"), {"api_key": raw, **too_long}), 400)
    assert_error(client.get(url("requests"), {"api_key": raw, "start_date": "kemarin"}), 400)
    assert_error(client.get(url("requests"), {"api_key": raw, "status": "pending"}), 400)


def test_discovery(client, ps):
    data = client.get(url("discovery")).json()
    assert data["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert data["endpoints"][0]["url"].endswith("/open311/v2/")
    root = xml_root(client.get(url("discovery", "xml")))
    assert root.tag == "discovery" and root.find("endpoints")[0].tag == "endpoint"


def test_superuser_creates_a_key_in_the_admin_and_sees_it_once(ps, login):
    import re

    user = ps.city.users["admin_bkpsdm"]
    user.is_superuser = user.is_staff = True
    user.save()
    client = login(user)
    response = client.post(
        reverse("admin:public_services_open311apikey_add"),
        {
            "instansi": ps.city.instansi.pk,
            "name": "Aplikasi Kelurahan",
            "requests_per_hour": "30",
            "is_active": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    key = Open311ApiKey.objects.get()
    raw = re.search(r"(p311_[A-Za-z0-9_\-]+)", response.content.decode()).group(1)
    assert key.key_hash == hash_key(raw) and key.created_by == user and key.requests_per_hour == 30
    page = client.get(reverse("admin:public_services_open311apikey_change", args=[key.pk])).content.decode()
    assert raw not in page
