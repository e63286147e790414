"""The performance API: years, goals, library, SKP with RHK/IKI, workflow, realisations, coaching,
the cascade tree and notifications.

Reads start from `for_actor(user, VIEW)` (or a selector built on it): what the caller cannot see is
404. Writes go through `pembina.performance.services`, which decide per plan and per role; a refusal is
an `ApplicationError` → 400 with the Indonesian message. Objects are looked up with VIEW scope even for
writes: the Pimpinan approves the OPD heads' SKP without holding a change scope on them, and the
services hold the exact rule (rules/workflow.py).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from pembina.core.api.exceptions import validated
from pembina.core.api.viewsets import ApiView, ApiViewMixin, ScopedReadOnlyViewSet, ScopedViewSet
from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW
from pembina.org.models import Instansi, Unit
from pembina.performance import selectors, services
from pembina.performance.api import serializers as s
from pembina.performance.models import (
    BehaviourGuide,
    CoachingSession,
    CoreValue,
    Evidence,
    Goal,
    GoalIndicator,
    Indicator,
    IndicatorTemplate,
    Notification,
    PerformancePlan,
    PerformanceYear,
    Period,
    PlanBehaviour,
    PlanComment,
    PlannedResult,
    Realisation,
    RealisationFeedback,
    ResultLink,
)


def _actor_instansi(user) -> Instansi:
    instansi = Instansi.objects.for_actor(user, VIEW).first()
    if instansi is None:
        raise ApplicationError(_("Akun Anda tidak terhubung ke instansi mana pun."))
    return instansi


class ViewScopeMixin:
    """Look objects up with VIEW scope for writes too; the services check the role and the state."""

    def scope_action(self) -> str:
        return VIEW


class ServiceDestroyMixin:
    """DELETE through a service: `destroy_service(**{destroy_keyword: obj}, actor=user)`; 204."""

    destroy_service: staticmethod
    destroy_keyword: str

    def destroy(self, request, *args, **kwargs):
        self.destroy_service(**{self.destroy_keyword: self.get_object()}, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def plan_filtered(qs, params: dict, field: str):
    """`?plan=` on a list of things hanging off a plan (`field` is the path to the plan id)."""
    return qs.filter(**{field: params["plan"]}) if params.get("plan") else qs


def plan_action(name: str, service, summary: str, *, url_path: str | None = None):
    """A workflow action on one plan: parse the body, call the service with it, answer the plan."""

    def handler(self, request, pk=None):
        return self._done(service(plan=self.get_object(), actor=request.user, **self.parse_input()))

    handler.__name__ = name
    routed = action(detail=True, methods=["post"], url_path=url_path or name, url_name=url_path or name)
    return extend_schema(summary=summary, responses=s.PlanDetailSerializer)(routed(handler))


# --- years, periods, goals, library --------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Daftar tahun kinerja"),
    retrieve=extend_schema(summary="Satu tahun kinerja"),
    create=extend_schema(summary="Buat tahun kinerja beserta periodenya (Admin BKPSDM)"),
    partial_update=extend_schema(summary="Ubah batas waktu, toleransi, atau periode evaluasi (Admin BKPSDM)"),
)
class PerformanceYearViewSet(ViewScopeMixin, ScopedViewSet):
    """Performance years of the caller's instansi with their stage and deadlines."""

    scoped_model = PerformanceYear
    serializer_class = s.PerformanceYearSerializer
    input_serializer_classes = {
        "create": s.YearCreateSerializer,
        "partial_update": s.YearCreateSerializer,
        "transition": s.YearTransitionSerializer,
    }
    ordering_fields = ["year"]

    def scoped_queryset(self, action):
        return selectors.performance_year_list(actor=self.request.user)

    def perform_service_create(self, data):
        user = self.request.user
        return services.performance_year_create(instansi=_actor_instansi(user), actor=user, **data)

    def partial_update(self, request, *args, **kwargs):
        year = self.get_object()
        data = self.parse_input(partial=True)
        data.pop("year", None)
        return Response(
            self.read_back(services.performance_year_update(year=year, data=data, actor=request.user))
        )

    @extend_schema(summary="Pindah tahap tahun kinerja (perencanaan → pelaksanaan → evaluasi → ditutup)")
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        year = self.get_object()
        data = self.parse_input()
        year = services.performance_year_transition(year=year, to_state=data["state"], actor=request.user)
        return Response(self.read_back(year))


