"""Writes of the service catalogue (standar pelayanan)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import CHANGE, get_scope
from pembina.public_services.models import Service
from pembina.public_services.rules.text import plain_text
from pembina.public_services.services._common import full_clean

TEXT_FIELDS = {
    "name": (200, True),
    "description": (4000, False),
    "requirements": (4000, False),
    "procedure": (4000, False),
    "fee_note": (300, True),
    "product": (200, True),
    "legal_basis": (300, True),
}
PLAIN_FIELDS = ("completion_days", "accepts_online", "is_active", "sort_order")


def _ensure_can_edit(actor, unit) -> None:
    if actor is None:
        return
    scope = get_scope(actor)
    if scope.instansi_id != unit.instansi_id:
        raise ApplicationError(_("Anda tidak berwenang mengubah standar layanan unit ini."))
    if scope.write_all or any(unit.path.startswith(p) for p in scope.admin_unit_paths):
        return
    raise ApplicationError(_("Anda tidak berwenang mengubah standar layanan unit ini."))


def _fee(value) -> Decimal:
    try:
        fee = Decimal(str(value if value not in (None, "") else "0"))
    except InvalidOperation:
        raise ApplicationError(_("Biaya harus berupa angka (0 berarti gratis)."), field="fee") from None
    if fee < 0:
        raise ApplicationError(_("Biaya tidak boleh negatif."), field="fee")
    return fee


def _apply(service: Service, data: dict[str, Any]) -> None:
    for key, (limit, single) in TEXT_FIELDS.items():
        if key in data:
            setattr(service, key, plain_text(data[key], max_length=limit, single_line=single))
    for key in PLAIN_FIELDS:
        if key in data:
            setattr(service, key, data[key])
    if "fee" in data:
        service.fee = _fee(data["fee"])
    if "code" in data:
        service.code = (data["code"] or "").strip().upper()


def _place(service: Service, unit) -> None:
    service.unit = unit
    service.instansi_id = unit.instansi_id
    service.opd_id = unit.opd_id or unit.pk
    service.unit_path = unit.path


@transaction.atomic
def service_create(*, unit, code: str, name: str, completion_days: int, actor, **data: Any) -> Service:
    _ensure_can_edit(actor, unit)
    service = Service()
    _place(service, unit)
    _apply(service, {"code": code, "name": name, "completion_days": completion_days, **data})
    if not service.name:
        raise ApplicationError(_("Nama layanan wajib diisi."), field="name")
    full_clean(service)
    service.save()
    return service


@transaction.atomic
def service_update(*, service: Service, data: dict[str, Any], actor) -> Service:
    service = Service.objects.select_for_update(of=("self",)).select_related("unit").get(pk=service.pk)
    _ensure_can_edit(actor, service.unit)
    if not Service.objects.for_actor(actor, CHANGE).filter(pk=service.pk).exists() and actor is not None:
        raise ApplicationError(_("Anda tidak berwenang mengubah standar layanan unit ini."))
    if "unit" in data:
        new_unit = data["unit"]
        _ensure_can_edit(actor, new_unit)
        if new_unit.instansi_id != service.instansi_id:
            raise ApplicationError(_("Unit harus dari instansi yang sama."), field="unit")
        _place(service, new_unit)
    _apply(service, {k: v for k, v in data.items() if k != "unit"})
    full_clean(service)
    service.save()
    return service
