"""Writes of the competency dictionary and the competency standards (BKPSDM)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import CHANGE
from pembina.learning.choices import CompetencyKind
from pembina.learning.models import Competency, CompetencyLevel, PositionStandard, StandardDefault
from pembina.learning.services._common import full_clean, require_write_all, same_instansi

COMPETENCY_FIELDS = ("name", "kind", "field", "definition", "is_active", "sort_order")


def _national_guard(competency: Competency, actor) -> None:
    if competency.instansi_id is None and actor is not None:
        raise ApplicationError(
            _("Kompetensi manajerial dan sosial kultural mengikuti kamus nasional dan tidak diubah di sini.")
        )


@transaction.atomic
def competency_create(
    *,
    instansi,
    code: str,
    name: str,
    kind: str,
    actor,
    field: str = "",
    definition: str = "",
    sort_order: int = 0,
) -> Competency:
    require_write_all(actor)
    same_instansi(actor, instansi.pk if instansi else None)
    if actor is not None and kind != CompetencyKind.TECHNICAL:
        raise ApplicationError(_("Instansi hanya dapat menambah kompetensi teknis."), field="kind")
    if Competency.objects.filter(code=code).exists():
        raise ApplicationError(_("Kode kompetensi %(c)s sudah dipakai.") % {"c": code}, field="code")
    obj = Competency(
        instansi=instansi,
        code=code,
        name=name.strip(),
        kind=kind,
        field=field,
        definition=definition,
        sort_order=sort_order,
    )
    full_clean(obj)
    obj.save()
    return obj


@transaction.atomic
def competency_update(*, competency: Competency, data: dict[str, Any], actor) -> Competency:
    require_write_all(actor)
    _national_guard(competency, actor)
    same_instansi(actor, competency.instansi_id)
    for key, value in data.items():
        if key not in COMPETENCY_FIELDS:
            raise ApplicationError(_("Isian %(f)s tidak dapat diubah.") % {"f": key}, field=key)
        setattr(competency, key, value)
    full_clean(competency)
    competency.save()
    return competency


@transaction.atomic
def competency_level_set(
    *, competency: Competency, level: int, title: str, indicators: str, actor
) -> CompetencyLevel:
    """Create or replace the description of one level (1–5) with its behaviour indicators."""
    require_write_all(actor)
    _national_guard(competency, actor)
    same_instansi(actor, competency.instansi_id)
    obj = CompetencyLevel.objects.filter(competency=competency, level=level).first() or CompetencyLevel(
        competency=competency, level=level
    )
    obj.title, obj.indicators = title.strip(), indicators.strip()
    full_clean(obj, label=_("Level %(n)s") % {"n": level})
    obj.save()
    return obj


@transaction.atomic
def position_standard_set(
    *, position, competency: Competency, required_level: int, actor
) -> PositionStandard:
    """Set the required level of a competency for a position (0 = not required there)."""
    if actor is not None:
        from pembina.org.models import Position

        if not Position.objects.for_actor(actor, CHANGE).filter(pk=position.pk).exists():
            raise ApplicationError(_("Anda tidak berwenang mengubah standar kompetensi jabatan ini."))
    if competency.instansi_id not in (None, position.instansi_id):
        raise ApplicationError(_("Kompetensi milik instansi lain."), field="competency")
    obj = PositionStandard.objects.filter(
        position=position, competency=competency
    ).first() or PositionStandard(position=position, competency=competency)
    obj.required_level = required_level
    full_clean(obj)
    obj.save()
    from pembina.learning.services.gaps import gap_table_refresh_positions

    gap_table_refresh_positions(instansi_id=position.instansi_id, position_ids=[position.pk])
    return obj


@transaction.atomic
def standard_default_set(
    *, instansi, job_type: str, job_level: str, competency: Competency, required_level: int, actor
) -> StandardDefault:
    require_write_all(actor)
    same_instansi(actor, instansi.pk)
    obj = StandardDefault.objects.filter(
        instansi=instansi, job_type=job_type, job_level=job_level, competency=competency
    ).first() or StandardDefault(
        instansi=instansi, job_type=job_type, job_level=job_level, competency=competency
    )
    obj.required_level = required_level
    full_clean(obj)
    obj.save()
    return obj


def resolve_competency(value, *, instansi_id: int | None = None) -> Competency:
    """A Competency from an instance or its code (the performance app passes either)."""
    if isinstance(value, Competency):
        comp = value
    else:
        comp = Competency.objects.filter(code=str(value).strip()).first()
        if comp is None:
            comp = Competency.objects.filter(name__iexact=str(value).strip()).first()
        if comp is None:
            raise ApplicationError(
                _("Kompetensi '%(c)s' tidak ada di kamus.") % {"c": value}, field="competency"
            )
    if instansi_id is not None and comp.instansi_id not in (None, instansi_id):
        raise ApplicationError(_("Kompetensi milik instansi lain."), field="competency")
    if not comp.is_active:
        raise ApplicationError(_("Kompetensi %(c)s tidak aktif.") % {"c": comp.name}, field="competency")
    return comp


__all__ = [
    "competency_create",
    "competency_level_set",
    "competency_update",
    "position_standard_set",
    "resolve_competency",
    "standard_default_set",
]
