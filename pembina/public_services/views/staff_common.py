"""Helpers the staff pages of public services share: who may do what (for showing buttons and 404s),
deadline badges, QR codes, period presets."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.core.scoping import CHANGE, VIEW, get_scope
from pembina.org.models import Unit
from pembina.public_services.choices import RequestStatus
from pembina.public_services.filtersets import services_in_reach
from pembina.public_services.models import Complaint, Service, ServiceRequest
from pembina.public_services.models.complaints import is_coordinator
from pembina.public_services.models.scope import handling_q


def handleable_services(actor):
    """Active services whose requests the actor may register and process (the counter's choices)."""
    return services_in_reach(actor, CHANGE).filter(is_active=True)


def require_counter(actor) -> None:
    """The counter pages exist only for accounts that can handle at least one service (else 404)."""
    if not handleable_services(actor).exists():
        raise Http404


def can_record_complaints(actor) -> bool:
    scope = get_scope(actor)
    return bool(scope.instansi_id and (scope.employee_id or scope.write_all or scope.admin_unit_paths))


def require_bkpsdm(actor) -> None:
    scope = get_scope(actor)
    if not (scope.write_all and scope.instansi_id):
        raise Http404


def can_edit_catalogue(actor) -> bool:
    scope = get_scope(actor)
    return bool(scope.instansi_id and (scope.write_all or scope.admin_unit_paths))


def editable_units(actor):
    """Units where the actor may place a service (Admin OPD: its subtree; Admin BKPSDM: every unit)."""
    return Unit.objects.for_actor(actor, CHANGE).filter(is_active=True).order_by("path")


def instansi_units(actor):
    """The whole organisation chart of the actor's instansi (shared knowledge), active units."""
    return Unit.objects.for_actor(actor, VIEW).filter(is_active=True).order_by("path")


def can_change_request(actor, request: ServiceRequest) -> bool:
    return ServiceRequest.objects.for_actor(actor, CHANGE).filter(pk=request.pk).exists()


def can_change_complaint(actor, complaint: Complaint) -> bool:
    return Complaint.objects.for_actor(actor, CHANGE).filter(pk=complaint.pk).exists()


def report_units(actor):
    """Units an SKM report may be asked for: OPDs and service units whose surveys the actor sees."""
    scope = get_scope(actor)
    services = Service.objects.for_actor(actor, VIEW).filter(handling_q(scope, VIEW))
    ids = set()
    for unit_id, opd_id in services.values_list("unit_id", "opd_id"):
        ids.update((unit_id, opd_id))
    return Unit.objects.for_actor(actor, VIEW).filter(pk__in=ids).order_by("path")


# --- deadlines ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Badge:
    css: str
    text: str


OPEN = (RequestStatus.RECEIVED, RequestStatus.VERIFIED, RequestStatus.IN_PROCESS)


def request_badge(request: ServiceRequest, deadline) -> Badge:
    """Days left, due today, or days overdue (open); on time or late (finished)."""
    if request.status == RequestStatus.REJECTED:
        return Badge("text-bg-secondary", _("Ditolak"))
    if request.status in OPEN:
        over = deadline.elapsed_working_days - request.completion_days
        if over > 0:
            return Badge("text-bg-danger", _("Terlambat %(n)s hari kerja") % {"n": over})
        if deadline.remaining_working_days == 0:
            return Badge("text-bg-warning", _("Jatuh tempo hari ini"))
        return Badge(
            "text-bg-info" if deadline.remaining_working_days > 1 else "text-bg-warning",
            _("Sisa %(n)s hari kerja") % {"n": deadline.remaining_working_days},
        )
    if request.within_deadline is False:
        return Badge("text-bg-danger", _("Selesai terlambat"))
    return Badge("text-bg-success", _("Tepat waktu"))


def complaint_next_due(c: Complaint) -> tuple[str, dt.date | None]:
    """(stage label, deadline) of the stage the complaint waits for, or ("", None) when none."""
    from pembina.public_services.choices import ComplaintStatus

    if c.status == ComplaintStatus.RECEIVED:
        return _("Verifikasi"), c.verify_due
    if c.status == ComplaintStatus.VERIFIED and c.planned_at is None and c.plan_due:
        if c.resolution_due and c.resolution_due < c.plan_due:
            return _("Penyelesaian"), c.resolution_due
        return _("Rencana tindak lanjut"), c.plan_due
    if c.status in (ComplaintStatus.VERIFIED, ComplaintStatus.IN_PROGRESS):
        return _("Penyelesaian"), c.resolution_due
    return "", None


def complaint_badge(c: Complaint, today: dt.date) -> Badge | None:
    stage, due = complaint_next_due(c)
    if due is None:
        if c.resolved_on_time is False:
            return Badge("text-bg-danger", _("Selesai terlambat"))
        if c.resolved_on_time:
            return Badge("text-bg-success", _("Selesai tepat waktu"))
        return None
    if due < today:
        return Badge(
            "text-bg-danger", _("%(s)s lewat batas %(d)s") % {"s": stage, "d": due.strftime("%d-%m-%Y")}
        )
    if due == today:
        return Badge("text-bg-warning", _("%(s)s jatuh tempo hari ini") % {"s": stage})
    return Badge("text-bg-info", _("%(s)s s.d. %(d)s") % {"s": stage, "d": due.strftime("%d-%m-%Y")})


# --- receipts ----------------------------------------------------------------------------------------


def qr_data_uri(text: str) -> str:
    """An SVG QR code as a data: URI (img-src allows data:, so no extra request and no inline script)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    svg = image.to_string()
    if isinstance(svg, str):
        svg = svg.encode()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def public_url(request, name: str, *args, fallback: str) -> str:
    """An absolute link to a citizen page (built by the public side; a fixed path if not routed yet)."""
    try:
        path = reverse(name, args=args)
    except NoReverseMatch:
        path = fallback
    return request.build_absolute_uri(path)


# --- periods ------------------------------------------------------------------------------------------


def period_presets(today: dt.date | None = None) -> list[tuple[str, dt.date, dt.date]]:
    today = today or timezone.localdate()
    first_half = today.month <= 6
    sem_start = dt.date(today.year, 1 if first_half else 7, 1)
    prev_sem = (
        (dt.date(today.year - 1, 7, 1), dt.date(today.year - 1, 12, 31))
        if first_half
        else (dt.date(today.year, 1, 1), dt.date(today.year, 6, 30))
    )
    from pembina.public_services.forms import default_period

    last12 = default_period(today)
    return [
        (_("12 bulan terakhir"), *last12),
        (_("Semester berjalan"), sem_start, today),
        (_("Semester lalu"), *prev_sem),
        (_("Tahun ini"), dt.date(today.year, 1, 1), today),
        (_("Tahun lalu"), dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)),
    ]


def coordinator(actor) -> bool:
    return is_coordinator(get_scope(actor))
