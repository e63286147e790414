"""The employee competency profile: assessed levels with source and date (history kept), and the
materialised gap table the OPD and city views aggregate."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import ScopedQuerySet
from pembina.learning.choices import AssessmentSource
from pembina.learning.models.competencies import LEVEL_VALIDATORS
from pembina.learning.models.scope import employee_q


class CompetencyAssessment(AuditedModel):
    employee = models.ForeignKey(
        "org.Employee", on_delete=models.CASCADE, related_name="competency_assessments"
    )
    competency = models.ForeignKey(
        "learning.Competency", on_delete=models.PROTECT, related_name="assessments"
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    source = models.CharField(_("sumber"), max_length=20, choices=AssessmentSource.choices)
    source_ref = models.CharField(_("rujukan sumber"), max_length=120, blank=True)
    assessed_on = models.DateField(_("tanggal penilaian"))
    assessor_name = models.CharField(_("penilai/lembaga"), max_length=200, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("hasil penilaian kompetensi")
        verbose_name_plural = _("profil kompetensi")
        ordering = ["employee", "competency", "-assessed_on", "-id"]
        indexes = [
            models.Index(fields=["employee", "competency", "assessed_on"], name="learning_assess_emp_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "competency", "source", "source_ref"],
                condition=~models.Q(source_ref=""),
                name="learning_assessment_once_per_source",
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="learning_assessed_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id}/{self.competency_id}: {self.level} ({self.source})"

    @classmethod
    def scope_q(cls, scope, action):
        return employee_q(scope, action)


class CompetencyGap(models.Model):
    """Derived (refreshed set-based by `services.gaps.gap_table_refresh`): one row per employee and
    required competency. Not on the audit trail: it is recomputed from audited data."""

    instansi_id = models.BigIntegerField(db_index=True)
    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="+")
    competency = models.ForeignKey("learning.Competency", on_delete=models.CASCADE, related_name="+")
    opd = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    unit_path = models.CharField(max_length=255, blank=True)
    required = models.PositiveSmallIntegerField(default=0)
    current = models.PositiveSmallIntegerField(null=True, blank=True)
    gap = models.PositiveSmallIntegerField(null=True, blank=True)
    refreshed_at = models.DateTimeField()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("kesenjangan kompetensi")
        verbose_name_plural = _("kesenjangan kompetensi")
        constraints = [models.UniqueConstraint(fields=["employee", "competency"], name="learning_gap_unique")]
        indexes = [
            models.Index(fields=["instansi_id", "competency"], name="learning_gap_comp_idx"),
            models.Index(fields=["opd", "competency"], name="learning_gap_opd_idx"),
            models.Index(fields=["unit_path"], name="learning_gap_path_idx"),
        ]

    @classmethod
    def scope_q(cls, scope, action):
        return employee_q(scope, action, instansi="instansi_id", path="unit_path")
