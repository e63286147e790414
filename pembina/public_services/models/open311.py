"""Open311 GeoReport v2 partner keys, and which request each key submitted."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel


def hash_key(raw: str) -> str:
    """Keys are stored as SHA-256 only: a leaked table cannot be replayed against the API."""
    return hashlib.sha256(str(raw).encode()).hexdigest()


class Open311ApiKey(AuditedModel):
    """A civic app allowed to POST requests (and to list its own) through /open311/v2/."""

    instansi = models.ForeignKey("org.Instansi", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("nama aplikasi mitra"), max_length=150)
    contact = models.CharField(_("kontak pengelola aplikasi"), max_length=200, blank=True)
    key_prefix = models.CharField(_("awalan kunci"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    requests_per_hour = models.PositiveIntegerField(
        _("batas permohonan per jam"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(10000)],
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    note = models.TextField(_("catatan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    audit_exclude = ("created_at", "updated_at", "key_hash")

    class Meta:
        verbose_name = _("kunci API Open311")
        verbose_name_plural = _("kunci API Open311")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @classmethod
    def scope_q(cls, scope, action):
        # Partner keys are an instansi-wide setting: Admin BKPSDM (write_all) only.
        if not scope.write_all:
            return models.Q(pk__in=[])
        return models.Q(instansi_id=scope.instansi_id)


class Open311Submission(AuditedModel):
    """The request a partner app created: lets it list its own requests by date and status."""

    api_key = models.ForeignKey(Open311ApiKey, on_delete=models.PROTECT, related_name="submissions")
    request = models.OneToOneField(
        "public_services.ServiceRequest", on_delete=models.CASCADE, related_name="open311_submission"
    )

    class Meta:
        verbose_name = _("permohonan dari aplikasi mitra")
        verbose_name_plural = _("permohonan dari aplikasi mitra")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["api_key", "created_at"], name="ps_o311_key_created_idx")]

    def __str__(self) -> str:
        return f"{self.api_key_id} → {self.request_id}"

    @classmethod
    def scope_q(cls, scope, action):
        from pembina.public_services.models.requests import ServiceRequest

        return models.Q(
            request__in=ServiceRequest.objects.filter(ServiceRequest.scope_q(scope, action)).values("pk")
        )
