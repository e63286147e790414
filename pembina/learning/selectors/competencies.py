"""Reads of the competency dictionary and of the competency standard of a position."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from pembina.core.scoping import VIEW
from pembina.learning.models import Competency, CompetencyLevel, PositionStandard
from pembina.learning.rules import standards as std_rules
from pembina.learning.selectors import _data
from pembina.org.models import Position


def competency_list(*, actor, filters: dict | None = None) -> QuerySet[Competency]:
    qs = Competency.objects.for_actor(actor, VIEW)
    filters = filters or {}
    if kind := filters.get("kind"):
        qs = qs.filter(kind=kind)
    if field := filters.get("field"):
        qs = qs.filter(field=field)
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    if filters.get("active", True):
        qs = qs.filter(is_active=True)
    return qs


def competency_dictionary(*, actor, kind: str | None = None) -> list[Competency]:
    """Competencies with their five levels (two queries)."""
    qs = competency_list(actor=actor, filters={"kind": kind} if kind else None)
    return list(qs.prefetch_related(Prefetch("levels", queryset=CompetencyLevel.objects.order_by("level"))))


def competency_get_for_actor(*, actor, pk) -> Competency:
    return Competency.objects.prefetch_related("levels").get_for_actor_or_404(actor, VIEW, pk=pk)


@dataclass(frozen=True)
class StandardRow:
    competency: Competency
    required: int
    origin: str  # "position": the job's own standard; "default": the job type's default


def position_standard(*, actor, position_pk) -> list[StandardRow]:
    """The required level of every competency for a position and where it comes from."""
    position = Position.objects.get_for_actor_or_404(actor, VIEW, pk=position_pk)
    own = dict(
        PositionStandard.objects.filter(position=position, competency__is_active=True).values_list(
            "competency_id", "required_level"
        )
    )
    resolved = std_rules.resolve(
        position_rows=own,
        defaults=_data.default_rows(position.instansi_id),
        job_type=position.job_type,
        level=position.level,
    )
    comps = Competency.objects.in_bulk(list(resolved))
    rows = [
        StandardRow(comps[cid], req, "position" if cid in own else "default") for cid, req in resolved.items()
    ]
    rows.sort(key=lambda r: (r.competency.kind, r.competency.sort_order, r.competency.name))
    return rows
