"""Per-instansi evaluation settings: the knobs the regulation leaves to the pemda."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE
from pembina.evaluation.rules import followup as followup_rules

PCT = {"max_digits": 7, "decimal_places": 2}


def default_tpp_table() -> dict[str, str]:
    return {k: str(v) for k, v in followup_rules.DEFAULT_TPP_PERCENT.items()}


class EvaluationSettings(AuditedModel):
    """One row per instansi; `selectors.evaluation_settings_for` returns the defaults when absent."""

    instansi = models.OneToOneField("org.Instansi", on_delete=models.CASCADE, related_name="+")
    iki_above_min = models.DecimalField(
        _("IKI di atas ekspektasi mulai capaian (%)"), default=Decimal("110"), **PCT
    )
    iki_meets_min = models.DecimalField(
        _("IKI sesuai ekspektasi mulai capaian (%)"), default=Decimal("90"), **PCT
    )
    majority_percent = models.PositiveSmallIntegerField(
        _("'sebagian besar' berarti lebih dari (%)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
    )
    curve_blocking = models.BooleanField(
        _("pola distribusi mengikat"),
        default=False,
        help_text=_(
            "Jika aktif, evaluasi tidak dapat diumumkan selama distribusi predikat OPD menyalahi kurva."
        ),
    )
    appeal_days = models.PositiveSmallIntegerField(
        _("batas pengajuan keberatan (hari)"), default=14, validators=[MinValueValidator(1)]
    )
    explanation_days = models.PositiveSmallIntegerField(
        _("batas penjelasan keberatan (hari)"), default=7, validators=[MinValueValidator(1)]
    )
    min_360_respondents = models.PositiveSmallIntegerField(
        _("jumlah minimum responden 360°"), default=3, validators=[MinValueValidator(3)]
    )
    tpp_percent = models.JSONField(_("komponen kinerja TPP per predikat (%)"), default=default_tpp_table)
    potential_medium_min = models.DecimalField(
        _("potensi menengah mulai skor"), max_digits=5, decimal_places=2, default=Decimal("60")
    )
    potential_high_min = models.DecimalField(
        _("potensi tinggi mulai skor"), max_digits=5, decimal_places=2, default=Decimal("80")
    )

    class Meta:
        verbose_name = _("pengaturan evaluasi")
        verbose_name_plural = _("pengaturan evaluasi")

    def __str__(self) -> str:
        return f"Pengaturan evaluasi {self.instansi_id}"

    def clean(self) -> None:
        if (
            self.iki_meets_min is not None
            and self.iki_above_min is not None
            and self.iki_meets_min >= self.iki_above_min
        ):
            raise ValidationError(
                {"iki_meets_min": _("Batas 'sesuai' harus lebih kecil daripada batas 'di atas' ekspektasi.")}
            )
        if (
            self.potential_medium_min is not None
            and self.potential_high_min is not None
            and not 0 <= self.potential_medium_min < self.potential_high_min <= 100
        ):
            raise ValidationError(
                {"potential_high_min": _("Batas potensi harus 0 ≤ menengah < tinggi ≤ 100.")}
            )
        try:
            followup_rules.parse_tpp_table(self.tpp_percent)
        except ValueError as exc:
            raise ValidationError({"tpp_percent": str(exc)}) from None

    @classmethod
    def scope_q(cls, scope, action):
        base = models.Q(instansi_id=scope.instansi_id)
        if action == CHANGE and not scope.write_all:
            return models.Q(pk__in=[])
        return base
