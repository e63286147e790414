"""Reads for the citizen-facing portal and the Open311 API that `requests`/`complaints` do not cover:
the receipt behind a survey token, the complaint behind a confirmation token, partner API keys and
the GeoReport request listing. None of them returns a citizen's name, contact or text."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache

from pembina.public_services.choices import OPEN_REQUEST_STATUSES, RequestStatus
from pembina.public_services.models import Complaint, Open311ApiKey, ServiceRequest
from pembina.public_services.models.open311 import hash_key
from pembina.public_services.rules import flow, tracking
from pembina.public_services.selectors.catalogue import public_service_list
from pembina.public_services.selectors.stats import STATS_VERSION_KEY

OPEN311_MAX_IDS = 50
OPEN311_MAX_ROWS = 1000


@dataclass(frozen=True)
class RequestReceipt:
    """What the citizen's receipt shows (the holder of the survey token is the citizen)."""

    tracking_number: str
    service_code: str
    service_name: str
    unit_name: str
    channel: str
    received_at: dt.datetime
    due_date: dt.date
    completion_days: int
    status: str
    status_label: str
    survey_token: str


def request_receipt(*, token: str) -> RequestReceipt | None:
    if not token or len(str(token)) > 32:
        return None
    r = (
        ServiceRequest.objects.filter(survey_token=str(token))
        .select_related("service", "unit")
        .only(
            "tracking_number",
            "channel",
            "received_at",
            "due_date",
            "completion_days",
            "status",
            "survey_token",
            "service__code",
            "service__name",
            "unit__name",
        )
        .first()
    )
    if r is None:
        return None
    return RequestReceipt(
        tracking_number=r.tracking_number,
        service_code=r.service.code,
        service_name=r.service.name,
        unit_name=r.unit.name,
        channel=r.channel,
        received_at=r.received_at,
        due_date=r.due_date,
        completion_days=r.completion_days,
        status=r.status,
        status_label=str(RequestStatus(r.status).label),
        survey_token=r.survey_token,
    )


def complaint_for_owner(*, tracking_number: str, token: str) -> Complaint | None:
    """The complaint whose confirmation token the caller holds (for `complaint_confirm`), else None."""
    number = tracking.normalize(tracking_number)
    if number is None or not token:
        return None
    c = Complaint.objects.filter(tracking_number=number).only("pk", "confirm_token").first()
    if c is None or not secrets.compare_digest(str(token), c.confirm_token):
        return None
    return c


def stats_version_with(*, instansi_id: int, key: str) -> tuple[float, object]:
    """`stats_version(instansi_id)` and the cache entry `key` in one cache round trip (the portal's
    page cache checks its entry against the version without a second query)."""
    version_key = STATS_VERSION_KEY.format(instansi_id)
    found = cache.get_many([version_key, key])
    return found.get(version_key) or 0.0, found.get(key)


# --- Open311 ------------------------------------------------------------------------------------------


def open311_key_check(*, raw_key: str | None) -> Open311ApiKey | None:
    """The active partner key matching `raw_key` (compared by hash), or None."""
    if not raw_key or len(raw_key) > 128:
        return None
    return (
        Open311ApiKey.objects.filter(key_hash=hash_key(raw_key.strip()), is_active=True)
        .select_related("instansi")
        .first()
    )


@dataclass(frozen=True)
class Open311Request:
    service_request_id: str
    status: str  # open | closed
    status_notes: str
    service_code: str
    service_name: str
    agency_responsible: str
    requested_datetime: dt.datetime
    updated_datetime: dt.datetime
    expected_date: dt.date


_STAMPS = ("received_at", "verified_at", "processing_at", "completed_at", "picked_up_at", "rejected_at")


def open311_requests(
    *,
    instansi_id: int,
    ids: Iterable[str] | None = None,
    api_key_id: int | None = None,
    service_codes: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    limit: int = OPEN311_MAX_ROWS,
) -> list[Open311Request]:
    """GeoReport `GET requests`: by tracking numbers (anyone), or the requests one partner key
    submitted, filtered by service, open/closed and received time. One query."""
    qs = ServiceRequest.objects.filter(instansi_id=instansi_id)
    if ids is not None:
        numbers = {n for n in (tracking.normalize(i) for i in list(ids)[:OPEN311_MAX_IDS]) if n}
        qs = qs.filter(tracking_number__in=numbers)
    else:
        if api_key_id is None:
            return []
        qs = qs.filter(open311_submission__api_key_id=api_key_id)
        if service_codes:
            qs = qs.filter(service__code__in=[c.strip().upper() for c in service_codes])
        wanted = set(statuses or ())
        if wanted == {"open"}:
            qs = qs.filter(status__in=OPEN_REQUEST_STATUSES)
        elif wanted == {"closed"}:
            qs = qs.exclude(status__in=OPEN_REQUEST_STATUSES)
        if start is not None:
            qs = qs.filter(received_at__gte=start)
        if end is not None:
            qs = qs.filter(received_at__lte=end)
    rows = qs.order_by("-received_at", "-id").values(
        "tracking_number", "status", "due_date", "service__code", "service__name", "unit__name", *_STAMPS
    )[: max(0, min(limit, OPEN311_MAX_ROWS))]
    return [
        Open311Request(
            service_request_id=r["tracking_number"],
            status=flow.open311_status(r["status"]),
            status_notes=str(RequestStatus(r["status"]).label),
            service_code=r["service__code"],
            service_name=r["service__name"],
            agency_responsible=r["unit__name"],
            requested_datetime=r["received_at"],
            updated_datetime=max(r[s] for s in _STAMPS if r[s] is not None),
            expected_date=r["due_date"],
        )
        for r in rows
    ]


def open311_services(*, instansi_id: int):
    """Request types partner apps may submit: active services that accept online requests."""
    return public_service_list(instansi_id=instansi_id).filter(accepts_online=True)


def open311_key_list(*, actor):
    return Open311ApiKey.objects.for_actor(actor).order_by("name")
