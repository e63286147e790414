"""Helpers shared by the services of this app (not part of its interface)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import CHANGE, get_scope
from pembina.public_services.models.scope import can_handle


def full_clean(obj, **kwargs) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as exc:
        if hasattr(exc, "message_dict"):
            field, msgs = next(iter(exc.message_dict.items()))
            raise ApplicationError(" ".join(msgs), field=field, extra={"errors": exc.message_dict}) from None
        raise ApplicationError(" ".join(exc.messages)) from None


def now_or(value: dt.datetime | None) -> dt.datetime:
    value = value or timezone.now()
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def ensure_can_handle(actor, *, instansi_id: int, unit, action: str = CHANGE) -> None:
    """Staff writes are checked against the actor's scope (None actor = trusted system code)."""
    if actor is None:
        return
    if not can_handle(
        get_scope(actor), action, instansi_id=instansi_id, unit_path=unit.path, opd_id=unit.opd_id or unit.pk
    ):
        raise ApplicationError(_("Anda tidak berwenang menangani layanan pada unit ini."))


def actor_employee(actor):
    """The employee record behind a staff account, if any."""
    if actor is None or not getattr(actor, "employee_id", None):
        return None
    return actor.employee


def unit_of(employee, fallback):
    return employee.current_unit if employee is not None and employee.current_unit_id else fallback


def ensure_same_instansi(employee, instansi_id: int, field: str = "employee") -> None:
    if employee is not None and employee.instansi_id != instansi_id:
        raise ApplicationError(_("Petugas harus pegawai instansi yang sama."), field=field)
