"""Reads of complaints: staff lists and timelines, the reporter's identity (guarded), public lookup."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from pembina.core.scoping import CHANGE, VIEW, get_scope
from pembina.org.choices import EmploymentState
from pembina.org.models import Employee, Unit
from pembina.public_services.choices import OPEN_COMPLAINT_STATUSES, ComplaintStatus, ComplaintTier
from pembina.public_services.models import Complaint, ComplaintAttachment, ComplaintEscalation, ComplaintEvent
from pembina.public_services.models.complaints import is_coordinator
from pembina.public_services.rules import tracking

# Fields with the reporter's identity: list and detail pages defer them; see `complaint_reporter`.
IDENTITY_FIELDS = ("reporter_name", "reporter_contact", "confirm_token")


def complaint_list(*, actor, filters: dict | None = None, action: str = VIEW) -> QuerySet[Complaint]:
    qs = (
        Complaint.objects.for_actor(actor, action)
        .select_related("service", "unit", "handler")
        .defer(*IDENTITY_FIELDS)
    )
    filters = filters or {}
    if q := (filters.get("q") or "").strip():
        number = tracking.normalize(q)
        cond = Q(subject__icontains=q) | Q(lapor_reference__iexact=q)
        if number:
            cond |= Q(tracking_number=number)
        qs = qs.filter(cond)
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if filters.get("open"):
        qs = qs.filter(status__in=OPEN_COMPLAINT_STATUSES)
    if channel := filters.get("channel"):
        qs = qs.filter(channel=channel)
    if tier := filters.get("tier"):
        qs = qs.filter(tier=tier)
    if service := filters.get("service"):
        qs = qs.filter(service_id=service)
    if unit := filters.get("unit"):
        unit_obj = Unit.objects.filter(pk=unit).only("path").first()
        qs = qs.filter(unit_path__startswith=unit_obj.path) if unit_obj else qs.none()
    if filters.get("unassigned"):
        qs = qs.filter(unit__isnull=True)
    return qs


def complaint_get_for_actor(*, actor, pk, action: str = VIEW) -> Complaint:
    return (
        Complaint.objects.select_related("service", "unit", "opd", "handler", "request", "instansi")
        .defer(*IDENTITY_FIELDS)
        .get_for_actor_or_404(actor, action, pk=pk)
    )


def complaint_timeline(*, complaint: Complaint) -> QuerySet[ComplaintEvent]:
    return complaint.events.select_related("employee", "unit", "from_unit", "to_unit").order_by("at", "id")


def complaint_forwarding_history(*, complaint: Complaint) -> QuerySet[ComplaintEvent]:
    """Every hop between units (forwarding, and a unit change at verification)."""
    return complaint_timeline(complaint=complaint).filter(to_unit__isnull=False)


def complaint_escalations(*, complaint: Complaint) -> QuerySet[ComplaintEscalation]:
    return complaint.escalations.select_related("escalated_to", "unit").order_by("escalated_at", "id")


def complaints_escalated_to(*, employee_id: int, open_only: bool = True) -> QuerySet[Complaint]:
    ids = ComplaintEscalation.objects.filter(escalated_to_id=employee_id).values("complaint_id")
    qs = Complaint.objects.filter(pk__in=ids).select_related("unit").defer(*IDENTITY_FIELDS)
    if open_only:
        qs = qs.filter(status__in=OPEN_COMPLAINT_STATUSES)
    return qs.order_by("received_at")


@dataclass(frozen=True)
class Reporter:
    name: str
    contact: str


def complaint_reporter(*, actor, complaint: Complaint) -> Reporter | None:
    """The complainant's identity, for those who may see it; None if anonymous or not allowed.

    Confidential complaints reveal it only to the coordinator and instansi-wide admins, never to the
    unit the complaint is about."""
    row = (
        Complaint.objects.for_actor(actor, VIEW)
        .filter(pk=complaint.pk)
        .values("is_anonymous", "is_confidential", "reporter_name", "reporter_contact")
        .first()
    )
    if row is None or row["is_anonymous"]:
        return None
    if row["is_confidential"]:
        scope = get_scope(actor)
        if not (scope.write_all or is_coordinator(scope)):
            return None
    return Reporter(row["reporter_name"], row["reporter_contact"])


def complaint_can_change(*, actor, complaint: Complaint) -> bool:
    return Complaint.objects.for_actor(actor, CHANGE).filter(pk=complaint.pk).exists()


# --- attachments (staff only; the public never gets them back) ------------------------------------------


def complaint_attachments_open_to(*, actor, complaint: Complaint) -> bool:
    """Whether `actor`, who sees `complaint`, may open its attachments.

    A photo or scan can show who complained (a receipt, a face, a letterhead), so the files of a
    confidential complaint follow its identity: only the coordinator and instansi-wide admins open
    them. Otherwise everyone who handles or reads the complaint does."""
    if not complaint.is_confidential:
        return True
    scope = get_scope(actor)
    return bool(scope.write_all or is_coordinator(scope))


def complaint_attachments(*, actor, complaint: Complaint) -> list[ComplaintAttachment]:
    """The attachments `actor` may open (empty when the complaint's files are closed to them)."""
    if not complaint_attachments_open_to(actor=actor, complaint=complaint):
        return []
    return list(complaint.attachments.order_by("pk"))


def complaint_attachment_get_for_actor(*, actor, pk) -> ComplaintAttachment:
    """One attachment for download: 404 outside the complaint's scope or when its files are closed."""
    attachment = ComplaintAttachment.objects.select_related("complaint").get_for_actor_or_404(
        actor, VIEW, pk=pk
    )
    if not complaint_attachments_open_to(actor=actor, complaint=attachment.complaint):
        raise Http404
    return attachment


# --- the liaison officer (petugas penghubung) ------------------------------------------------------------


def liaison_opd(unit: Unit | None) -> Unit | None:
    """The OPD a liaison officer for `unit` belongs to (the unit itself when it is an OPD or has none)."""
    if unit is None:
        return None
    if unit.is_opd or not unit.opd_id:
        return unit
    return unit.opd


def complaint_liaison_candidates(
    *, actor, complaint: Complaint, unit: Unit | None = None
) -> QuerySet[Employee]:
    """Active employees of the OPD of `unit` (default: the complaint's unit), who may be named the
    complaint's petugas penghubung. Only for those who may change the complaint (else none): names and
    positions of an OPD are shared knowledge inside the instansi, not a way to browse the staff."""
    if not complaint_can_change(actor=actor, complaint=complaint):
        return Employee.objects.none()
    opd = liaison_opd(unit or complaint.unit)
    if opd is None or opd.instansi_id != complaint.instansi_id:
        return Employee.objects.none()
    return (
        Employee.objects.filter(
            instansi_id=complaint.instansi_id,
            state=EmploymentState.ACTIVE,
            current_unit_path__startswith=opd.path,
        )
        .select_related("current_position", "current_unit")
        .order_by("name", "pk")
    )


# --- the complainant's lookup ------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintTracking:
    tracking_number: str
    subject: str | None  # only with the confirmation token
    service_name: str
    unit_name: str
    status: str
    status_label: str
    tier_label: str
    received_on: dt.date
    next_due: dt.date | None  # the deadline of the current stage
    verified_on: dt.date | None
    resolved_on: dt.date | None
    closed_on: dt.date | None
    follow_up_plan: str | None  # only with the token
    resolution: str | None  # only with the token
    can_confirm: bool  # only with the token, once resolved


def _day(value):
    return timezone.localtime(value).date() if value else None


def complaint_track(*, tracking_number: str, token: str | None = None) -> ComplaintTracking | None:
    """Public status of a complaint; its content only for the holder of the confirmation token."""
    number = tracking.normalize(tracking_number)
    if number is None:
        return None
    c = Complaint.objects.filter(tracking_number=number).select_related("service", "unit").first()
    if c is None:
        return None
    owner = bool(token) and secrets.compare_digest(str(token), c.confirm_token)
    if c.status == ComplaintStatus.RECEIVED:
        next_due = c.verify_due
    elif c.status == ComplaintStatus.VERIFIED and c.planned_at is None:
        next_due = min(d for d in (c.plan_due, c.resolution_due) if d)
    elif c.status in (ComplaintStatus.VERIFIED, ComplaintStatus.IN_PROGRESS):
        next_due = c.resolution_due
    else:
        next_due = None
    return ComplaintTracking(
        tracking_number=c.tracking_number,
        subject=c.subject if owner else None,
        service_name=c.service.name if c.service_id else "",
        unit_name=c.unit.name if c.unit_id else "",
        status=c.status,
        status_label=str(ComplaintStatus(c.status).label),
        tier_label=str(ComplaintTier(c.tier).label) if c.tier else "",
        received_on=_day(c.received_at),
        next_due=next_due,
        verified_on=_day(c.verified_at),
        resolved_on=_day(c.resolved_at),
        closed_on=_day(c.closed_at),
        follow_up_plan=c.follow_up_plan if owner else None,
        resolution=c.resolution if owner else None,
        can_confirm=owner and c.status == ComplaintStatus.RESOLVED,
    )
