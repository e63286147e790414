"""The evaluation of one employee's approved SKP for one period (periodik) or the year (tahunan)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.evaluation.choices import (
    AchievementBand,
    CalibratedField,
    EvaluationKind,
    EvaluationStatus,
    EventKind,
    Predicate,
    Rating,
    Relation360,
)
from pembina.evaluation.models.lock import LOCKED, EvaluationLocked, LockGuardedMixin, LockGuardedQuerySet
from pembina.evaluation.models.scope import evaluation_q

PCT = {"max_digits": 7, "decimal_places": 2}
DECIMAL = {"max_digits": 16, "decimal_places": 4}


class EvaluationQuerySet(LockGuardedQuerySet):
    def of_opd(self, opd, *, year, kind, period=None):
        """One OPD's evaluations of a year's annual or one period's evaluations. The OPD is a
        subtree: the path prefix lets the query walk `eval_year_path_idx` instead of every
        evaluation of the city for that period; `opd` keeps the exact meaning of the header."""
        return self.filter(year=year, kind=kind, period=period, unit_path__startswith=opd.path, opd=opd)


class Evaluation(AuditedModel):
    """Header (employee, pejabat penilai, atasan) snapshotted from the SKP when the evaluation is
    opened. The achievement summary and suggested rating are written by the evaluation run
    (`services.evaluation_run`); the ratings by the pejabat penilai; the predicate follows from them
    by `rules.predicate`. States: draft → rated → published → locked (final)."""

    # The plan (the owner) and the header copied from it when the evaluation is opened keep
    # Django's PROTECT (the ORM refuses to delete what they point at) but carry no database
    # constraint and, where a composite index already leads with them, no index of their own: a
    # city-wide run inserts ~100,000 rows at once and every constraint is a locking lookup per row
    # at commit (docs/decisions/0008-evaluation-header-references.md).
    instansi = models.ForeignKey(
        "org.Instansi", on_delete=models.PROTECT, related_name="+", db_constraint=False, db_index=False
    )
    year = models.ForeignKey(
        "performance.PerformanceYear",
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    plan = models.ForeignKey(
        "performance.PerformancePlan",
        on_delete=models.PROTECT,
        related_name="evaluations",
        db_constraint=False,
    )
    kind = models.CharField(_("jenis evaluasi"), max_length=10, choices=EvaluationKind.choices)
    period = models.ForeignKey(
        "performance.Period",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        help_text=_("Kosong untuk evaluasi tahunan."),
    )
    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        related_name="evaluations",
        db_constraint=False,
        db_index=False,
    )
    rater = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rated_evaluations",
        db_constraint=False,
        db_index=False,
        verbose_name=_("pejabat penilai kinerja"),
    )
    rater_superior = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        verbose_name=_("atasan pejabat penilai kinerja"),
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, related_name="+", db_constraint=False, db_index=False
    )
    opd = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, related_name="+", db_constraint=False, db_index=False
    )
    # Read through `eval_year_path_idx` (a subtree of one year's periodic or annual evaluations).
    unit_path = models.CharField(max_length=255, blank=True, editable=False)
    is_unit_head = models.BooleanField(_("kepala unit"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    # --- written by the evaluation run (repeatable: same inputs, same values) ---
    achievement = models.DecimalField(_("capaian rata-rata (%)"), null=True, blank=True, **PCT)
    indicators_total = models.PositiveSmallIntegerField(_("jumlah IKI"), default=0)
    indicators_above = models.PositiveSmallIntegerField(_("IKI di atas ekspektasi"), default=0)
    indicators_meets = models.PositiveSmallIntegerField(_("IKI sesuai ekspektasi"), default=0)
    indicators_below = models.PositiveSmallIntegerField(_("IKI di bawah ekspektasi"), default=0)
    main_below = models.PositiveSmallIntegerField(_("IKI utama di bawah ekspektasi"), default=0)
    suggested_rating = models.CharField(
        _("saran rating hasil kerja"), max_length=10, choices=Rating.choices, blank=True
    )
    unit_achievement = models.DecimalField(_("capaian unit (%)"), null=True, blank=True, **PCT)
    unit_rating = models.CharField(
        _("rating dari capaian unit/organisasi"),
        max_length=10,
        choices=Rating.choices,
        blank=True,
        help_text=_("Untuk kepala unit: capaian unitnya sendiri adalah rating hasil kerjanya."),
    )
    computed_at = models.DateTimeField(_("capaian dihitung"), null=True, blank=True)
    # --- the pejabat penilai's judgement ---
    rating_result = models.CharField(
        _("rating hasil kerja"), max_length=10, choices=Rating.choices, blank=True
    )
    result_justification = models.TextField(_("alasan rating hasil kerja"), blank=True)
    rating_behaviour = models.CharField(
        _("rating perilaku kerja"), max_length=10, choices=Rating.choices, blank=True
    )
    behaviour_justification = models.TextField(_("alasan rating perilaku kerja"), blank=True)
    predicate = models.CharField(_("predikat kinerja"), max_length=16, choices=Predicate.choices, blank=True)
    rated_at = models.DateTimeField(_("dinilai"), null=True, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    published_at = models.DateTimeField(_("diumumkan"), null=True, blank=True)
    appeal_deadline = models.DateField(_("batas pengajuan keberatan"), null=True, blank=True)
    locked_at = models.DateTimeField(_("dikunci"), null=True, blank=True)

    objects = EvaluationQuerySet.as_manager()
    lock_lookup = "status"
    # The run's figures are derived from audited realisations by pure rules and recomputed at will
    # (`computed_at` says when): like other derived values they stay off the audit trail. Every
    # judgement (ratings, justifications, predicate, status) is audited.
    audit_exclude = (
        "created_at",
        "updated_at",
        "unit_path",
        "achievement",
        "indicators_total",
        "indicators_above",
        "indicators_meets",
        "indicators_below",
        "main_below",
        "suggested_rating",
        "unit_achievement",
        "computed_at",
    )

    class Meta:
        verbose_name = _("evaluasi kinerja")
        verbose_name_plural = _("evaluasi kinerja")
        ordering = ["year", "kind", "period__number", "unit_path", "employee__name"]
        indexes = [
            # The workhorse: one year's annual or one period's evaluations, of a unit subtree by
            # `unit_path LIKE 'prefix%'` (the pattern operator class lets PostgreSQL use the index
            # for the prefix under any collation; other backends ignore operator classes).
            models.Index(
                fields=["year", "kind", "period", "unit_path"],
                name="eval_year_path_idx",
                opclasses=["int8_ops", "varchar_pattern_ops", "int8_ops", "varchar_pattern_ops"],
            ),
            models.Index(fields=["rater", "status"], name="eval_rater_idx"),
            models.Index(fields=["employee", "status"], name="eval_employee_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "period"],
                condition=models.Q(kind="periodic"),
                name="eval_one_periodic_per_plan_period",
            ),
            models.UniqueConstraint(
                fields=["plan"], condition=models.Q(kind="annual"), name="eval_one_annual_per_plan"
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="annual", period__isnull=True))
                | models.Q(kind="periodic", period__isnull=False),
                name="eval_period_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        when = self.period.label if self.period_id and self.period else _("Tahunan")
        return f"Evaluasi {when} #{self.plan_id}"

    @property
    def is_locked(self) -> bool:
        return self.status == EvaluationStatus.LOCKED

    def clean(self) -> None:
        if self.kind == EvaluationKind.ANNUAL and self.period_id:
            raise ValidationError({"period": _("Evaluasi tahunan tidak mempunyai periode.")})
        if self.kind == EvaluationKind.PERIODIC and not self.period_id:
            raise ValidationError({"period": _("Evaluasi periodik memerlukan periode.")})

    def _stored_locked(self) -> bool:
        return bool(self.pk) and type(self)._base_manager.filter(pk=self.pk, status=LOCKED).exists()

    def save(self, *args, **kwargs):
        if self._stored_locked():
            raise EvaluationLocked()
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_locked():
            raise EvaluationLocked()
        return super().delete(*args, **kwargs)

    @classmethod
    def scope_q(cls, scope, action):
        return evaluation_q(scope, action)


class IndicatorAchievement(LockGuardedMixin, AuditedModel):
    """One IKI's achievement frozen into the evaluation when it is rated (and refreshed while it
    can still change): what the pejabat penilai saw, what the document prints."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="achievements")
    indicator = models.ForeignKey(
        "performance.Indicator", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    result_statement = models.TextField(_("rencana hasil kerja"))
    is_main = models.BooleanField(_("RHK utama"), default=True)
    name = models.CharField(_("indikator kinerja individu"), max_length=300)
    target = models.DecimalField(_("target"), null=True, blank=True, **DECIMAL)
    target_text = models.CharField(_("target (uraian)"), max_length=200, blank=True)
    unit = models.CharField(_("satuan"), max_length=40, blank=True)
    direction = models.CharField(_("arah"), max_length=6)
    aggregation = models.CharField(_("cara akumulasi"), max_length=8)
    expected = models.DecimalField(_("target s.d. periode"), null=True, blank=True, **DECIMAL)
    realised = models.DecimalField(_("realisasi s.d. periode"), null=True, blank=True, **DECIMAL)
    periods_reported = models.PositiveSmallIntegerField(_("periode terisi"), default=0)
    progress = models.DecimalField(_("capaian (%)"), null=True, blank=True, **PCT)
    band = models.CharField(_("kategori capaian"), max_length=8, choices=AchievementBand.choices)

    objects = LockGuardedQuerySet.as_manager()

    class Meta:
        verbose_name = _("capaian IKI")
        verbose_name_plural = _("capaian IKI")
        ordering = ["evaluation", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "indicator"], name="eval_one_achievement_per_iki")
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.progress}"

    @classmethod
    def scope_q(cls, scope, action):
        return evaluation_q(scope, action, "evaluation__")


