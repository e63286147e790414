"""Reads of service requests: staff lists and timelines, deadline status, and the citizen's lookup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from pembina.core.scoping import VIEW
from pembina.org.models import Unit
from pembina.public_services.choices import OPEN_REQUEST_STATUSES, RequestStatus
from pembina.public_services.models import RequestEvent, ServiceRequest
from pembina.public_services.rules import flow, tracking
from pembina.public_services.selectors.calendar import work_calendar


def request_list(*, actor, filters: dict | None = None, action: str = VIEW) -> QuerySet[ServiceRequest]:
    qs = ServiceRequest.objects.for_actor(actor, action).select_related("service", "unit", "handler")
    filters = filters or {}
    if q := (filters.get("q") or "").strip():
        number = tracking.normalize(q)
        cond = Q(citizen_name__icontains=q) | Q(tracking_number__icontains=q.upper())
        if number:
            cond |= Q(tracking_number=number)
        qs = qs.filter(cond)
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if service := filters.get("service"):
        qs = qs.filter(service_id=service)
    if opd := filters.get("opd"):
        qs = qs.filter(opd_id=opd)
    if unit := filters.get("unit"):
        unit_obj = Unit.objects.filter(pk=unit).only("path").first()
        qs = qs.filter(unit_path__startswith=unit_obj.path) if unit_obj else qs.none()
    if channel := filters.get("channel"):
        qs = qs.filter(channel=channel)
    if filters.get("open"):
        qs = qs.filter(status__in=OPEN_REQUEST_STATUSES)
    if filters.get("overdue"):
        qs = qs.filter(is_overdue=True)
    if start := filters.get("received_from"):
        qs = qs.filter(received_at__date__gte=start)
    if end := filters.get("received_to"):
        qs = qs.filter(received_at__date__lte=end)
    return qs


def request_get_for_actor(*, actor, pk, action: str = VIEW) -> ServiceRequest:
    return ServiceRequest.objects.select_related(
        "service", "unit", "opd", "handler", "escalated_to", "instansi"
    ).get_for_actor_or_404(actor, action, pk=pk)


def request_timeline(*, request: ServiceRequest) -> QuerySet[RequestEvent]:
    """The steps of a request, oldest first, with who handled each and where (caller has the request)."""
    return request.events.select_related("employee", "unit").order_by("at", "id")


def requests_escalated_to(*, employee_id: int, open_only: bool = True) -> QuerySet[ServiceRequest]:
    """Requests escalated to a unit head (for the head's own work list)."""
    qs = ServiceRequest.objects.filter(escalated_to_id=employee_id).select_related("service", "unit")
    if open_only:
        qs = qs.filter(status__in=OPEN_REQUEST_STATUSES)
    return qs.order_by("due_date", "id")


@dataclass(frozen=True)
class Deadline:
    due_date: dt.date
    elapsed_working_days: int  # so far (open) or in total (completed)
    remaining_working_days: int  # 0 once due
    is_late: bool


def request_deadline(*, request: ServiceRequest, now: dt.datetime | None = None, calendar=None) -> Deadline:
    """Elapsed working days and compliance of one request, now (open) or at completion."""
    calendar = calendar or work_calendar(instansi_id=request.instansi_id)
    received = timezone.localtime(request.received_at).date()
    if request.completed_at:
        end = timezone.localtime(request.completed_at).date()
    elif request.rejected_at:
        end = timezone.localtime(request.rejected_at).date()
    else:
        end = timezone.localtime(now or timezone.now()).date()
    elapsed = calendar.elapsed(received, end)
    remaining = max(0, calendar.count_between(end, request.due_date))
    return Deadline(request.due_date, elapsed, remaining, elapsed > request.completion_days)


def request_deadlines(
    *, requests: Iterable[ServiceRequest], now: dt.datetime | None = None
) -> dict[int, Deadline]:
    """`request_deadline` for a page of requests, one calendar query per instansi."""
    calendars: dict[int, object] = {}
    result = {}
    for r in requests:
        if r.instansi_id not in calendars:
            calendars[r.instansi_id] = work_calendar(instansi_id=r.instansi_id)
        result[r.pk] = request_deadline(request=r, now=now, calendar=calendars[r.instansi_id])
    return result


# --- the citizen's lookup ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestTracking:
    """What anyone holding a tracking number may see: never the citizen's name, contact or notes."""

    tracking_number: str
    service_code: str
    service_name: str
    unit_name: str
    status: str
    status_label: str
    open311_status: str
    received_on: dt.date
    due_date: dt.date
    completed_on: dt.date | None
    picked_up_on: dt.date | None
    rejected_on: dt.date | None
    updated_at: dt.datetime
    is_late: bool


def _local_day(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value else None


def request_track(*, tracking_number: str, now: dt.datetime | None = None) -> RequestTracking | None:
    """The public status of a request, or None when the number is malformed or unknown."""
    number = tracking.normalize(tracking_number)
    if number is None:
        return None
    request = (
        ServiceRequest.objects.filter(tracking_number=number)
        .select_related("service", "unit")
        .only(
            "tracking_number",
            "status",
            "received_at",
            "due_date",
            "completed_at",
            "picked_up_at",
            "rejected_at",
            "verified_at",
            "processing_at",
            "completion_days",
            "instansi_id",
            "service__code",
            "service__name",
            "unit__name",
        )
        .first()
    )
    if request is None:
        return None
    stamps = [
        request.received_at,
        request.verified_at,
        request.processing_at,
        request.completed_at,
        request.picked_up_at,
        request.rejected_at,
    ]
    deadline = request_deadline(request=request, now=now)
    return RequestTracking(
        tracking_number=request.tracking_number,
        service_code=request.service.code,
        service_name=request.service.name,
        unit_name=request.unit.name,
        status=request.status,
        status_label=str(RequestStatus(request.status).label),
        open311_status=flow.open311_status(request.status),
        received_on=_local_day(request.received_at),
        due_date=request.due_date,
        completed_on=_local_day(request.completed_at),
        picked_up_on=_local_day(request.picked_up_at),
        rejected_on=_local_day(request.rejected_at),
        updated_at=max(s for s in stamps if s is not None),
        is_late=deadline.is_late,
    )


@dataclass(frozen=True)
class SurveyInvitation:
    service_name: str
    unit_name: str
    can_answer: bool  # completed and not answered yet
    already_answered: bool


def survey_invitation(*, token: str) -> SurveyInvitation | None:
    """What the survey page needs to greet a respondent who followed the receipt's link."""
    if not token:
        return None
    request = (
        ServiceRequest.objects.filter(survey_token=str(token)[:32]).select_related("service", "unit").first()
    )
    if request is None:
        return None
    answered = hasattr(request, "survey_response") and request.survey_response is not None
    done = request.status in (RequestStatus.COMPLETED, RequestStatus.PICKED_UP)
    return SurveyInvitation(request.service.name, request.unit.name, done and not answered, answered)
