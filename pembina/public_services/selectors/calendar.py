"""Reads of the calendar and the service policy."""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import QuerySet

from pembina.core.scoping import VIEW
from pembina.public_services.models import Holiday, ServicePolicy
from pembina.public_services.rules.workdays import WorkCalendar


def work_calendar(*, instansi_id: int) -> WorkCalendar:
    """The working-day calendar of an instansi (weekends plus every holiday it keeps), one query."""
    days = Holiday.objects.filter(instansi_id=instansi_id).values_list("date", flat=True)
    return WorkCalendar.build(days)


def holiday_list(*, actor, year: int | None = None) -> QuerySet[Holiday]:
    qs = Holiday.objects.for_actor(actor, VIEW)
    if year:
        qs = qs.filter(date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31))
    return qs.order_by("date", "name")


def default_prefix(instansi) -> str:
    letters = re.sub(r"[^A-Z]", "", (instansi.code or "").upper())
    return (letters[:3] if len(letters) >= 2 else "PB").ljust(2, "X")


def policy_for(*, instansi) -> ServicePolicy:
    """The instansi's policy, or the regulation defaults (unsaved) when none was configured."""
    policy = ServicePolicy.objects.filter(instansi_id=instansi.pk).select_related("coordinator_unit").first()
    if policy is None:
        policy = ServicePolicy(instansi=instansi, tracking_prefix=default_prefix(instansi))
    return policy
