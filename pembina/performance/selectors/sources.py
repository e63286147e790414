"""Indicators fed by a data source, for the providing app's pages (read-only, scoped)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from pembina.core.scoping import VIEW
from pembina.performance.models import GoalIndicator, GoalRealisation, Indicator, Realisation


def source_fed_indicators(*, actor, prefix: str) -> tuple[QuerySet[GoalIndicator], QuerySet[Indicator]]:
    """(IKU, IKI) the actor may see whose `data_source` starts with `prefix`, with their realisations
    (period order) prefetched: a fixed number of queries whatever their count."""
    iku = (
        GoalIndicator.objects.for_actor(actor, VIEW)
        .filter(data_source__startswith=prefix)
        .select_related("goal__year", "goal__opd")
        .prefetch_related(
            Prefetch(
                "realisations",
                queryset=GoalRealisation.objects.select_related("period").order_by("period__number"),
            )
        )
        .order_by("-goal__year__year", "goal__opd__name", "order", "pk")
    )
    iki = (
        Indicator.objects.for_actor(actor, VIEW)
        .filter(data_source__startswith=prefix)
        .select_related("result__plan__year", "result__plan__employee")
        .prefetch_related(
            Prefetch(
                "realisations",
                queryset=Realisation.objects.select_related("period").order_by("period__number"),
            )
        )
        .order_by("-result__plan__year__year", "result__plan__employee__name", "pk")
    )
    return iku, iki
