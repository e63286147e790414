"""Abstract bases: timestamps, and the marker that puts a model under the audit trail."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.audit.querysets import AuditedQuerySet


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class AuditedModel(TimeStampedModel):
    """Every create, update and delete of a subclass is written to the audit trail.

    Fields named in `audit_exclude` (derived or secret values) are left out of before/after.
    Bulk operations go through `AuditedQuerySet`, which records them too.
    """

    audit_exclude: tuple[str, ...] = ("created_at", "updated_at")

    objects = AuditedQuerySet.as_manager()

    class Meta:
        abstract = True
