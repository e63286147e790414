"""The learning API: competency dictionary and standards, profiles, assessments and gaps, development
needs, IDPs with their activities and workflow, the JP ledger and summaries, the training catalogue,
events and enrolments (approve / reject / attendance / scores / complete / evaluate), certificates
(PDF download, public verification by code) and the complaint-handling simulations.

Reads start from `for_actor(user, VIEW)` through the learning selectors: what the caller cannot see
is 404. Objects are looked up with VIEW scope for writes too (the superior approves an enrolment
without a change scope on it); the services hold the exact rule (`rules/workflow.py`) and refuse with
an `ApplicationError` → 400 and the Indonesian message."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from pembina.core.api.exceptions import validated
from pembina.core.api.viewsets import ApiView, ScopedReadOnlyViewSet, ScopedViewSet
from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW
from pembina.learning import selectors, services
from pembina.learning.api import serializers as s
from pembina.learning.choices import EnrolmentStatus
from pembina.learning.documents import PDF_CONTENT_TYPE, certificate_filename, certificate_pdf
from pembina.learning.models import (
    Attempt,
    Certificate,
    Choice,
    Competency,
    CompetencyAssessment,
    DevelopmentNeed,
    DevelopmentPlan,
    DevelopmentRecord,
    Enrolment,
    Event,
    JpSummary,
    PlanActivity,
    Programme,
    ProgrammeCompetency,
    Scenario,
)
from pembina.learning.permissions import enrolment_roles
from pembina.learning.rules.workflow import SUPERIOR
from pembina.org.models import Employee, Instansi


def _actor_instansi(user) -> Instansi:
    instansi = Instansi.objects.for_actor(user, VIEW).first()
    if instansi is None:
        raise ApplicationError(_("Akun Anda tidak terhubung ke instansi mana pun."))
    return instansi


def _own_employee(user) -> Employee:
    employee = getattr(user, "employee", None)
    if employee is None:
        raise ApplicationError(
            _("Akun Anda tidak terhubung dengan data pegawai; sebutkan pegawainya."), field="employee"
        )
    return employee


def _year(params) -> int:
    return params.get("year") or timezone.localdate().year


class ViewScopeMixin:
    """Look objects up with VIEW scope for writes too; the services check the role and the state."""

    def scope_action(self) -> str:
        return VIEW


# --- competencies and standards ------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Kamus kompetensi (manajerial, sosial kultural, teknis)"),
    retrieve=extend_schema(summary="Satu kompetensi dengan lima level dan indikator perilakunya"),
)
class CompetencyViewSet(ScopedReadOnlyViewSet):
    scoped_model = Competency
    serializer_class = s.LearningCompetencySerializer
    query_serializer_classes = {"list": s.LearningCompetencyFilterSerializer}
    filter_backends: list = []

    def get_serializer_class(self):
        return (
            s.LearningCompetencyDetailSerializer
            if self.action == "retrieve"
            else s.LearningCompetencySerializer
        )

    def scoped_queryset(self, action):
        if self.action == "list":
            return selectors.competency_list(actor=self.request.user, filters=self.query_params()).order_by(
                "kind", "sort_order", "name"
            )
        return Competency.objects.for_actor(self.request.user, VIEW).prefetch_related("levels")


class PositionStandardView(ApiView):
    """The standar kompetensi jabatan: the required level of every competency for a position."""

    @extend_schema(
        summary="Standar kompetensi satu jabatan (baris jabatan itu atau bawaan jenis jabatannya)",
        parameters=[s.LearningStandardQuerySerializer],
        responses=s.LearningStandardRowSerializer(many=True),
    )
    def get(self, request):
        params = validated(s.LearningStandardQuerySerializer(data=request.query_params))
        rows = selectors.position_standard(actor=request.user, position_pk=params["position"])
        return Response(s.LearningStandardRowSerializer(rows, many=True).data)

    @extend_schema(
        summary="Tetapkan level standar satu kompetensi untuk satu jabatan (0 = tidak dipersyaratkan)",
        request=s.LearningStandardSetSerializer,
        responses=s.LearningStandardRowSerializer(many=True),
    )
    def post(self, request):
        data = validated(s.LearningStandardSetSerializer(data=request.data, context={"request": request}))
        services.position_standard_set(
            position=data["position"],
            competency=data["competency"],
            required_level=data["required_level"],
            actor=request.user,
        )
        rows = selectors.position_standard(actor=request.user, position_pk=data["position"].pk)
        return Response(s.LearningStandardRowSerializer(rows, many=True).data)


# --- profile, assessments, gaps --------------------------------------------------------------------


class EmployeeProfileView(ApiView):
    @extend_schema(
        summary="Profil kompetensi pegawai: level saat ini per kompetensi dan riwayat penilaiannya",
        responses=s.LearningProfileRowSerializer(many=True),
    )
    def get(self, request, pk: int):
        rows = selectors.employee_profile(actor=request.user, employee_pk=pk)
        return Response(s.LearningProfileRowSerializer(rows, many=True).data)


class EmployeeGapView(ApiView):
    @extend_schema(
        summary="Analisis kesenjangan kompetensi pegawai terhadap standar jabatannya (dan jabatan sasaran)",
        parameters=[s.LearningGapQuerySerializer],
        responses=s.LearningGapReportSerializer,
    )
    def get(self, request, pk: int):
        params = validated(s.LearningGapQuerySerializer(data=request.query_params))
        report = selectors.employee_gap_analysis(
            actor=request.user, employee_pk=pk, target_position_pk=params.get("target_position")
        )
        return Response(s.LearningGapReportSerializer(report).data)


class EmployeeJpView(ApiView):
    @extend_schema(
        summary="JP pegawai dalam satu tahun: total, per bentuk dan jalur, kurang dari target, per bulan",
        parameters=[s.LearningJpYearQuerySerializer],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, pk: int):
        params = validated(s.LearningJpYearQuerySerializer(data=request.query_params))
        jp = selectors.jp_employee_year(actor=request.user, employee_pk=pk, year=_year(params))
        return Response(
            {
                "employee": s.LearningEmployeeRefSerializer(jp.employee).data,
                "year": jp.year,
                "applies": jp.applies,
                "target": str(jp.target),
                "total": str(jp.total),
                "shortfall": str(jp.shortfall),
                "met": jp.met,
                "percent": jp.percent,
                "by_kind": {k: str(v) for k, v in jp.by_kind.items()},
                "by_mode": {k: str(v) for k, v in jp.by_mode.items()},
                "monthly": [str(v) for v in jp.monthly],
                "records": s.LearningRecordSerializer(jp.records, many=True).data,
                "pending": s.LearningRecordSerializer(jp.pending, many=True).data,
            }
        )


@extend_schema_view(
    list=extend_schema(summary="Hasil penilaian kompetensi (riwayat) yang dapat Anda lihat"),
    retrieve=extend_schema(summary="Satu hasil penilaian kompetensi"),
    create=extend_schema(
        summary="Catat hasil penilaian kompetensi (asesmen/uji kompetensi: admin; B.1.9: atasan)",
        responses={201: s.LearningAssessmentSerializer},
    ),
)
class AssessmentViewSet(ScopedReadOnlyViewSet):
    scoped_model = CompetencyAssessment
    serializer_class = s.LearningAssessmentSerializer
    writes_need_role = False  # the superior records B.1.9 without an admin role
    input_serializer_classes = {"create": s.LearningAssessmentCreateSerializer}
    query_serializer_classes = {"list": s.LearningAssessmentFilterSerializer}
    filter_backends: list = []

    def scope_action(self) -> str:
        return VIEW

    def scoped_queryset(self, action):
        qs = CompetencyAssessment.objects.for_actor(self.request.user, VIEW)
        if self.action == "list":
            params = self.query_params()
            for key in ("employee", "competency", "source"):
                if params.get(key):
                    qs = qs.filter(**{f"{key}_id" if key != "source" else key: params[key]})
        return qs.select_related("employee", "competency").order_by(
            "employee_id", "competency_id", "-assessed_on", "-id"
        )

    def create(self, request, *args, **kwargs):
        data = self.parse_input()
        obj = services.competency_assessment_record(actor=request.user, **data)
        return Response(self.read_back(obj), status=status.HTTP_201_CREATED)


class GapOverviewView(ApiView):
    @extend_schema(
        summary="Kesenjangan kompetensi terbesar di satu OPD atau seluruh kota (untuk perencanaan anggaran)",
        parameters=[s.LearningGapOverviewQuerySerializer],
        responses=s.LearningGapOverviewRowSerializer(many=True),
    )
    def get(self, request):
        params = validated(s.LearningGapOverviewQuerySerializer(data=request.query_params))
        rows = selectors.gap_overview(actor=request.user, opd_pk=params.get("opd"))
        return Response(s.LearningGapOverviewRowSerializer(rows, many=True).data)


# --- development needs --------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Kebutuhan pengembangan (dari evaluasi, kesenjangan, bimbingan, usulan)"),
    retrieve=extend_schema(summary="Satu kebutuhan pengembangan"),
    create=extend_schema(
        summary="Buka kebutuhan pengembangan (usulan atasan atau admin)",
        responses={201: s.LearningNeedSerializer},
    ),
)
class NeedViewSet(ViewScopeMixin, ScopedReadOnlyViewSet):
    scoped_model = DevelopmentNeed
    serializer_class = s.LearningNeedSerializer
    writes_need_role = False
    input_serializer_classes = {
        "create": s.LearningNeedCreateSerializer,
        "close": s.LearningRequiredNoteSerializer,
    }
    query_serializer_classes = {"list": s.LearningNeedFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        filters = self.query_params() if self.action == "list" else None
        return selectors.need_list(actor=self.request.user, filters=filters).order_by(
            "employee_id", "-opened_on", "-id"
        )

    def create(self, request, *args, **kwargs):
        data = self.parse_input()
        need = services.development_need_open(
            employee=data["employee"],
            competency=data.get("competency"),
            source_kind="manual",
            source_ref=data.get("source_ref", ""),
            reason=data["reason"],
            actor=request.user,
        )
        return Response(self.read_back(need), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Tutup kebutuhan pengembangan (atasan atau admin, dengan catatan)",
        responses=s.LearningNeedSerializer,
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        need = services.development_need_close(
            need=self.get_object(), note=self.parse_input()["note"], actor=request.user
        )
        return Response(self.read_back(need))


# --- IDP ----------------------------------------------------------------------------------------------


def _activity_queryset(qs):
    return qs.select_related("competency").order_by("order", "id")


@extend_schema_view(
    list=extend_schema(summary="Rencana pengembangan individu (IDP) yang dapat Anda lihat"),
    retrieve=extend_schema(summary="Satu IDP dengan kegiatan, riwayat, dan aksi yang boleh Anda lakukan"),
    create=extend_schema(summary="Buat IDP satu tahun (pegawai sendiri, atau admin untuk pegawainya)"),
    partial_update=extend_schema(
        summary="Ubah sasaran karier, catatan, atau jabatan sasaran (draf/dikembalikan)"
    ),
)
class PlanViewSet(ViewScopeMixin, ScopedViewSet):
    """IDP per employee per year: draft → submit → the superior agrees or returns; reopen after agreement."""

    scoped_model = DevelopmentPlan
    serializer_class = s.LearningPlanDetailSerializer
    writes_need_role = False
    input_serializer_classes = {
        "create": s.LearningPlanCreateSerializer,
        "partial_update": s.LearningPlanUpdateSerializer,
        "submit": s.LearningNoteSerializer,
        "withdraw": s.LearningNoteSerializer,
        "agree": s.LearningNoteSerializer,
        "return_plan": s.LearningRequiredNoteSerializer,
        "reopen": s.LearningNoteSerializer,
    }
    query_serializer_classes = {"list": s.LearningPlanFilterSerializer}
    filter_backends: list = []

    def get_serializer_class(self):
        return s.LearningPlanSerializer if self.action == "list" else s.LearningPlanDetailSerializer

    def scoped_queryset(self, action):
        user = self.request.user
        if self.action == "list":
            return selectors.plan_list(actor=user, filters=self.query_params())
        return (
            DevelopmentPlan.objects.for_actor(user, VIEW)
            .select_related("employee", "superior")
            .prefetch_related(
                Prefetch("activities", queryset=_activity_queryset(PlanActivity.objects.all())), "events"
            )
        )

    def perform_service_create(self, data):
        user = self.request.user
        employee = data.pop("employee", None) or _own_employee(user)
        year = data.pop("year")
        return services.plan_create(employee=employee, year=year, actor=user, data=data or None)

    def perform_service_update(self, obj, data):
        return services.plan_update(plan=obj, data=data, actor=self.request.user)

    def _step(self, service, **extra):
        plan = self.get_object()
        data = self.parse_input()
        return Response(self.read_back(service(plan=plan, actor=self.request.user, **data, **extra)))

    @extend_schema(summary="Ajukan IDP kepada atasan (pegawai)", responses=s.LearningPlanDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(services.plan_submit)

    @extend_schema(
        summary="Tarik kembali IDP yang diajukan (pegawai)", responses=s.LearningPlanDetailSerializer
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        plan = self.get_object()
        self.parse_input()
        return Response(self.read_back(services.plan_withdraw(plan=plan, actor=request.user)))

    @extend_schema(summary="Sepakati IDP (atasan)", responses=s.LearningPlanDetailSerializer)
    @action(detail=True, methods=["post"])
    def agree(self, request, pk=None):
        return self._step(services.plan_agree)

    @extend_schema(summary="Kembalikan IDP dengan catatan (atasan)", responses=s.LearningPlanDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_plan(self, request, pk=None):
        return self._step(services.plan_return)

    @extend_schema(
        summary="Buka kembali IDP yang disepakati (pegawai atau atasan)",
        responses=s.LearningPlanDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._step(services.plan_reopen)


@extend_schema_view(
    list=extend_schema(summary="Kegiatan IDP (filter ?plan=)"),
    retrieve=extend_schema(summary="Satu kegiatan IDP"),
    create=extend_schema(summary="Tambah kegiatan ke IDP (dari katalog, untuk kebutuhan, atau bebas)"),
    partial_update=extend_schema(summary="Ubah kegiatan IDP (draf/dikembalikan)"),
    destroy=extend_schema(summary="Hapus kegiatan IDP yang belum selesai"),
)
class PlanActivityViewSet(ViewScopeMixin, ScopedViewSet):
    scoped_model = PlanActivity
    serializer_class = s.LearningPlanActivitySerializer
    writes_need_role = False
    input_serializer_classes = {
        "create": s.LearningActivityCreateSerializer,
        "partial_update": s.LearningActivityInputSerializer,
        "complete": s.LearningActivityCompleteSerializer,
        "cancel": s.LearningNoteSerializer,
    }
    query_serializer_classes = {"list": s.LearningActivityFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        qs = PlanActivity.objects.for_actor(self.request.user, VIEW)
        if self.action == "list" and (plan := self.query_params().get("plan")):
            qs = qs.filter(plan_id=plan)
        return qs.select_related("competency", "plan").order_by("plan_id", "order", "id")

    def perform_service_create(self, data):
        plan = data.pop("plan")
        return services.plan_activity_add(plan=plan, data=data, actor=self.request.user)

    def perform_service_update(self, obj, data):
        return services.plan_activity_update(activity=obj, data=data, actor=self.request.user)

    def destroy(self, request, *args, **kwargs):
        services.plan_activity_remove(activity=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Catat kegiatan selesai: JP tercatat (dilaporkan pegawai: menunggu verifikasi atasan/admin)",
        responses={201: s.LearningRecordSerializer},
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        activity = self.get_object()
        data = self.parse_input()
        record = services.plan_activity_complete(
            activity=activity,
            completed_on=data["completed_on"],
            started_on=data.get("started_on"),
            jp=data.get("jp"),
            evidence_note=data.get("evidence_note", ""),
            actor=request.user,
        )
        return Response(s.LearningRecordSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Batalkan kegiatan IDP", responses=s.LearningPlanActivitySerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        activity = services.plan_activity_cancel(
            activity=self.get_object(), note=self.parse_input().get("note", ""), actor=request.user
        )
        return Response(self.read_back(activity))


# --- the JP ledger and summaries ------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Riwayat pengembangan kompetensi (buku JP)"),
    retrieve=extend_schema(summary="Satu catatan JP"),
)
class RecordViewSet(ViewScopeMixin, ScopedReadOnlyViewSet):
    scoped_model = DevelopmentRecord
    serializer_class = s.LearningRecordSerializer
    writes_need_role = False
    input_serializer_classes = {"verify": s.LearningDecisionSerializer}
    query_serializer_classes = {"list": s.LearningRecordFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        qs = DevelopmentRecord.objects.for_actor(self.request.user, VIEW)
        if self.action == "list":
            params = self.query_params()
            if params.get("employee"):
                qs = qs.filter(employee_id=params["employee"])
            if params.get("year"):
                qs = qs.filter(year=params["year"])
            if params.get("status"):
                qs = qs.filter(status=params["status"])
        return qs.select_related("employee").order_by("employee_id", "-end_date", "-id")

    @extend_schema(
        summary="Verifikasi atau tolak JP yang dilaporkan pegawai (atasan atau admin)",
        responses=s.LearningRecordSerializer,
    )
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        data = self.parse_input()
        record = services.development_record_verify(
            record=self.get_object(), approve=data["approve"], note=data.get("note", ""), actor=request.user
        )
        return Response(self.read_back(record))


@extend_schema_view(
    list=extend_schema(summary="Rekap JP per pegawai per tahun (20 JP), kekurangan terbesar dulu"),
    retrieve=extend_schema(summary="Rekap JP satu pegawai satu tahun"),
)
class JpSummaryViewSet(ScopedReadOnlyViewSet):
    scoped_model = JpSummary
    serializer_class = s.LearningJpSummarySerializer
    query_serializer_classes = {"list": s.LearningJpSummaryFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        qs = JpSummary.objects.for_actor(self.request.user, VIEW)
        if self.action == "list":
            params = self.query_params()
            qs = qs.filter(year=_year(params))
            if params.get("opd"):
                qs = qs.filter(opd_id=params["opd"])
            if params.get("employee"):
                qs = qs.filter(employee_id=params["employee"])
            if params.get("below"):
                qs = qs.filter(applies=True, met=False)
        return qs.select_related("employee", "opd").order_by("-shortfall", "employee__name", "id")


class JpDashboardView(ApiView):
    """The 20 JP dashboard figures: one OPD (`?opd=`) or, for instansi-wide readers, the city."""

    @extend_schema(
        summary="Dasbor 20 JP: total, kurva bulanan, dan (kota) per OPD",
        parameters=[s.LearningJpSummaryFilterSerializer],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        params = validated(s.LearningJpSummaryFilterSerializer(data=request.query_params))
        year = _year(params)
        if params.get("opd"):
            dash = selectors.jp_dashboard_opd(actor=request.user, year=year, opd_pk=params["opd"])
            opds = None
        else:
            dash = selectors.jp_dashboard_city(actor=request.user, year=year)
            opds = [_plain(r) for r in dash.opds]
        body = {
            "year": year,
            "totals": _plain(dash.totals),
            "months": [_plain(m) for m in dash.months],
        }
        if opds is not None:
            body["opds"] = opds
        else:
            body["opd"] = s.LearningUnitRefSerializer(dash.opd).data
        return Response(body)


def _plain(obj) -> dict:
    from dataclasses import asdict
    from decimal import Decimal

    def conv(v):
        if isinstance(v, Decimal):
            return str(v)
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        return v

    return {k: conv(v) for k, v in asdict(obj).items()}


# --- catalogue, events, enrolments -----------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Katalog program pelatihan instansi"),
    retrieve=extend_schema(summary="Satu program dengan kompetensi yang dibangunnya"),
    create=extend_schema(summary="Tambah program ke katalog (Admin BKPSDM)"),
    partial_update=extend_schema(summary="Ubah program katalog (Admin BKPSDM)"),
)
class ProgrammeViewSet(ViewScopeMixin, ScopedViewSet):
    scoped_model = Programme
    serializer_class = s.LearningProgrammeSerializer
    input_serializer_classes = {
        "create": s.LearningProgrammeCreateSerializer,
        "partial_update": s.LearningProgrammeInputSerializer,
    }
    query_serializer_classes = {"list": s.LearningProgrammeFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        links = Prefetch(
            "competency_links",
            queryset=ProgrammeCompetency.objects.select_related("competency").order_by("id"),
        )
        if self.action == "list":
            qs = selectors.programme_list(actor=self.request.user, filters=self.query_params())
        else:
            qs = Programme.objects.for_actor(self.request.user, VIEW)
        return qs.prefetch_related(links)

    def perform_service_create(self, data):
        user = self.request.user
        code = data.pop("code")
        return services.programme_create(instansi=_actor_instansi(user), code=code, data=data, actor=user)

    def perform_service_update(self, obj, data):
        return services.programme_update(programme=obj, data=data, actor=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Penyelenggaraan pelatihan (angkatan) dengan kursi terisi"),
    retrieve=extend_schema(summary="Satu penyelenggaraan"),
    create=extend_schema(summary="Jadwalkan pelatihan (Admin BKPSDM; Admin OPD untuk unitnya)"),
    partial_update=extend_schema(summary="Ubah jadwal, tempat, kuota (pengelola)"),
)
class EventViewSet(ViewScopeMixin, ScopedViewSet):
    scoped_model = Event
    serializer_class = s.LearningEventSerializer
    input_serializer_classes = {
        "create": s.LearningEventCreateSerializer,
        "partial_update": s.LearningEventInputSerializer,
        "set_status": s.LearningEventStatusSerializer,
    }
    query_serializer_classes = {"list": s.LearningEventFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        filters = self.query_params() if self.action == "list" else None
        return selectors.event_list(actor=self.request.user, filters=filters).order_by(
            "start_date", "title", "id"
        )

    def perform_service_create(self, data):
        programme = data.pop("programme")
        return services.event_create(programme=programme, data=data, actor=self.request.user)

    def perform_service_update(self, obj, data):
        return services.event_update(event=obj, data=data, actor=self.request.user)

    @extend_schema(
        summary="Buka/tutup pendaftaran, selesaikan, atau batalkan penyelenggaraan",
        responses=s.LearningEventSerializer,
    )
    @action(detail=True, methods=["post"], url_path="status", url_name="status")
    def set_status(self, request, pk=None):
        data = self.parse_input()
        event = services.event_set_status(
            event=self.get_object(), action=data["action"], note=data.get("note", ""), actor=request.user
        )
        return Response(self.read_back(event))

    @extend_schema(
        summary="Evaluasi penyelenggaraan (reaksi peserta, pre/post test, kelulusan)",
        responses=s.LearningEvaluationSummarySerializer,
    )
    @action(detail=True, methods=["get"], url_path="evaluation", url_name="evaluation")
    def evaluation(self, request, pk=None):
        event = self.get_object()
        summary = selectors.event_evaluation_summary(actor=request.user, event_pk=event.pk)
        return Response(s.LearningEvaluationSummarySerializer(summary).data)


@extend_schema_view(
    list=extend_schema(summary="Pendaftaran pelatihan yang dapat Anda lihat (?awaiting= antrean keputusan)"),
    retrieve=extend_schema(summary="Satu pendaftaran dengan riwayat dan aksi yang boleh Anda lakukan"),
    create=extend_schema(
        summary="Daftar pelatihan (pegawai sendiri, atau admin mengusulkan pegawainya)",
        responses={201: s.LearningEnrolmentDetailSerializer},
    ),
)
class EnrolmentViewSet(ViewScopeMixin, ScopedReadOnlyViewSet):
    """request → the superior approves → BKPSDM approves (quota) → attendance and scores → complete."""

    scoped_model = Enrolment
    serializer_class = s.LearningEnrolmentDetailSerializer
    writes_need_role = False
    input_serializer_classes = {
        "create": s.LearningEnrolmentCreateSerializer,
        "approve": s.LearningNoteSerializer,
        "reject": s.LearningNoteSerializer,
        "withdraw": s.LearningNoteSerializer,
        "cancel": s.LearningRequiredNoteSerializer,
        "attendance": s.LearningAttendanceSerializer,
        "scores": s.LearningScoresSerializer,
        "complete": s.LearningCompleteSerializer,
        "evaluate": s.LearningEvaluationInputSerializer,
    }
    query_serializer_classes = {"list": s.LearningEnrolmentFilterSerializer}
    filter_backends: list = []

    def get_serializer_class(self):
        return s.LearningEnrolmentSerializer if self.action == "list" else s.LearningEnrolmentDetailSerializer

    def scoped_queryset(self, action):
        user = self.request.user
        if self.action == "list":
            params = self.query_params()
            awaiting = params.pop("awaiting", None)
            if awaiting == "superior":
                qs = selectors.enrolments_awaiting_superior(actor=user)
            elif awaiting == "bkpsdm":
                qs = selectors.enrolments_awaiting_bkpsdm(actor=user)
            else:
                qs = selectors.enrolment_list(actor=user, filters=params)
            return qs.select_related("event", "employee").order_by(
                "-event__start_date", "employee__name", "id"
            )
        return (
            Enrolment.objects.for_actor(user, VIEW)
            .select_related("event", "employee")
            .prefetch_related("events")
        )

    def create(self, request, *args, **kwargs):
        data = self.parse_input()
        employee = data.get("employee") or _own_employee(request.user)
        obj = services.enrolment_request(
            event=data["event"],
            employee=employee,
            motivation=data.get("motivation", ""),
            plan_activity=data.get("plan_activity"),
            actor=request.user,
        )
        return Response(self.read_back(obj), status=status.HTTP_201_CREATED)

    def _done(self, enrolment):
        return Response(self.read_back(enrolment))

    def _decide(self, approve: bool):
        enrolment = self.get_object()
        note = self.parse_input().get("note", "")
        roles = enrolment_roles(self.request.user, enrolment)
        if enrolment.status == EnrolmentStatus.REQUESTED and SUPERIOR in roles:
            decide = services.enrolment_superior_decide
        else:
            decide = services.enrolment_bkpsdm_decide
        return self._done(decide(enrolment=enrolment, approve=approve, note=note, actor=self.request.user))

    @extend_schema(
        summary="Setujui: atasan (status diajukan) lalu Admin BKPSDM (kuota dicek)",
        responses=s.LearningEnrolmentDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(True)

    @extend_schema(summary="Tolak (atasan atau Admin BKPSDM)", responses=s.LearningEnrolmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(False)

    @extend_schema(summary="Tarik pendaftaran (pegawai)", responses=s.LearningEnrolmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        enrolment = self.get_object()
        note = self.parse_input().get("note", "")
        return self._done(services.enrolment_withdraw(enrolment=enrolment, note=note, actor=request.user))

    @extend_schema(
        summary="Batalkan peserta yang sudah disetujui (pengelola, alasan wajib)",
        responses=s.LearningEnrolmentDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        enrolment = self.get_object()
        note = self.parse_input()["note"]
        return self._done(services.enrolment_cancel(enrolment=enrolment, note=note, actor=request.user))

    @extend_schema(
        summary="Catat kehadiran (%) peserta (pengelola)", responses=s.LearningEnrolmentDetailSerializer
    )
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        enrolment = self.get_object()
        percent = self.parse_input()["percent"]
        return self._done(
            services.enrolment_attendance_record(enrolment=enrolment, percent=percent, actor=request.user)
        )

    @extend_schema(
        summary="Catat nilai pre-test dan post-test (pengelola)",
        responses=s.LearningEnrolmentDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def scores(self, request, pk=None):
        enrolment = self.get_object()
        data = self.parse_input()
        return self._done(
            services.enrolment_scores_record(
                enrolment=enrolment,
                pre_test=data.get("pre_test"),
                post_test=data.get("post_test"),
                actor=request.user,
            )
        )

    @extend_schema(
        summary="Nyatakan selesai: lulus → JP, sertifikat, profil kompetensi; tidak lulus bila kurang hadir/nilai",
        responses=s.LearningEnrolmentDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        enrolment = self.get_object()
        data = self.parse_input()
        return self._done(
            services.enrolment_complete(
                enrolment=enrolment, completed_on=data.get("completed_on"), actor=request.user
            )
        )

    @extend_schema(
        summary="Evaluasi penyelenggaraan oleh peserta (sekali)",
        responses=s.LearningEnrolmentDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        enrolment = self.get_object()
        data = self.parse_input()
        comment = data.pop("comment", "")
        services.event_evaluation_submit(
            enrolment=enrolment, scores=data, comment=comment, actor=request.user
        )
        return self._done(enrolment)


# --- certificates ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Sertifikat (diterbitkan sistem atau dari luar) yang dapat Anda lihat"),
    retrieve=extend_schema(summary="Satu sertifikat"),
)
class CertificateViewSet(ViewScopeMixin, ScopedReadOnlyViewSet):
    scoped_model = Certificate
    serializer_class = s.LearningCertificateSerializer
    writes_need_role = True  # reviewing and revoking are for admins
    input_serializer_classes = {
        "review": s.LearningCertificateReviewSerializer,
        "revoke": s.LearningRequiredNoteSerializer,
    }
    query_serializer_classes = {"list": s.LearningCertificateFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        filters = self.query_params() if self.action == "list" else None
        return selectors.certificate_list(actor=self.request.user, filters=filters).order_by(
            "-issued_on", "-id"
        )

    @extend_schema(
        summary="Unduh PDF sertifikat (dengan kode verifikasi dan kode QR)",
        responses={(200, PDF_CONTENT_TYPE): OpenApiResponse(response=OpenApiTypes.BINARY, description="PDF")},
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        doc = selectors.certificate_document(actor=request.user, pk=pk)
        data = certificate_pdf(actor=request.user, pk=pk, base_url=request.build_absolute_uri("/"))
        response = HttpResponse(data, content_type=PDF_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{certificate_filename(doc)}"'
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(
        summary="Periksa sertifikat dari luar: terima (JP boleh dikoreksi) atau tolak",
        responses=s.LearningCertificateSerializer,
    )
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        data = self.parse_input()
        cert = services.certificate_external_review(
            certificate=self.get_object(),
            accept=data["accept"],
            note=data.get("note", ""),
            jp=data.get("jp"),
            actor=request.user,
        )
        return Response(self.read_back(cert))

    @extend_schema(summary="Cabut sertifikat (alasan wajib)", responses=s.LearningCertificateSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        cert = services.certificate_revoke(
            certificate=self.get_object(), note=self.parse_input()["note"], actor=request.user
        )
        return Response(self.read_back(cert))


class CertificateVerifyView(ApiView):
    """Public: anyone holding a certificate's code can check it (no login); the NIP comes back masked."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        summary="Verifikasi sertifikat dengan kode (publik, tanpa login)",
        parameters=[s.LearningVerifyQuerySerializer],
        responses=s.LearningVerificationSerializer,
        auth=[],
    )
    def get(self, request):
        params = validated(s.LearningVerifyQuerySerializer(data=request.query_params))
        result = selectors.certificate_verify(code=params["code"])
        return Response(s.LearningVerificationSerializer(result).data)


