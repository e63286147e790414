"""Service requests: registration at the counter or online, the status flow, deadlines, escalation."""

from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.org import selectors as org_selectors
from pembina.org.models import Unit
from pembina.public_services.choices import (
    OPEN_REQUEST_STATUSES,
    RequestAction,
    RequestChannel,
    RequestStatus,
)
from pembina.public_services.models import RequestEvent, Service, ServiceRequest
from pembina.public_services.rules import flow, tracking
from pembina.public_services.rules.text import plain_text
from pembina.public_services.selectors.calendar import policy_for, work_calendar
from pembina.public_services.services._common import (
    actor_employee,
    ensure_can_handle,
    ensure_same_instansi,
    full_clean,
    local_date,
    month_start,
    now_or,
    unit_of,
)

STAMP = {
    RequestStatus.VERIFIED: "verified_at",
    RequestStatus.IN_PROCESS: "processing_at",
    RequestStatus.COMPLETED: "completed_at",
    RequestStatus.PICKED_UP: "picked_up_at",
    RequestStatus.REJECTED: "rejected_at",
}


def new_tracking_number(*, model, prefix: str, on: dt.date) -> str:
    """A tracking number not used yet by `model` (collisions are astronomically rare; checked anyway)."""
    for _attempt in range(5):
        number = tracking.generate(prefix, on)
        if not model.objects.filter(tracking_number=number).exists():
            return number
    raise ApplicationError(_("Gagal membuat nomor lacak; silakan coba lagi."))


def new_token() -> str:
    return secrets.token_urlsafe(16)


def _create(
    *,
    service: Service,
    citizen_name: str,
    citizen_contact: str,
    channel: str,
    received_at: dt.datetime,
    description: str = "",
    location: str = "",
    employee=None,
    actor=None,
    note: str = "",
    external_ref: str = "",
) -> ServiceRequest:
    name = plain_text(citizen_name, max_length=150, single_line=True)
    if not name:
        raise ApplicationError(_("Nama pemohon wajib diisi."), field="citizen_name")
    received_on = local_date(received_at)
    calendar = work_calendar(instansi_id=service.instansi_id)
    policy = policy_for(instansi=service.instansi)
    unit = service.unit
    request = ServiceRequest(
        instansi_id=service.instansi_id,
        service=service,
        unit=unit,
        opd_id=service.opd_id,
        unit_path=unit.path,
        tracking_number=new_tracking_number(
            model=ServiceRequest, prefix=policy.tracking_prefix, on=received_on
        ),
        channel=channel,
        status=RequestStatus.RECEIVED,
        citizen_name=name,
        citizen_contact=plain_text(citizen_contact, max_length=100, single_line=True),
        description=plain_text(description, max_length=4000),
        location=plain_text(location, max_length=200, single_line=True),
        received_at=received_at,
        received_month=month_start(received_on),
        completion_days=service.completion_days,
        due_date=calendar.due_date(received_on, service.completion_days),
        handler=employee,
        survey_token=new_token(),
        external_ref=plain_text(external_ref, max_length=64, single_line=True),
    )
    full_clean(request, exclude=["survey_token"])
    request.save()
    RequestEvent.objects.create(
        request=request,
        action=RequestAction.RECEIVED,
        status_to=RequestStatus.RECEIVED,
        at=received_at,
        employee=employee,
        unit=unit_of(employee, unit),
        actor=actor,
        note=plain_text(note, max_length=2000),
    )
    return request


@transaction.atomic
def request_register(
    *,
    service: Service,
    citizen_name: str,
    actor,
    citizen_contact: str = "",
    channel: str = RequestChannel.COUNTER,
    description: str = "",
    location: str = "",
    received_at: dt.datetime | None = None,
    employee=None,
    verified: bool = False,
    note: str = "",
) -> ServiceRequest:
    """A request registered by staff (at the counter); `verified=True` when the papers were checked there."""
    service = Service.objects.select_related("unit", "instansi").get(pk=service.pk)
    ensure_can_handle(actor, instansi_id=service.instansi_id, unit=service.unit)
    if not service.is_active:
        raise ApplicationError(_("Layanan ini tidak aktif."), field="service")
    employee = employee or actor_employee(actor)
    ensure_same_instansi(employee, service.instansi_id)
    at = now_or(received_at)
    request = _create(
        service=service,
        citizen_name=citizen_name,
        citizen_contact=citizen_contact,
        channel=channel,
        received_at=at,
        description=description,
        location=location,
        employee=employee,
        actor=actor,
        note=note,
    )
    if verified:
        request = request_transition(
            request=request, to_status=RequestStatus.VERIFIED, actor=actor, at=at, employee=employee
        )
    return request


