"""The training catalogue: programmes, their events, enrolments, reaction evaluations and certificates."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE, paths_q
from pembina.learning.choices import (
    ActivityKind,
    CertificateKind,
    CertificateStatus,
    EnrolmentStatus,
    EventStatus,
    ProgrammeCategory,
)
from pembina.learning.models.competencies import LEVEL_VALIDATORS
from pembina.learning.models.plans import JP_FIELD
from pembina.learning.models.scope import employee_q

SCORE_FIELD = {
    "max_digits": 5,
    "decimal_places": 1,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(0), MaxValueValidator(100)],
}


class Programme(AuditedModel):
    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("kode"), max_length=60)
    title = models.CharField(_("nama program"), max_length=250)
    category = models.CharField(_("kategori"), max_length=20, choices=ProgrammeCategory.choices)
    kind = models.CharField(_("bentuk"), max_length=20, choices=ActivityKind.choices)
    jp = models.DecimalField(_("JP"), **JP_FIELD)
    description = models.TextField(_("deskripsi"), blank=True)
    organiser = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    passing_score = models.DecimalField(
        _("nilai lulus post-test"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Kosong bila tanpa post-test."),
    )
    min_attendance = models.PositiveSmallIntegerField(
        _("kehadiran minimal (%)"), default=80, validators=[MaxValueValidator(100)]
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    competencies = models.ManyToManyField(
        "learning.Competency", through="ProgrammeCompetency", related_name="programmes", blank=True
    )

    class Meta:
        verbose_name = _("program pelatihan")
        verbose_name_plural = _("katalog pelatihan")
        ordering = ["category", "title"]
        constraints = [
            models.UniqueConstraint(fields=["instansi", "code"], name="learning_programme_code_unique")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def mode(self) -> str:
        from pembina.learning.rules.jp import mode_of

        return mode_of(self.kind)

    @classmethod
    def scope_q(cls, scope, action):
        base = models.Q(instansi_id=scope.instansi_id)
        if action == CHANGE and not scope.write_all:
            return models.Q(pk__in=[])
        return base


class ProgrammeCompetency(AuditedModel):
    """A competency a programme builds, and the level a participant who passes demonstrates."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="competency_links")
    competency = models.ForeignKey("learning.Competency", on_delete=models.PROTECT, related_name="+")
    target_level = models.PositiveSmallIntegerField(_("level yang dicapai"), validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = _("kompetensi program")
        verbose_name_plural = _("kompetensi program")
        constraints = [
            models.UniqueConstraint(fields=["programme", "competency"], name="learning_programme_comp_unique")
        ]

    def __str__(self) -> str:
        return f"{self.programme_id}/{self.competency_id}→{self.target_level}"

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q(programme__in=Programme.objects.filter(Programme.scope_q(scope, action)))


class Event(AuditedModel):
    """One run of a programme (angkatan): dates, place or link, quota, organiser."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="events")
    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("judul kegiatan"), max_length=250)
    batch = models.CharField(_("angkatan"), max_length=40, blank=True)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    place = models.CharField(_("tempat"), max_length=250, blank=True)
    link = models.URLField(_("tautan daring"), blank=True)
    quota = models.PositiveIntegerField(_("kuota peserta"), validators=[MinValueValidator(1)])
    organiser = models.CharField(_("penyelenggara"), max_length=200)
    organiser_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit penyelenggara"),
    )
    enrolment_deadline = models.DateField(_("batas pendaftaran"), null=True, blank=True)
    jp = models.DecimalField(_("JP"), **JP_FIELD)
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("penyelenggaraan pelatihan")
        verbose_name_plural = _("penyelenggaraan pelatihan")
        ordering = ["-start_date", "title"]
        indexes = [models.Index(fields=["instansi", "start_date"], name="learning_event_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="learning_event_dates"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.batch}".strip()

    @classmethod
    def scope_q(cls, scope, action):
        base = models.Q(instansi_id=scope.instansi_id)
        if action != CHANGE or scope.write_all:
            return base
        return base & paths_q("organiser_unit__path", scope.admin_unit_paths)


class Enrolment(AuditedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="enrolments")
    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(
        _("status"), max_length=20, choices=EnrolmentStatus.choices, default=EnrolmentStatus.REQUESTED
    )
    plan_activity = models.ForeignKey(
        "learning.PlanActivity", on_delete=models.SET_NULL, null=True, blank=True, related_name="enrolments"
    )
    motivation = models.TextField(_("alasan mengikuti"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    superior = models.ForeignKey(
        "org.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("atasan"),
    )
    superior_decided_at = models.DateTimeField(null=True, blank=True)
    superior_note = models.TextField(_("catatan atasan"), blank=True)
    bkpsdm_decided_at = models.DateTimeField(null=True, blank=True)
    bkpsdm_note = models.TextField(_("catatan BKPSDM"), blank=True)
    attendance_percent = models.PositiveSmallIntegerField(
        _("kehadiran (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    pre_test_score = models.DecimalField(_("nilai pre-test"), **SCORE_FIELD)
    post_test_score = models.DecimalField(_("nilai post-test"), **SCORE_FIELD)
    completed_on = models.DateField(_("tanggal selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("pendaftaran pelatihan")
        verbose_name_plural = _("pendaftaran pelatihan")
        ordering = ["event", "employee"]
        constraints = [models.UniqueConstraint(fields=["event", "employee"], name="learning_enrol_once")]
        indexes = [models.Index(fields=["event", "status"], name="learning_enrol_status_idx")]

    def __str__(self) -> str:
        return f"{self.employee_id} @ {self.event_id}"

    @classmethod
    def scope_q(cls, scope, action):
        q = employee_q(scope, action)
        # whoever runs the event sees and manages its participants, from any OPD
        if scope.admin_unit_paths and not scope.write_all:
            q |= models.Q(event__instansi_id=scope.instansi_id) & paths_q(
                "event__organiser_unit__path", scope.admin_unit_paths
            )
        return q


class EnrolmentEvent(models.Model):
    """The timeline of an enrolment (append-only)."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["enrolment", "at", "id"]


class EventEvaluation(AuditedModel):
    """The participant's reaction (Kirkpatrick level 1): five items on a 1–5 scale and a comment."""

    ITEMS = ("score_content", "score_facilitator", "score_method", "score_facility", "score_usefulness")
    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="evaluation")
    score_content = models.PositiveSmallIntegerField(_("materi"), validators=LEVEL_VALIDATORS)
    score_facilitator = models.PositiveSmallIntegerField(
        _("narasumber/fasilitator"), validators=LEVEL_VALIDATORS
    )
    score_method = models.PositiveSmallIntegerField(_("metode"), validators=LEVEL_VALIDATORS)
    score_facility = models.PositiveSmallIntegerField(
        _("sarana dan penyelenggaraan"), validators=LEVEL_VALIDATORS
    )
    score_usefulness = models.PositiveSmallIntegerField(
        _("manfaat bagi pekerjaan"), validators=LEVEL_VALIDATORS
    )
    comment = models.TextField(_("saran"), blank=True)

    class Meta:
        verbose_name = _("evaluasi penyelenggaraan")
        verbose_name_plural = _("evaluasi penyelenggaraan")

    def __str__(self) -> str:
        return f"evaluasi #{self.enrolment_id}"

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q(enrolment__in=Enrolment.objects.filter(Enrolment.scope_q(scope, action)))


