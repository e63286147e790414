"""Organisation: instansi, unit tree, positions, employees and their assignment history."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "pembina.org"
    label = "org"
    verbose_name = _("Organisasi dan pegawai")
