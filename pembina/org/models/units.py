"""Instansi (the pemda), the unit tree, and positions (jabatan)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE, paths_q
from pembina.org.choices import InstansiKind, JobLevel, JobType, UnitKind


class Instansi(AuditedModel):
    code = models.CharField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(
        _("jenis"), max_length=20, choices=InstansiKind.choices, default=InstansiKind.KOTA
    )
    region_name = models.CharField(_("nama daerah"), max_length=100)
    head_title = models.CharField(_("jabatan kepala daerah"), max_length=100, default="Wali Kota")
    head_name = models.CharField(_("nama kepala daerah"), max_length=200, blank=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q(pk=scope.instansi_id)


class Unit(AuditedModel):
    """A node of the organisation tree: an OPD (perangkat daerah) or one of its sub-units.

    `path` is a materialised path of zero-padded ids ("0000012/0000040/"), so a whole subtree is one
    `path__startswith` filter; `opd` points at the top-level perangkat daerah the unit belongs to.
    """

    audit_exclude = ("created_at", "updated_at", "path", "depth")

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("induk"),
    )
    opd = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("OPD")
    )
    code = models.CharField(_("kode unit"), max_length=40)
    name = models.CharField(_("nama unit"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    kind = models.CharField(_("jenis unit"), max_length=20, choices=UnitKind.choices)
    is_opd = models.BooleanField(_("perangkat daerah (OPD)"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    sort_order = models.PositiveIntegerField(_("urutan"), default=0)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "code"], name="unit_code_unique_per_instansi")
        ]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def path_segment(pk: int) -> str:
        return f"{pk:07d}/"

    def compute_path(self) -> None:
        parent_path = self.parent.path if self.parent_id else ""
        self.path = parent_path + self.path_segment(self.pk)
        self.depth = self.path.count("/") - 1

    def clean(self) -> None:
        if self.parent_id and self.parent.instansi_id != self.instansi_id:
            raise ValidationError({"parent": _("Unit induk harus dari instansi yang sama.")})
        if self.pk and self.parent_id and self.parent.path.startswith(self.path or "\0"):
            raise ValidationError({"parent": _("Unit tidak boleh menjadi induk dari dirinya sendiri.")})

    @classmethod
    def scope_q(cls, scope, action):
        # The organisation chart is shared knowledge within the instansi; changing it is not.
        base = models.Q(instansi_id=scope.instansi_id)
        if action != CHANGE or scope.write_all:
            return base
        return base & paths_q("path", scope.admin_unit_paths)


class Position(AuditedModel):
    """A jabatan in a unit. The unit's head position (`is_head`) is who leads and rates the unit."""

    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="positions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions", verbose_name=_("unit"))
    code = models.CharField(_("kode jabatan"), max_length=40)
    name = models.CharField(_("nama jabatan"), max_length=200)
    job_type = models.CharField(_("jenis jabatan"), max_length=20, choices=JobType.choices)
    level = models.CharField(_("jenjang"), max_length=20, choices=JobLevel.choices, blank=True)
    job_class = models.PositiveSmallIntegerField(_("kelas jabatan"), null=True, blank=True)
    is_head = models.BooleanField(_("kepala unit"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["unit__path", "-is_head", "name"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "code"], name="position_code_unique_per_instansi"),
            models.UniqueConstraint(
                fields=["unit"], condition=models.Q(is_head=True), name="one_head_position_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.unit_id and self.unit.instansi_id != self.instansi_id:
            raise ValidationError({"unit": _("Unit harus dari instansi yang sama.")})
        if self.job_type == JobType.FUNGSIONAL and not self.level:
            raise ValidationError({"level": _("Jabatan fungsional wajib mempunyai jenjang.")})
        if self.is_head and self.job_type in (JobType.PELAKSANA, JobType.FUNGSIONAL):
            raise ValidationError(
                {"is_head": _("Kepala unit harus jabatan manajerial (JPT, administrator, pengawas).")}
            )

    @classmethod
    def scope_q(cls, scope, action):
        base = models.Q(instansi_id=scope.instansi_id)
        if action != CHANGE or scope.write_all:
            return base
        return base & paths_q("unit__path", scope.admin_unit_paths)