@transaction.atomic
def request_submit_online(
    *,
    service: Service,
    citizen_name: str,
    citizen_contact: str,
    description: str = "",
    location: str = "",
    channel: str = RequestChannel.ONLINE,
    now: dt.datetime | None = None,
) -> ServiceRequest:
    """A request a citizen submits without an account (public portal or an Open311 client)."""
    if channel not in (RequestChannel.ONLINE, RequestChannel.OPEN311):
        raise ApplicationError(_("Kanal tidak valid untuk permohonan daring."), field="channel")
    service = Service.objects.select_related("unit", "instansi").get(pk=service.pk)
    if not (service.is_active and service.accepts_online):
        raise ApplicationError(_("Layanan ini tidak menerima permohonan daring."), field="service")
    if not plain_text(citizen_contact, single_line=True):
        raise ApplicationError(
            _("Nomor HP atau surel wajib diisi agar petugas dapat menghubungi Anda."), field="citizen_contact"
        )
    return _create(
        service=service,
        citizen_name=citizen_name,
        citizen_contact=citizen_contact,
        channel=channel,
        received_at=now_or(now),
        description=description,
        location=location,
    )


def _last_step_at(request: ServiceRequest) -> dt.datetime:
    stamps = [request.received_at] + [getattr(request, f) for f in STAMP.values()]
    return max(s for s in stamps if s is not None)


@transaction.atomic
def request_transition(
    *,
    request: ServiceRequest,
    to_status: str,
    actor,
    at: dt.datetime | None = None,
    employee=None,
    note: str = "",
    reason: str = "",
) -> ServiceRequest:
    """Move a request one step along its flow, recording who handled it, in which unit, and when."""
    request = (
        ServiceRequest.objects.select_for_update(of=("self",))
        .select_related("unit", "service")
        .get(pk=request.pk)
    )
    ensure_can_handle(actor, instansi_id=request.instansi_id, unit=request.unit)
    current = request.status
    if not flow.request_can_move(current, to_status):
        raise ApplicationError(
            _("Status permohonan tidak dapat diubah dari “%(a)s” ke “%(b)s”.")
            % {"a": RequestStatus(current).label, "b": RequestStatus(to_status).label},
            field="status",
        )
    at = now_or(at)
    if at < _last_step_at(request):
        raise ApplicationError(_("Waktu langkah tidak boleh sebelum langkah sebelumnya."), field="at")
    reason = plain_text(reason, max_length=2000)
    if to_status == RequestStatus.REJECTED:
        if not reason:
            raise ApplicationError(_("Alasan penolakan wajib diisi."), field="reason")
        request.rejection_reason = reason
    employee = employee or actor_employee(actor)
    ensure_same_instansi(employee, request.instansi_id)
    setattr(request, STAMP[to_status], at)
    request.status = to_status
    if employee is not None:
        request.handler = employee
    if to_status == RequestStatus.COMPLETED:
        calendar = work_calendar(instansi_id=request.instansi_id)
        elapsed = calendar.elapsed(local_date(request.received_at), local_date(at))
        request.elapsed_working_days = elapsed
        request.within_deadline = elapsed <= request.completion_days
        request.is_overdue = not request.within_deadline
        request.completed_month = month_start(local_date(at))
    full_clean(request, validate_unique=False, validate_constraints=False)
    request.save()
    RequestEvent.objects.create(
        request=request,
        action=to_status,
        status_from=current,
        status_to=to_status,
        at=at,
        employee=employee,
        unit=unit_of(employee, request.unit),
        actor=actor,
        note=plain_text(note, max_length=2000) or reason,
    )
    return request


def request_verify(*, request, actor, at=None, employee=None, note="") -> ServiceRequest:
    return request_transition(
        request=request, to_status=RequestStatus.VERIFIED, actor=actor, at=at, employee=employee, note=note
    )


