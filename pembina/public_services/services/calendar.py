"""Writes of holidays and of the service policy, and the holiday seed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope
from pembina.public_services.choices import HolidayKind
from pembina.public_services.models import Holiday, ServicePolicy
from pembina.public_services.rules import holidays_id
from pembina.public_services.rules.text import plain_text
from pembina.public_services.selectors.calendar import policy_for
from pembina.public_services.services._common import full_clean

POLICY_FIELDS = (
    "tracking_prefix",
    "complaint_verify_days",
    "complaint_plan_days",
    "tier_light_days",
    "tier_normative_days",
    "tier_non_supervisory_days",
    "tier_supervisory_days",
    "complaint_confirm_days",
    "coordinator_unit",
    "program_start",
)


def _ensure_instansi_admin(actor, instansi_id: int) -> None:
    if actor is None:
        return
    scope = get_scope(actor)
    if not (scope.write_all and scope.instansi_id == instansi_id):
        raise ApplicationError(_("Hanya Admin BKPSDM yang dapat mengubah kalender dan kebijakan layanan."))


@transaction.atomic
def holiday_create(
    *, instansi, date: dt.date, name: str, kind: str, actor, is_confirmed: bool = True, note: str = ""
) -> Holiday:
    _ensure_instansi_admin(actor, instansi.pk)
    holiday = Holiday(
        instansi=instansi,
        date=date,
        name=plain_text(name, max_length=150, single_line=True),
        kind=kind,
        is_confirmed=is_confirmed,
        note=plain_text(note, max_length=300, single_line=True),
    )
    full_clean(holiday)
    holiday.save()
    return holiday


@transaction.atomic
def holiday_update(*, holiday: Holiday, data: dict[str, Any], actor) -> Holiday:
    _ensure_instansi_admin(actor, holiday.instansi_id)
    holiday = Holiday.objects.select_for_update(of=("self",)).get(pk=holiday.pk)
    for key in ("date", "kind", "is_confirmed"):
        if key in data:
            setattr(holiday, key, data[key])
    if "name" in data:
        holiday.name = plain_text(data["name"], max_length=150, single_line=True)
    if "note" in data:
        holiday.note = plain_text(data["note"], max_length=300, single_line=True)
    full_clean(holiday)
    holiday.save()
    return holiday


@transaction.atomic
def holiday_delete(*, holiday: Holiday, actor) -> None:
    _ensure_instansi_admin(actor, holiday.instansi_id)
    holiday.delete()


@transaction.atomic
def holidays_seed(*, instansi, years: Iterable[int] = (2025, 2026, 2027)) -> int:
    """Add the known national holidays and cuti bersama of `years`; existing rows are left as edited.

    Returns how many were added. Running it again adds nothing."""
    wanted = holidays_id.for_years(years)
    existing = set(
        Holiday.objects.filter(instansi=instansi, date__in=[h.date for h in wanted]).values_list(
            "date", "kind"
        )
    )
    new = [
        Holiday(
            instansi=instansi,
            date=h.date,
            name=h.name,
            kind=h.kind,
            is_confirmed=h.confirmed,
            note=_("Data awal; periksa terhadap SKB 3 Menteri tahun berjalan.")
            if h.kind != HolidayKind.REGIONAL
            else "",
        )
        for h in wanted
        if (h.date, h.kind) not in existing
    ]
    Holiday.objects.bulk_create(new)  # audited by AuditedQuerySet
    return len(new)


@transaction.atomic
def service_policy_update(*, instansi, data: dict[str, Any], actor) -> ServicePolicy:
    _ensure_instansi_admin(actor, instansi.pk)
    policy = policy_for(instansi=instansi)
    if policy.pk:
        policy = ServicePolicy.objects.select_for_update(of=("self",)).get(pk=policy.pk)
    unknown = set(data) - set(POLICY_FIELDS)
    if unknown:
        raise ApplicationError(_("Isian tidak dikenal: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    for key, value in data.items():
        if key == "tracking_prefix":
            value = (value or "").strip().upper()
        setattr(policy, key, value)
    if policy.coordinator_unit_id and policy.coordinator_unit.instansi_id != instansi.pk:
        raise ApplicationError(_("Unit koordinator harus dari instansi yang sama."), field="coordinator_unit")
    full_clean(policy)
    policy.save()
    return policy
