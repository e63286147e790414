"""The performance year of an instansi (with its stage deadlines) and its evaluation periods."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE
from pembina.performance.choices import PeriodInterval, YearState


class PerformanceYear(AuditedModel):
    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="performance_years")
    year = models.PositiveSmallIntegerField(_("tahun"))
    interval = models.CharField(
        _("periode evaluasi"), max_length=10, choices=PeriodInterval.choices, default=PeriodInterval.QUARTERLY
    )
    state = models.CharField(_("tahap"), max_length=12, choices=YearState.choices, default=YearState.PLANNING)
    planning_deadline = models.DateField(_("batas penetapan SKP"), null=True, blank=True)
    realisation_grace_days = models.PositiveSmallIntegerField(
        _("batas pengisian realisasi (hari setelah periode berakhir)"), default=10
    )
    evaluation_deadline = models.DateField(_("batas evaluasi tahunan"), null=True, blank=True)
    closing_deadline = models.DateField(_("batas penutupan tahun"), null=True, blank=True)
    pace_tolerance = models.DecimalField(
        _("toleransi keterlambatan laju (%)"), max_digits=5, decimal_places=2, default=10
    )

    class Meta:
        verbose_name = _("tahun kinerja")
        verbose_name_plural = _("tahun kinerja")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["instansi", "year"], name="one_performance_year")]

    def __str__(self) -> str:
        return str(self.year)

    def clean(self) -> None:
        if self.year and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": _("Tahun tidak wajar.")})

    @classmethod
    def scope_q(cls, scope, action):
        base = models.Q(instansi_id=scope.instansi_id)
        if action == CHANGE and not scope.write_all:
            return models.Q(pk__in=[])
        return base


class Period(AuditedModel):
    year = models.ForeignKey(PerformanceYear, on_delete=models.CASCADE, related_name="periods")
    number = models.PositiveSmallIntegerField(_("nomor"))
    label = models.CharField(_("nama periode"), max_length=40)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("sampai"))

    class Meta:
        verbose_name = _("periode")
        verbose_name_plural = _("periode")
        ordering = ["year", "number"]
        constraints = [models.UniqueConstraint(fields=["year", "number"], name="one_period_number")]

    def __str__(self) -> str:
        return f"{self.label} {self.start.year}"

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q(year__in=PerformanceYear.objects.filter(PerformanceYear.scope_q(scope, action)))