def request_start_processing(*, request, actor, at=None, employee=None, note="") -> ServiceRequest:
    return request_transition(
        request=request, to_status=RequestStatus.IN_PROCESS, actor=actor, at=at, employee=employee, note=note
    )


def request_complete(*, request, actor, at=None, employee=None, note="") -> ServiceRequest:
    return request_transition(
        request=request, to_status=RequestStatus.COMPLETED, actor=actor, at=at, employee=employee, note=note
    )


def request_mark_picked_up(*, request, actor, at=None, employee=None, note="") -> ServiceRequest:
    return request_transition(
        request=request, to_status=RequestStatus.PICKED_UP, actor=actor, at=at, employee=employee, note=note
    )


def request_reject(*, request, reason: str, actor, at=None, employee=None) -> ServiceRequest:
    return request_transition(
        request=request,
        to_status=RequestStatus.REJECTED,
        actor=actor,
        at=at,
        employee=employee,
        reason=reason,
    )


# --- escalation ----------------------------------------------------------------------------------


def heads_for_units(*, unit_ids, on: dt.date) -> dict[int, int | None]:
    """unit id -> employee id of whoever heads it on `on`, passing up the tree past vacant heads.

    Two queries for any number of units: the unit tree and the head assignments."""
    unit_ids = set(unit_ids)
    if not unit_ids:
        return {}
    instansi_ids = set(Unit.objects.filter(pk__in=unit_ids).values_list("instansi_id", flat=True))
    parent = dict(Unit.objects.filter(instansi_id__in=instansi_ids).values_list("pk", "parent_id"))
    chains: dict[int, list[int]] = {}
    for uid in unit_ids:
        chain, node = [], uid
        while node is not None and len(chain) < 64:
            chain.append(node)
            node = parent.get(node)
        chains[uid] = chain
    all_ids = {u for chain in chains.values() for u in chain}
    heads = org_selectors.unit_heads(unit_ids=all_ids, on=on)
    result = {}
    for uid, chain in chains.items():
        result[uid] = next((heads[u].employee_id for u in chain if u in heads), None)
    return result


@transaction.atomic
def requests_escalate_overdue(*, now: dt.datetime | None = None, instansi_id: int | None = None) -> dict:
    """Flag every open request past its deadline and escalate it to the head of its unit, once.

    Idempotent: a request already escalated is left alone, so the job can run as often as wanted."""
    now = now_or(now)
    today = local_date(now)
    qs = ServiceRequest.objects.filter(
        status__in=OPEN_REQUEST_STATUSES, escalated_at__isnull=True, due_date__lt=today
    ).select_for_update(of=("self",))
    if instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    candidates = list(qs.only("pk", "instansi_id", "unit_id", "due_date", "status", "tracking_number"))
    calendars = {}
    late = []
    for r in candidates:
        if r.instansi_id not in calendars:
            calendars[r.instansi_id] = work_calendar(instansi_id=r.instansi_id)
        # Late once a working day has passed after the due date (a weekend alone is not late).
        if calendars[r.instansi_id].count_between(r.due_date, today) > 0:
            late.append(r)
    if not late:
        return {"escalated": 0}
    heads = heads_for_units(unit_ids={r.unit_id for r in late}, on=today)
    by_unit = defaultdict(int)
    events = []
    for r in late:
        r.is_overdue = True
        r.escalated_at = now
        r.escalated_to_id = heads.get(r.unit_id)
        by_unit[r.unit_id] += 1
        events.append(
            RequestEvent(
                request=r,
                action=RequestAction.ESCALATED,
                status_from=r.status,
                status_to=r.status,
                at=now,
                employee_id=r.escalated_to_id,
                unit_id=r.unit_id,
                note=_("Melewati batas waktu %(d)s.") % {"d": r.due_date.strftime("%d-%m-%Y")},
            )
        )
    ServiceRequest.objects.bulk_update(late, ["is_overdue", "escalated_at", "escalated_to"])
    RequestEvent.objects.bulk_create(events)
    return {"escalated": len(late), "units": len(by_unit), "at": timezone.localtime(now).isoformat()}
