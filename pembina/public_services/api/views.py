"""The public services API for staff: catalogue, requests (with their status steps), complaints (with
the SP4N-LAPOR! steps), the SKM summary and the holiday calendar. Reads go through the scoped
selectors; every write through `pembina.public_services.services`."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from pembina.core.api.exceptions import validated
from pembina.core.api.permissions import ApiAccess
from pembina.core.api.viewsets import ApiView, ScopedReadOnlyViewSet, ScopedViewSet
from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW, get_scope
from pembina.org.models import Instansi, Unit
from pembina.public_services import selectors, services
from pembina.public_services.api import serializers as s
from pembina.public_services.forms import default_period
from pembina.public_services.models import Complaint, Holiday, Service, ServiceRequest


def _actor_instansi(user) -> Instansi:
    instansi = Instansi.objects.for_actor(user, VIEW).first()
    if instansi is None:
        raise ApplicationError(_("Akun Anda tidak terhubung ke instansi mana pun."))
    return instansi


class BkpsdmWrites(ApiAccess):
    """The calendar is an instansi-wide setting: only Admin BKPSDM changes it (Admin OPD gets 403)."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method not in SAFE_METHODS and not get_scope(request.user).write_all:
            self.message = _("Hanya Admin BKPSDM yang dapat mengubah kalender hari kerja.")
            return False
        return True


