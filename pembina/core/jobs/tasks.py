"""The single task the worker runs: look up the job and run its handler."""

from django.tasks import task


@task()
def run_job(job_id: int) -> None:
    from pembina.core.jobs.services import job_run

    job_run(job_id)
