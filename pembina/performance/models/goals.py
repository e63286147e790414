"""Organisation goals: the Wali Kota's goals and each OPD's sasaran strategis with IKU and targets."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE, paths_q
from pembina.performance.choices import Aggregation, Direction, GoalLevel, RealisationSource

DECIMAL = {"max_digits": 16, "decimal_places": 4}


class Goal(AuditedModel):
    year = models.ForeignKey("performance.PerformanceYear", on_delete=models.PROTECT, related_name="goals")
    level = models.CharField(_("tingkat"), max_length=5, choices=GoalLevel.choices)
    opd = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("OPD")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("sasaran Wali Kota yang didukung"),
    )
    code = models.CharField(_("kode"), max_length=30, blank=True)
    statement = models.TextField(_("sasaran"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("sasaran")
        verbose_name_plural = _("sasaran")
        ordering = ["year", "level", "opd", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(level="city", opd__isnull=True, parent__isnull=True))
                | models.Q(level="opd", opd__isnull=False),
                name="goal_level_shape",
            )
        ]

    def __str__(self) -> str:
        return self.statement[:80]

    def clean(self) -> None:
        if self.level == GoalLevel.OPD and self.parent_id:
            if self.parent.level != GoalLevel.CITY:
                raise ValidationError({"parent": _("Sasaran OPD hanya dapat mendukung sasaran Wali Kota.")})
            if self.parent.year_id != self.year_id:
                raise ValidationError({"parent": _("Sasaran yang didukung harus pada tahun yang sama.")})
        if self.level == GoalLevel.OPD and self.opd_id and not self.opd.is_opd:
            raise ValidationError({"opd": _("Sasaran strategis ditetapkan untuk perangkat daerah (OPD).")})

    @classmethod
    def scope_q(cls, scope, action):
        base = models.Q(year__instansi_id=scope.instansi_id)
        if action != CHANGE or scope.write_all:
            return base
        return base & models.Q(level=GoalLevel.OPD) & paths_q("opd__path", scope.admin_unit_paths)


class GoalIndicator(AuditedModel):
    """Indikator Kinerja Utama (IKU) of a goal, with its target from the Perjanjian Kinerja."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    name = models.CharField(_("indikator kinerja utama"), max_length=300)
    target = models.DecimalField(_("target"), null=True, blank=True, **DECIMAL)
    unit = models.CharField(_("satuan"), max_length=40)
    direction = models.CharField(_("arah"), max_length=6, choices=Direction.choices, default=Direction.HIGHER)
    aggregation = models.CharField(
        _("cara akumulasi"), max_length=8, choices=Aggregation.choices, default=Aggregation.LAST
    )
    data_source = models.CharField(_("sumber data"), max_length=100, blank=True)
    data_source_params = models.JSONField(_("parameter sumber data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("indikator kinerja utama")
        verbose_name_plural = _("indikator kinerja utama")
        ordering = ["goal", "order", "id"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q(goal__in=Goal.objects.filter(Goal.scope_q(scope, action)))


class GoalRealisation(AuditedModel):
    indicator = models.ForeignKey(GoalIndicator, on_delete=models.CASCADE, related_name="realisations")
    period = models.ForeignKey("performance.Period", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("realisasi"), null=True, blank=True, **DECIMAL)
    narrative = models.TextField(_("keterangan"), blank=True)
    source = models.CharField(
        _("asal nilai"), max_length=12, choices=RealisationSource.choices, default=RealisationSource.MANUAL
    )
    source_value = models.DecimalField(_("nilai dari sumber data"), null=True, blank=True, **DECIMAL)
    source_cases = models.PositiveIntegerField(_("jumlah kasus"), default=0)
    provenance = models.TextField(_("asal data"), blank=True)
    override_reason = models.TextField(_("alasan koreksi"), blank=True)

    class Meta:
        verbose_name = _("realisasi IKU")
        verbose_name_plural = _("realisasi IKU")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_goal_realisation_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}@{self.period_id}: {self.value}"

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q(indicator__in=GoalIndicator.objects.filter(GoalIndicator.scope_q(scope, action)))
