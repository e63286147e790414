"""Rollups of the JP summaries per unit and year: what the 20 JP dashboards read, so that a page costs
the same whatever the number of employees (`services.jp` keeps them equal to `summary_aggregates()`
over `JpSummary`)."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Cast, Round
from django.utils.translation import gettext_lazy as _

from pembina.core.scoping import VIEW, ScopedQuerySet, paths_q
from pembina.learning.models.records import MONTH_FIELDS

ROLLUP_MONTHS = tuple(range(1, 13))
# Counts (employees) and sums of JP a rollup row holds; JP are summed in tenths (a summary keeps one
# decimal), so every sum is an exact integer in SQL and in Python alike. A month has its JP sum and
# its count at target.
COUNT_FIELDS = ("employees", "applies", "met", "zero_jp", "below_zero", "below_far", "below_near") + tuple(
    f"met_m{m:02d}" for m in ROLLUP_MONTHS
)
SUM_FIELDS = (
    "jp_total_tenths",
    "jp_applies_tenths",
    "shortfall_tenths",
    "jp_classical_tenths",
    "jp_non_classical_tenths",
    "jp_education_tenths",
) + tuple(f"jp_m{m:02d}_tenths" for m in ROLLUP_MONTHS)
ROLLUP_FIELDS = COUNT_FIELDS + SUM_FIELDS


def summary_aggregates() -> dict[str, models.Aggregate]:
    """The rollup columns as aggregates over `JpSummary` rows — the single definition behind the
    set-based rebuild, the change deltas and the property tests. Below target = the minimum binds the
    employee and the total is short; the bands of the dashboard filter: no JP at all, half the target
    or more missing (`far`), less than half (`near`)."""
    applies = Q(applies=True)
    below = Q(applies=True, met=False)
    half = F("target") / 2

    def tenths(field, condition=None):
        return Sum(Cast(Round(F(field) * 10), models.BigIntegerField()), filter=condition)

    exprs: dict[str, models.Aggregate] = {
        "employees": Count("pk"),
        "applies": Count("pk", filter=applies),
        "met": Count("pk", filter=Q(applies=True, met=True)),
        "zero_jp": Count("pk", filter=Q(applies=True, jp_total=0)),
        "below_zero": Count("pk", filter=below & Q(jp_total=0)),
        "below_far": Count("pk", filter=below & Q(shortfall__gte=half)),
        "below_near": Count("pk", filter=below & Q(shortfall__lt=half)),
        "jp_total_tenths": tenths("jp_total"),
        "jp_applies_tenths": tenths("jp_total", applies),
        "shortfall_tenths": tenths("shortfall"),
        "jp_classical_tenths": tenths("jp_classical"),
        "jp_non_classical_tenths": tenths("jp_non_classical"),
        "jp_education_tenths": tenths("jp_education"),
    }
    for m, name in zip(ROLLUP_MONTHS, MONTH_FIELDS, strict=True):
        exprs[f"jp_m{m:02d}_tenths"] = tenths(name, applies)  # those the minimum binds: the trend's average
        exprs[f"met_m{m:02d}"] = Count("pk", filter=Q(applies=True, **{f"{name}__gte": F("target")}))
    return exprs


def _count():
    return models.PositiveIntegerField(default=0)


def _tenths():
    return models.BigIntegerField(default=0)


class JpRollup(models.Model):
    """Derived: the JP summaries of one unit (the employees' `unit_path`) of one OPD in one year,
    summed. An OPD dashboard adds the rows of its units (a head sees only the units of their subtree),
    the city adds every row. Rebuilt set-based by the full JP refresh and moved by the difference of
    each employee's summary by the per-employee refresh, in the same transaction. Not audited."""

    instansi_id = models.BigIntegerField()
    year = models.PositiveSmallIntegerField()
    opd = models.ForeignKey("org.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    unit_path = models.CharField(max_length=255, blank=True)
    employees, applies, met, zero_jp = _count(), _count(), _count(), _count()
    below_zero, below_far, below_near = _count(), _count(), _count()
    jp_total_tenths, jp_applies_tenths, shortfall_tenths = _tenths(), _tenths(), _tenths()
    jp_classical_tenths, jp_non_classical_tenths, jp_education_tenths = _tenths(), _tenths(), _tenths()
    # per month (Jan … Dec): how many were at target by the end of the month, and the JP counted by then
    met_m01, met_m02, met_m03, met_m04 = _count(), _count(), _count(), _count()
    met_m05, met_m06, met_m07, met_m08 = _count(), _count(), _count(), _count()
    met_m09, met_m10, met_m11, met_m12 = _count(), _count(), _count(), _count()
    jp_m01_tenths, jp_m02_tenths, jp_m03_tenths, jp_m04_tenths = _tenths(), _tenths(), _tenths(), _tenths()
    jp_m05_tenths, jp_m06_tenths, jp_m07_tenths, jp_m08_tenths = _tenths(), _tenths(), _tenths(), _tenths()
    jp_m09_tenths, jp_m10_tenths, jp_m11_tenths, jp_m12_tenths = _tenths(), _tenths(), _tenths(), _tenths()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("rekap JP unit")
        verbose_name_plural = _("rekap JP unit")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi_id", "year", "opd", "unit_path"],
                condition=Q(opd__isnull=False),
                name="learning_jp_rollup_unique",
            ),
            models.UniqueConstraint(
                fields=["instansi_id", "year", "unit_path"],
                condition=Q(opd__isnull=True),
                name="learning_jp_rollup_no_opd_unique",
            ),
        ]
        indexes = [models.Index(fields=["instansi_id", "year", "opd"], name="learning_jp_rollup_opd_idx")]

    def __str__(self) -> str:
        return f"JP {self.year} {self.unit_path or self.opd_id}: {self.employees}"

    @classmethod
    def scope_q(cls, scope, action):
        """Instansi-wide readers see every unit; admins and heads the units of their subtrees (the
        employees they see one by one beyond those, `selectors.jp` adds from `JpSummary`)."""
        base = Q(instansi_id=scope.instansi_id)
        if scope.write_all or (action == VIEW and scope.read_all):
            return base
        if action != VIEW:
            return Q(pk__in=[])
        return base & paths_q("unit_path", tuple(scope.admin_unit_paths) + tuple(scope.led_unit_paths))


class JpRollupYear(models.Model):
    """One row per instansi and year: every change of the year's summaries and rollups locks it first,
    so a per-employee refresh and a full rebuild never interleave (the rollups stay exact)."""

    instansi_id = models.BigIntegerField()
    year = models.PositiveSmallIntegerField()
    rebuilt_at = models.DateTimeField(null=True, blank=True)  # the last set-based rebuild
    changed_at = models.DateTimeField(null=True, blank=True)  # the last per-employee change

    class Meta:
        verbose_name = _("status rekap JP")
        verbose_name_plural = _("status rekap JP")
        constraints = [
            models.UniqueConstraint(fields=["instansi_id", "year"], name="learning_jp_rollup_year_unique")
        ]

    def __str__(self) -> str:
        return f"JP {self.instansi_id} {self.year}"
