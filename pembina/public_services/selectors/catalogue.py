"""Reads of the service catalogue: scoped for staff, published for citizens."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404

from pembina.core.scoping import VIEW
from pembina.org.models import Instansi, Unit
from pembina.public_services.models import Service


def service_list(*, actor, filters: dict | None = None, action: str = VIEW) -> QuerySet[Service]:
    qs = Service.objects.for_actor(actor, action).select_related("unit", "opd")
    filters = filters or {}
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    if opd := filters.get("opd"):
        qs = qs.filter(opd_id=opd)
    if unit := filters.get("unit"):
        unit_obj = Unit.objects.filter(pk=unit).only("path").first()
        qs = qs.filter(unit_path__startswith=unit_obj.path) if unit_obj else qs.none()
    if "is_active" in filters and filters["is_active"] not in (None, ""):
        qs = qs.filter(is_active=bool(filters["is_active"]) and filters["is_active"] not in ("0", "false"))
    return qs


def service_get_for_actor(*, actor, pk, action: str = VIEW) -> Service:
    return Service.objects.select_related("unit", "opd", "instansi").get_for_actor_or_404(
        actor, action, pk=pk
    )


# --- public (no login) ------------------------------------------------------------------------------


def public_instansi(*, code: str | None = None) -> Instansi:
    """The instansi the public portal speaks for: PEMBINA_INSTANSI_CODE, or the only one there is."""
    code = code or getattr(settings, "PEMBINA_INSTANSI_CODE", "")
    if code:
        instansi = Instansi.objects.filter(code=code).first()
    else:
        found = list(Instansi.objects.order_by("pk")[:2])
        instansi = found[0] if len(found) == 1 else None
    if instansi is None:
        raise Http404
    return instansi


def public_service_list(*, instansi_id: int, opd_id: int | None = None) -> QuerySet[Service]:
    """Active services as published to citizens (standar pelayanan), grouped by OPD order."""
    qs = Service.objects.filter(instansi_id=instansi_id, is_active=True).select_related("unit", "opd")
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    return qs.order_by("opd__sort_order", "opd__name", "sort_order", "name")


def public_service_get(*, instansi_id: int, code: str) -> Service:
    service = (
        Service.objects.filter(instansi_id=instansi_id, code=(code or "").strip().upper(), is_active=True)
        .select_related("unit", "opd")
        .first()
    )
    if service is None:
        raise Http404
    return service


def public_opd_list(*, instansi_id: int) -> QuerySet[Unit]:
    """OPDs that publish at least one active service."""
    ids = Service.objects.filter(instansi_id=instansi_id, is_active=True).values("opd_id")
    return Unit.objects.filter(pk__in=ids).order_by("sort_order", "name")
