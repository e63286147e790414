"""The instansi's evaluation settings (saved row, or the defaults unsaved)."""

from __future__ import annotations

from pembina.evaluation.models import EvaluationSettings


def evaluation_settings_for(*, instansi_id: int) -> EvaluationSettings:
    found = EvaluationSettings.objects.filter(instansi_id=instansi_id).first()
    return found if found is not None else EvaluationSettings(instansi_id=instansi_id)


def thresholds_for(instansi_id: int):
    """The instansi's thresholds for the suggested rating, as the rules take them."""
    from pembina.evaluation.rules.achievement import Thresholds

    s = evaluation_settings_for(instansi_id=instansi_id)
    return Thresholds(above_min=s.iki_above_min, meets_min=s.iki_meets_min, majority=s.majority_percent)
