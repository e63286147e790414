"""The service catalogue (standar pelayanan) of each OPD."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE, paths_q


class Service(AuditedModel):
    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="public_services",
        verbose_name=_("unit penanggung jawab"),
    )
    opd = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD"))
    unit_path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    code = models.CharField(
        _("kode layanan"),
        max_length=40,
        validators=[
            RegexValidator(r"^[A-Z0-9][A-Z0-9\-]*$", _("Kode hanya huruf kapital, angka dan tanda minus."))
        ],
    )
    name = models.CharField(_("nama layanan"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)
    requirements = models.TextField(_("persyaratan"), blank=True, help_text=_("Satu persyaratan per baris."))
    procedure = models.TextField(_("sistem, mekanisme dan prosedur"), blank=True)
    fee = models.DecimalField(
        _("biaya/tarif (Rp)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("0 berarti gratis."),
    )
    fee_note = models.CharField(_("keterangan biaya"), max_length=300, blank=True)
    completion_days = models.PositiveSmallIntegerField(
        _("waktu penyelesaian (hari kerja)"),
        validators=[MaxValueValidator(365)],
        help_text=_("0 berarti selesai pada hari kerja yang sama."),
    )
    product = models.CharField(_("produk layanan"), max_length=200, blank=True)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300, blank=True)
    accepts_online = models.BooleanField(_("menerima permohonan daring"), default=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    sort_order = models.PositiveIntegerField(_("urutan"), default=0)

    audit_exclude = ("created_at", "updated_at", "unit_path")

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        ordering = ["opd_id", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "code"], name="ps_service_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_free(self) -> bool:
        return self.fee == 0

    @property
    def requirement_list(self) -> list[str]:
        return [line.strip() for line in self.requirements.splitlines() if line.strip()]

    def clean(self) -> None:
        if self.unit_id and self.instansi_id and self.unit.instansi_id != self.instansi_id:
            raise ValidationError({"unit": _("Unit harus dari instansi yang sama.")})

    @classmethod
    def scope_q(cls, scope, action):
        # The catalogue is published to citizens; changing a standard is for admins of the unit.
        base = models.Q(instansi_id=scope.instansi_id)
        if action != CHANGE or scope.write_all:
            return base
        return base & paths_q("unit_path", scope.admin_unit_paths)