class BehaviourFeedback(LockGuardedMixin, AuditedModel):
    """The pejabat penilai's feedback on one BerAKHLAK value (umpan balik berkelanjutan)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="behaviour_feedback")
    value = models.ForeignKey("performance.CoreValue", on_delete=models.PROTECT, related_name="+")
    feedback = models.TextField(_("umpan balik"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = LockGuardedQuerySet.as_manager()

    class Meta:
        verbose_name = _("umpan balik perilaku kerja")
        verbose_name_plural = _("umpan balik perilaku kerja")
        ordering = ["evaluation", "value__order"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "value"], name="eval_one_feedback_per_value")
        ]

    def __str__(self) -> str:
        return f"{self.evaluation_id}/{self.value_id}"

    @classmethod
    def scope_q(cls, scope, action):
        return evaluation_q(scope, action, "evaluation__")


class Feedback360(LockGuardedMixin, AuditedModel):
    """One peer's or subordinate's input on the BerAKHLAK values. The respondent is stored to stop
    double answers and to check eligibility; nobody but the respondent reads the row through the
    app: the rater sees only `selectors.feedback360_aggregate`, and only from 3 respondents up."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="feedback_360")
    respondent = models.ForeignKey("org.Employee", on_delete=models.PROTECT, related_name="+")
    relation = models.CharField(_("hubungan"), max_length=12, choices=Relation360.choices)
    ratings = models.JSONField(_("penilaian per nilai dasar"), default=dict, blank=True)
    comment = models.TextField(_("masukan"), blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("diisi"), null=True, blank=True)

    objects = LockGuardedQuerySet.as_manager()

    class Meta:
        verbose_name = _("masukan 360°")
        verbose_name_plural = _("masukan 360°")
        ordering = ["evaluation", "id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "respondent"], name="eval_one_360_per_respondent")
        ]

    def __str__(self) -> str:
        return f"360 #{self.pk} ({self.evaluation_id})"

    @classmethod
    def scope_q(cls, scope, action):
        # Only the respondent: identities stay hidden from raters and admins alike.
        base = models.Q(evaluation__instansi_id=scope.instansi_id)
        if not scope.employee_id:
            return models.Q(pk__in=[])
        return base & models.Q(respondent_id=scope.employee_id)


