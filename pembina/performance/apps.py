"""Performance planning and monitoring: years, goals, SKP plans, realisations, feedback, warnings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "pembina.performance"
    label = "performance"
    verbose_name = _("Kinerja")
