"""Roles. Pegawai and Pejabat Penilai are derived from the org; these are the granted ones."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN_BKPSDM = "admin_bkpsdm", _("Admin BKPSDM")
    ADMIN_OPD = "admin_opd", _("Admin OPD")
    PIMPINAN = "pimpinan", _("Pimpinan")
    AUDITOR = "auditor", _("Auditor")


# Derived role names (never stored): shown in the navigation and used by the permission matrix.
PEGAWAI = "pegawai"
PEJABAT_PENILAI = "pejabat_penilai"
