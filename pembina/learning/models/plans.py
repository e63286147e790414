"""Development needs (from evaluations, gaps, coaching) and the yearly IDP with its activities."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.learning.choices import ActivityKind, NeedSource, NeedStatus, PlanActivityStatus, PlanStatus
from pembina.learning.models.scope import employee_q

JP_FIELD = {"max_digits": 6, "decimal_places": 1, "validators": [MinValueValidator(Decimal("0"))]}


class DevelopmentNeed(AuditedModel):
    """Something an employee needs to develop, with where it came from. Opened once per source:
    `dedupe_key` = source kind, reference and competency, unique per employee."""

    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="development_needs")
    competency = models.ForeignKey(
        "learning.Competency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_kind = models.CharField(_("asal kebutuhan"), max_length=20, choices=NeedSource.choices)
    source_ref = models.CharField(_("rujukan"), max_length=120, blank=True)
    reason = models.TextField(_("alasan"))
    status = models.CharField(_("status"), max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    dedupe_key = models.CharField(max_length=200, editable=False)
    opened_on = models.DateField(_("dibuka"))
    closed_on = models.DateField(_("ditutup"), null=True, blank=True)
    close_note = models.CharField(_("catatan penutupan"), max_length=300, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kebutuhan pengembangan")
        verbose_name_plural = _("kebutuhan pengembangan")
        ordering = ["employee", "-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "dedupe_key"], name="learning_need_once_per_source")
        ]

    def __str__(self) -> str:
        return f"{self.get_source_kind_display()}: {self.reason[:60]}"

    @classmethod
    def scope_q(cls, scope, action):
        return employee_q(scope, action)


class DevelopmentPlan(AuditedModel):
    """Individual Development Plan (IDP) of one employee for one year."""

    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="development_plans")
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    target_position = models.ForeignKey(
        "org.Position",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jabatan sasaran"),
    )
    career_goal = models.TextField(_("sasaran karier"), blank=True)
    employee_note = models.TextField(_("catatan pegawai"), blank=True)
    superior = models.ForeignKey(
        "org.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("atasan yang menyepakati"),
    )
    superior_note = models.TextField(_("catatan atasan"), blank=True)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("rencana pengembangan individu (IDP)")
        verbose_name_plural = _("rencana pengembangan individu (IDP)")
        ordering = ["-year", "employee"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="learning_one_plan_per_year")
        ]

    def __str__(self) -> str:
        return f"IDP {self.year} — {self.employee_id}"

    @classmethod
    def scope_q(cls, scope, action):
        return employee_q(scope, action)


class PlanActivity(AuditedModel):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="activities")
    order = models.PositiveSmallIntegerField(_("nomor"), default=0)
    kind = models.CharField(_("bentuk pengembangan"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("kegiatan"), max_length=300)
    competency = models.ForeignKey(
        "learning.Competency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    need = models.ForeignKey(
        DevelopmentNeed, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    programme = models.ForeignKey(
        "learning.Programme", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    event = models.ForeignKey(
        "learning.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    planned_jp = models.DecimalField(_("JP rencana"), **JP_FIELD)
    planned_start = models.DateField(_("rencana mulai"), null=True, blank=True)
    planned_end = models.DateField(_("rencana selesai"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanActivityStatus.choices, default=PlanActivityStatus.PLANNED
    )
    added_after_agreement = models.BooleanField(_("ditambahkan setelah disepakati"), default=False)
    completed_on = models.DateField(_("tanggal selesai"), null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("kegiatan IDP")
        verbose_name_plural = _("kegiatan IDP")
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def scope_q(cls, scope, action):
        return employee_q(
            scope,
            action,
            employee="plan__employee_id",
            instansi="plan__employee__instansi_id",
            path="plan__employee__current_unit_path",
        )


class PlanEvent(models.Model):
    """The timeline of an IDP: each workflow step with who, when and the note (append-only)."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "at", "id"]
