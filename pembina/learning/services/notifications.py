"""Marking learning notifications read."""

from __future__ import annotations

from django.utils import timezone

from pembina.core.scoping import VIEW
from pembina.learning.models import LearningNotification


def notification_mark_read(*, actor, pks: list[int] | None = None) -> int:
    """Mark the actor's notifications read (all unread ones when `pks` is None)."""
    qs = LearningNotification.objects.for_actor(actor, VIEW).filter(read_at__isnull=True)
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    return qs.update(read_at=timezone.now())
