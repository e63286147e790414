"""Core endpoints: the caller's own background jobs, the audit trail (auditors), and /me/."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from pembina.core.api.permissions import CanAudit
from pembina.core.api.serializers import (
    AuditEntryFilterSerializer,
    AuditEntrySerializer,
    JobSerializer,
    MeSerializer,
)
from pembina.core.api.viewsets import ApiView, ScopedReadOnlyViewSet
from pembina.core.audit.selectors import audit_entry_list
from pembina.core.models import AuditEntry, Job
from pembina.core.scoping import get_scope


class JobViewSet(ScopedReadOnlyViewSet):
    """Background jobs the caller started (admins of the whole instansi and auditors see all)."""

    scoped_model = Job
    serializer_class = JobSerializer
    ordering_fields = ["created_at", "id"]

    def scoped_queryset(self, action):
        return super().scoped_queryset(action).select_related("created_by")


class AuditEntryViewSet(ScopedReadOnlyViewSet):
    """The tamper-evident audit trail, newest first. Auditors only."""

    scoped_model = AuditEntry
    serializer_class = AuditEntrySerializer
    permission_classes = [CanAudit]
    query_serializer_classes = {"list": AuditEntryFilterSerializer}
    filter_backends: list = []  # the selector orders newest first

    def scoped_queryset(self, action):
        if self.action == "list":
            return audit_entry_list(actor=self.request.user, filters=self.query_params())
        return super().scoped_queryset(action)


class MeView(ApiView):
    """Who the caller is: account, roles and linked employee."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        user = request.user
        scope = get_scope(user)
        data = {
            "id": user.pk,
            "username": user.get_username(),
            "name": str(user),
            "roles": sorted(scope.roles),
            "employee": user.employee_id,
            "instansi": scope.instansi_id,
        }
        return Response(MeSerializer(data).data)
