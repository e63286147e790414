"""Reads of the audit trail: the auditor's filtered list and one object's history tab."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import QuerySet

from pembina.core.audit.recorder import object_type
from pembina.core.models import AuditEntry
from pembina.core.scoping import VIEW


def audit_entry_list(*, actor, filters: dict | None = None) -> QuerySet[AuditEntry]:
    """Entries the actor may browse (auditors only), newest first, filtered."""
    qs = AuditEntry.objects.for_actor(actor, VIEW)
    f = filters or {}
    if f.get("object_type"):
        qs = qs.filter(object_type=f["object_type"])
    if f.get("object_id"):
        qs = qs.filter(object_id=str(f["object_id"]))
    if f.get("action"):
        qs = qs.filter(action=f["action"])
    if f.get("source"):
        qs = qs.filter(source=f["source"])
    if f.get("actor"):
        qs = qs.filter(actor_repr__icontains=f["actor"])
    if f.get("request_id"):
        qs = qs.filter(request_id=f["request_id"])
    if isinstance(f.get("date_from"), dt.date):
        qs = qs.filter(timestamp__date__gte=f["date_from"])
    if isinstance(f.get("date_to"), dt.date):
        qs = qs.filter(timestamp__date__lte=f["date_to"])
    return qs.order_by("-id")


def audit_get_for_actor(*, actor, pk) -> AuditEntry:
    return AuditEntry.objects.get_for_actor_or_404(actor, VIEW, pk=pk)


def history_for(
    *, obj: models.Model, related: dict[type[models.Model], list] | None = None
) -> QuerySet[AuditEntry]:
    """The history tab of an object. The caller has already checked the actor may view `obj`.

    `related` adds entries of dependent objects shown on the same page (e.g. an employee's
    assignments): {Assignment: [pk, ...]}."""
    q = models.Q(object_type=object_type(type(obj)), object_id=str(obj.pk))
    for model, pks in (related or {}).items():
        if pks:
            q |= models.Q(object_type=object_type(model), object_id__in=[str(p) for p in pks])
    return AuditEntry.objects.filter(q).order_by("-id")
