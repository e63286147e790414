"""Create, run and report jobs. Handlers are plain functions `handler(job, progress)`."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from pembina.core.audit.context import Source, audit_context
from pembina.core.exceptions import ApplicationError
from pembina.core.models import Job
from pembina.core.models.jobs import JobStatus

log = logging.getLogger(__name__)


class Progress:
    """Commits progress in its own small writes; call it outside long transactions."""

    def __init__(self, job: Job, every: int = 500):
        self.job = job
        self.every = every
        self._last = -1

    def __call__(self, current: int, total: int | None = None, stage: str | None = None, force: bool = False):
        if not force and self._last >= 0 and current - self._last < self.every and current != total:
            return
        self._last = current
        fields = {"progress_current": current}
        if total is not None:
            fields["progress_total"] = total
        if stage is not None:
            fields["stage"] = stage[:200]
        Job.objects.filter(pk=self.job.pk).update(**fields)


def job_enqueue(*, handler: str, title: str, actor, params: dict | None = None) -> Job:
    """Record a job and queue it once the surrounding transaction commits."""
    if not handler.startswith("pembina."):
        raise ApplicationError("Penangan tugas tidak dikenal.")
    job = Job.objects.create(
        handler=handler, title=title, params=params or {}, created_by=actor if actor and actor.pk else None
    )
    from pembina.core.jobs.tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


def job_run(job_id: int) -> Job:
    """Run a job now (called by the task worker, or directly by tests and commands)."""
    job = Job.objects.select_related("created_by").get(pk=job_id)
    if job.is_finished:
        return job
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    handler: Callable = import_string(job.handler)
    progress = Progress(job)
    try:
        with audit_context(source=Source.JOB, user=job.created_by, label=f"tugas {job.pk}"):
            result = handler(job, progress)
    except ApplicationError as exc:
        errors = exc.extra.get("errors") or [{"message": exc.message}]
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, errors=errors, finished_at=timezone.now(), stage=exc.message[:200]
        )
    except Exception as exc:  # the job page must show the failure, not lose it
        log.exception("job %s failed", job.pk)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            errors=[{"message": f"Kesalahan sistem: {exc}", "detail": traceback.format_exc()[-2000:]}],
            finished_at=timezone.now(),
        )
    else:
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.SUCCEEDED, result=result, finished_at=timezone.now()
        )
    job.refresh_from_db()
    return job
