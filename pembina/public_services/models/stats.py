"""Materialised monthly statistics per unit and service, refreshed by a job; feeds the portal."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.scoping import ScopedQuerySet


class ServiceMonthStat(models.Model):
    """Derived data (never edited): rebuilt wholesale by `month_stats_refresh`, so not audited.

    One row per (unit, service, month); `service` is empty for complaints and general surveys that
    concern a unit but no particular service. Counts are stored raw; public selectors apply the
    k-rule. `completion_histogram` (working days -> requests) lets percentiles be computed exactly
    over any set of rows."""

    instansi = models.ForeignKey("org.Instansi", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey("org.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    unit_path = models.CharField(max_length=255, db_index=True, default="")
    service = models.ForeignKey(
        "public_services.Service", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    month = models.DateField(_("bulan"))
    requests_received = models.PositiveIntegerField(default=0)
    requests_rejected = models.PositiveIntegerField(default=0)
    requests_completed = models.PositiveIntegerField(default=0)
    requests_within_deadline = models.PositiveIntegerField(default=0)
    completion_histogram = models.JSONField(default=dict, blank=True)
    completion_p50 = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    completion_p90 = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    complaints_received = models.PositiveIntegerField(default=0)
    complaints_resolved = models.PositiveIntegerField(default=0)
    complaints_resolved_on_time = models.PositiveIntegerField(default=0)
    survey_respondents = models.PositiveIntegerField(default=0)
    survey_sums = models.JSONField(default=dict, blank=True)  # element code -> sum of answers
    ikm_conversion = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    refreshed_at = models.DateTimeField()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("statistik layanan bulanan")
        verbose_name_plural = _("statistik layanan bulanan")
        ordering = ["month", "unit_id", "service_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "service", "month"],
                condition=models.Q(service__isnull=False),
                name="ps_stat_unit_service_month",
            ),
            models.UniqueConstraint(
                fields=["unit", "month"], condition=models.Q(service__isnull=True), name="ps_stat_unit_month"
            ),
        ]
        indexes = [models.Index(fields=["instansi", "month"], name="ps_stat_instansi_month_idx")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.service_id} {self.month:%Y-%m}"

    @classmethod
    def scope_q(cls, scope, action):
        # Aggregates without personal data: every account of the instansi may read them.
        if action != "view":
            return models.Q(pk__in=[])
        return models.Q(instansi_id=scope.instansi_id)
