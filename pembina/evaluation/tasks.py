"""Background job handlers of the evaluation app (run through `pembina.core.jobs`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from pembina.core.jobs.services import job_enqueue
from pembina.evaluation.services import evaluation_run, evaluations_lock_due
from pembina.evaluation.services.run import _check_run
from pembina.org.models import Unit
from pembina.performance.models import PerformanceYear, Period


def evaluation_run_enqueue(*, year, actor, period=None, opd=None):
    """Queue the evaluation run (permission checked now, so a refused run never becomes a job)."""
    _check_run(actor, year, period, opd)
    what = period.label if period is not None else _("tahunan")
    where = opd.name if opd is not None else _("seluruh instansi")
    return job_enqueue(
        handler="pembina.evaluation.tasks.run_evaluation_job",
        title=_("Evaluasi kinerja %(w)s %(y)s: %(o)s") % {"w": what, "y": year.year, "o": where},
        actor=actor,
        params={
            "year_id": year.pk,
            "period_id": period.pk if period is not None else None,
            "opd_id": opd.pk if opd is not None else None,
        },
    )


def run_evaluation_job(job, progress) -> dict[str, Any]:
    params = job.params
    year = PerformanceYear.objects.get(pk=params["year_id"])
    period = Period.objects.get(pk=params["period_id"]) if params.get("period_id") else None
    opd = Unit.objects.get(pk=params["opd_id"]) if params.get("opd_id") else None

    def report(current, total=None, stage=None):
        progress(current, total, stage=stage, force=True)

    return evaluation_run(year=year, period=period, opd=opd, actor=job.created_by, progress=report).as_dict()


def lock_due_enqueue(*, actor=None):
    return job_enqueue(
        handler="pembina.evaluation.tasks.run_lock_due_job",
        title=_("Mengunci evaluasi yang sudah final"),
        actor=actor,
    )


def run_lock_due_job(job, progress) -> dict[str, Any]:
    progress(0, 1, stage=_("Mengunci evaluasi"), force=True)
    locked = evaluations_lock_due()
    progress(1, 1, force=True)
    return {"locked": locked}
