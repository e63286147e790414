"""The actor's learning notifications."""

from __future__ import annotations

from django.db.models import QuerySet

from pembina.core.scoping import VIEW
from pembina.learning.models import LearningNotification


def notification_list(*, actor, unread_only: bool = False) -> QuerySet[LearningNotification]:
    qs = LearningNotification.objects.for_actor(actor, VIEW)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs
