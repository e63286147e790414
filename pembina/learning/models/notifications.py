"""In-app notifications of the learning app (JP reminders, workflow news); `dedupe_key` makes jobs idempotent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.learning.choices import NotificationKind


class LearningNotification(AuditedModel):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_notifications"
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=NotificationKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    dedupe_key = models.CharField(max_length=200, blank=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim surel"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi pengembangan kompetensi")
        verbose_name_plural = _("notifikasi pengembangan kompetensi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="learning_notif_unread_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="learning_one_notification_per_key",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q(recipient_id=scope.user_id)
