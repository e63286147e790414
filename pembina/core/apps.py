"""Framework code shared by every app: audit trail, jobs, scoping, imports, exports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pembina.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from pembina.core.audit import handlers

        handlers.connect_all()
