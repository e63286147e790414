"""Writes of the competency profile: an assessed level with its source (history is kept)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.learning.choices import AssessmentSource
from pembina.learning.models import CompetencyAssessment
from pembina.learning.permissions import employee_roles
from pembina.learning.rules.workflow import ADMINS, SUPERIOR
from pembina.learning.services._common import actor_user, full_clean, today
from pembina.learning.services.competencies import resolve_competency
from pembina.learning.services.gaps import gap_table_refresh

# who may record which source (None actor = system code: imports, completions, simulations)
SOURCE_ROLES = {
    AssessmentSource.ASSESSMENT_CENTRE: ADMINS,
    AssessmentSource.COMPETENCY_TEST: ADMINS,
    AssessmentSource.SUPERIOR_REVIEW: frozenset({SUPERIOR}),
    AssessmentSource.TRAINING: ADMINS,
    AssessmentSource.SIMULATION: frozenset(),
}


@transaction.atomic
def competency_assessment_record(
    *,
    employee,
    competency,
    level: int,
    source: str,
    source_ref: str = "",
    assessed_on: dt.date | None = None,
    actor,
    assessor_name: str = "",
    note: str = "",
    refresh: bool = True,
) -> CompetencyAssessment:
    """Record an assessed level (1–5). With a `source_ref`, calling again for the same employee,
    competency, source and reference updates that row instead of adding one (idempotent), so the
    performance app can call it each time a B.1.9 evaluation is saved."""
    if source not in AssessmentSource.values:
        raise ApplicationError(_("Sumber penilaian '%(s)s' tidak dikenal.") % {"s": source}, field="source")
    if actor is not None:
        allowed = SOURCE_ROLES.get(source, frozenset())
        if not employee_roles(actor, employee) & allowed:
            raise ApplicationError(
                _("Anda tidak berwenang mencatat penilaian kompetensi (%(s)s) untuk pegawai ini.")
                % {"s": AssessmentSource(source).label}
            )
    comp = resolve_competency(competency, instansi_id=employee.instansi_id)
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
        raise ApplicationError(_("Level kompetensi harus 1 sampai 5."), field="level")
    assessed_on = assessed_on or today()
    if assessed_on > today():
        raise ApplicationError(_("Tanggal penilaian tidak boleh di masa depan."), field="assessed_on")
    source_ref = (source_ref or "").strip()[:120]
    obj = None
    if source_ref:
        obj = (
            CompetencyAssessment.objects.select_for_update(of=("self",))
            .filter(employee=employee, competency=comp, source=source, source_ref=source_ref)
            .first()
        )
    if obj is not None:
        changed = (obj.level, obj.assessed_on, obj.assessor_name, obj.note) != (
            level,
            assessed_on,
            assessor_name,
            note,
        )
        if not changed:
            return obj
        obj.level, obj.assessed_on, obj.assessor_name, obj.note = level, assessed_on, assessor_name, note
    else:
        obj = CompetencyAssessment(
            employee=employee,
            competency=comp,
            level=level,
            source=source,
            source_ref=source_ref,
            assessed_on=assessed_on,
            assessor_name=assessor_name[:200],
            note=note,
            recorded_by=actor_user(actor),
        )
    full_clean(obj)
    obj.save()
    if refresh:
        gap_table_refresh(instansi_id=employee.instansi_id, employee_ids=[employee.pk])
    return obj
