"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2/, JSON or XML.

* `services.{fmt}` — request types (active services that accept online requests); `services/{code}`
  — their definition: informational attributes (requirements, promised working days, fee).
* `POST requests.{fmt}` — create, with a partner `api_key` (Open311ApiKey, managed by Admin BKPSDM in
  the Django admin); `GET requests.{fmt}` — by `service_request_id` (comma separated: anyone), or, with
  the partner's `api_key`, the requests that partner submitted, by `start_date`/`end_date` (≤ 90 days),
  `status` and `service_code`. A jurisdiction-wide listing without a key is refused: tracking numbers
  are the citizen's key to the status page, so they are not handed out in bulk.
* `requests/{id}.{fmt}`, `tokens/{id}.{fmt}` (type is `realtime`: the id is its own token),
  `discovery.{fmt}`.

Requests never expose the citizen's name, contact, description or address. Errors are
`[{"code": …, "description": …}]` / `<errors><error>…</error></errors>` with the HTTP status as code.
Throttled per address (reads and writes) and per key (`requests_per_hour`).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from pembina.core.exceptions import ApplicationError
from pembina.public_services import abuse, selectors
from pembina.public_services.selectors import public as public_selectors
from pembina.public_services.services import public as public_services

SPEC_URL = "http://wiki.open311.org/GeoReport_v2"
MAX_SPAN = dt.timedelta(days=90)
LIST_TAGS = {"attributes": "attribute", "values": "value", "endpoints": "endpoint", "formats": "format"}


# --- rendering ------------------------------------------------------------------------------------------


