"""Background jobs as users see them: progress, result and errors of work run by the task worker."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.scoping import ScopedQuerySet


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Berjalan")
    SUCCEEDED = "succeeded", _("Selesai")
    FAILED = "failed", _("Gagal")


class JobQuerySet(ScopedQuerySet):
    pass


class Job(models.Model):
    handler = models.CharField(_("penangan"), max_length=200)
    title = models.CharField(_("judul"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    params = models.JSONField(_("parameter"), default=dict, blank=True)
    progress_current = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    stage = models.CharField(_("tahap"), max_length=200, blank=True)
    result = models.JSONField(_("hasil"), null=True, blank=True)
    errors = models.JSONField(_("galat"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("tugas latar")
        verbose_name_plural = _("tugas latar")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def scope_q(cls, scope, action):
        # Own jobs always; admins of the whole instansi see every job.
        if scope.write_all or scope.can_audit:
            return models.Q()
        return models.Q(created_by_id=scope.user_id)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, int(100 * self.progress_current / self.progress_total))

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)