class CalibrationAdjustment(LockGuardedMixin, AuditedModel):
    """A change of a rating by the Tim Penilai Kinerja during calibration, with its reason."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="calibrations")
    field = models.CharField(_("yang diubah"), max_length=16, choices=CalibratedField.choices)
    before = models.CharField(_("sebelum"), max_length=10, choices=Rating.choices, blank=True)
    after = models.CharField(_("sesudah"), max_length=10, choices=Rating.choices)
    predicate_before = models.CharField(
        _("predikat sebelum"), max_length=16, choices=Predicate.choices, blank=True
    )
    predicate_after = models.CharField(
        _("predikat sesudah"), max_length=16, choices=Predicate.choices, blank=True
    )
    reason = models.TextField(_("alasan kalibrasi"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("oleh"), max_length=200, blank=True)

    objects = LockGuardedQuerySet.as_manager()

    class Meta:
        verbose_name = _("penyesuaian kalibrasi")
        verbose_name_plural = _("penyesuaian kalibrasi")
        ordering = ["evaluation", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.evaluation_id} {self.field}: {self.before}→{self.after}"

    @classmethod
    def scope_q(cls, scope, action):
        return evaluation_q(scope, action, "evaluation__")


class EvaluationEvent(AuditedModel):
    """The evaluation's timeline. Append-only: events are recorded even after the lock."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("peristiwa"), max_length=24, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("oleh"), max_length=200, blank=True)
    comment = models.TextField(_("catatan"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("riwayat evaluasi")
        verbose_name_plural = _("riwayat evaluasi")
        ordering = ["evaluation", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.evaluation_id} {self.kind}"

    def save(self, *args, **kwargs):
        if self.pk and not self._state.adding:
            raise PermissionError("Riwayat evaluasi hanya dapat ditambah.")
        return super().save(*args, **kwargs)

    @classmethod
    def scope_q(cls, scope, action):
        return evaluation_q(scope, action, "evaluation__")
