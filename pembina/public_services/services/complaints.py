"""Complaints (pengaduan) after SP4N-LAPOR!: intake, verification, forwarding, follow-up plan,
resolution, the complainant's confirmation, and escalation of missed deadlines."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import CHANGE, get_scope
from pembina.org.choices import EmploymentState
from pembina.public_services.choices import (
    OPEN_COMPLAINT_STATUSES,
    ComplaintAction,
    ComplaintChannel,
    ComplaintStage,
    ComplaintStatus,
    ComplaintTier,
)
from pembina.public_services.models import (
    Complaint,
    ComplaintEscalation,
    ComplaintEvent,
    Service,
    ServicePolicy,
    ServiceRequest,
)
from pembina.public_services.rules import flow
from pembina.public_services.rules.text import plain_text
from pembina.public_services.selectors.calendar import policy_for, work_calendar
from pembina.public_services.selectors.complaints import liaison_opd
from pembina.public_services.services._common import (
    actor_employee,
    ensure_same_instansi,
    full_clean,
    local_date,
    month_start,
    now_or,
    unit_of,
)
from pembina.public_services.services.requests import heads_for_units, new_token, new_tracking_number


def _place(complaint: Complaint, unit) -> None:
    complaint.unit = unit
    complaint.opd_id = (unit.opd_id or unit.pk) if unit is not None else None
    complaint.unit_path = unit.path if unit is not None else ""


def _ensure_can_change(actor, complaint: Complaint) -> None:
    if actor is None:
        return
    if not Complaint.objects.for_actor(actor, CHANGE).filter(pk=complaint.pk).exists():
        raise ApplicationError(_("Anda tidak berwenang menangani pengaduan ini."))


def _event(
    complaint, action, *, status_from, actor, at, employee=None, note="", from_unit=None, to_unit=None
):
    return ComplaintEvent.objects.create(
        complaint=complaint,
        action=action,
        status_from=status_from,
        status_to=complaint.status,
        at=at,
        employee=employee,
        unit=unit_of(employee, complaint.unit),
        from_unit=from_unit,
        to_unit=to_unit,
        actor=actor,
        note=note,
    )


def _ensure_liaison(handler, unit, instansi_id: int) -> None:
    """The petugas penghubung is an active employee of the OPD the complaint is handled in."""
    if handler is None:
        return
    ensure_same_instansi(handler, instansi_id, "handler")
    opd = liaison_opd(unit)
    if (
        handler.state != EmploymentState.ACTIVE
        or opd is None
        or not (handler.current_unit_path or "").startswith(opd.path)
    ):
        raise ApplicationError(
            _("Petugas penghubung harus pegawai aktif pada %(opd)s.")
            % {"opd": opd.name if opd else _("OPD unit yang berwenang")},
            field="handler",
        )


def _lock(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("unit", "instansi")
        .get(pk=complaint.pk)
    )


def _move(complaint: Complaint, to_status: str) -> str:
    current = complaint.status
    if not flow.complaint_can_move(current, to_status):
        raise ApplicationError(
            _("Status pengaduan tidak dapat diubah dari “%(a)s” ke “%(b)s”.")
            % {"a": ComplaintStatus(current).label, "b": ComplaintStatus(to_status).label},
            field="status",
        )
    complaint.status = to_status
    return current


def _not_before(at: dt.datetime, complaint: Complaint) -> None:
    stamps = [
        complaint.received_at,
        complaint.verified_at,
        complaint.planned_at,
        complaint.resolved_at,
        complaint.confirmed_at,
    ]
    last = max(s for s in stamps if s is not None)
    if at < last:
        raise ApplicationError(_("Waktu langkah tidak boleh sebelum langkah sebelumnya."), field="at")


@transaction.atomic
def complaint_submit(
    *,
    instansi,
    channel: str,
    subject: str,
    description: str,
    actor=None,
    service: Service | None = None,
    unit=None,
    request: ServiceRequest | None = None,
    reporter_name: str = "",
    reporter_contact: str = "",
    is_anonymous: bool = False,
    is_confidential: bool = False,
    lapor_reference: str = "",
    location: str = "",
    received_at: dt.datetime | None = None,
) -> Complaint:
    """Record a complaint from any channel. Without an actor it comes from the public web form.

    The complaint lands at the unit of the service (or the request, or the chosen unit); when none is
    known, at the instansi's coordinator unit. Anonymous complaints store no identity at all."""
    if actor is not None:
        scope = get_scope(actor)
        if scope.is_anonymous or scope.instansi_id != instansi.pk:
            raise ApplicationError(_("Anda tidak berwenang mencatat pengaduan untuk instansi ini."))
    elif channel != ComplaintChannel.WEB:
        raise ApplicationError(_("Pengaduan dari kanal ini dicatat oleh petugas."), field="channel")
    for obj, label in ((service, "service"), (unit, "unit"), (request, "request")):
        if obj is not None and obj.instansi_id != instansi.pk:
            raise ApplicationError(_("Data terkait harus dari instansi yang sama."), field=label)
    subject = plain_text(subject, max_length=200, single_line=True)
    description = plain_text(description, max_length=8000)
    if not subject:
        raise ApplicationError(_("Judul pengaduan wajib diisi."), field="subject")
    if not description:
        raise ApplicationError(_("Isi pengaduan wajib diisi."), field="description")
    lapor_reference = plain_text(lapor_reference, max_length=40, single_line=True)
    if channel == ComplaintChannel.LAPOR and not lapor_reference:
        raise ApplicationError(_("Nomor laporan SP4N-LAPOR! wajib diisi."), field="lapor_reference")
    if is_anonymous:
        reporter_name, reporter_contact = "", ""
    else:
        reporter_name = plain_text(reporter_name, max_length=150, single_line=True)
        reporter_contact = plain_text(reporter_contact, max_length=100, single_line=True)
        if not reporter_name:
            raise ApplicationError(
                _("Nama pelapor wajib diisi, atau pilih pengaduan anonim."), field="reporter_name"
            )
    policy = policy_for(instansi=instansi)
    if request is not None and service is None:
        service = request.service
    target = unit or (service.unit if service else None) or (request.unit if request else None)
    target = target or policy.coordinator_unit
    at = now_or(received_at)
    on = local_date(at)
    calendar = work_calendar(instansi_id=instansi.pk)
    complaint = Complaint(
        instansi=instansi,
        tracking_number=new_tracking_number(model=Complaint, prefix=policy.tracking_prefix, on=on),
        confirm_token=new_token(),
        channel=channel,
        lapor_reference=lapor_reference,
        subject=subject,
        description=description,
        location=plain_text(location, max_length=200, single_line=True),
        is_anonymous=is_anonymous,
        is_confidential=is_confidential and not is_anonymous,
        reporter_name=reporter_name,
        reporter_contact=reporter_contact,
        service=service,
        request=request,
        status=ComplaintStatus.RECEIVED,
        received_at=at,
        received_month=month_start(on),
        verify_due=calendar.due_date(on, policy.complaint_verify_days),
    )
    _place(complaint, target)
    full_clean(complaint, exclude=["confirm_token"])
    complaint.save()
    employee = actor_employee(actor)
    _event(complaint, ComplaintAction.RECEIVED, status_from="", actor=actor, at=at, employee=employee)
    return complaint


