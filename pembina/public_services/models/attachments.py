"""Files a complainant attaches on the public form (checked like evidence files before storing)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel


def attachment_path(instance, filename: str) -> str:
    # Never the citizen's file name on disk: a random name with the extension the content proved.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"public_services/complaints/{uuid.uuid4().hex}.{ext}"


class ComplaintAttachment(AuditedModel):
    complaint = models.ForeignKey(
        "public_services.Complaint", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("berkas"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("nama berkas"), max_length=150)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("ukuran (bita)"))

    class Meta:
        verbose_name = _("lampiran pengaduan")
        verbose_name_plural = _("lampiran pengaduan")
        ordering = ["complaint_id", "id"]

    def __str__(self) -> str:
        return self.original_name

    @classmethod
    def scope_q(cls, scope, action):
        from pembina.public_services.models.complaints import Complaint

        return models.Q(complaint__in=Complaint.objects.filter(Complaint.scope_q(scope, action)).values("pk"))
