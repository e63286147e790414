"""Serializers of the core endpoints: background jobs, the audit trail, and who the caller is."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from pembina.core.api.viewsets import InputSerializer
from pembina.core.models import AuditEntry, Job
from pembina.core.models.audit import AuditAction, AuditSource


class JobSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    errors = serializers.SerializerMethodField()
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Job
        # Not the handler path or params (internals) and not tracebacks: see `get_errors`.
        fields = [
            "id",
            "title",
            "status",
            "progress_current",
            "progress_total",
            "percent",
            "stage",
            "result",
            "errors",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_errors(self, job: Job) -> list[dict]:
        # A crashed job stores a traceback under "detail" for operators; callers get the message only.
        return [{k: v for k, v in e.items() if k != "detail"} for e in job.errors if isinstance(e, dict)]


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "timestamp",
            "actor_id",
            "actor_repr",
            "source",
            "request_id",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "prev_hash",
            "hash",
        ]
        read_only_fields = fields


class AuditEntryFilterSerializer(InputSerializer):
    """Query parameters of the audit list (the same filters as the auditor's page)."""

    object_type = serializers.CharField(
        required=False, allow_blank=True, label=_("jenis objek"), help_text="mis. org.employee"
    )
    object_id = serializers.CharField(required=False, allow_blank=True, label=_("id objek"))
    action = serializers.ChoiceField(
        choices=AuditAction.choices, required=False, allow_blank=True, label=_("aksi")
    )
    source = serializers.ChoiceField(
        choices=AuditSource.choices, required=False, allow_blank=True, label=_("sumber")
    )
    actor = serializers.CharField(
        required=False, allow_blank=True, label=_("pelaku"), help_text=_("bagian nama pengguna")
    )
    request_id = serializers.CharField(required=False, allow_blank=True, label=_("id permintaan"))
    date_from = serializers.DateField(required=False, allow_null=True, label=_("dari tanggal"))
    date_to = serializers.DateField(required=False, allow_null=True, label=_("sampai tanggal"))


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField(), help_text=_("Kode peran, mis. admin_opd."))
    employee = serializers.IntegerField(allow_null=True, help_text=_("Id pegawai akun ini, bila ASN."))
    instansi = serializers.IntegerField(allow_null=True)