@extend_schema_view(
    list=extend_schema(summary="Daftar periode evaluasi (triwulan/bulan/semester)"),
    retrieve=extend_schema(summary="Satu periode"),
)
class PeriodViewSet(ScopedReadOnlyViewSet):
    scoped_model = Period
    serializer_class = s.PeriodSerializer
    query_serializer_classes = {"list": s.PeriodFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        qs = Period.objects.for_actor(self.request.user, VIEW)
        if self.action == "list" and (year := self.query_params().get("year")):
            qs = qs.filter(year__year=year)
        return qs.order_by("year__year", "number")


@extend_schema_view(
    list=extend_schema(summary="Sasaran Wali Kota dan sasaran strategis OPD dengan IKU"),
    retrieve=extend_schema(summary="Satu sasaran dengan IKU"),
    create=extend_schema(summary="Buat sasaran (Admin BKPSDM; Admin OPD untuk OPD-nya)"),
    partial_update=extend_schema(summary="Ubah sasaran"),
)
class GoalViewSet(ViewScopeMixin, ScopedViewSet):
    scoped_model = Goal
    serializer_class = s.GoalSerializer
    input_serializer_classes = {"create": s.GoalCreateSerializer, "partial_update": s.GoalUpdateSerializer}
    query_serializer_classes = {"list": s.GoalFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        qs = Goal.objects.for_actor(self.request.user, VIEW)
        if self.action == "list":
            params = self.query_params()
            if year := params.get("year"):
                qs = qs.filter(year__year=year)
            if level := params.get("level"):
                qs = qs.filter(level=level)
            if opd := params.get("opd"):
                qs = qs.filter(opd_id=opd)
        return (
            qs.select_related("opd")
            .prefetch_related(Prefetch("indicators", queryset=GoalIndicator.objects.order_by("order", "id")))
            .order_by("year__year", "level", "opd__path", "order", "id")
        )

    def perform_service_create(self, data):
        opd_id = data.pop("opd", None)
        opd = None
        if opd_id:
            opd = Unit.objects.for_actor(self.request.user, VIEW).filter(pk=opd_id, is_opd=True).first()
            if opd is None:
                raise ApplicationError(_("OPD %(id)s tidak ditemukan.") % {"id": opd_id}, field="opd")
        return services.goal_create(opd=opd, actor=self.request.user, **data)

    def perform_service_update(self, obj, data):
        return services.goal_update(goal=obj, data=data, actor=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Daftar IKU (indikator kinerja utama)"),
    retrieve=extend_schema(summary="Satu IKU"),
    create=extend_schema(summary="Tambah IKU pada sasaran"),
    partial_update=extend_schema(summary="Ubah IKU (target, satuan, arah, sumber data)"),
)
class GoalIndicatorViewSet(ViewScopeMixin, ScopedViewSet):
    scoped_model = GoalIndicator
    serializer_class = s.GoalIndicatorSerializer
    input_serializer_classes = {
        "create": s.GoalIndicatorCreateSerializer,
        "partial_update": s.GoalIndicatorUpdateSerializer,
    }
    filter_backends: list = []

    def scoped_queryset(self, action):
        return GoalIndicator.objects.for_actor(self.request.user, VIEW).order_by("goal_id", "order", "id")

    def perform_service_create(self, data):
        return services.goal_indicator_create(actor=self.request.user, **data)

    def perform_service_update(self, obj, data):
        return services.goal_indicator_update(indicator=obj, data=data, actor=self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Pustaka indikator (bersama dan milik instansi)"),
    retrieve=extend_schema(summary="Satu indikator pustaka"),
    create=extend_schema(summary="Tambah indikator ke pustaka instansi (Admin BKPSDM)"),
    partial_update=extend_schema(summary="Ubah indikator pustaka instansi (Admin BKPSDM)"),
)
class IndicatorTemplateViewSet(ViewScopeMixin, ScopedViewSet):
    scoped_model = IndicatorTemplate
    serializer_class = s.IndicatorTemplateSerializer
    input_serializer_classes = {
        "create": s.TemplateInputSerializer,
        "partial_update": s.TemplateInputSerializer,
    }
    query_serializer_classes = {"list": s.TemplateFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        if self.action == "list":
            return selectors.indicator_template_list(actor=self.request.user, filters=self.query_params())
        return IndicatorTemplate.objects.for_actor(self.request.user, VIEW)

    def perform_service_create(self, data):
        user = self.request.user
        return services.indicator_template_create(instansi=_actor_instansi(user), data=data, actor=user)

    def partial_update(self, request, *args, **kwargs):
        template = self.get_object()
        data = self.parse_input(partial=True)
        obj = services.indicator_template_update(template=template, data=data, actor=request.user)
        return Response(self.read_back(obj))


# --- plans and workflow -------------------------------------------------------------------------------


def _plan_detail_queryset(qs):
    return qs.select_related("year", "year__instansi", "employee", "unit", "opd").prefetch_related(
        Prefetch(
            "results",
            queryset=PlannedResult.objects.select_related("parent_result")
            .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id")))
            .order_by("kind", "order", "id"),
        ),
        Prefetch(
            "behaviours",
            queryset=PlanBehaviour.objects.select_related("value")
            .prefetch_related(Prefetch("value__guides", queryset=BehaviourGuide.objects.order_by("order")))
            .order_by("value__order"),
        ),
    )


def _plan_result(plan, result_id, field="result"):
    if result_id is None:
        return None
    obj = PlannedResult.objects.filter(pk=result_id, plan=plan).first()
    if obj is None:
        raise ApplicationError(_("RHK %(id)s bukan bagian SKP ini.") % {"id": result_id}, field=field)
    return obj


def _plan_indicator(plan, indicator_id):
    if indicator_id is None:
        return None
    obj = Indicator.objects.select_related("result").filter(pk=indicator_id, result__plan=plan).first()
    if obj is None:
        raise ApplicationError(
            _("IKI %(id)s bukan bagian SKP ini.") % {"id": indicator_id}, field="indicator"
        )
    return obj


def _superior_result(plan, result_id):
    """The intervened RHK: one of the rater's RHK (readable for this purpose even when the rater's plan
    is not otherwise visible to the caller)."""
    if result_id is None:
        return None
    obj = selectors.superior_result_choices(plan=plan).filter(pk=result_id).first()
    if obj is None:
        raise ApplicationError(
            _("RHK atasan %(id)s tidak ditemukan di antara RHK pejabat penilai SKP ini.") % {"id": result_id},
            field="parent_result",
        )
    return obj


READ_ACTIONS = frozenset({"versions", "events", "diff", "snapshot", "progress"})


@extend_schema_view(
    list=extend_schema(summary="Daftar SKP yang dapat Anda lihat"),
    retrieve=extend_schema(summary="Satu SKP lengkap: kop, RHK dengan IKI, perilaku kerja, lampiran"),
    create=extend_schema(summary="Buat konsep SKP (pegawai, pejabat penilai mengusulkan, atau admin)"),
    partial_update=extend_schema(summary="Ubah bentuk, pendekatan, atau lampiran SKP (konsep/dikembalikan)"),
)
class PlanViewSet(ViewScopeMixin, ScopedViewSet):
    """SKP per employee per year, with its workflow: submit → approve or return → revise."""

    scoped_model = PerformancePlan
    serializer_class = s.PlanDetailSerializer
    writes_need_role = False
    input_serializer_classes = {
        "create": s.PlanCreateSerializer,
        "partial_update": s.PlanUpdateSerializer,
        "submit": s.CommentTextSerializer,
        "withdraw": s.CommentTextSerializer,
        "approve": s.CommentTextSerializer,
        "return_plan": s.PlanReturnSerializer,
        "revise": s.PlanReviseSerializer,
        "comment": s.PlanCommentSerializerInput,
        "expectation": s.ExpectationSerializer,
    }
    query_serializer_classes = {
        "list": s.PlanFilterSerializer,
        "diff": s.VersionDiffQuerySerializer,
        "snapshot": s.VersionQuerySerializer,
        "progress": s.ProgressQuerySerializer,
    }
    filter_backends: list = []

    def get_serializer_class(self):
        return s.PlanSerializer if self.action == "list" else s.PlanDetailSerializer

    def scoped_queryset(self, action):
        user = self.request.user
        if self.action == "list":
            filters = self.query_params()
            year = filters.pop("year", None)
            qs = selectors.plan_list(actor=user, filters=filters)
            if year:
                qs = qs.filter(year__year=year)
            return qs.order_by("employee__name", "start_date", "id")
        if self.action in READ_ACTIONS:  # they answer from their own selector: no nested prefetch
            return PerformancePlan.objects.for_actor(user, VIEW).select_related("year")
        return _plan_detail_queryset(PerformancePlan.objects.for_actor(user, VIEW))

    def perform_service_create(self, data):
        return services.plan_create(
            actor=self.request.user, **{k: v for k, v in data.items() if v is not None}
        )

    def perform_service_update(self, obj, data):
        return services.plan_update(plan=obj, data=data, actor=self.request.user)

    def _done(self, plan, code=status.HTTP_200_OK):
        return Response(self.read_back(plan), status=code)

    submit = plan_action("submit", services.plan_submit, "Ajukan SKP kepada pejabat penilai (pemilik)")
    withdraw = plan_action(
        "withdraw", services.plan_withdraw, "Tarik kembali SKP yang sudah diajukan (pemilik)"
    )
    approve = plan_action("approve", services.plan_approve, "Setujui (tetapkan) SKP (pejabat penilai)")
    revise = plan_action(
        "revise", services.plan_revise, "Mulai perubahan SKP yang sudah disetujui (versi baru)"
    )

    @extend_schema(
        summary="Kembalikan SKP dengan catatan umum dan/atau per RHK/IKI (pejabat penilai)",
        responses=s.PlanDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_plan(self, request, pk=None):
        plan = self.get_object()
        data = self.parse_input()
        comments = [
            {"result": c.get("result"), "indicator": c.get("indicator"), "body": c["body"]}
            for c in data.get("comments", [])
        ]
        plan = services.plan_return(
            plan=plan, actor=request.user, summary=data.get("summary", ""), comments=comments
        )
        return self._done(plan)

    @extend_schema(
        summary="Tulis dialog kinerja pada SKP, RHK, atau IKI",
        responses={201: s.PlanCommentSerializer},
    )
    @action(detail=True, methods=["post"])
    def comment(self, request, pk=None):
        plan = self.get_object()
        data = self.parse_input()
        comment = services.plan_comment_add(
            plan=plan,
            body=data["body"],
            actor=request.user,
            result=_plan_result(plan, data.get("result")),
            indicator=_plan_indicator(plan, data.get("indicator")),
        )
        return Response(s.PlanCommentSerializer(comment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Tetapkan ekspektasi khusus pimpinan untuk satu nilai BerAKHLAK (pejabat penilai)",
        responses=s.PlanDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def expectation(self, request, pk=None):
        plan = self.get_object()
        data = self.parse_input()
        value = CoreValue.objects.for_actor(request.user, VIEW).filter(code=data["value"]).first()
        if value is None:
            raise ApplicationError(
                _("Nilai dasar %(v)s tidak dikenal.") % {"v": data["value"]}, field="value"
            )
        services.behaviour_expectation_set(
            plan=plan, value=value, expectation=data["expectation"], actor=request.user
        )
        return self._done(plan)

    @extend_schema(summary="Versi SKP yang pernah disetujui", responses=s.PlanVersionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def versions(self, request, pk=None):
        plan = self.get_object()
        versions = selectors.plan_version_list(actor=request.user, plan_pk=plan.pk)
        return Response(s.PlanVersionSerializer(versions, many=True).data)

    @extend_schema(
        summary="Riwayat SKP (diajukan, dikembalikan, disetujui…)", responses=s.PlanEventSerializer(many=True)
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def events(self, request, pk=None):
        plan = self.get_object()
        return Response(
            s.PlanEventSerializer(
                selectors.plan_timeline(actor=request.user, plan_pk=plan.pk), many=True
            ).data
        )

    @extend_schema(
        summary="Bandingkan dua versi SKP (atau satu versi dengan salinan kerja)",
        parameters=[s.VersionDiffQuerySerializer],
        responses=s.VersionDiffSerializer,
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def diff(self, request, pk=None):
        plan = self.get_object()
        q = self.query_params()
        changes = selectors.plan_version_diff(
            actor=request.user, plan_pk=plan.pk, from_number=q["from_version"], to_number=q.get("to_version")
        )
        body = {"from_version": q["from_version"], "to_version": q.get("to_version"), "changes": changes}
        return Response(s.VersionDiffSerializer(body).data)

    @extend_schema(
        summary="Isi lengkap satu versi SKP yang disetujui (JSON), atau salinan kerja",
        parameters=[s.VersionQuerySerializer],
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def snapshot(self, request, pk=None):
        plan = self.get_object()
        number = self.query_params().get("version")
        return Response(selectors.plan_version_snapshot(actor=request.user, plan_pk=plan.pk, number=number))

    @extend_schema(
        summary="Progres SKP: IKI per periode, capaian sesuai arah, laju, realisasi yang belum diisi",
        parameters=[s.ProgressQuerySerializer],
        responses=s.PlanProgressDetailSerializer,
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def progress(self, request, pk=None):
        plan = self.get_object()
        row = selectors.plan_progress(actor=request.user, plan_pk=plan.pk, on=self.query_params().get("on"))
        return Response(s.PlanProgressDetailSerializer(row).data)


@extend_schema_view(
    list=extend_schema(summary="Daftar RHK yang dapat Anda lihat (filter ?plan=)"),
    retrieve=extend_schema(summary="Satu RHK dengan IKI"),
    create=extend_schema(summary="Tambah RHK pada SKP (konsep/dikembalikan)"),
    partial_update=extend_schema(summary="Ubah RHK, termasuk RHK atasan yang diintervensi"),
    destroy=extend_schema(summary="Hapus RHK (konsep/dikembalikan)"),
)
class ResultViewSet(ViewScopeMixin, ServiceDestroyMixin, ScopedViewSet):
    scoped_model = PlannedResult
    serializer_class = s.ResultSerializer
    writes_need_role = False
    destroy_service = staticmethod(services.result_delete)
    destroy_keyword = "result"
    input_serializer_classes = {
        "create": s.ResultCreateSerializer,
        "partial_update": s.ResultUpdateSerializer,
        "cascade": s.CascadeInputSerializer,
    }
    query_serializer_classes = {
        "list": s.ItemFilterSerializer,
        "collaboration_candidates": s.CandidateQuerySerializer,
    }
    filter_backends: list = []

    def scoped_queryset(self, action):
        qs = PlannedResult.objects.for_actor(self.request.user, VIEW)
        if self.action == "list":
            qs = plan_filtered(qs, self.query_params(), "plan_id")
        return (
            qs.select_related("parent_result")
            .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id")))
            .order_by("plan_id", "kind", "order", "id")
        )

    def perform_service_create(self, data):
        plan = data.pop("plan")
        data["parent_result"] = _superior_result(plan, data.get("parent_result"))
        return services.result_add(plan=plan, actor=self.request.user, **data)

    def perform_service_update(self, obj, data):
        if "parent_result" in data:
            data["parent_result"] = _superior_result(obj.plan, data["parent_result"])
        return services.result_update(result=obj, data=data, actor=self.request.user)

    @extend_schema(
        summary="RHK unit kerja lain yang dapat dijadikan kolaborasi (kinerja kolaboratif), maks. 30",
        parameters=[s.CandidateQuerySerializer],
        responses=s.ResultBriefSerializer(many=True),
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="collaboration-candidates",
        pagination_class=None,
        filter_backends=[],
    )
    def collaboration_candidates(self, request, pk=None):
        result = self.get_object()
        q = (self.query_params().get("q") or "").strip()
        rows = selectors.collaboration_candidates(actor=request.user, plan=result.plan, q=q)
        return Response(s.ResultBriefSerializer(rows.select_related("plan__employee")[:30], many=True).data)

    @extend_schema(
        methods=["GET"],
        summary="Bawahan yang dapat menerima RHK ini (penurunan massal) dengan status SKP-nya",
        responses=s.SubordinateSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Turunkan RHK ini kepada banyak bawahan sekaligus (tiap bawahan menyesuaikan salinannya)",
        request=s.CascadeInputSerializer,
        responses={200: s.CascadeReportSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def cascade(self, request, pk=None):
        result = self.get_object()
        plan = result.plan
        subs = selectors.direct_subordinates(employee_id=plan.employee_id, on=plan.start_date)
        if request.method == "GET":
            status_of = dict(
                PerformancePlan.objects.filter(year_id=plan.year_id, employee__in=subs).values_list(
                    "employee_id", "status"
                )
            )
            rows = [
                {"id": e.pk, "nip": e.nip, "full_name": e.full_name, "plan_status": status_of.get(e.pk)}
                for e in subs
            ]
            return Response(s.SubordinateSerializer(rows, many=True).data)
        data = self.parse_input()
        by_id = {e.pk: e for e in subs}
        unknown = [i for i in data["employees"] if i not in by_id]
        if unknown:
            raise ApplicationError(
                _("Pegawai %(ids)s bukan bawahan langsung pemilik RHK ini.")
                % {"ids": ", ".join(map(str, unknown))},
                field="employees",
            )
        report = services.results_cascade(
            source_result=result,
            employees=[by_id[i] for i in dict.fromkeys(data["employees"])],
            actor=request.user,
            statement=data.get("statement") or None,
            copy_indicators=data["copy_indicators"],
        )
        body = {
            "created": [r.pk for r in report.created],
            "plans_created": [p.pk for p in report.plans_created],
            "skipped": [{"employee": e, "reason": str(r)} for e, r in report.skipped],
        }
        return Response(s.CascadeReportSerializer(body).data)


@extend_schema_view(
    list=extend_schema(summary="Daftar IKI yang dapat Anda lihat (filter ?plan=)"),
    retrieve=extend_schema(summary="Satu IKI"),
    create=extend_schema(summary="Tambah IKI pada RHK (boleh dari pustaka indikator)"),
    partial_update=extend_schema(summary="Ubah IKI"),
    destroy=extend_schema(summary="Hapus IKI yang belum mempunyai realisasi"),
)
class IndicatorViewSet(ViewScopeMixin, ServiceDestroyMixin, ScopedViewSet):
    scoped_model = Indicator
    serializer_class = s.IndicatorSerializer
    writes_need_role = False
    destroy_service = staticmethod(services.indicator_delete)
    destroy_keyword = "indicator"
    input_serializer_classes = {
        "create": s.IndicatorCreateSerializer,
        "partial_update": s.IndicatorUpdateSerializer,
    }
    query_serializer_classes = {"list": s.ItemFilterSerializer, "progress": s.ProgressQuerySerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        qs = Indicator.objects.for_actor(self.request.user, VIEW).select_related("result")
        if self.action == "list":
            qs = plan_filtered(qs, self.query_params(), "result__plan_id")
        return qs.order_by("result__plan_id", "result_id", "order", "id")

    def perform_service_create(self, data):
        user = self.request.user
        result, template = data.pop("result"), data.pop("template", None)
        if template is not None and not (data.get("name") or "").strip():
            return services.indicator_add_from_template(
                result=result, template=template, actor=user, target=data.get("target")
            )
        data.setdefault("name", "")
        return services.indicator_add(result=result, actor=user, template=template, **data)

    def perform_service_update(self, obj, data):
        return services.indicator_update(indicator=obj, data=data, actor=self.request.user)

    @extend_schema(
        summary="Progres satu IKI per periode (capaian sesuai arah, laju, realisasi yang belum diisi)",
        parameters=[s.ProgressQuerySerializer],
        responses=s.IndicatorProgressSerializer,
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def progress(self, request, pk=None):
        ind = self.get_object()
        status_ = selectors.indicator_progress(
            actor=request.user, indicator_pk=ind.pk, on=self.query_params().get("on")
        )
        if status_ is None:
            raise ApplicationError(_("Progres dihitung setelah SKP disetujui."))
        return Response(s.IndicatorProgressSerializer(status_).data)


# --- realisations, evidence, feedback -------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Realisasi IKI per periode dengan bukti dukung dan umpan balik"),
    retrieve=extend_schema(summary="Satu realisasi"),
    create=extend_schema(
        summary="Isi atau koreksi realisasi satu IKI untuk satu periode (pemilik SKP atau admin)",
        responses={200: s.RealisationSerializer, 201: s.RealisationSerializer},
    ),
)
class RealisationViewSet(ViewScopeMixin, ScopedReadOnlyViewSet):
    """Realisations are recorded (created or corrected) by POST; there is no PATCH or DELETE."""

    scoped_model = Realisation
    serializer_class = s.RealisationSerializer
    writes_need_role = False
    input_serializer_classes = {
        "create": s.RealisationRecordSerializer,
        "evidence": s.EvidenceUploadSerializer,
        "feedback": s.FeedbackInputSerializer,
    }
    query_serializer_classes = {"list": s.RealisationFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        qs = Realisation.objects.for_actor(self.request.user, VIEW)
        if self.action == "list":
            params = self.query_params()
            qs = plan_filtered(qs, params, "indicator__result__plan_id")
            if indicator := params.get("indicator"):
                qs = qs.filter(indicator_id=indicator)
            if period := params.get("period"):
                qs = qs.filter(period_id=period)
        return (
            qs.select_related("indicator__result", "period")
            .prefetch_related(
                Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "id")),
                Prefetch("feedback", queryset=RealisationFeedback.objects.order_by("created_at", "id")),
            )
            .order_by("indicator_id", "period__number")
        )

    def create(self, request, *args, **kwargs):
        data = self.parse_input()
        existed = Realisation.objects.filter(indicator=data["indicator"], period=data["period"]).exists()
        real = services.realisation_record(
            indicator=data["indicator"],
            period=data["period"],
            actor=request.user,
            value=data.get("value"),
            narrative=data.get("narrative", ""),
            override_reason=data.get("override_reason", ""),
        )
        return Response(
            self.read_back(real), status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Unggah bukti dukung (multipart; jenis dari isi berkas, ukuran dibatasi)",
        request={"multipart/form-data": s.EvidenceUploadSerializer},
        responses={201: s.EvidenceSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def evidence(self, request, pk=None):
        real = self.get_object()
        data = self.parse_input()
        ev = services.evidence_add(
            realisation=real, upload=data["file"], actor=request.user, description=data.get("description", "")
        )
        return Response(s.EvidenceSerializer(ev).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Umpan balik berkelanjutan atas realisasi (pejabat penilai)",
        responses={201: s.RealisationFeedbackSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser, FormParser, MultiPartParser])
    def feedback(self, request, pk=None):
        real = self.get_object()
        fb = services.realisation_feedback_add(
            realisation=real, body=self.parse_input()["body"], actor=request.user
        )
        return Response(s.RealisationFeedbackSerializer(fb).data, status=status.HTTP_201_CREATED)


# --- coaching ----------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Bimbingan kinerja (coaching, mentoring, konseling)"),
    retrieve=extend_schema(summary="Satu sesi bimbingan dengan Format B.1.8 dan B.1.9"),
    create=extend_schema(summary="Catat sesi bimbingan kinerja (pejabat penilai pegawai)"),
    partial_update=extend_schema(summary="Ubah sesi bimbingan atau catat tindak lanjutnya (pembimbing)"),
)
class CoachingSessionViewSet(ViewScopeMixin, ScopedViewSet):
    scoped_model = CoachingSession
    serializer_class = s.CoachingSessionSerializer
    writes_need_role = False
    input_serializer_classes = {
        "create": s.CoachingCreateSerializer,
        "partial_update": s.CoachingUpdateSerializer,
        "feedback_form": s.CoachingFeedbackInputSerializer,
        "competency_ratings": s.CompetencyRatingsInputSerializer,
    }
    query_serializer_classes = {"list": s.CoachingFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        user = self.request.user
        if self.action == "list":
            return selectors.coaching_list(actor=user, filters=self.query_params())
        return (
            CoachingSession.objects.for_actor(user, VIEW)
            .select_related("employee", "feedback_form")
            .prefetch_related("competency_ratings")
        )

    def perform_service_create(self, data):
        return services.coaching_session_create(actor=self.request.user, **data)

    def perform_service_update(self, obj, data):
        return services.coaching_session_update(session=obj, data=data, actor=self.request.user)

    @extend_schema(
        summary="Format B.1.8: umpan balik pegawai atas bimbingan (pegawai yang dibimbing)",
        responses=s.CoachingSessionSerializer,
    )
    @action(detail=True, methods=["post"], url_path="feedback-form")
    def feedback_form(self, request, pk=None):
        session = self.get_object()
        data = self.parse_input()
        services.coaching_feedback_submit(
            session=session, answers=data["answers"], comment=data.get("comment", ""), actor=request.user
        )
        return Response(self.read_back(session))

    @extend_schema(
        summary="Format B.1.9: evaluasi kompetensi skala 1–5 sebagai tindak lanjut (pembimbing)",
        responses=s.CoachingSessionSerializer,
    )
    @action(detail=True, methods=["post"], url_path="competency-ratings")
    def competency_ratings(self, request, pk=None):
        session = self.get_object()
        rows = [dict(r) for r in self.parse_input()["rows"]]
        services.competency_ratings_set(session=session, rows=rows, actor=request.user)
        return Response(self.read_back(session))


# --- notifications -----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Notifikasi Anda (peringatan dini, alur SKP, umpan balik)"),
    retrieve=extend_schema(summary="Satu notifikasi"),
)
class NotificationViewSet(ScopedReadOnlyViewSet):
    scoped_model = Notification
    serializer_class = s.NotificationSerializer
    writes_need_role = False
    query_serializer_classes = {"list": s.NotificationFilterSerializer}
    filter_backends: list = []

    def scope_action(self) -> str:
        return VIEW

    def scoped_queryset(self, action):
        unread = self.action == "list" and self.query_params().get("unread", False)
        return selectors.notification_list(actor=self.request.user, unread_only=bool(unread))

    @extend_schema(
        summary="Tandai satu notifikasi sudah dibaca", request=None, responses=s.NotificationSerializer
    )
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        note = services.notification_mark_read(notification=self.get_object(), actor=request.user)
        return Response(s.NotificationSerializer(note).data)

    @extend_schema(
        summary="Tandai semua notifikasi Anda sudah dibaca",
        request=None,
        responses={200: OpenApiResponse(response=s.MarkedSerializer, description=_("Jumlah yang ditandai."))},
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        n = services.notifications_mark_all_read(actor=request.user)
        return Response({"marked": n})


# --- the cascade tree --------------------------------------------------------------------------------


def _year_and_opd(actor, params):
    """The year (`year` or the current one) and the OPD (`opd`, among those the actor may open);
    404 when either is not there for the actor."""
    years = selectors.performance_year_list(actor=actor)
    if params.get("year"):
        year = years.filter(year=params["year"]).first()
    else:
        year = selectors.performance_year_current(actor=actor)
    opd = None
    if params.get("opd"):
        opd = next((u for u in selectors.performance_opds(actor=actor) if u.pk == params["opd"]), None)
        if opd is None:
            raise Http404
    if year is None:
        raise Http404
    return year, opd


class CascadeView(ApiView):
    """The cascade of one OPD for one year: city goals → OPD goals → RHK → subordinates' RHK, with flags."""

    writes_need_role = False

    @extend_schema(
        summary="Pohon kaskade kinerja satu OPD (sasaran → RHK → RHK bawahan), dengan tanda",
        parameters=[s.CascadeQuerySerializer],
        responses=s.CascadeTreeSerializer,
    )
    def get(self, request):
        params = validated(s.CascadeQuerySerializer(data=request.query_params))
        year, opd = _year_and_opd(request.user, params)
        tree = selectors.cascade_tree(actor=request.user, year=year, opd=opd)
        return Response(s.CascadeTreeSerializer(tree).data)


class PlanProgressListView(ApiViewMixin, GenericAPIView):
    """The OPD progress page's rows: one per plan, from the maintained progress summary."""

    writes_need_role = False
    serializer_class = s.PlanProgressSerializer
    queryset = PerformancePlan.objects.none()  # for the schema only: `get` reads through the selectors

    @extend_schema(
        summary="Progres SKP per pegawai dalam satu OPD (IKI sesuai laju, tertinggal, realisasi belum diisi)",
        parameters=[s.PlanProgressQuerySerializer],
        responses=s.PlanProgressSerializer(many=True),
    )
    def get(self, request):
        params = validated(s.PlanProgressQuerySerializer(data=request.query_params))
        year, opd = _year_and_opd(request.user, params)
        on = params.get("on") or timezone.localdate()
        rows = selectors.plan_progress_rows(
            actor=request.user, year=year, opd=opd, on=on, show=params.get("show") or ""
        )
        page = self.paginate_queryset(rows)
        figures = selectors.plan_progress_figures(plans=page, on=on)
        return self.get_paginated_response(s.PlanProgressSerializer(figures, many=True).data)


class EarlyWarningView(ApiView):
    """The early-warning flags of the plans the caller sees: IKI behind their pace, realisations
    missing after a period ended (the same selector as the early-warning page)."""

    writes_need_role = False

    @extend_schema(
        summary="Peringatan dini: IKI tertinggal dari laju dan realisasi yang belum diisi (per OPD atau "
        "SKP yang Anda nilai)",
        parameters=[s.EarlyWarningQuerySerializer],
        responses=s.FlagSerializer(many=True),
    )
    def get(self, request):
        params = validated(s.EarlyWarningQuerySerializer(data=request.query_params))
        year, opd = _year_and_opd(request.user, params)
        flags = selectors.early_warnings_for_actor(
            actor=request.user, year=year, opd=opd, rated=params.get("rated", False), on=params.get("on")
        )
        flags.sort(key=lambda f: (f.plan_id, f.indicator_id, f.kind, f.period_id or 0))
        return Response(s.FlagSerializer(flags, many=True).data)


# --- collaboration links, dialog kinerja, evidence ---------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Kolaborasi RHK antarunit (kinerja kolaboratif) yang dapat Anda lihat"),
    retrieve=extend_schema(summary="Satu kolaborasi RHK (tampil pada kedua SKP)"),
    create=extend_schema(summary="Tautkan RHK Anda dengan RHK unit kerja lain (pemilik, penilai, admin)"),
    destroy=extend_schema(summary="Hapus tautan kolaborasi (pemilik, penilai, atau admin salah satu sisi)"),
)
class ResultLinkViewSet(ViewScopeMixin, ServiceDestroyMixin, ScopedReadOnlyViewSet):
    scoped_model = ResultLink
    serializer_class = s.ResultLinkSerializer
    writes_need_role = False
    destroy_service = staticmethod(services.result_collaboration_remove)
    destroy_keyword = "link"
    input_serializer_classes = {"create": s.ResultLinkCreateSerializer}
    query_serializer_classes = {"list": s.ResultLinkFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        filters = self.query_params() if self.action == "list" else {}
        return selectors.result_link_list(actor=self.request.user, filters=filters)

    def create(self, request, *args, **kwargs):
        data = self.parse_input()
        result = data["result"]
        other = (
            selectors.collaboration_candidates(actor=request.user, plan=result.plan)
            .filter(pk=data["other"])
            .first()
        )
        if other is None:
            raise ApplicationError(
                _("RHK kolaborasi tidak ditemukan atau dari unit kerja yang sama."), field="other"
            )
        link = services.result_collaborate(
            result=result, other=other, actor=request.user, note=data.get("note", "")
        )
        return Response(self.read_back(link), status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Dialog kinerja: pesan per SKP, RHK, atau IKI (filter ?plan=, ?result=)"),
    retrieve=extend_schema(summary="Satu pesan dialog kinerja"),
    create=extend_schema(summary="Tulis pesan dialog kinerja (pegawai atau pejabat penilai)"),
)
class PlanCommentViewSet(ViewScopeMixin, ScopedReadOnlyViewSet):
    scoped_model = PlanComment
    serializer_class = s.PlanCommentSerializer
    writes_need_role = False
    input_serializer_classes = {"create": s.CommentCreateSerializer}
    query_serializer_classes = {"list": s.CommentFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        filters = self.query_params() if self.action == "list" else {}
        return selectors.plan_comment_list(actor=self.request.user, filters=filters)

    def create(self, request, *args, **kwargs):
        data = self.parse_input()
        plan = data["plan"]
        comment = services.plan_comment_add(
            plan=plan,
            body=data["body"],
            actor=request.user,
            result=_plan_result(plan, data.get("result")),
            indicator=_plan_indicator(plan, data.get("indicator")),
        )
        return Response(self.read_back(comment), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Tandai pesan dialog kinerja selesai (pegawai atau pejabat penilai)",
        request=None,
        responses=s.PlanCommentSerializer,
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        comment = services.plan_comment_resolve(comment=self.get_object(), actor=request.user)
        return Response(self.read_back(comment))


@extend_schema_view(
    list=extend_schema(summary="Bukti dukung realisasi (filter ?realisation=, ?plan=)"),
    retrieve=extend_schema(summary="Satu bukti dukung"),
    destroy=extend_schema(summary="Hapus bukti dukung (pemilik SKP atau admin)"),
)
class EvidenceViewSet(ViewScopeMixin, ServiceDestroyMixin, ScopedReadOnlyViewSet):
    scoped_model = Evidence
    serializer_class = s.EvidenceDetailSerializer
    writes_need_role = False
    destroy_service = staticmethod(services.evidence_delete)
    destroy_keyword = "evidence"
    query_serializer_classes = {"list": s.EvidenceFilterSerializer}
    filter_backends: list = []

    def scoped_queryset(self, action):
        qs = Evidence.objects.for_actor(self.request.user, VIEW).select_related(
            "realisation__indicator__result__plan"
        )
        if self.action == "list":
            params = self.query_params()
            qs = plan_filtered(qs, params, "realisation__indicator__result__plan_id")
            if realisation := params.get("realisation"):
                qs = qs.filter(realisation_id=realisation)
        return qs.order_by("realisation_id", "created_at", "id")
