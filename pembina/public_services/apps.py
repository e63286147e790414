"""Public services: service standards, requests and deadlines, complaints, SKM surveys, service statistics."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicServicesConfig(AppConfig):
    name = "pembina.public_services"
    label = "public_services"
    verbose_name = _("Pelayanan publik")

    def ready(self) -> None:
        from pembina.public_services import datasources

        datasources.register_all()
