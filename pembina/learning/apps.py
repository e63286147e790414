"""Competency development (pengembangan kompetensi): issue 5."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "pembina.learning"
    label = "learning"
    verbose_name = _("Pengembangan Kompetensi")
