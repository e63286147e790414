"""Roles. Pegawai and Pejabat Penilai are derived from the org; these are the granted ones."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN_BKPSDM = "admin_bkpsdm", _("Admin BKPSDM")
    ADMIN_OPD = "admin_opd", _("Admin OPD")
    PIMPINAN = "pimpinan", _("Pimpinan")
    AUDITOR = "auditor", _("Auditor")
    TIM_PENILAI = "tim_penilai", _("Tim Penilai Kinerja")


# Roles granted on one unit (and its subtree); the others are instansi-wide.
UNIT_ROLES = frozenset({Role.ADMIN_OPD, Role.TIM_PENILAI})


# Derived role names (never stored): shown in the navigation and used by the permission matrix.
PEGAWAI = "pegawai"
PEJABAT_PENILAI = "pejabat_penilai"


def role_label(code: str) -> str:
    """The human label of a granted or derived role code (unknown codes are shown as they are)."""
    derived = {PEGAWAI: _("Pegawai"), PEJABAT_PENILAI: _("Pejabat Penilai")}
    if code in derived:
        return str(derived[code])
    try:
        return str(Role(code).label)
    except ValueError:
        return code
