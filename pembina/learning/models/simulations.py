"""Complaint-handling simulations: scenarios as branching step graphs, and the learners' attempts."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE
from pembina.learning.choices import (
    AttemptStatus,
    Channel,
    Difficulty,
    EndingKind,
    ResponseType,
    ScenarioStatus,
)
from pembina.learning.models.competencies import LEVEL_VALIDATORS
from pembina.learning.models.plans import JP_FIELD
from pembina.learning.models.scope import employee_q


class Scenario(AuditedModel):
    instansi = models.ForeignKey(
        "org.Instansi", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    code = models.SlugField(_("kode"), max_length=80, unique=True)
    title = models.CharField(_("judul"), max_length=200)
    service_context = models.TextField(_("konteks layanan"))
    service_owner = models.CharField(_("OPD/unit layanan"), max_length=200, blank=True)
    channel = models.CharField(_("kanal"), max_length=15, choices=Channel.choices)
    difficulty = models.CharField(_("tingkat kesulitan"), max_length=15, choices=Difficulty.choices)
    briefing = models.TextField(_("pengantar untuk peserta"), blank=True)
    learning_goals = models.TextField(_("tujuan pembelajaran"), blank=True, help_text=_("Satu per baris."))
    status = models.CharField(
        _("status"), max_length=10, choices=ScenarioStatus.choices, default=ScenarioStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("versi"), default=0)
    start_step = models.ForeignKey(
        "learning.Step", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pass_percent = models.DecimalField(
        _("batas lulus (%)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("70"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    jp = models.DecimalField(_("JP bila lulus"), **JP_FIELD, default=Decimal("2"))
    max_score = models.IntegerField(_("nilai maksimum"), default=0, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("skenario simulasi")
        verbose_name_plural = _("skenario simulasi")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def scope_q(cls, scope, action):
        inst = models.Q(instansi__isnull=True) | models.Q(instansi_id=scope.instansi_id)
        if action == CHANGE:
            return inst if scope.write_all else models.Q(pk__in=[])
        if scope.write_all:
            return inst
        return inst & models.Q(status=ScenarioStatus.PUBLISHED)  # learners see the published bank


class ScenarioCompetency(AuditedModel):
    """A competency the scenario trains, and the level a pass is evidence of."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="competency_links")
    competency = models.ForeignKey("learning.Competency", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level yang dibuktikan"), validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = _("kompetensi skenario")
        verbose_name_plural = _("kompetensi skenario")
        constraints = [
            models.UniqueConstraint(fields=["scenario", "competency"], name="learning_scenario_comp_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scenario_id}/{self.competency_id}"

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q(scenario__in=Scenario.objects.filter(Scenario.scope_q(scope, action)))


class Step(AuditedModel):
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="steps")
    key = models.SlugField(_("kunci"), max_length=40)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    title = models.CharField(_("judul langkah"), max_length=200, blank=True)
    situation = models.TextField(_("situasi"), blank=True)
    citizen_message = models.TextField(_("pesan warga"))
    response_type = models.CharField(
        _("jenis jawaban"), max_length=10, choices=ResponseType.choices, default=ResponseType.CHOICE
    )
    is_ending = models.BooleanField(_("langkah akhir"), default=False)
    ending_kind = models.CharField(_("jenis akhir"), max_length=5, choices=EndingKind.choices, blank=True)
    closing_feedback = models.TextField(_("umpan balik penutup"), blank=True)
    rubric = models.JSONField(_("rubrik kata kunci"), default=list, blank=True)
    next_step = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    low_next_step = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    min_points = models.SmallIntegerField(_("nilai minimal jawaban bebas"), default=1)
    prompt = models.CharField(_("petunjuk jawaban bebas"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("langkah skenario")
        verbose_name_plural = _("langkah skenario")
        ordering = ["scenario", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["scenario", "key"], name="learning_step_key_unique")]

    def __str__(self) -> str:
        return f"{self.scenario_id}:{self.key}"

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q(scenario__in=Scenario.objects.filter(Scenario.scope_q(scope, action)))


class Choice(AuditedModel):
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    label = models.TextField(_("jawaban"))
    next_step = models.ForeignKey(Step, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    scores = models.JSONField(_("nilai rubrik"), default=dict, blank=True)
    feedback = models.TextField(_("umpan balik"), blank=True)
    critical = models.BooleanField(_("pelanggaran berat"), default=False)

    class Meta:
        verbose_name = _("pilihan jawaban")
        verbose_name_plural = _("pilihan jawaban")
        ordering = ["step", "order", "id"]

    def __str__(self) -> str:
        return self.label[:60]

    @property
    def points(self) -> int:
        return sum(int(v) for v in (self.scores or {}).values())

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q(step__in=Step.objects.filter(Step.scope_q(scope, action)))


class Attempt(AuditedModel):
    scenario = models.ForeignKey(Scenario, on_delete=models.PROTECT, related_name="attempts")
    scenario_version = models.PositiveIntegerField()
    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="simulation_attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS
    )
    current_step = models.ForeignKey(Step, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    ending_step = models.ForeignKey(Step, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    total_score = models.IntegerField(_("nilai"), default=0)
    max_score = models.IntegerField(_("nilai maksimum"), default=0)
    percent = models.DecimalField(_("persentase"), max_digits=5, decimal_places=1, default=Decimal("0"))
    pass_percent = models.DecimalField(max_digits=5, decimal_places=1, default=Decimal("70"))
    passed = models.BooleanField(_("lulus"), default=False)
    critical = models.BooleanField(_("pelanggaran berat"), default=False)
    dimension_scores = models.JSONField(_("nilai per dimensi"), default=dict, blank=True)
    started_at = models.DateTimeField(_("mulai"))
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    record = models.ForeignKey(
        "learning.DevelopmentRecord", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("percobaan simulasi")
        verbose_name_plural = _("percobaan simulasi")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["scenario", "status"], name="learning_attempt_scn_idx")]

    def __str__(self) -> str:
        return f"{self.scenario_id} / {self.employee_id} ({self.percent}%)"

    @classmethod
    def scope_q(cls, scope, action):
        return employee_q(scope, action)


class AttemptAnswer(AuditedModel):
    """One answered step, with a snapshot of what was shown, so later edits never rewrite history."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    order = models.PositiveSmallIntegerField()
    step = models.ForeignKey(Step, on_delete=models.SET_NULL, null=True, related_name="+")
    step_key = models.CharField(max_length=40)
    citizen_message = models.TextField()
    choice = models.ForeignKey(Choice, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    response_text = models.TextField(_("jawaban"))
    points = models.IntegerField(_("nilai"))
    dimension_scores = models.JSONField(default=dict)
    feedback = models.TextField(_("umpan balik"), blank=True)
    critical = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("jawaban simulasi")
        verbose_name_plural = _("jawaban simulasi")
        ordering = ["attempt", "order"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "order"], name="learning_answer_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}#{self.order}"

    @classmethod
    def scope_q(cls, scope, action):
        return employee_q(
            scope,
            action,
            employee="attempt__employee_id",
            instansi="attempt__employee__instansi_id",
            path="attempt__employee__current_unit_path",
        )
