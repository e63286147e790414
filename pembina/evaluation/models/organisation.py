"""The OPD's own predicate (capaian kinerja organisasi) for a year or a period, set by the
authorised role; it selects the distribution curve its employees' predicates are checked against."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE, paths_q
from pembina.evaluation.choices import OrgPredicate


class OrganisationPredicate(AuditedModel):
    year = models.ForeignKey("performance.PerformanceYear", on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(
        "performance.Period",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Kosong untuk predikat tahunan."),
    )
    opd = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD"))
    predicate = models.CharField(
        _("predikat kinerja organisasi"), max_length=16, choices=OrgPredicate.choices
    )
    note = models.TextField(_("dasar penetapan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("ditetapkan"))

    class Meta:
        verbose_name = _("predikat kinerja organisasi")
        verbose_name_plural = _("predikat kinerja organisasi")
        ordering = ["year", "opd__name", "period__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "opd"],
                condition=models.Q(period__isnull=True),
                name="eval_one_org_predicate_year",
            ),
            models.UniqueConstraint(
                fields=["year", "opd", "period"],
                condition=models.Q(period__isnull=False),
                name="eval_one_org_predicate_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opd} {self.year}: {self.get_predicate_display()}"

    @classmethod
    def scope_q(cls, scope, action):
        base = models.Q(year__instansi_id=scope.instansi_id)
        if scope.write_all:
            return base
        if action == CHANGE:
            return models.Q(pk__in=[])  # recorded through the service by Pimpinan / Admin BKPSDM
        if scope.read_all:
            return base
        paths = scope.team_unit_paths + scope.led_unit_paths
        # Employees read it on their own evaluation (through the evaluation detail), not as a list.
        return base & (paths_q("opd__path", paths) if paths else models.Q(pk__in=[]))