@transaction.atomic
def complaint_verify(
    *,
    complaint: Complaint,
    tier: str,
    actor,
    unit=None,
    handler=None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Complaint:
    """Verify a report: classify its tier (which sets the resolution deadline) and the competent unit."""
    complaint = _lock(complaint)
    _ensure_can_change(actor, complaint)
    if tier not in ComplaintTier.values:
        raise ApplicationError(_("Klasifikasi pengaduan wajib dipilih."), field="tier")
    target = unit or complaint.unit
    if target is None:
        raise ApplicationError(_("Unit yang berwenang menangani wajib dipilih."), field="unit")
    if target.instansi_id != complaint.instansi_id:
        raise ApplicationError(_("Unit harus dari instansi yang sama."), field="unit")
    at = now_or(at)
    _not_before(at, complaint)
    previous = _move(complaint, ComplaintStatus.VERIFIED)
    from_unit = complaint.unit
    _place(complaint, target)
    policy = policy_for(instansi=complaint.instansi)
    calendar = work_calendar(instansi_id=complaint.instansi_id)
    on = local_date(at)
    complaint.tier = tier
    complaint.verified_at = at
    complaint.plan_due = calendar.due_date(on, policy.complaint_plan_days)
    complaint.resolution_due = calendar.due_date(on, policy.tier_days(tier))
    if handler is not None:
        _ensure_liaison(handler, target, complaint.instansi_id)
        complaint.handler = handler
    full_clean(complaint, validate_unique=False, validate_constraints=False)
    complaint.save()
    moved = from_unit is not None and from_unit.pk != target.pk
    _event(
        complaint,
        ComplaintAction.VERIFIED,
        status_from=previous,
        actor=actor,
        at=at,
        employee=actor_employee(actor),
        note=plain_text(note, max_length=2000),
        from_unit=from_unit if moved else None,
        to_unit=target if moved else None,
    )
    return complaint


@transaction.atomic
def complaint_reject(*, complaint: Complaint, reason: str, actor, at: dt.datetime | None = None) -> Complaint:
    """Not a complaint the instansi can process (bukan wewenang, incomplete, not a complaint)."""
    complaint = _lock(complaint)
    _ensure_can_change(actor, complaint)
    reason = plain_text(reason, max_length=2000)
    if not reason:
        raise ApplicationError(_("Alasan wajib diisi."), field="reason")
    at = now_or(at)
    _not_before(at, complaint)
    previous = _move(complaint, ComplaintStatus.REJECTED)
    complaint.rejected_at = at
    complaint.rejection_reason = reason
    complaint.save()
    _event(
        complaint,
        ComplaintAction.REJECTED,
        status_from=previous,
        actor=actor,
        at=at,
        employee=actor_employee(actor),
        note=reason,
    )
    return complaint


@transaction.atomic
def complaint_forward(
    *, complaint: Complaint, to_unit, reason: str, actor, handler=None, at: dt.datetime | None = None
) -> Complaint:
    """Pass a verified complaint to the competent unit; the history keeps every hop.

    The receiving unit gets a fresh follow-up-plan deadline if no plan was made yet; the resolution
    deadline does not move (the complainant's clock does not restart)."""
    complaint = _lock(complaint)
    _ensure_can_change(actor, complaint)
    if not flow.complaint_can_forward(complaint.status):
        raise ApplicationError(
            _("Pengaduan hanya dapat diteruskan setelah diverifikasi dan sebelum selesai.")
        )
    if to_unit.instansi_id != complaint.instansi_id:
        raise ApplicationError(_("Unit tujuan harus dari instansi yang sama."), field="to_unit")
    if complaint.unit_id == to_unit.pk:
        raise ApplicationError(_("Pengaduan sudah berada di unit tersebut."), field="to_unit")
    reason = plain_text(reason, max_length=2000)
    if not reason:
        raise ApplicationError(_("Alasan penerusan wajib diisi."), field="reason")
    at = now_or(at)
    _not_before(at, complaint)
    _ensure_liaison(handler, to_unit, complaint.instansi_id)
    from_unit = complaint.unit
    _place(complaint, to_unit)
    complaint.handler = handler
    if complaint.planned_at is None:
        policy = policy_for(instansi=complaint.instansi)
        complaint.plan_due = work_calendar(instansi_id=complaint.instansi_id).due_date(
            local_date(at), policy.complaint_plan_days
        )
    complaint.save()
    _event(
        complaint,
        ComplaintAction.FORWARDED,
        status_from=complaint.status,
        actor=actor,
        at=at,
        employee=actor_employee(actor),
        note=reason,
        from_unit=from_unit,
        to_unit=to_unit,
    )
    return complaint


@transaction.atomic
def complaint_plan(*, complaint: Complaint, plan: str, actor, at: dt.datetime | None = None) -> Complaint:
    """The competent unit's follow-up plan (rencana tindak lanjut), told to the complainant."""
    complaint = _lock(complaint)
    _ensure_can_change(actor, complaint)
    plan = plain_text(plan, max_length=4000)
    if not plan:
        raise ApplicationError(_("Rencana tindak lanjut wajib diisi."), field="plan")
    at = now_or(at)
    _not_before(at, complaint)
    previous = _move(complaint, ComplaintStatus.IN_PROGRESS)
    complaint.follow_up_plan = plan
    complaint.planned_at = at
    complaint.save()
    _event(
        complaint,
        ComplaintAction.PLANNED,
        status_from=previous,
        actor=actor,
        at=at,
        employee=actor_employee(actor),
        note=plan,
    )
    return complaint


@transaction.atomic
def complaint_resolve(
    *, complaint: Complaint, resolution: str, actor, at: dt.datetime | None = None
) -> Complaint:
    """Answer the complaint; on time when within the tier's working days counted from verification."""
    complaint = _lock(complaint)
    _ensure_can_change(actor, complaint)
    resolution = plain_text(resolution, max_length=8000)
    if not resolution:
        raise ApplicationError(_("Jawaban/penyelesaian wajib diisi."), field="resolution")
    at = now_or(at)
    _not_before(at, complaint)
    previous = _move(complaint, ComplaintStatus.RESOLVED)
    policy = policy_for(instansi=complaint.instansi)
    calendar = work_calendar(instansi_id=complaint.instansi_id)
    elapsed = calendar.elapsed(local_date(complaint.verified_at), local_date(at))
    complaint.resolution = resolution
    complaint.resolved_at = at
    complaint.resolved_month = month_start(local_date(at))
    complaint.resolved_on_time = elapsed <= policy.tier_days(complaint.tier)
    complaint.save()
    _event(
        complaint,
        ComplaintAction.RESOLVED,
        status_from=previous,
        actor=actor,
        at=at,
        employee=actor_employee(actor),
        note=resolution,
    )
    return complaint


@transaction.atomic
def complaint_confirm(
    *,
    complaint: Complaint,
    token: str,
    satisfied: bool,
    rating: int,
    note: str = "",
    at: dt.datetime | None = None,
) -> Complaint:
    """The complainant (no login, holding the receipt's token) accepts or disputes the resolution.

    Accepting closes the complaint; disputing sends it back to the unit, and it no longer counts as
    resolved until it is answered again."""
    complaint = _lock(complaint)
    if not token or not secrets.compare_digest(str(token), complaint.confirm_token):
        raise ApplicationError(_("Kode konfirmasi tidak cocok."), field="token")
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ApplicationError(_("Penilaian harus 1 sampai 5."), field="rating")
    at = now_or(at)
    _not_before(at, complaint)
    target = ComplaintStatus.CLOSED if satisfied else ComplaintStatus.IN_PROGRESS
    previous = _move(complaint, target)
    note = plain_text(note, max_length=2000)
    complaint.confirmed_at = at
    complaint.complainant_satisfied = bool(satisfied)
    complaint.rating = rating
    complaint.confirmation_note = note
    if satisfied:
        complaint.closed_at = at
        action = ComplaintAction.CONFIRMED
    else:
        complaint.resolved_at = None
        complaint.resolved_month = None
        complaint.resolved_on_time = None
        action = ComplaintAction.REOPENED
    full_clean(complaint, validate_unique=False, validate_constraints=False)
    complaint.save()
    _event(complaint, action, status_from=previous, actor=None, at=at, note=note)
    return complaint


# --- escalation and closing ------------------------------------------------------------------------


@transaction.atomic
def complaints_escalate_overdue(*, now: dt.datetime | None = None, instansi_id: int | None = None) -> dict:
    """Escalate every missed stage deadline to the head of the unit holding the complaint (once per
    stage and deadline), and close resolved complaints the complainant left unanswered too long.

    Idempotent: escalations are unique per (complaint, stage, due date)."""
    now = now_or(now)
    today = local_date(now)
    qs = Complaint.objects.filter(status__in=(*OPEN_COMPLAINT_STATUSES, ComplaintStatus.RESOLVED))
    if instansi_id is not None:
        qs = qs.filter(instansi_id=instansi_id)
    rows = list(
        qs.select_for_update(of=("self",)).only(
            "pk",
            "instansi_id",
            "unit_id",
            "status",
            "verify_due",
            "plan_due",
            "planned_at",
            "resolution_due",
            "resolved_at",
            "tracking_number",
        )
    )
    calendars: dict[int, object] = {}
    confirm_days = dict(
        ServicePolicy.objects.filter(instansi_id__in={c.instansi_id for c in rows}).values_list(
            "instansi_id", "complaint_confirm_days"
        )
    )

    def cal(iid):
        if iid not in calendars:
            calendars[iid] = work_calendar(instansi_id=iid)
        return calendars[iid]

    due: list[tuple[Complaint, str, dt.date]] = []
    to_close: list[Complaint] = []
    for c in rows:
        stages = []
        if c.status == ComplaintStatus.RECEIVED:
            stages.append((ComplaintStage.VERIFICATION, c.verify_due))
        if c.status == ComplaintStatus.VERIFIED and c.planned_at is None:
            stages.append((ComplaintStage.FOLLOW_UP_PLAN, c.plan_due))
        if c.status in (ComplaintStatus.VERIFIED, ComplaintStatus.IN_PROGRESS):
            stages.append((ComplaintStage.RESOLUTION, c.resolution_due))
        for stage, due_date in stages:
            if (
                due_date is not None
                and due_date < today
                and cal(c.instansi_id).count_between(due_date, today) > 0
            ):
                due.append((c, stage, due_date))
        if c.status == ComplaintStatus.RESOLVED and c.resolved_at is not None:
            limit = confirm_days.get(c.instansi_id, flow.DEFAULT_CONFIRM_DAYS)
            if cal(c.instansi_id).elapsed(local_date(c.resolved_at), today) > limit:
                to_close.append(c)
    done = set(
        ComplaintEscalation.objects.filter(complaint_id__in=[c.pk for c, _s, _d in due]).values_list(
            "complaint_id", "stage", "due_date"
        )
    )
    due = [(c, s, d) for c, s, d in due if (c.pk, s, d) not in done]
    heads = heads_for_units(unit_ids={c.unit_id for c, _s, _d in due if c.unit_id}, on=today)
    escalations, events = [], []
    for c, stage, due_date in due:
        head = heads.get(c.unit_id)
        escalations.append(
            ComplaintEscalation(
                complaint=c,
                stage=stage,
                due_date=due_date,
                escalated_at=now,
                escalated_to_id=head,
                unit_id=c.unit_id,
            )
        )
        events.append(
            ComplaintEvent(
                complaint=c,
                action=ComplaintAction.ESCALATED,
                status_from=c.status,
                status_to=c.status,
                at=now,
                employee_id=head,
                unit_id=c.unit_id,
                note=_("Tahap %(s)s melewati batas %(d)s.")
                % {"s": ComplaintStage(stage).label, "d": due_date.strftime("%d-%m-%Y")},
            )
        )
    ComplaintEscalation.objects.bulk_create(escalations)
    for c in to_close:
        c.status = ComplaintStatus.CLOSED
        c.closed_at = now
        events.append(
            ComplaintEvent(
                complaint=c,
                action=ComplaintAction.CLOSED,
                status_from=ComplaintStatus.RESOLVED,
                status_to=ComplaintStatus.CLOSED,
                at=now,
            )
        )
    if to_close:
        Complaint.objects.bulk_update(to_close, ["status", "closed_at"])
    ComplaintEvent.objects.bulk_create(events)
    return {"escalated": len(escalations), "closed": len(to_close)}
