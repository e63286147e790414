"""Holidays per instansi (national, regional, cuti bersama) and the instansi's service policy."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE
from pembina.public_services.choices import ComplaintTier, HolidayKind
from pembina.public_services.rules import flow


class Holiday(AuditedModel):
    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("tanggal"))
    name = models.CharField(_("keterangan"), max_length=150)
    kind = models.CharField(_("jenis"), max_length=20, choices=HolidayKind.choices)
    is_confirmed = models.BooleanField(
        _("sudah ditetapkan"), default=True, help_text=_("Kosongkan bila tanggal masih perkiraan.")
    )
    note = models.CharField(_("dasar penetapan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date", "name"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "date", "name"], name="ps_holiday_unique"),
        ]
        indexes = [models.Index(fields=["instansi", "date"], name="ps_holiday_date_idx")]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"

    @classmethod
    def scope_q(cls, scope, action):
        base = models.Q(instansi_id=scope.instansi_id)
        if action == CHANGE and not scope.write_all:
            return models.Q(pk__in=[])
        return base


def _days(default: int, label):
    return models.PositiveSmallIntegerField(
        label, default=default, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )


class ServicePolicy(AuditedModel):
    """Per-instansi settings of public services: complaint deadlines, tracking prefix, program start."""

    instansi = models.OneToOneField("org.Instansi", on_delete=models.CASCADE, related_name="service_policy")
    tracking_prefix = models.CharField(
        _("awalan nomor lacak"),
        max_length=5,
        validators=[RegexValidator(r"^[A-Z]{2,5}$", _("Awalan harus 2–5 huruf kapital A–Z."))],
    )
    complaint_verify_days = _days(flow.DEFAULT_VERIFY_DAYS, _("batas verifikasi pengaduan (hari kerja)"))
    complaint_plan_days = _days(flow.DEFAULT_PLAN_DAYS, _("batas rencana tindak lanjut (hari kerja)"))
    tier_light_days = _days(flow.DEFAULT_TIER_DAYS[ComplaintTier.LIGHT], _("pengaduan ringan (hari kerja)"))
    tier_normative_days = _days(
        flow.DEFAULT_TIER_DAYS[ComplaintTier.NORMATIVE], _("pengaduan bersifat normatif (hari kerja)")
    )
    tier_non_supervisory_days = _days(
        flow.DEFAULT_TIER_DAYS[ComplaintTier.NON_SUPERVISORY],
        _("pengaduan tidak berkadar pengawasan (hari kerja)"),
    )
    tier_supervisory_days = _days(
        flow.DEFAULT_TIER_DAYS[ComplaintTier.SUPERVISORY], _("pengaduan berkadar pengawasan (hari kerja)")
    )
    complaint_confirm_days = _days(
        flow.DEFAULT_CONFIRM_DAYS, _("batas konfirmasi pelapor sebelum ditutup (hari kerja)")
    )
    coordinator_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit koordinator pengaduan"),
        help_text=_("Admin Koordinator SP4N-LAPOR!: menerima pengaduan yang belum jelas unitnya."),
    )
    program_start = models.DateField(_("mulai program"), null=True, blank=True)

    class Meta:
        verbose_name = _("kebijakan pelayanan publik")
        verbose_name_plural = _("kebijakan pelayanan publik")

    def __str__(self) -> str:
        return str(self.instansi_id)

    def tier_days(self, tier: str) -> int:
        return {
            ComplaintTier.LIGHT: self.tier_light_days,
            ComplaintTier.NORMATIVE: self.tier_normative_days,
            ComplaintTier.NON_SUPERVISORY: self.tier_non_supervisory_days,
            ComplaintTier.SUPERVISORY: self.tier_supervisory_days,
        }[tier]

    @classmethod
    def scope_q(cls, scope, action):
        if action == CHANGE and not scope.write_all:
            return models.Q(pk__in=[])
        return models.Q(instansi_id=scope.instansi_id)
