"""Employees (pegawai ASN), their assignment history, and explicit superior overrides."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE, paths_q
from pembina.org.choices import AsnStatus, AssignmentKind, AssignmentReason, EmploymentState, Gender
from pembina.org.rules import nip as nip_rules
from pembina.org.rules import ranks


class Employee(AuditedModel):
    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="employees")
    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    nip_old = models.CharField(_("NIP lama"), max_length=9, blank=True)
    name = models.CharField(_("nama"), max_length=150, db_index=True)
    front_title = models.CharField(_("gelar depan"), max_length=40, blank=True)
    back_title = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)
    birth_place = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    birth_date = models.DateField(_("tanggal lahir"))
    asn_status = models.CharField(_("status ASN"), max_length=10, choices=AsnStatus.choices)
    rank = models.CharField(_("golongan"), max_length=6, blank=True)
    rank_since = models.DateField(_("TMT golongan"), null=True, blank=True)
    state = models.CharField(
        _("status kepegawaian"),
        max_length=10,
        choices=EmploymentState.choices,
        default=EmploymentState.ACTIVE,
    )
    email = models.EmailField(_("surel"), blank=True)
    phone = models.CharField(_("nomor HP"), max_length=30, blank=True)
    # Denormalised from the open definitive assignment (kept by org.services), for fast lists and scoping.
    current_position = models.ForeignKey(
        "org.Position",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jabatan"),
    )
    current_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit kerja"),
    )
    current_opd = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("OPD")
    )
    current_unit_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)

    audit_exclude = ("created_at", "updated_at", "current_unit_path")

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["name", "nip"]
        indexes = [
            models.Index(fields=["instansi", "current_opd", "name"], name="employee_opd_name_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nip})"

    @property
    def full_name(self) -> str:
        name = self.name
        if self.front_title:
            name = f"{self.front_title} {name}"
        if self.back_title:
            name = f"{name}, {self.back_title}"
        return name

    @property
    def nip_display(self) -> str:
        return nip_rules.format_nip(self.nip)

    @property
    def pangkat(self) -> str:
        return ranks.PANGKAT.get(self.rank, "")

    def clean(self) -> None:
        errors = {}
        kind = nip_rules.PPPK if self.asn_status == AsnStatus.PPPK else nip_rules.PNS
        try:
            info = nip_rules.parse(self.nip, kind=kind)
        except nip_rules.NipError as exc:
            errors["nip"] = str(exc)
        else:
            self.nip = info.nip
            if self.birth_date and self.birth_date != info.birth_date:
                errors["birth_date"] = _("Tanggal lahir tidak sesuai dengan NIP (%(d)s).") % {
                    "d": info.birth_date.strftime("%d-%m-%Y")
                }
            if self.gender and self.gender != info.gender:
                errors["gender"] = _("Jenis kelamin tidak sesuai dengan digit ke-15 NIP.")
        if self.rank:
            valid = ranks.PPPK_CODES if self.asn_status == AsnStatus.PPPK else ranks.PNS_CODES
            if self.rank not in valid:
                errors["rank"] = _("Golongan %(r)s tidak berlaku untuk %(s)s.") % {
                    "r": self.rank,
                    "s": self.get_asn_status_display(),
                }
        if errors:
            raise ValidationError(errors)

    @classmethod
    def scope_q(cls, scope, action):
        base = models.Q(instansi_id=scope.instansi_id)
        if action == CHANGE:
            if scope.write_all:
                return base
            return base & paths_q("current_unit_path", scope.admin_unit_paths)
        if scope.read_all:
            return base
        q = models.Q(pk=scope.employee_id) if scope.employee_id else models.Q(pk__in=[])
        q |= paths_q("current_unit_path", scope.admin_unit_paths + scope.led_unit_paths)
        if scope.supervised_employee_ids:
            q |= models.Q(pk__in=scope.supervised_employee_ids)
        return base & q


class Assignment(AuditedModel):
    """One stretch of an employee in a position: definitive, or acting (Plt/Plh) beside it."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="assignments")
    position = models.ForeignKey("org.Position", on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="assignments")
    kind = models.CharField(
        _("jenis penugasan"), max_length=10, choices=AssignmentKind.choices, default=AssignmentKind.DEFINITIVE
    )
    reason = models.CharField(
        _("alasan"), max_length=15, choices=AssignmentReason.choices, default=AssignmentReason.APPOINTMENT
    )
    start_date = models.DateField(_("TMT mulai"))
    end_date = models.DateField(_("sampai"), null=True, blank=True)
    decree_number = models.CharField(_("nomor SK"), max_length=100, blank=True)
    decree_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("riwayat jabatan")
        verbose_name_plural = _("riwayat jabatan")
        ordering = ["employee", "-start_date", "-id"]
        indexes = [
            models.Index(fields=["position", "start_date"], name="assignment_position_idx"),
            models.Index(fields=["employee", "start_date"], name="assignment_employee_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="assignment_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} → {self.position_id} ({self.start_date})"

    def covers(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    @classmethod
    def scope_q(cls, scope, action):
        sub = Employee.scope_q(scope, action)
        ids = Employee.objects.filter(sub).values("pk")
        return models.Q(employee_id__in=ids)


class SupervisorOverride(AuditedModel):
    """An explicit pejabat penilai for a stretch of time (acting officials, delegated authority)."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="supervisor_overrides")
    supervisor = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("sampai"), null=True, blank=True)
    reason = models.CharField(_("alasan"), max_length=300)

    class Meta:
        verbose_name = _("penetapan pejabat penilai")
        verbose_name_plural = _("penetapan pejabat penilai")
        ordering = ["employee", "-start_date"]

    def __str__(self) -> str:
        return f"{self.employee_id} ← {self.supervisor_id}"

    def clean(self) -> None:
        if self.employee_id and self.employee_id == self.supervisor_id:
            raise ValidationError(
                {"supervisor": _("Pegawai tidak dapat menjadi pejabat penilai dirinya sendiri.")}
            )
        if self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Tanggal selesai harus sesudah tanggal mulai.")})

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q(employee_id__in=Employee.objects.filter(Employee.scope_q(scope, action)).values("pk"))
