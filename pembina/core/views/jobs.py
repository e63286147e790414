"""Background job pages: the actor's jobs, one job's progress (polled by htmx), result and errors."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views import View

from pembina.core.models import Job
from pembina.core.views.base import paginate, render_page

MAX_ERRORS_SHOWN = 500


def job_status_context(job: Job) -> dict:
    errors = job.errors if isinstance(job.errors, list) else []
    result = job.result
    return {
        "job": job,
        "result_items": sorted(result.items()) if isinstance(result, dict) else [],
        "result_text": "" if isinstance(result, dict) or result is None else str(result),
        "errors": [e if isinstance(e, dict) else {"message": str(e)} for e in errors[:MAX_ERRORS_SHOWN]],
        "n_errors": len(errors),
        "errors_truncated": len(errors) > MAX_ERRORS_SHOWN,
    }


def _job(request, pk) -> Job:
    return Job.objects.select_related("created_by__employee").get_for_actor_or_404(request.user, pk=pk)


class JobListView(LoginRequiredMixin, View):
    def get(self, request):
        jobs = Job.objects.for_actor(request.user).select_related("created_by__employee")
        page = paginate(request, jobs)
        return render_page(request, "core/jobs/job_list.html", {"page_obj": page, "jobs": page.object_list})


class JobView(LoginRequiredMixin, View):
    def get(self, request, pk):
        return render_page(request, "core/jobs/job_detail.html", job_status_context(_job(request, pk)))


class JobProgressView(LoginRequiredMixin, View):
    """The fragment the job page polls every second; once the job has finished it stops polling."""

    def get(self, request, pk):
        context = job_status_context(_job(request, pk))
        return render_page(request, "core/jobs/job_detail.html#status", context)
