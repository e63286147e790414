"""Keberatan (PP 30/2019 Pasal 59): filed by the employee within the deadline to the atasan pejabat
penilai, who asks both sides for an explanation and decides; the decision is final."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.evaluation.choices import AppealDecision, AppealStatus, Predicate, Rating
from pembina.evaluation.models.lock import LockGuardedMixin, LockGuardedQuerySet
from pembina.evaluation.models.scope import evaluation_q


class Appeal(LockGuardedMixin, AuditedModel):
    evaluation = models.OneToOneField(
        "evaluation.Evaluation", on_delete=models.CASCADE, related_name="appeal"
    )
    status = models.CharField(
        _("status"), max_length=14, choices=AppealStatus.choices, default=AppealStatus.FILED
    )
    reasons = models.TextField(_("alasan keberatan"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filed_at = models.DateTimeField(_("diajukan"))
    deadline = models.DateField(_("batas pengajuan"))
    decider = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("atasan pejabat penilai kinerja"),
    )
    explanations_requested_at = models.DateTimeField(_("penjelasan diminta"), null=True, blank=True)
    explanation_due = models.DateField(_("batas penjelasan"), null=True, blank=True)
    request_note = models.TextField(_("catatan permintaan penjelasan"), blank=True)
    rater_explanation = models.TextField(_("penjelasan pejabat penilai"), blank=True)
    rater_explained_at = models.DateTimeField(null=True, blank=True)
    employee_explanation = models.TextField(_("penjelasan pegawai"), blank=True)
    employee_explained_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(_("keputusan"), max_length=8, choices=AppealDecision.choices, blank=True)
    decision_reasons = models.TextField(_("alasan keputusan"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    rating_result_before = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    rating_behaviour_before = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    predicate_before = models.CharField(max_length=16, choices=Predicate.choices, blank=True)
    predicate_after = models.CharField(max_length=16, choices=Predicate.choices, blank=True)

    objects = LockGuardedQuerySet.as_manager()

    class Meta:
        verbose_name = _("keberatan")
        verbose_name_plural = _("keberatan")
        ordering = ["-filed_at", "-id"]

    def __str__(self) -> str:
        return f"Keberatan atas evaluasi #{self.evaluation_id}"

    @classmethod
    def scope_q(cls, scope, action):
        return evaluation_q(scope, action, "evaluation__")
