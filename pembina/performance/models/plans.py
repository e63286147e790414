"""The SKP (performance plan) of one employee for (part of) a year, its RHK, IKI and history."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.performance.choices import (
    Aggregation,
    Approach,
    Aspect,
    Direction,
    Perspective,
    PlanEventKind,
    PlanForm,
    PlanStatus,
    ResultKind,
)
from pembina.performance.models.scope import plan_q

DECIMAL = {"max_digits": 16, "decimal_places": 4}


class PerformancePlan(AuditedModel):
    """One SKP. The header (employee, pejabat penilai, atasan) is snapshotted as of `start_date`.

    The row is the working copy; each approval freezes a `PlanVersion` with the whole plan as JSON.
    A mid-year transfer ends this plan the day before and starts a new one (`previous_plan`)."""

    year = models.ForeignKey("performance.PerformanceYear", on_delete=models.PROTECT, related_name="plans")
    employee = models.ForeignKey("org.Employee", on_delete=models.PROTECT, related_name="performance_plans")
    position = models.ForeignKey("org.Position", on_delete=models.PROTECT, null=True, related_name="+")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, related_name="+")
    opd = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, related_name="+")
    unit_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    form = models.CharField(_("bentuk SKP"), max_length=8, choices=PlanForm.choices)
    approach = models.CharField(
        _("pendekatan"), max_length=12, choices=Approach.choices, default=Approach.QUANTITATIVE
    )
    start_date = models.DateField(_("periode mulai"))
    end_date = models.DateField(_("periode sampai"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    approved_version = models.PositiveSmallIntegerField(_("versi disetujui terakhir"), default=0)
    rater = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rated_plans",
        verbose_name=_("pejabat penilai kinerja"),
    )
    rater_superior = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("atasan pejabat penilai kinerja"),
    )
    header = models.JSONField(_("kop SKP"), default=dict)
    support_resources = models.TextField(_("dukungan sumber daya"), blank=True)
    accountability_scheme = models.TextField(_("skema pertanggungjawaban"), blank=True)
    consequences = models.TextField(_("konsekuensi"), blank=True)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    approved_at = models.DateTimeField(_("disetujui"), null=True, blank=True)
    previous_plan = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_plans"
    )
    closed_reason = models.CharField(_("alasan penutupan"), max_length=200, blank=True)

    audit_exclude = ("created_at", "updated_at", "unit_path")

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["year", "employee__name", "start_date"]
        indexes = [
            models.Index(fields=["year", "unit_path"], name="plan_year_path_idx"),
            models.Index(fields=["year", "employee", "start_date"], name="plan_year_employee_idx"),
            models.Index(fields=["year", "rater"], name="plan_year_rater_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="plan_dates"
            )
        ]

    def __str__(self) -> str:
        name = (self.header.get("employee") or {}).get("name") or f"#{self.employee_id}"
        return f"SKP {self.year} {name}"

    @property
    def is_editable(self) -> bool:
        return self.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)

    @property
    def was_approved(self) -> bool:
        return self.approved_version > 0

    def covers(self, day) -> bool:
        return self.start_date <= day <= self.end_date

    def clean(self) -> None:
        if self.year_id and self.start_date and self.start_date.year != self.year.year:
            raise ValidationError({"start_date": _("Periode SKP harus dalam tahun kinerja.")})
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Tanggal akhir SKP harus sesudah tanggal mulai.")})

    @classmethod
    def scope_q(cls, scope, action):
        return plan_q(scope, action)


class PlannedResult(AuditedModel):
    """Rencana Hasil Kerja (RHK), linked to the superior's RHK it intervenes (or, for an OPD head, to
    the OPD's goal/IKU)."""

    plan = models.ForeignKey(PerformancePlan, on_delete=models.CASCADE, related_name="results")
    kind = models.CharField(_("jenis RHK"), max_length=8, choices=ResultKind.choices, default=ResultKind.MAIN)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    statement = models.TextField(_("rencana hasil kerja"))
    perspective = models.CharField(_("perspektif"), max_length=20, choices=Perspective.choices, blank=True)
    parent_result = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("RHK atasan yang diintervensi"),
    )
    goal = models.ForeignKey(
        "performance.Goal", on_delete=models.PROTECT, null=True, blank=True, related_name="results"
    )
    goal_indicator = models.ForeignKey(
        "performance.GoalIndicator", on_delete=models.PROTECT, null=True, blank=True, related_name="results"
    )
    cascaded_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("RHK atasan yang dibagikan sebagai templat (penurunan massal)."),
    )

    class Meta:
        verbose_name = _("rencana hasil kerja")
        verbose_name_plural = _("rencana hasil kerja")
        ordering = ["plan", "kind", "order", "id"]

    def __str__(self) -> str:
        return self.statement[:80]

    @classmethod
    def scope_q(cls, scope, action):
        return plan_q(scope, action, "plan__")


