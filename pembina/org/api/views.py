"""The org API: units, positions and employees (with mutasi, history and superiors)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from pembina.core.api.viewsets import ScopedViewSet
from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW
from pembina.org import selectors, services
from pembina.org.api import serializers as s
from pembina.org.models import Employee, Instansi, Position, Unit


def _actor_instansi(user) -> Instansi:
    instansi = Instansi.objects.for_actor(user, VIEW).first()
    if instansi is None:
        raise ApplicationError(_("Akun Anda tidak terhubung ke instansi mana pun."))
    return instansi


@extend_schema_view(
    list=extend_schema(summary="Daftar unit kerja"),
    retrieve=extend_schema(summary="Satu unit kerja"),
    create=extend_schema(summary="Buat unit kerja (Admin BKPSDM; Admin OPD di bawah unitnya)"),
    partial_update=extend_schema(summary="Ubah unit kerja"),
)
class UnitViewSet(ScopedViewSet):
    """The organisation tree; every unit of the caller's instansi is readable, changes stay in scope."""

    scoped_model = Unit
    serializer_class = s.UnitSerializer
    input_serializer_classes = {"create": s.UnitCreateSerializer, "partial_update": s.UnitUpdateSerializer}
    ordering_fields = ["path", "name", "code", "sort_order"]

    def scoped_queryset(self, action):
        return selectors.unit_list(actor=self.request.user, action=action)

    def perform_service_create(self, data):
        user = self.request.user
        return services.unit_create(instansi=_actor_instansi(user), actor=user, **data)

    def perform_service_update(self, obj, data):
        return services.unit_update(unit=obj, data=data, actor=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Daftar jabatan"),
    retrieve=extend_schema(summary="Satu jabatan"),
    create=extend_schema(summary="Buat jabatan pada unit dalam cakupan Anda"),
    partial_update=extend_schema(summary="Ubah jabatan"),
)
class PositionViewSet(ScopedViewSet):
    """Jabatan; readable across the instansi like the org chart, changed only within the caller's units."""

    scoped_model = Position
    serializer_class = s.PositionSerializer
    input_serializer_classes = {
        "create": s.PositionCreateSerializer,
        "partial_update": s.PositionUpdateSerializer,
    }
    ordering_fields = ["name", "code", "job_type"]

    def scoped_queryset(self, action):
        return selectors.position_list(actor=self.request.user, action=action)

    def perform_service_create(self, data):
        return services.position_create(actor=self.request.user, **data)

    def perform_service_update(self, obj, data):
        return services.position_update(position=obj, data=data, actor=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Daftar pegawai (sesuai cakupan Anda)"),
    retrieve=extend_schema(summary="Satu pegawai dengan penempatan saat ini"),
    create=extend_schema(summary="Tambah pegawai (dengan jabatan awal bagi Admin OPD)"),
    partial_update=extend_schema(summary="Ubah data pegawai (NIP tidak dapat diubah)"),
)
class EmployeeViewSet(ScopedViewSet):
    """Pegawai the caller may see: self, the units they lead or administer, or everyone for
    instansi-wide roles. Changes (data, mutasi) stay within the units the caller administers."""

    scoped_model = Employee
    serializer_class = s.EmployeeSerializer
    input_serializer_classes = {
        "create": s.EmployeeCreateSerializer,
        "partial_update": s.EmployeeUpdateSerializer,
        "assign": s.EmployeeAssignSerializer,
    }
    query_serializer_classes = {"list": s.EmployeeFilterSerializer, "superiors": s.SuperiorQuerySerializer}
    ordering_fields = ["name", "nip", "rank"]

    def scoped_queryset(self, action):
        user = self.request.user
        if action == VIEW and self.action == "list":
            return selectors.employee_list(actor=user, filters=self.query_params())
        return Employee.objects.for_actor(user, action).select_related(
            "current_unit", "current_position", "current_opd"
        )

    def perform_service_create(self, data):
        user = self.request.user
        placement = {k: data.pop(k) for k in ("position", "start_date", "decree_number") if k in data}
        return services.employee_create(instansi=_actor_instansi(user), data=data, actor=user, **placement)

    def perform_service_update(self, obj, data):
        return services.employee_update(employee=obj, data=data, actor=self.request.user)

    @extend_schema(summary="Mutasi / promosi / Plt-Plh", responses={201: s.AssignmentSerializer})
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        employee = self.get_object()  # CHANGE scope: outside it is 404
        assignment = services.employee_assign(employee=employee, actor=request.user, **self.parse_input())
        return Response(s.AssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Riwayat jabatan", responses=s.AssignmentSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def assignments(self, request, pk=None):
        history = selectors.assignment_history(employee=self.get_object())
        return Response(s.AssignmentSerializer(history, many=True).data)

    @extend_schema(
        summary="Pejabat penilai dan atasan pejabat penilai per tanggal", responses=s.SuperiorChainSerializer
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def superiors(self, request, pk=None):
        employee = self.get_object()
        chain = selectors.superior_chain(employee=employee, on=self.query_params().get("on"))
        return Response(s.SuperiorChainSerializer(chain).data)
