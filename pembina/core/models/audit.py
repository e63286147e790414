"""The audit trail: append-only entries, each chained to the previous one by SHA-256."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.scoping import ScopedQuerySet


class AuditAction(models.TextChoices):
    CREATE = "create", _("Dibuat")
    UPDATE = "update", _("Diubah")
    DELETE = "delete", _("Dihapus")


class AuditSource(models.TextChoices):
    WEB = "web", _("Web")
    API = "api", _("API")
    IMPORT = "import", _("Impor")
    JOB = "job", _("Tugas latar")
    COMMAND = "command", _("Perintah")
    SYSTEM = "system", _("Sistem")


class AuditEntryQuerySet(ScopedQuerySet):
    def update(self, **kwargs):  # noqa: ARG002
        raise PermissionError("The audit trail is append-only.")

    def delete(self):
        raise PermissionError("The audit trail is append-only.")


class AuditEntry(models.Model):
    # No foreign keys: deleting a user or an object must never touch its history.
    timestamp = models.DateTimeField(_("waktu"), db_index=True)
    actor_id = models.BigIntegerField(_("id pelaku"), null=True, blank=True, db_index=True)
    actor_repr = models.CharField(_("pelaku"), max_length=200, blank=True)
    source = models.CharField(_("sumber"), max_length=10, choices=AuditSource.choices)
    request_id = models.CharField(_("id permintaan"), max_length=64, blank=True, db_index=True)
    action = models.CharField(_("aksi"), max_length=10, choices=AuditAction.choices)
    object_type = models.CharField(_("jenis objek"), max_length=100)
    object_id = models.CharField(_("id objek"), max_length=64)
    object_repr = models.CharField(_("objek"), max_length=300, blank=True)
    before = models.JSONField(_("sebelum"), null=True, blank=True)
    after = models.JSONField(_("sesudah"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("entri jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"

    @classmethod
    def scope_q(cls, scope, action):
        if scope.can_audit and action == "view":
            return models.Q()
        return models.Q(pk__in=[])

    def save(self, *args, **kwargs):
        if self.pk:
            raise PermissionError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only.")

    @property
    def changed_fields(self) -> list[str]:
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


class AuditChainHead(models.Model):
    """One row: the hash of the newest entry. Locking it serialises appends to the chain."""

    last_hash = models.CharField(max_length=64)
    last_entry_id = models.BigIntegerField(null=True)

    class Meta:
        verbose_name = _("ujung rantai audit")
