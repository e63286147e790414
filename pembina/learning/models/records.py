"""The JP ledger: every completed development activity of an employee, the JP policy per instansi, and
the materialised per-employee-year summary the 20 JP dashboards read."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import ScopedQuerySet
from pembina.learning.choices import ActivityKind, ActivityMode, RecordSource, RecordStatus
from pembina.learning.models.plans import JP_FIELD
from pembina.learning.models.scope import employee_q


class DevelopmentRecord(AuditedModel):
    """One completed activity (riwayat pengembangan kompetensi). Only `verified` rows count toward JP.
    A row per source: (employee, source, source_ref) is unique, so re-running a completion is safe."""

    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="development_records")
    kind = models.CharField(_("bentuk pengembangan"), max_length=20, choices=ActivityKind.choices)
    mode = models.CharField(_("jalur"), max_length=15, choices=ActivityMode.choices, editable=False)
    title = models.CharField(_("kegiatan"), max_length=300)
    organiser = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"))
    year = models.PositiveSmallIntegerField(_("tahun"), editable=False)
    jp = models.DecimalField(_("JP"), **JP_FIELD)
    status = models.CharField(
        _("status"), max_length=10, choices=RecordStatus.choices, default=RecordStatus.PENDING
    )
    source = models.CharField(_("asal"), max_length=15, choices=RecordSource.choices)
    source_ref = models.CharField(_("rujukan"), max_length=120, blank=True)
    competency = models.ForeignKey(
        "learning.Competency", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    evidence = models.FileField(_("bukti"), upload_to="learning/evidence/%Y/", blank=True)
    evidence_note = models.TextField(_("keterangan bukti"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("catatan verifikasi"), blank=True)

    class Meta:
        verbose_name = _("riwayat pengembangan kompetensi")
        verbose_name_plural = _("riwayat pengembangan kompetensi")
        ordering = ["employee", "-end_date", "-id"]
        indexes = [
            models.Index(fields=["employee", "year"], name="learning_record_emp_year_idx"),
            models.Index(fields=["year", "status"], name="learning_record_year_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "source", "source_ref"],
                condition=~models.Q(source_ref=""),
                name="learning_record_once_per_source",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="learning_record_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.jp} JP)"

    def save(self, *args, **kwargs):
        from pembina.learning.rules.jp import mode_of

        self.mode = mode_of(self.kind)
        self.year = self.end_date.year
        super().save(*args, **kwargs)

    @classmethod
    def scope_q(cls, scope, action):
        return employee_q(scope, action)


class JpPolicy(AuditedModel):
    """The JP rules of an instansi from `effective_year` on (see `rules.jp.policy_from_dict`)."""

    instansi = models.ForeignKey("org.Instansi", on_delete=models.CASCADE, related_name="+")
    effective_year = models.PositiveSmallIntegerField(_("berlaku mulai tahun"))
    document = models.JSONField(_("aturan"), default=dict)
    note = models.CharField(_("dasar penetapan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kebijakan JP")
        verbose_name_plural = _("kebijakan JP")
        ordering = ["instansi", "-effective_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "effective_year"], name="learning_jp_policy_year_unique"
            )
        ]

    def __str__(self) -> str:
        return f"JP {self.instansi_id} ≥{self.effective_year}"

    @classmethod
    def scope_q(cls, scope, action):
        if action != "view" and not scope.write_all:
            return models.Q(pk__in=[])
        return models.Q(instansi_id=scope.instansi_id)


MONTH_FIELDS = tuple(f"jp_m{m:02d}" for m in range(1, 13))


class JpSummary(models.Model):
    """Derived: JP of one employee in one year, refreshed set-based (`services.jp.jp_summary_refresh`)
    from verified records with the instansi's policy. The OPD and city dashboards aggregate this table
    in a fixed number of queries. Not audited: it is recomputed from audited data."""

    instansi_id = models.BigIntegerField()
    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    opd = models.ForeignKey("org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    unit_path = models.CharField(max_length=255, blank=True)
    applies = models.BooleanField(default=True)  # the minimum binds this employee (see policy.include_pppk)
    target = models.DecimalField(**{k: v for k, v in JP_FIELD.items() if k != "validators"})
    jp_total = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    jp_classical = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    jp_non_classical = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    jp_education = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    raw_total = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    shortfall = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    activities = models.PositiveIntegerField(default=0)
    met = models.BooleanField(default=False)
    refreshed_at = models.DateTimeField()
    # cumulative JP counted by the end of each month (Jan … Dec), so trends aggregate in SQL
    jp_m01 = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    jp_m02 = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    jp_m03 = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    jp_m04 = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    jp_m05 = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    jp_m06 = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    jp_m07 = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    jp_m08 = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    jp_m09 = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    jp_m10 = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    jp_m11 = models.DecimalField(max_digits=7, decimal_places=1, default=0)
    jp_m12 = models.DecimalField(max_digits=7, decimal_places=1, default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("rekap JP")
        verbose_name_plural = _("rekap JP")
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="learning_jp_summary_unique")
        ]
        indexes = [
            models.Index(fields=["instansi_id", "year", "opd"], name="learning_jp_opd_idx"),
            models.Index(fields=["year", "unit_path"], name="learning_jp_path_idx"),
            # the dashboards' below-target list, largest shortfall first: read in index order, a page at a time
            models.Index(
                fields=["instansi_id", "year", "opd", "-shortfall"],
                condition=models.Q(applies=True, met=False),
                name="learning_jp_below_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"JP {self.year} {self.employee_id}: {self.jp_total}"

    @property
    def monthly(self) -> list:
        return [getattr(self, f) for f in MONTH_FIELDS]

    @classmethod
    def scope_q(cls, scope, action):
        return employee_q(scope, action, instansi="instansi_id", path="unit_path")