@extend_schema_view(
    list=extend_schema(summary="Katalog layanan (standar pelayanan) instansi"),
    retrieve=extend_schema(summary="Satu layanan"),
    create=extend_schema(summary="Tambah layanan (Admin BKPSDM; Admin OPD pada unitnya)"),
    partial_update=extend_schema(summary="Ubah standar layanan"),
)
class ServiceViewSet(ScopedViewSet):
    """The catalogue is readable by the whole instansi; changing a standard is for admins of the unit."""

    scoped_model = Service
    serializer_class = s.ServiceSerializer
    input_serializer_classes = {
        "create": s.ServiceCreateSerializer,
        "partial_update": s.ServiceUpdateSerializer,
    }
    query_serializer_classes = {"list": s.ServiceFilterSerializer}
    ordering_fields = ["name", "code", "completion_days"]

    def scoped_queryset(self, action):
        filters = self.query_params() if action == VIEW and self.action == "list" else None
        return selectors.service_list(actor=self.request.user, filters=filters, action=action)

    def perform_service_create(self, data):
        return services.service_create(
            unit=data.pop("unit"),
            code=data.pop("code"),
            name=data.pop("name"),
            completion_days=data.pop("completion_days"),
            actor=self.request.user,
            **data,
        )

    def perform_service_update(self, obj, data):
        return services.service_update(service=obj, data=data, actor=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Permohonan layanan dalam cakupan Anda (antrean, pencarian nomor lacak)"),
    retrieve=extend_schema(summary="Satu permohonan dengan riwayat langkahnya"),
    create=extend_schema(summary="Daftarkan permohonan di loket"),
)
class ServiceRequestViewSet(ScopedReadOnlyViewSet):
    """Requests are seen and handled by the staff of the owning OPD, heads and admins of the unit, and
    instansi-wide roles; writes are checked by the services against that same scope."""

    scoped_model = ServiceRequest
    serializer_class = s.ServiceRequestSerializer
    writes_need_role = False  # counter staff register and process requests without an admin role
    input_serializer_classes = {
        "create": s.RequestCreateSerializer,
        "transition": s.RequestTransitionSerializer,
    }
    query_serializer_classes = {"list": s.RequestFilterSerializer}
    ordering_fields = ["received_at", "due_date", "tracking_number"]

    def get_serializer_class(self):
        if self.action in ("retrieve", "create", "transition"):
            return s.ServiceRequestDetailSerializer
        return s.ServiceRequestSerializer

    def scoped_queryset(self, action):
        user = self.request.user
        if action == VIEW and self.action == "list":
            return selectors.request_list(actor=user, filters=self.query_params())
        return selectors.request_list(actor=user, action=action)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "deadlines": getattr(self, "_deadlines", {})}

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self._deadlines = selectors.request_deadlines(requests=page)  # one calendar query per page
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request, *args, **kwargs):
        data = self.parse_input()
        obj = services.request_register(actor=request.user, **data)
        return Response(self.read_back(obj), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Langkah berikutnya: verifikasi, proses, selesai, diambil, atau tolak (dengan alasan)",
        responses=s.ServiceRequestDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        obj = self.get_object()  # CHANGE scope: outside it is 404
        obj = services.request_transition(request=obj, actor=request.user, **self.parse_input())
        return Response(self.read_back(obj))


@extend_schema_view(
    list=extend_schema(summary="Pengaduan dalam cakupan Anda (tanpa identitas pelapor)"),
    retrieve=extend_schema(summary="Satu pengaduan; identitas pelapor hanya bila Anda berwenang melihatnya"),
)
class ComplaintViewSet(ScopedReadOnlyViewSet):
    """Complaints (SP4N-LAPOR!) of the actor's units, the coordinator's or all for instansi-wide roles;
    the steps go through the complaint services."""

    scoped_model = Complaint
    serializer_class = s.ComplaintSerializer
    writes_need_role = False
    input_serializer_classes = {
        "verify": s.ComplaintVerifySerializer,
        "reject": s.ComplaintRejectSerializer,
        "forward": s.ComplaintForwardSerializer,
        "plan": s.ComplaintPlanSerializer,
        "resolve": s.ComplaintResolveSerializer,
    }
    query_serializer_classes = {"list": s.ComplaintFilterSerializer}
    ordering_fields = ["received_at", "verify_due", "resolution_due"]

    def get_serializer_class(self):
        return s.ComplaintSerializer if self.action == "list" else s.ComplaintDetailSerializer

    def scoped_queryset(self, action):
        user = self.request.user
        if action == VIEW and self.action == "list":
            return selectors.complaint_list(actor=user, filters=self.query_params())
        return selectors.complaint_list(actor=user, action=action)

    def _step(self, service, **extra):
        complaint = self.get_object()  # CHANGE scope: outside it is 404
        complaint = service(complaint=complaint, actor=self.request.user, **self.parse_input(), **extra)
        return Response(self.read_back(complaint))

    @extend_schema(
        summary="Verifikasi dan klasifikasi (menentukan batas penyelesaian)",
        responses=s.ComplaintDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        return self._step(services.complaint_verify)

    @extend_schema(summary="Tidak dapat diproses (dengan alasan)", responses=s.ComplaintDetailSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._step(services.complaint_reject)

    @extend_schema(summary="Teruskan ke unit yang berwenang", responses=s.ComplaintDetailSerializer)
    @action(detail=True, methods=["post"])
    def forward(self, request, pk=None):
        return self._step(services.complaint_forward)

    @extend_schema(summary="Rencana tindak lanjut", responses=s.ComplaintDetailSerializer)
    @action(detail=True, methods=["post"])
    def plan(self, request, pk=None):
        return self._step(services.complaint_plan)

    @extend_schema(summary="Selesaikan dan jawab pelapor", responses=s.ComplaintDetailSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        return self._step(services.complaint_resolve)


@extend_schema_view(
    list=extend_schema(summary="Hari libur nasional, daerah dan cuti bersama instansi"),
    retrieve=extend_schema(summary="Satu hari libur"),
    create=extend_schema(summary="Tambah hari libur (Admin BKPSDM)"),
    partial_update=extend_schema(summary="Ubah hari libur (Admin BKPSDM)"),
)
class HolidayViewSet(ScopedViewSet):
    scoped_model = Holiday
    serializer_class = s.HolidaySerializer
    permission_classes = [BkpsdmWrites]
    input_serializer_classes = {
        "create": s.HolidayCreateSerializer,
        "partial_update": s.HolidayUpdateSerializer,
    }
    query_serializer_classes = {"list": s.HolidayFilterSerializer}
    ordering_fields = ["date", "name"]

    def scoped_queryset(self, action):
        if action == VIEW:
            return selectors.holiday_list(actor=self.request.user, year=self.query_params().get("year"))
        return Holiday.objects.for_actor(self.request.user, action)

    def perform_service_create(self, data):
        user = self.request.user
        return services.holiday_create(instansi=_actor_instansi(user), actor=user, **data)

    def perform_service_update(self, obj, data):
        return services.holiday_update(holiday=obj, data=data, actor=self.request.user)


class SkmSummaryView(ApiView):
    """The SKM index (PermenPANRB 14/2017) of a unit and/or service over a period, from the survey
    answers the caller may see, with the Krejcie–Morgan sample check."""

    @extend_schema(
        summary="Ringkasan SKM: NRR per unsur, IKM, mutu pelayanan, responden dan sampel minimum",
        parameters=[s.SkmQuerySerializer],
        responses=s.SkmSummarySerializer,
    )
    def get(self, request):
        params = validated(s.SkmQuerySerializer(data=request.query_params))
        start, end = default_period()
        start, end = params.get("start") or start, params.get("end") or end
        if end < start:
            start, end = default_period(end)
        unit = None
        service_ids = None
        if params.get("unit"):
            unit = Unit.objects.get_for_actor_or_404(request.user, VIEW, pk=params["unit"])
        if params.get("service"):
            service_ids = [selectors.service_get_for_actor(actor=request.user, pk=params["service"]).pk]
        summary = selectors.skm_summary(
            actor=request.user, start=start, end=end, unit=unit, service_ids=service_ids
        )
        return Response(s.SkmSummarySerializer(summary).data)