# --- simulations --------------------------------------------------------------------------------------


def _state_response(actor, attempt_pk, code=status.HTTP_200_OK):
    state = selectors.attempt_state(actor=actor, pk=attempt_pk)
    return Response(s.LearningAttemptStateSerializer(state).data, status=code)


@extend_schema_view(
    list=extend_schema(summary="Bank skenario simulasi penanganan pengaduan (terbit; semua untuk penyusun)"),
    retrieve=extend_schema(summary="Satu skenario"),
)
class ScenarioViewSet(ScopedReadOnlyViewSet):
    scoped_model = Scenario
    serializer_class = s.LearningScenarioSerializer
    writes_need_role = False
    input_serializer_classes = {"start": s.LearningStartSerializer}
    query_serializer_classes = {"list": s.LearningScenarioFilterSerializer}
    filter_backends: list = []

    def scope_action(self) -> str:
        return VIEW

    def scoped_queryset(self, action):
        filters = self.query_params() if self.action == "list" else None
        return selectors.scenario_list(actor=self.request.user, filters=filters)

    @extend_schema(
        summary="Mulai (atau lanjutkan) simulasi: langkah pertama dan pilihan jawabannya",
        responses={201: s.LearningAttemptStateSerializer},
    )
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        scenario = self.get_object()
        data = self.parse_input()
        attempt = services.simulation_attempt_start(
            scenario=scenario, restart=data.get("restart", False), actor=request.user
        )
        return _state_response(request.user, attempt.pk, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Percobaan simulasi (milik Anda; hasil staf untuk atasan dan admin)"),
    retrieve=extend_schema(
        summary="Keadaan percobaan: langkah yang menunggu jawaban, jawaban dengan umpan balik, nilai akhir",
        responses=s.LearningAttemptStateSerializer,
    ),
)
class AttemptViewSet(ViewScopeMixin, ScopedReadOnlyViewSet):
    scoped_model = Attempt
    serializer_class = s.LearningAttemptSerializer
    writes_need_role = False
    input_serializer_classes = {"answer": s.LearningAnswerInSerializer}
    query_serializer_classes = {"list": s.LearningAttemptFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        filters = self.query_params() if self.action == "list" else None
        return selectors.attempt_list(actor=self.request.user, filters=filters)

    def retrieve(self, request, *args, **kwargs):
        attempt = self.get_object()
        return _state_response(request.user, attempt.pk)

    @extend_schema(
        summary="Jawab langkah yang sedang berjalan (pilihan atau teks bebas); di langkah akhir percobaan dinilai",
        responses=s.LearningAttemptStateSerializer,
    )
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        attempt = self.get_object()
        data = self.parse_input()
        choice = None
        if data.get("choice") is not None:
            choice = Choice.objects.filter(pk=data["choice"], step__scenario_id=attempt.scenario_id).first()
            if choice is None:
                raise ApplicationError(
                    _("Pilihan jawaban tidak ditemukan pada skenario ini."), field="choice"
                )
        services.simulation_attempt_answer(
            attempt=attempt, choice=choice, text=data.get("text", ""), actor=request.user
        )
        return _state_response(request.user, attempt.pk)
