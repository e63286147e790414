"""Realisations per IKI per period, their evidence files (bukti dukung) and the superior's feedback."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.performance.choices import RealisationSource
from pembina.performance.models.scope import plan_q

DECIMAL = {"max_digits": 16, "decimal_places": 4}


class Realisation(AuditedModel):
    indicator = models.ForeignKey(
        "performance.Indicator", on_delete=models.CASCADE, related_name="realisations"
    )
    period = models.ForeignKey("performance.Period", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("realisasi"), null=True, blank=True, **DECIMAL)
    narrative = models.TextField(_("uraian realisasi"), blank=True)
    source = models.CharField(
        _("asal nilai"), max_length=12, choices=RealisationSource.choices, default=RealisationSource.MANUAL
    )
    source_value = models.DecimalField(_("nilai dari sumber data"), null=True, blank=True, **DECIMAL)
    source_cases = models.PositiveIntegerField(_("jumlah kasus"), default=0)
    provenance = models.TextField(_("asal data"), blank=True)
    override_reason = models.TextField(_("alasan koreksi nilai sumber data"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filled_at = models.DateTimeField(_("diisi dari sumber data"), null=True, blank=True)

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["indicator", "period__number"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_realisation_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}@{self.period_id}: {self.value}"

    @classmethod
    def scope_q(cls, scope, action):
        return plan_q(scope, action, "indicator__result__plan__")


def evidence_path(instance, filename: str) -> str:
    # Stored under a random name; the user's (sanitised) name is kept in `original_name`.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"performance/evidence/{uuid.uuid4().hex}.{ext}"


class Evidence(AuditedModel):
    realisation = models.ForeignKey(Realisation, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("berkas"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("nama berkas"), max_length=150)
    content_type = models.CharField(_("jenis"), max_length=120)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["realisation", "created_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @classmethod
    def scope_q(cls, scope, action):
        return plan_q(scope, action, "realisation__indicator__result__plan__")


class RealisationFeedback(AuditedModel):
    """Umpan balik berkelanjutan of the pejabat penilai on one realisation."""

    realisation = models.ForeignKey(Realisation, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(_("pemberi umpan balik"), max_length=200)
    body = models.TextField(_("umpan balik"))

    class Meta:
        verbose_name = _("umpan balik")
        verbose_name_plural = _("umpan balik")
        ordering = ["realisation", "created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]

    @classmethod
    def scope_q(cls, scope, action):
        return plan_q(scope, action, "realisation__indicator__result__plan__")
