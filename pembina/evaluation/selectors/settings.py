"""The instansi's evaluation settings (saved row, or the defaults unsaved)."""

from __future__ import annotations

from pembina.evaluation.models import EvaluationSettings


def evaluation_settings_for(*, instansi_id: int) -> EvaluationSettings:
    found = EvaluationSettings.objects.filter(instansi_id=instansi_id).first()
    return found if found is not None else EvaluationSettings(instansi_id=instansi_id)
