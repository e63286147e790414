"""Tindak lanjut: what a final predicate converts to (credit points, TPP) and the hand-over to the
learning app; and the potential scores that place employees on the talent 9-box."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE, paths_q
from pembina.evaluation.choices import Predicate
from pembina.evaluation.models.scope import evaluation_q

PCT = {"max_digits": 7, "decimal_places": 2}


class FollowUp(AuditedModel):
    """Written once when the evaluation is locked (not a part of the locked evaluation itself)."""

    evaluation = models.OneToOneField(
        "evaluation.Evaluation", on_delete=models.CASCADE, related_name="follow_up"
    )
    predicate = models.CharField(_("predikat"), max_length=16, choices=Predicate.choices)
    credit_percent = models.DecimalField(_("persentase angka kredit (%)"), **PCT)
    credit_months = models.PositiveSmallIntegerField(_("bulan yang dinilai"), default=12)
    tpp_percent = models.DecimalField(_("komponen kinerja TPP (%)"), **PCT)
    development_need = models.ForeignKey(
        "learning.DevelopmentNeed", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tindak lanjut evaluasi")
        verbose_name_plural = _("tindak lanjut evaluasi")
        ordering = ["evaluation"]

    def __str__(self) -> str:
        return f"Tindak lanjut #{self.evaluation_id}: {self.get_predicate_display()}"

    @classmethod
    def scope_q(cls, scope, action):
        return evaluation_q(scope, action, "evaluation__")


class PotentialScore(AuditedModel):
    """An assessment score (0–100) of an employee's potential for one year, imported by an admin."""

    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="potential_scores")
    year = models.PositiveSmallIntegerField(_("tahun"))
    score = models.DecimalField(
        _("skor potensi"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    assessed_on = models.DateField(_("tanggal asesmen"), null=True, blank=True)
    source = models.CharField(_("sumber asesmen"), max_length=120, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("skor potensi")
        verbose_name_plural = _("skor potensi")
        ordering = ["year", "employee__name"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="eval_one_potential_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year}: {self.score}"

    def clean(self) -> None:
        if self.year and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": _("Tahun tidak wajar.")})

    @classmethod
    def scope_q(cls, scope, action):
        base = models.Q(employee__instansi_id=scope.instansi_id)
        if scope.write_all or (action != CHANGE and scope.read_all):
            return base
        paths = scope.team_unit_paths if action == CHANGE else scope.team_unit_paths + scope.led_unit_paths
        q = paths_q("employee__current_unit_path", paths) if paths else models.Q(pk__in=[])
        if action != CHANGE and scope.employee_id:
            q |= models.Q(employee_id=scope.employee_id)
        return base & q
