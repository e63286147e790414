"""Service requests (permohonan layanan) and their timeline."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.public_services.choices import RequestAction, RequestChannel, RequestStatus
from pembina.public_services.models.scope import handling_q


class ServiceRequest(AuditedModel):
    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(
        "public_services.Service",
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("layanan"),
    )
    # The responsible unit when the request arrived (the catalogue may move a service later).
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    opd = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD"))
    unit_path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    tracking_number = models.CharField(_("nomor lacak"), max_length=24, unique=True)
    channel = models.CharField(_("kanal"), max_length=10, choices=RequestChannel.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    # Citizen data kept to the minimum needed to hand the product over.
    citizen_name = models.CharField(_("nama pemohon"), max_length=150)
    citizen_contact = models.CharField(_("kontak pemohon (HP/surel)"), max_length=100, blank=True)
    description = models.TextField(_("keterangan permohonan"), blank=True)
    location = models.CharField(_("lokasi/alamat objek"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("diterima"))
    received_month = models.DateField(editable=False)
    completion_days = models.PositiveSmallIntegerField(_("standar waktu (hari kerja)"))
    due_date = models.DateField(_("batas waktu"))
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)
    processing_at = models.DateTimeField(_("mulai diproses"), null=True, blank=True)
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    completed_month = models.DateField(null=True, blank=True, editable=False)
    picked_up_at = models.DateTimeField(_("diambil"), null=True, blank=True)
    rejected_at = models.DateTimeField(_("ditolak"), null=True, blank=True)
    rejection_reason = models.TextField(_("alasan penolakan"), blank=True)
    elapsed_working_days = models.PositiveSmallIntegerField(
        _("lama penyelesaian (hari kerja)"), null=True, blank=True
    )
    within_deadline = models.BooleanField(_("tepat waktu"), null=True, blank=True)
    is_overdue = models.BooleanField(_("terlambat"), default=False)
    escalated_at = models.DateTimeField(_("dieskalasi"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        "org.Employee", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handler = models.ForeignKey(
        "org.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("petugas terakhir"),
    )
    # Carried by the receipt's link/QR: lets the citizen fill the SKM survey once, without login.
    survey_token = models.CharField(max_length=32, unique=True, null=True, blank=True, editable=False)
    external_ref = models.CharField(_("nomor di sistem loket"), max_length=64, blank=True)

    audit_exclude = (
        "created_at",
        "updated_at",
        "unit_path",
        "received_month",
        "completed_month",
        "survey_token",
    )

    class Meta:
        verbose_name = _("permohonan layanan")
        verbose_name_plural = _("permohonan layanan")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "external_ref"],
                condition=~models.Q(external_ref=""),
                name="ps_request_external_ref_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["instansi", "received_month"], name="ps_request_received_idx"),
            models.Index(fields=["instansi", "completed_month"], name="ps_request_completed_idx"),
            models.Index(fields=["status", "due_date"], name="ps_request_open_due_idx"),
            models.Index(fields=["service", "received_at"], name="ps_request_service_idx"),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @classmethod
    def scope_q(cls, scope, action):
        return handling_q(scope, action)


class RequestEvent(AuditedModel):
    """One step of a request: who (employee and unit) did what, when."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("langkah"), max_length=12, choices=RequestAction.choices)
    status_from = models.CharField(max_length=12, choices=RequestStatus.choices, blank=True)
    status_to = models.CharField(max_length=12, choices=RequestStatus.choices, blank=True)
    at = models.DateTimeField(_("waktu"))
    employee = models.ForeignKey(
        "org.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("petugas"),
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("riwayat permohonan")
        verbose_name_plural = _("riwayat permohonan")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q(
            request__in=ServiceRequest.objects.filter(ServiceRequest.scope_q(scope, action)).values("pk")
        )
