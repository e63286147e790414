"""Evaluation (penilaian) and follow-up: ratings, predicate, distribution curve, calibration, appeals."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "pembina.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluasi kinerja")
