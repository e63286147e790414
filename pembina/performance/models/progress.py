"""Progress summary per IKI per period, maintained by the services that change its inputs.

Derived data, not audited: every row is recomputed from audited rows (realisations, IKI, plans, the
year's settings) by `services.progress.progress_refresh`, in the same transaction as the write. The
rows do not depend on today's date: each carries the window of days during which it is the IKI's
current status, and the day from which its period counts as missing, so the OPD pages pick "as of
today" with a WHERE clause instead of recomputing every IKI in Python.
"""

from django.db import models

from pembina.core.scoping import ScopedQuerySet
from pembina.performance.models.scope import plan_q

DECIMAL = {"max_digits": 16, "decimal_places": 4}


class IndicatorProgress(models.Model):
    """Row `number` k ≥ 1: the k-th period of the plan (year-to-date values up to it); row 0: before
    the plan's first period ends. Only IKI of plans approved at least once have rows."""

    indicator = models.ForeignKey("performance.Indicator", on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey("performance.PerformancePlan", on_delete=models.CASCADE, related_name="+")
    year = models.ForeignKey("performance.PerformanceYear", on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255)  # the plan's, kept with the row: the rollup's key
    number = models.PositiveSmallIntegerField()
    period = models.ForeignKey("performance.Period", on_delete=models.CASCADE, null=True, related_name="+")
    start = models.DateField(null=True)  # the period's start (the chart shows started periods)
    # this row is the IKI's status for valid_from <= day < valid_until (None: unbounded)
    valid_from = models.DateField(null=True)
    valid_until = models.DateField(null=True)
    overdue_from = models.DateField(null=True)  # missing from this day on (None: reported, or row 0)
    filled = models.BooleanField(default=False)  # a value was realised for this period
    progress = models.DecimalField(null=True, **DECIMAL)  # % of target, year to date, direction-aware
    expected = models.DecimalField(null=True, **DECIMAL)  # % of target expected by then (chart)
    pace = models.CharField(max_length=10)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["plan", "number"], name="progress_plan_idx"),
            models.Index(fields=["year", "valid_until"], name="progress_year_idx"),
        ]
        constraints = [models.UniqueConstraint(fields=["indicator", "number"], name="one_progress_row")]

    def __str__(self) -> str:
        return f"{self.indicator_id}#{self.number}: {self.progress} {self.pace}"

    @classmethod
    def scope_q(cls, scope, action):
        return plan_q(scope, action, "plan__")


class ProgressRollup(models.Model):
    """`IndicatorProgress` rows of one unit summed by everything the OPD pages filter on (period,
    date windows, pace): a few hundred rows stand for an OPD's ten thousand. Read only for actors who
    see every plan below the OPD; refreshed with the rows of its unit."""

    year = models.ForeignKey("performance.PerformanceYear", on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255)
    period = models.ForeignKey("performance.Period", on_delete=models.CASCADE, null=True, related_name="+")
    start = models.DateField(null=True)
    valid_from = models.DateField(null=True)
    valid_until = models.DateField(null=True)
    overdue_from = models.DateField(null=True)
    pace = models.CharField(max_length=10)
    rows = models.PositiveIntegerField()
    filled = models.PositiveIntegerField()
    progress_sum = models.DecimalField(null=True, max_digits=20, decimal_places=4)
    progress_n = models.PositiveIntegerField()
    expected_sum = models.DecimalField(null=True, max_digits=20, decimal_places=4)
    expected_n = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["year", "unit_path"], name="rollup_year_path_idx")]

    def __str__(self) -> str:
        return f"{self.unit_path} {self.period_id} {self.pace}: {self.rows}"
