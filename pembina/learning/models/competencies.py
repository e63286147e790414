"""The competency dictionary (kamus kompetensi) and the required levels per position (standar kompetensi)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE, paths_q
from pembina.learning.choices import CompetencyKind, TechnicalField
from pembina.org.choices import JobLevel, JobType

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Competency(AuditedModel):
    """A competency with five levels. National dictionaries (managerial, socio-cultural) have no
    instansi and change only through the seed; an instansi adds its own technical competencies."""

    instansi = models.ForeignKey(
        "org.Instansi", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama kompetensi"), max_length=150)
    kind = models.CharField(_("jenis"), max_length=20, choices=CompetencyKind.choices)
    field = models.CharField(_("bidang"), max_length=30, choices=TechnicalField.choices, blank=True)
    definition = models.TextField(_("definisi"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kamus kompetensi")
        ordering = ["kind", "sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_q(cls, scope, action):
        if action == CHANGE:
            if not scope.write_all:
                return models.Q(pk__in=[])
            return models.Q(instansi_id=scope.instansi_id)
        return models.Q(instansi__isnull=True) | models.Q(instansi_id=scope.instansi_id)


class CompetencyLevel(AuditedModel):
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    title = models.CharField(_("deskripsi level"), max_length=400)
    indicators = models.TextField(
        _("indikator perilaku"), blank=True, help_text=_("Satu indikator per baris.")
    )

    class Meta:
        verbose_name = _("level kompetensi")
        verbose_name_plural = _("level kompetensi")
        ordering = ["competency", "level"]
        constraints = [
            models.UniqueConstraint(fields=["competency", "level"], name="learning_one_row_per_level"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=5), name="learning_level_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.competency_id} L{self.level}"

    @property
    def indicator_list(self) -> list[str]:
        return [line.strip() for line in self.indicators.splitlines() if line.strip()]

    @classmethod
    def scope_q(cls, scope, action):
        ids = Competency.objects.filter(Competency.scope_q(scope, action)).values("pk")
        return models.Q(competency_id__in=ids)


class PositionStandard(AuditedModel):
    """The required level of one competency for one position; 0 removes a default requirement."""

    position = models.ForeignKey(
        "org.Position", on_delete=models.CASCADE, related_name="competency_standards"
    )
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    required_level = models.PositiveSmallIntegerField(_("level standar"), validators=[MaxValueValidator(5)])

    class Meta:
        verbose_name = _("standar kompetensi jabatan")
        verbose_name_plural = _("standar kompetensi jabatan")
        ordering = ["position", "competency"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "competency"], name="learning_position_standard_unique"
            ),
            models.CheckConstraint(condition=models.Q(required_level__lte=5), name="learning_standard_0_5"),
        ]

    def __str__(self) -> str:
        return f"{self.position_id}/{self.competency_id}: {self.required_level}"

    @classmethod
    def scope_q(cls, scope, action):
        base = models.Q(position__instansi_id=scope.instansi_id)
        if action != CHANGE or scope.write_all:
            return base
        return base & paths_q("position__unit__path", scope.admin_unit_paths)


class StandardDefault(AuditedModel):
    """The default required level for a job type (and optionally a jenjang) when a position has no row."""

    instansi = models.ForeignKey("org.Instansi", on_delete=models.CASCADE, related_name="+")
    job_type = models.CharField(_("jenis jabatan"), max_length=20, choices=JobType.choices)
    job_level = models.CharField(_("jenjang"), max_length=20, choices=JobLevel.choices, blank=True)
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="+")
    required_level = models.PositiveSmallIntegerField(_("level standar"), validators=[MaxValueValidator(5)])

    class Meta:
        verbose_name = _("standar kompetensi bawaan")
        verbose_name_plural = _("standar kompetensi bawaan")
        ordering = ["job_type", "job_level", "competency"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "job_type", "job_level", "competency"],
                name="learning_standard_default_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.job_type}/{self.job_level or '*'}: {self.competency_id}={self.required_level}"

    @classmethod
    def scope_q(cls, scope, action):
        base = models.Q(instansi_id=scope.instansi_id)
        if action == CHANGE and not scope.write_all:
            return models.Q(pk__in=[])
        return base