def _iso(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _xml_value(parent: ET.Element, name: str, value) -> None:
    node = ET.SubElement(parent, name)
    if value is None:
        return
    if isinstance(value, bool):
        node.text = "true" if value else "false"
    elif isinstance(value, dict):
        for key, item in value.items():
            _xml_value(node, key, item)
    elif isinstance(value, (list, tuple)):
        child = LIST_TAGS.get(name, "item")
        for item in value:
            _xml_value(node, child, item)
    else:
        node.text = str(value)


def _respond(fmt: str, data, *, root: str, item: str | None, status: int = 200) -> HttpResponse:
    """`data` is a list of objects (rendered under <root><item>…) or one object (<root>…</root>)."""
    if fmt == "json":
        response = JsonResponse(data, safe=False, status=status, json_dumps_params={"ensure_ascii": False})
    else:
        top = ET.Element(root)
        if isinstance(data, list):
            for obj in data:
                _xml_value(top, item or "item", obj)
        else:
            for key, value in data.items():
                _xml_value(top, key, value)
        body = ET.tostring(top, encoding="unicode")
        response = HttpResponse(
            '<?xml version="1.0" encoding="utf-8"?>\n' + body,
            status=status,
            content_type="text/xml; charset=utf-8",
        )
    # Civic web apps call from the browser; no cookies are involved (the key is a parameter).
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(fmt: str, status: int, description: str) -> HttpResponse:
    return _respond(
        fmt, [{"code": status, "description": description}], root="errors", item="error", status=status
    )


def _guard(request, fmt: str, name: str) -> HttpResponse | None:
    decision = abuse.throttle(request, name)
    if decision.allowed:
        return None
    response = _error(
        fmt, 429, _("Terlalu banyak permintaan; coba lagi dalam %(s)s detik.") % {"s": decision.retry_after}
    )
    response["Retry-After"] = str(decision.retry_after)
    return response


def _instansi(request, fmt: str):
    """The jurisdiction: this installation's instansi; a different `jurisdiction_id` is not found."""
    instansi = selectors.public_instansi()
    wanted = (request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id") or "").strip()
    if wanted and wanted.upper() != instansi.code.upper():
        return None, _error(fmt, 404, _("jurisdiction_id tidak ditemukan."))
    return instansi, None


def _request_obj(r: public_selectors.Open311Request) -> dict:
    expected = dt.datetime.combine(
        r.expected_date, dt.time(23, 59, 59), tzinfo=timezone.get_current_timezone()
    )
    return {
        "service_request_id": r.service_request_id,
        "status": r.status,
        "status_notes": r.status_notes,
        "service_name": r.service_name,
        "service_code": r.service_code,
        "description": None,  # the citizen's own words stay with the staff
        "agency_responsible": r.agency_responsible,
        "service_notice": None,
        "requested_datetime": _iso(r.requested_datetime),
        "updated_datetime": _iso(r.updated_datetime),
        "expected_datetime": _iso(expected),
        "address": None,
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }


def _fee_text(service) -> str:
    if service.is_free:
        return _("Gratis")
    return f"Rp{service.fee:,.0f}".replace(",", ".")


# --- endpoints ------------------------------------------------------------------------------------------


@require_GET
def discovery(request, fmt: str):
    refused = _guard(request, fmt, "open311_read")
    if refused:
        return refused
    instansi = selectors.public_instansi()
    changeset = _iso(timezone.now().replace(hour=0, minute=0, second=0, microsecond=0))
    base = request.build_absolute_uri(reverse("open311:service_list", kwargs={"fmt": "json"})).rsplit("/", 1)[
        0
    ]
    data = {
        "changeset": changeset,
        "contact": instansi.name,
        "key_service": _("Kunci API diberikan oleh Admin BKPSDM %(name)s") % {"name": instansi.name},
        "endpoints": [
            {
                "specification": SPEC_URL,
                "url": base + "/",
                "changeset": changeset,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return _respond(fmt, data, root="discovery", item=None)


@require_GET
def service_list(request, fmt: str):
    refused = _guard(request, fmt, "open311_read")
    if refused:
        return refused
    instansi, error = _instansi(request, fmt)
    if error:
        return error
    data = []
    for s in public_selectors.open311_services(instansi_id=instansi.pk):
        keywords = [
            k for k in (s.opd.short_name, s.product, s.unit.name if s.unit_id != s.opd_id else "") if k
        ]
        data.append(
            {
                "service_code": s.code,
                "service_name": s.name,
                "description": (s.description or "").strip()
                or _("%(name)s. Selesai dalam %(days)s hari kerja. Biaya: %(fee)s.")
                % {"name": s.name, "days": s.completion_days, "fee": _fee_text(s)},
                "metadata": True,
                "type": "realtime",
                "keywords": ", ".join(keywords),
                "group": s.opd.name,
            }
        )
    response = _respond(fmt, data, root="services", item="service")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def service_definition(request, fmt: str, code: str):
    refused = _guard(request, fmt, "open311_read")
    if refused:
        return refused
    instansi, error = _instansi(request, fmt)
    if error:
        return error
    service = public_selectors.open311_services(instansi_id=instansi.pk).filter(code=code.upper()).first()
    if service is None:
        return _error(fmt, 404, _("service_code tidak ditemukan."))
    requirements = service.requirement_list
    attributes = [
        {
            "variable": False,
            "code": "PERSYARATAN",
            "datatype": "text",
            "required": False,
            "datatype_description": None,
            "order": 1,
            "description": _("Persyaratan: %(list)s")
            % {"list": "; ".join(requirements) if requirements else _("tidak ada")},
        },
        {
            "variable": False,
            "code": "WAKTU",
            "datatype": "number",
            "required": False,
            "datatype_description": None,
            "order": 2,
            "description": _("Waktu penyelesaian: %(days)s hari kerja.") % {"days": service.completion_days},
        },
        {
            "variable": False,
            "code": "BIAYA",
            "datatype": "string",
            "required": False,
            "datatype_description": None,
            "order": 3,
            "description": _("Biaya/tarif: %(fee)s.") % {"fee": _fee_text(service)},
        },
    ]
    response = _respond(
        fmt, {"service_code": service.code, "attributes": attributes}, root="service_definition", item=None
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


def _parse_when(raw: str, *, end: bool = False) -> dt.datetime | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    value = parse_datetime(raw.replace(" ", "+")) if "T" in raw else None
    if value is None:
        day = parse_date(raw)
        if day is None:
            raise ValueError(raw)
        value = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


@csrf_exempt  # a partner API: no cookies, authenticated by api_key
@require_http_methods(["GET", "POST"])
def requests_endpoint(request, fmt: str):
    if request.method == "POST":
        return _create(request, fmt)
    refused = _guard(request, fmt, "open311_read")
    if refused:
        return refused
    instansi, error = _instansi(request, fmt)
    if error:
        return error
    ids = (request.GET.get("service_request_id") or "").strip()
    if ids:
        items = public_selectors.open311_requests(instansi_id=instansi.pk, ids=ids.split(","))
        return _respond(fmt, [_request_obj(r) for r in items], root="service_requests", item="request")
    key = public_selectors.open311_key_check(raw_key=request.GET.get("api_key"))
    if key is None or key.instansi_id != instansi.pk:
        return _error(
            fmt,
            403,
            _(
                "Daftar permohonan hanya untuk aplikasi mitra (api_key); tanpa kunci gunakan service_request_id."
            ),
        )
    try:
        start = _parse_when(request.GET.get("start_date", ""))
        end = _parse_when(request.GET.get("end_date", ""), end=True)
    except ValueError:
        return _error(
            fmt, 400, _("start_date/end_date harus berformat W3C (mis. 2026-01-31T08:00:00+07:00).")
        )
    now = timezone.now()
    if start is None and end is None:
        end, start = now, now - MAX_SPAN
    elif start is None:
        start = end - MAX_SPAN
    elif end is None:
        end = min(now, start + MAX_SPAN)
    if end < start:
        return _error(fmt, 400, _("end_date tidak boleh sebelum start_date."))
    if end - start > MAX_SPAN + dt.timedelta(days=1):
        return _error(fmt, 400, _("Rentang start_date sampai end_date paling lama 90 hari."))
    statuses = {s.strip().lower() for s in (request.GET.get("status") or "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        return _error(fmt, 400, _("status hanya open atau closed."))
    codes = [c for c in (request.GET.get("service_code") or "").split(",") if c.strip()]
    items = public_selectors.open311_requests(
        instansi_id=instansi.pk,
        api_key_id=key.pk,
        service_codes=codes or None,
        statuses=statuses or None,
        start=start,
        end=end,
    )
    return _respond(fmt, [_request_obj(r) for r in items], root="service_requests", item="request")


def _create(request, fmt: str) -> HttpResponse:
    if abuse.body_too_large(request, abuse.FORM_MAX_BYTES):
        return _error(fmt, 413, _("Kiriman terlalu besar."))
    refused = _guard(request, fmt, "open311_write")
    if refused:
        return refused
    instansi, error = _instansi(request, fmt)
    if error:
        return error
    data = request.POST
    raw_key = data.get("api_key") or request.GET.get("api_key")
    if not raw_key:
        return _error(fmt, 400, _("api_key wajib diisi."))
    key = public_selectors.open311_key_check(raw_key=raw_key)
    if key is None or key.instansi_id != instansi.pk:
        return _error(fmt, 403, _("api_key tidak valid."))
    decision = abuse.hit("open311_key", str(key.pk), limit=key.requests_per_hour, window=3600)
    if not decision.allowed:
        response = _error(fmt, 429, _("Batas permohonan per jam untuk kunci ini terlampaui."))
        response["Retry-After"] = str(decision.retry_after)
        return response
    code = (data.get("service_code") or "").strip().upper()
    if not code:
        return _error(fmt, 400, _("service_code wajib diisi."))
    service = public_selectors.open311_services(instansi_id=instansi.pk).filter(code=code).first()
    if service is None:
        return _error(fmt, 404, _("service_code tidak ditemukan atau tidak menerima permohonan daring."))
    name = " ".join(p.strip() for p in (data.get("first_name", ""), data.get("last_name", "")) if p.strip())
    if not name:
        return _error(fmt, 400, _("first_name atau last_name wajib diisi (nama pemohon)."))
    contact = (data.get("phone") or "").strip() or (data.get("email") or "").strip()
    location = (data.get("address_string") or "").strip()
    if not location and data.get("lat") and data.get("long"):
        location = f"{data.get('lat')}, {data.get('long')}"[:200]
    try:
        created = public_services.open311_request_submit(
            api_key=key,
            service=service,
            citizen_name=name,
            citizen_contact=contact,
            description=data.get("description") or "",
            location=location,
        )
    except ApplicationError as exc:
        field = f" ({exc.field})" if exc.field else ""
        return _error(fmt, 400, exc.message + field)
    notice = _(
        "Permohonan diterima. Batas waktu penyelesaian %(due)s (%(days)s hari kerja). "
        "Lacak dengan nomor ini di %(url)s"
    ) % {
        "due": date_format(created.due_date, "j F Y"),
        "days": created.completion_days,
        "url": request.build_absolute_uri(reverse("public:request_track")),
    }
    return _respond(
        fmt,
        [{"service_request_id": created.tracking_number, "service_notice": notice, "account_id": None}],
        root="service_requests",
        item="request",
        status=201,
    )


@require_GET
def request_detail(request, fmt: str, request_id: str):
    refused = _guard(request, fmt, "open311_read")
    if refused:
        return refused
    instansi, error = _instansi(request, fmt)
    if error:
        return error
    misses = abuse.peek("track_miss", abuse.client_ip(request))
    if not misses.allowed:
        response = _error(fmt, 429, _("Terlalu banyak nomor yang tidak dikenal; coba lagi nanti."))
        response["Retry-After"] = str(misses.retry_after)
        return response
    items = public_selectors.open311_requests(instansi_id=instansi.pk, ids=[request_id])
    if not items:
        abuse.hit("track_miss", abuse.client_ip(request))
        return _error(fmt, 404, _("service_request_id tidak ditemukan."))
    return _respond(fmt, [_request_obj(items[0])], root="service_requests", item="request")


@require_GET
def token_detail(request, fmt: str, token: str):
    refused = _guard(request, fmt, "open311_read")
    if refused:
        return refused
    instansi, error = _instansi(request, fmt)
    if error:
        return error
    items = public_selectors.open311_requests(instansi_id=instansi.pk, ids=[token])
    if not items:
        return _error(fmt, 404, _("token tidak ditemukan."))
    number = items[0].service_request_id
    return _respond(
        fmt, [{"service_request_id": number, "token": number}], root="service_requests", item="request"
    )