class Indicator(AuditedModel):
    """Indikator Kinerja Individu (IKI) of an RHK, with one aspect and one target."""

    result = models.ForeignKey(PlannedResult, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    aspect = models.CharField(_("aspek"), max_length=10, choices=Aspect.choices, default=Aspect.QUANTITY)
    name = models.CharField(_("indikator kinerja individu"), max_length=300)
    target = models.DecimalField(_("target"), null=True, blank=True, **DECIMAL)
    target_text = models.CharField(
        _("target (uraian)"), max_length=200, blank=True, help_text=_("Untuk pendekatan kualitatif.")
    )
    unit = models.CharField(_("satuan"), max_length=40, blank=True)
    direction = models.CharField(_("arah"), max_length=6, choices=Direction.choices, default=Direction.HIGHER)
    aggregation = models.CharField(
        _("cara akumulasi"), max_length=8, choices=Aggregation.choices, default=Aggregation.SUM
    )
    data_source = models.CharField(_("sumber data"), max_length=100, blank=True)
    data_source_params = models.JSONField(_("parameter sumber data"), default=dict, blank=True)
    template = models.ForeignKey(
        "performance.IndicatorTemplate", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("indikator kinerja individu")
        verbose_name_plural = _("indikator kinerja individu")
        ordering = ["result", "order", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.target is None and not self.target_text:
            raise ValidationError(
                {"target": _("Target wajib diisi (angka, atau uraian untuk SKP kualitatif).")}
            )
        if self.target is not None and self.target < 0:
            raise ValidationError({"target": _("Target tidak boleh negatif.")})

    @classmethod
    def scope_q(cls, scope, action):
        return plan_q(scope, action, "result__plan__")


class ResultLink(AuditedModel):
    """Kinerja kolaboratif: two RHKs of different units working toward one result; seen from both."""

    result_a = models.ForeignKey(PlannedResult, on_delete=models.CASCADE, related_name="links_as_a")
    result_b = models.ForeignKey(PlannedResult, on_delete=models.CASCADE, related_name="links_as_b")
    note = models.CharField(_("keterangan kolaborasi"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kolaborasi RHK")
        verbose_name_plural = _("kolaborasi RHK")
        constraints = [
            models.UniqueConstraint(fields=["result_a", "result_b"], name="one_link_per_pair"),
            models.CheckConstraint(
                condition=models.Q(result_a__lt=models.F("result_b")), name="link_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.result_a_id} ↔ {self.result_b_id}"

    @classmethod
    def scope_q(cls, scope, action):
        return plan_q(scope, action, "result_a__plan__") | plan_q(scope, action, "result_b__plan__")


class PlanBehaviour(AuditedModel):
    """One BerAKHLAK value in an SKP with the superior's special expectation (ekspektasi khusus)."""

    plan = models.ForeignKey(PerformancePlan, on_delete=models.CASCADE, related_name="behaviours")
    value = models.ForeignKey("performance.CoreValue", on_delete=models.PROTECT, related_name="+")
    expectation = models.TextField(_("ekspektasi khusus pimpinan"), blank=True)

    class Meta:
        verbose_name = _("perilaku kerja SKP")
        verbose_name_plural = _("perilaku kerja SKP")
        ordering = ["plan", "value__order"]
        constraints = [models.UniqueConstraint(fields=["plan", "value"], name="one_behaviour_per_value")]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.value_id}"

    @classmethod
    def scope_q(cls, scope, action):
        return plan_q(scope, action, "plan__")


class PlanVersion(AuditedModel):
    """The whole plan frozen at an approval (JSON), so any two versions can be compared."""

    plan = models.ForeignKey(PerformancePlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("versi"))
    snapshot = models.JSONField(_("isi SKP"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("disetujui"))
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("versi SKP")
        verbose_name_plural = _("versi SKP")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_version_number")]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number}"

    @classmethod
    def scope_q(cls, scope, action):
        return plan_q(scope, action, "plan__")


class PlanComment(AuditedModel):
    """Dialog kinerja in writing: a thread per RHK (or per IKI, or on the plan as a whole)."""

    plan = models.ForeignKey(PerformancePlan, on_delete=models.CASCADE, related_name="comments")
    result = models.ForeignKey(
        PlannedResult, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(_("penulis"), max_length=200)
    body = models.TextField(_("isi"))
    is_return_note = models.BooleanField(_("catatan pengembalian"), default=False)
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)

    class Meta:
        verbose_name = _("dialog kinerja")
        verbose_name_plural = _("dialog kinerja")
        ordering = ["plan", "created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]

    @classmethod
    def scope_q(cls, scope, action):
        return plan_q(scope, action, "plan__")


class PlanEvent(AuditedModel):
    """The plan's timeline: submitted, returned, approved… with who and why."""

    plan = models.ForeignKey(PerformancePlan, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("peristiwa"), max_length=20, choices=PlanEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(_("oleh"), max_length=200, blank=True)
    comment = models.TextField(_("catatan"), blank=True)
    version = models.PositiveSmallIntegerField(_("versi"), default=1)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("riwayat SKP")
        verbose_name_plural = _("riwayat SKP")
        ordering = ["plan", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.kind}"

    @classmethod
    def scope_q(cls, scope, action):
        return plan_q(scope, action, "plan__")
