"""Bimbingan kinerja: coaching, mentoring and konseling sessions, the employee's B.1.8 feedback
and the superior's B.1.9 competency follow-up."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE, paths_q
from pembina.performance.choices import CoachingKind, CoachingStatus


def _session_q(scope, action, prefix=""):
    p = prefix
    base = models.Q(**{f"{p}employee__instansi_id": scope.instansi_id})
    if scope.write_all or (action != CHANGE and scope.read_all):
        return base
    q = models.Q(pk__in=[])
    if scope.employee_id:
        q |= models.Q(**{f"{p}employee_id": scope.employee_id}) | models.Q(
            **{f"{p}coach_id": scope.employee_id}
        )
    paths = scope.admin_unit_paths if action == CHANGE else scope.admin_unit_paths + scope.led_unit_paths
    if paths:
        q |= paths_q(f"{p}employee__current_unit_path", paths)
    return base & q


class CoachingSession(AuditedModel):
    plan = models.ForeignKey(
        "performance.PerformancePlan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coaching",
    )
    employee = models.ForeignKey("org.Employee", on_delete=models.PROTECT, related_name="coaching_sessions")
    coach = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coached_sessions",
        verbose_name=_("pembimbing"),
    )
    coach_name = models.CharField(_("nama pembimbing"), max_length=200)
    kind = models.CharField(_("bentuk bimbingan"), max_length=10, choices=CoachingKind.choices)
    held_on = models.DateField(_("tanggal"))
    topic = models.CharField(_("topik"), max_length=300)
    notes = models.TextField(_("catatan pembicaraan"), blank=True)
    agreed_actions = models.TextField(_("aksi yang disepakati"), blank=True)
    follow_up = models.TextField(_("tindak lanjut"), blank=True)
    follow_up_due = models.DateField(_("batas tindak lanjut"), null=True, blank=True)
    follow_up_done_on = models.DateField(_("tindak lanjut selesai"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=CoachingStatus.choices, default=CoachingStatus.HELD
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bimbingan kinerja")
        verbose_name_plural = _("bimbingan kinerja")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}: {self.topic[:50]}"

    @classmethod
    def scope_q(cls, scope, action):
        return _session_q(scope, action)


class CoachingFeedback(AuditedModel):
    """Format B.1.8 — Umpan Balik Pelaksanaan Bimbingan Kinerja, filled by the employee."""

    session = models.OneToOneField(CoachingSession, on_delete=models.CASCADE, related_name="feedback_form")
    answers = models.JSONField(_("jawaban"), default=dict)
    comment = models.TextField(_("saran/komentar"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("umpan balik bimbingan kinerja (B.1.8)")
        verbose_name_plural = _("umpan balik bimbingan kinerja (B.1.8)")

    def __str__(self) -> str:
        return f"B.1.8 #{self.session_id}"

    @classmethod
    def scope_q(cls, scope, action):
        return _session_q(scope, action, "session__")


class CompetencyRating(AuditedModel):
    """Format B.1.9 — one row of the competency evaluation after coaching (scale 1–5, with reason)."""

    session = models.ForeignKey(CoachingSession, on_delete=models.CASCADE, related_name="competency_ratings")
    order = models.PositiveSmallIntegerField(_("nomor"), default=0)
    competency = models.CharField(_("kompetensi pegawai"), max_length=200)
    score = models.PositiveSmallIntegerField(_("nilai (1–5)"))
    reason = models.TextField(_("alasan"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluasi kompetensi (B.1.9)")
        verbose_name_plural = _("evaluasi kompetensi (B.1.9)")
        ordering = ["session", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="competency_score_1_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competency}: {self.score}"

    @classmethod
    def scope_q(cls, scope, action):
        return _session_q(scope, action, "session__")
