"""Complaints (pengaduan) following SP4N-LAPOR!, their timeline and escalations."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import paths_q
from pembina.public_services.choices import (
    ComplaintAction,
    ComplaintChannel,
    ComplaintStage,
    ComplaintStatus,
    ComplaintTier,
)
from pembina.public_services.models.scope import employee_place, instansi_wide


def is_coordinator(scope) -> bool:
    """Admins, heads and staff of the instansi's complaint coordinator unit handle every complaint."""
    from pembina.public_services.models.calendar import ServicePolicy

    cached = scope.__dict__.get("_ps_coordinator")
    if cached is not None:
        return cached
    path = (
        ServicePolicy.objects.filter(instansi_id=scope.instansi_id, coordinator_unit__isnull=False)
        .values_list("coordinator_unit__path", flat=True)
        .first()
    )
    result = False
    if path:
        if any(path.startswith(p) for p in scope.admin_unit_paths + scope.led_unit_paths):
            result = True
        else:
            _opd, own_path = employee_place(scope)
            result = bool(own_path and own_path.startswith(path))
    object.__setattr__(scope, "_ps_coordinator", result)
    return result


class Complaint(AuditedModel):
    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="+")
    tracking_number = models.CharField(_("nomor lacak"), max_length=24, unique=True)
    # Given to the complainant only (receipt/link): needed to confirm and rate the resolution.
    confirm_token = models.CharField(max_length=32, unique=True, editable=False)
    channel = models.CharField(_("kanal"), max_length=10, choices=ComplaintChannel.choices)
    lapor_reference = models.CharField(_("nomor laporan SP4N-LAPOR!"), max_length=40, blank=True)
    subject = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("isi pengaduan"))
    location = models.CharField(_("lokasi kejadian"), max_length=200, blank=True)
    is_anonymous = models.BooleanField(_("anonim"), default=False)
    is_confidential = models.BooleanField(_("identitas dirahasiakan"), default=False)
    reporter_name = models.CharField(_("nama pelapor"), max_length=150, blank=True)
    reporter_contact = models.CharField(_("kontak pelapor"), max_length=100, blank=True)
    service = models.ForeignKey(
        "public_services.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("layanan"),
    )
    request = models.ForeignKey(
        "public_services.ServiceRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("permohonan terkait"),
    )
    # The unit currently competent to handle it (changes when forwarded).
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    opd = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    unit_path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    handler = models.ForeignKey(
        "org.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("petugas penghubung"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    tier = models.CharField(_("klasifikasi"), max_length=20, choices=ComplaintTier.choices, blank=True)
    received_at = models.DateTimeField(_("diterima"))
    received_month = models.DateField(editable=False)
    verify_due = models.DateField(_("batas verifikasi"))
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)
    plan_due = models.DateField(_("batas rencana tindak lanjut"), null=True, blank=True)
    planned_at = models.DateTimeField(_("rencana disampaikan"), null=True, blank=True)
    follow_up_plan = models.TextField(_("rencana tindak lanjut"), blank=True)
    resolution_due = models.DateField(_("batas penyelesaian"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    resolved_month = models.DateField(null=True, blank=True, editable=False)
    resolution = models.TextField(_("jawaban/penyelesaian"), blank=True)
    resolved_on_time = models.BooleanField(_("selesai tepat waktu"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    rejected_at = models.DateTimeField(_("ditolak"), null=True, blank=True)
    rejection_reason = models.TextField(_("alasan tidak diproses"), blank=True)
    confirmed_at = models.DateTimeField(_("dikonfirmasi pelapor"), null=True, blank=True)
    complainant_satisfied = models.BooleanField(_("pelapor menerima penyelesaian"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("penilaian pelapor (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    confirmation_note = models.TextField(_("tanggapan pelapor"), blank=True)

    audit_exclude = (
        "created_at",
        "updated_at",
        "unit_path",
        "received_month",
        "resolved_month",
        "confirm_token",
    )

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="ps_complaint_rating_1_5",
            ),
            models.CheckConstraint(
                condition=~models.Q(is_anonymous=True) | models.Q(reporter_name="", reporter_contact=""),
                name="ps_complaint_anonymous_has_no_identity",
            ),
        ]
        indexes = [
            models.Index(fields=["instansi", "received_month"], name="ps_complaint_received_idx"),
            models.Index(fields=["instansi", "resolved_month"], name="ps_complaint_resolved_idx"),
            models.Index(fields=["status"], name="ps_complaint_status_idx"),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @classmethod
    def scope_q(cls, scope, action):
        base = models.Q(instansi_id=scope.instansi_id)
        if instansi_wide(scope, action) or is_coordinator(scope):
            return base
        q = paths_q("unit_path", scope.admin_unit_paths + scope.led_unit_paths)
        _opd, own_path = employee_place(scope)
        if own_path:
            q |= models.Q(unit_path__startswith=own_path)
        if scope.employee_id:
            q |= models.Q(handler_id=scope.employee_id)
        return base & q


class ComplaintEvent(AuditedModel):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("langkah"), max_length=12, choices=ComplaintAction.choices)
    status_from = models.CharField(max_length=12, choices=ComplaintStatus.choices, blank=True)
    status_to = models.CharField(max_length=12, choices=ComplaintStatus.choices, blank=True)
    at = models.DateTimeField(_("waktu"))
    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("petugas"),
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    from_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dari unit"),
    )
    to_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ke unit"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("riwayat pengaduan")
        verbose_name_plural = _("riwayat pengaduan")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q(complaint__in=Complaint.objects.filter(Complaint.scope_q(scope, action)).values("pk"))


class ComplaintEscalation(AuditedModel):
    """A missed deadline of one stage, raised to the unit head once per stage and deadline."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="escalations")
    stage = models.CharField(_("tahap"), max_length=20, choices=ComplaintStage.choices)
    due_date = models.DateField(_("batas waktu"))
    escalated_at = models.DateTimeField(_("dieskalasi"))
    escalated_to = models.ForeignKey(
        "org.Employee", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("eskalasi pengaduan")
        verbose_name_plural = _("eskalasi pengaduan")
        ordering = ["-escalated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "stage", "due_date"], name="ps_complaint_escalation_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.stage} {self.due_date}"

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q(complaint__in=Complaint.objects.filter(Complaint.scope_q(scope, action)).values("pk"))