class Certificate(AuditedModel):
    """A certificate: issued by the system on completion (with a verification code) or uploaded from
    outside and checked by an admin. The signed fields are `rules.certificates` payload."""

    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("jenis"), max_length=10, choices=CertificateKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=CertificateStatus.choices)
    number = models.CharField(_("nomor sertifikat"), max_length=80)
    code = models.CharField(_("kode verifikasi"), max_length=40, null=True, blank=True, unique=True)
    title = models.CharField(_("nama kegiatan"), max_length=300)
    activity_kind = models.CharField(_("bentuk"), max_length=20, choices=ActivityKind.choices)
    organiser = models.CharField(_("penyelenggara"), max_length=200)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    issued_on = models.DateField(_("tanggal terbit"))
    jp = models.DecimalField(_("JP"), **JP_FIELD)
    holder_name = models.CharField(_("nama pemegang"), max_length=250)
    holder_nip = models.CharField(_("NIP pemegang"), max_length=18)
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.SET_NULL, null=True, blank=True, related_name="certificate"
    )
    record = models.OneToOneField(
        "learning.DevelopmentRecord",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificate",
    )
    file = models.FileField(_("berkas"), upload_to="learning/certificates/%Y/", blank=True)
    file_kind = models.CharField(max_length=5, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("catatan pemeriksaan"), blank=True)

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=models.Q(kind="generated"),
                name="learning_generated_number_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    def signed_payload(self) -> dict:
        return {
            "number": self.number,
            "nip": self.holder_nip,
            "name": self.holder_name,
            "title": self.title,
            "organiser": self.organiser,
            "start": self.start_date.isoformat(),
            "end": self.end_date.isoformat(),
            "issued": self.issued_on.isoformat(),
            "jp": f"{self.jp:.1f}",
        }

    @classmethod
    def scope_q(cls, scope, action):
        return employee_q(scope, action)
