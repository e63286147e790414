"""The evaluation API: evaluations and their workflow, 360° requests, appeals, organisation
predicates, calibration (distribution, raters), the 9-box, follow-ups, potential scores, settings,
the evaluation run and the documents.

Reads start from the scoped selectors of `pembina.evaluation.selectors` (out of sight is 404); writes
call `pembina.evaluation.services`, which check the actor's role toward the evaluation and its state
(`rules/workflow.py`): a refusal is an `ApplicationError` → 400 with the Indonesian message, a change
of a locked evaluation is `EvaluationLocked` → 403. Raters and employees write here without an admin
role, so the endpoints do not require one (`writes_need_role = False`); the services decide."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from pembina.core.api.exceptions import validated
from pembina.core.api.viewsets import ApiView, ScopedReadOnlyViewSet
from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW, get_scope
from pembina.evaluation import documents, selectors, services
from pembina.evaluation.api import serializers as s
from pembina.evaluation.models import (
    Appeal,
    Evaluation,
    EvaluationLocked,
    Feedback360,
    FollowUp,
    OrganisationPredicate,
    PotentialScore,
)
from pembina.evaluation.permissions import evaluation_roles
from pembina.evaluation.rules import workflow
from pembina.org.models import Employee, Instansi, Unit
from pembina.performance.models import PerformanceYear, Period

PDF = OpenApiResponse(OpenApiTypes.BINARY, description="application/pdf")
XLSX = OpenApiResponse(
    OpenApiTypes.BINARY, description="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
ZIP = OpenApiResponse(OpenApiTypes.BINARY, description="application/zip")


# --- lookups of request values ------------------------------------------------------------------------------


def year_of(user, number, field: str = "year") -> PerformanceYear:
    year = PerformanceYear.objects.for_actor(user, VIEW).filter(year=number).first() if number else None
    if year is None:
        raise ApplicationError(_("Tahun kinerja %(y)s tidak ditemukan.") % {"y": number}, field=field)
    return year


def opd_of(user, pk, field: str = "opd") -> Unit | None:
    if not pk:
        return None
    unit = Unit.objects.for_actor(user, VIEW).filter(pk=pk).first()
    if unit is None:
        raise ApplicationError(_("OPD %(id)s tidak ditemukan.") % {"id": pk}, field=field)
    return unit


def period_of(year: PerformanceYear, pk, field: str = "period") -> Period | None:
    if not pk:
        return None
    period = Period.objects.filter(year=year, pk=pk).first()
    if period is None:
        raise ApplicationError(_("Periode %(id)s bukan bagian tahun kinerja ini.") % {"id": pk}, field=field)
    return period


def instansi_of(user) -> Instansi:
    instansi = Instansi.objects.for_actor(user, VIEW).first()
    if instansi is None:
        raise ApplicationError(_("Akun Anda tidak terhubung ke instansi mana pun."))
    return instansi


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def job_ref(job) -> Response:
    data = {
        "job": job.pk,
        "title": job.title,
        "status": job.status,
        "url": reverse("api-job-detail", args=[job.pk]),
    }
    return Response(s.JobRefSerializer(data).data, status=status.HTTP_202_ACCEPTED)


class EvaluationApiMixin:
    """Raters and employees write too (the services decide); a locked evaluation answers 403 with
    its message."""

    writes_need_role = False
    filter_backends: list = []

    def handle_exception(self, exc):
        if isinstance(exc, EvaluationLocked):
            exc = exceptions.PermissionDenied(exc.message)
        return super().handle_exception(exc)


# --- evaluations -----------------------------------------------------------------------------------------


def _evaluation_action(name: str, summary: str, run, input_class=None, url_path: str | None = None):
    """A workflow action on one evaluation: parse the body, call the service, answer the detail."""

    def handler(self, request, pk=None):
        evaluation = selectors.evaluation_get_for_actor(actor=request.user, pk=pk)
        data = validated(input_class(data=request.data)) if input_class else {}
        run(evaluation=evaluation, actor=request.user, **data)
        return Response(
            s.EvaluationDetailSerializer(selectors.evaluation_detail(actor=request.user, pk=pk)).data
        )

    handler.__name__ = name
    routed = action(detail=True, methods=["post"], url_path=url_path or name, url_name=url_path or name)
    return extend_schema(summary=summary, request=input_class, responses=s.EvaluationDetailSerializer)(
        routed(handler)
    )


def _invite(*, evaluation, actor, respondents):
    people = list(Employee.objects.filter(pk__in=respondents, instansi_id=evaluation.instansi_id))
    missing = set(respondents) - {e.pk for e in people}
    if missing:
        raise ApplicationError(
            _("Pegawai %(ids)s tidak ditemukan.") % {"ids": ", ".join(map(str, sorted(missing)))},
            field="respondents",
        )
    return services.feedback360_invite(evaluation=evaluation, respondents=people, actor=actor)


@extend_schema_view(
    list=extend_schema(summary="Daftar evaluasi kinerja yang dapat Anda lihat"),
)
class EvaluationViewSet(EvaluationApiMixin, ScopedReadOnlyViewSet):
    """Periodic and annual evaluations: the pejabat penilai rates, the Tim Penilai calibrates and
    publishes, the employee sees their own once published."""

    scoped_model = Evaluation
    serializer_class = s.EvaluationSerializer
    query_serializer_classes = {"list": s.EvaluationFilterSerializer}

    def scoped_queryset(self, action):
        user = self.request.user
        if self.action == "list":
            params = self.query_params()
            filters = {k: v for k, v in params.items() if k not in ("year",)}
            if params.get("year"):
                filters["year"] = year_of(user, params["year"])
            return selectors.evaluation_list(actor=user, filters=filters).select_related("year")
        return Evaluation.objects.for_actor(user, VIEW)

    @extend_schema(
        summary="Satu evaluasi: capaian IKI, perilaku kerja, agregat 360°, kalibrasi, keberatan, riwayat",
        responses=s.EvaluationDetailSerializer,
    )
    def retrieve(self, request, pk=None):
        detail = selectors.evaluation_detail(actor=request.user, pk=pk)
        return Response(s.EvaluationDetailSerializer(detail).data)

    refresh = _evaluation_action(
        "refresh", "Hitung ulang capaian (pejabat penilai, Tim Penilai)", services.evaluation_refresh
    )
    rate = _evaluation_action(
        "rate",
        "Beri rating hasil kerja dan perilaku kerja (pejabat penilai)",
        services.evaluation_rate,
        s.RateInputSerializer,
    )
    invite_360 = _evaluation_action(
        "invite_360",
        "Minta masukan 360° dari rekan/bawahan",
        _invite,
        s.Invite360InputSerializer,
        url_path="invite-360",
    )
    calibrate = _evaluation_action(
        "calibrate",
        "Kalibrasi rating dengan alasan (Tim Penilai Kinerja)",
        lambda **kw: services.evaluation_calibrate(**kw),
        s.CalibrateInputSerializer,
    )
    publish = _evaluation_action("publish", "Umumkan evaluasi kepada pegawai", services.evaluation_publish)
    lock = _evaluation_action(
        "lock", "Kunci evaluasi (final) setelah masa keberatan", services.evaluation_lock
    )

    @extend_schema(summary="Dokumen Evaluasi Kinerja Pegawai (PDF)", responses={200: PDF})
    @action(detail=True, methods=["get"])
    def document(self, request, pk=None):
        evaluation = selectors.evaluation_get_for_actor(actor=request.user, pk=pk)
        if not workflow.can_view(evaluation_roles(request.user, evaluation), evaluation.status):
            raise Http404
        return download(
            documents.evaluation_pdf(evaluation=evaluation),
            documents.evaluation_pdf_filename(evaluation=evaluation),
            documents.PDF_CONTENT_TYPE,
        )

    @extend_schema(
        summary="Umumkan semua evaluasi berstatus 'sudah dinilai' di satu OPD (cek pola distribusi)",
        request=s.OpdYearInputSerializer,
        responses=s.PublishReportSerializer,
    )
    @action(detail=False, methods=["post"], url_path="publish-opd", url_name="publish-opd")
    def publish_opd(self, request):
        data = validated(s.OpdYearInputSerializer(data=request.data))
        year = year_of(request.user, data["year"])
        opd = opd_of(request.user, data["opd"])
        report = services.evaluations_publish(
            year=year, opd=opd, period=period_of(year, data.get("period")), actor=request.user
        )
        body = {
            "published": [e.pk for e in report.published],
            "org_predicate": report.org_predicate,
            "blocking": report.blocking,
            "warnings": [v.message for v in report.violations],
        }
        return Response(s.PublishReportSerializer(body).data)

    @extend_schema(
        summary="Jalankan evaluasi (hitung capaian dan saran rating) sebagai tugas latar",
        request=s.RunInputSerializer,
        responses={202: s.JobRefSerializer},
    )
    @action(detail=False, methods=["post"])
    def run(self, request):
        from pembina.evaluation.tasks import evaluation_run_enqueue

        data = validated(s.RunInputSerializer(data=request.data))
        year = year_of(request.user, data["year"])
        job = evaluation_run_enqueue(
            year=year,
            period=period_of(year, data.get("period")),
            opd=opd_of(request.user, data.get("opd")),
            actor=request.user,
        )
        return job_ref(job)

    @extend_schema(
        summary="Dokumen evaluasi satu OPD dalam satu ZIP (tugas latar dengan kemajuan)",
        request=s.OpdYearInputSerializer,
        responses={202: s.JobRefSerializer},
    )
    @action(detail=False, methods=["post"])
    def documents(self, request):
        data = validated(s.OpdYearInputSerializer(data=request.data))
        year = year_of(request.user, data["year"])
        job = documents.documents_enqueue(
            actor=request.user,
            year=year,
            opd=opd_of(request.user, data["opd"]),
            period=period_of(year, data.get("period")),
        )
        return job_ref(job)

    @extend_schema(
        summary="Hasil evaluasi per OPD dan kota (XLSX, dengan distribusi predikat)",
        parameters=[s.OpdYearQuerySerializer],
        responses={200: XLSX},
    )
    @action(detail=False, methods=["get"], url_path="results-xlsx", url_name="results-xlsx")
    def results_xlsx(self, request):
        data = validated(s.OpdYearQuerySerializer(data=request.query_params))
        year = year_of(request.user, data["year"])
        opd = opd_of(request.user, data.get("opd"))
        period = period_of(year, data.get("period"))
        content = documents.results_xlsx(actor=request.user, year=year, opd=opd, period=period)
        return download(content, f"hasil-evaluasi-{year.year}.xlsx", documents.XLSX_CONTENT_TYPE)


class DocumentsDownloadView(EvaluationApiMixin, ApiView):
    """The ZIP of a finished document job, for the person who started it only (404 otherwise)."""

    @extend_schema(summary="Unduh ZIP dokumen evaluasi (pembuat tugas saja)", responses={200: ZIP})
    def get(self, request, pk):
        job, name = documents.documents_file(actor=request.user, job_pk=pk)
        response = FileResponse(
            default_storage.open(name, "rb"),
            as_attachment=True,
            filename=name.rsplit("/", 1)[-1],
            content_type=documents.ZIP_CONTENT_TYPE,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


# --- 360 -------------------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Permintaan masukan 360° untuk Anda"),
    retrieve=extend_schema(summary="Satu permintaan masukan 360° (responden saja)"),
)
class Feedback360ViewSet(EvaluationApiMixin, ScopedReadOnlyViewSet):
    scoped_model = Feedback360
    serializer_class = s.Feedback360Serializer
    query_serializer_classes = {"list": s.Feedback360FilterSerializer}

    def query_params(self):
        parser = self.query_serializer_classes.get(self.action)
        return validated(parser(data=self.request.query_params)) if parser else {}

    def scoped_queryset(self, action):
        user = self.request.user
        if self.action == "list":
            pending = self.query_params().get("pending", True)
            return selectors.feedback360_requests_for(actor=user, pending_only=pending)
        return Feedback360.objects.for_actor(user, VIEW).select_related("evaluation", "evaluation__employee")

    @extend_schema(
        summary="Isi masukan 360°", request=s.Feedback360SubmitSerializer, responses=s.Feedback360Serializer
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        item = selectors.feedback360_get_for_actor(actor=request.user, pk=pk)
        data = validated(s.Feedback360SubmitSerializer(data=request.data))
        item = services.feedback360_submit(request=item, actor=request.user, **data)
        return Response(self.read_back(item))


# --- appeals ---------------------------------------------------------------------------------------------


def _appeal_action(name: str, summary: str, run, input_class, url_path: str | None = None):
    def handler(self, request, pk=None):
        appeal = selectors.appeal_get_for_actor(actor=request.user, pk=pk)
        data = validated(input_class(data=request.data))
        run(appeal=appeal, actor=request.user, **data)
        return Response(self.read_back(appeal))

    handler.__name__ = name
    routed = action(detail=True, methods=["post"], url_path=url_path or name, url_name=url_path or name)
    return extend_schema(summary=summary, request=input_class, responses=s.AppealSerializer)(routed(handler))


@extend_schema_view(
    list=extend_schema(summary="Keberatan yang dapat Anda lihat"),
    retrieve=extend_schema(summary="Satu keberatan dengan penjelasan kedua pihak dan keputusan"),
)
class AppealViewSet(EvaluationApiMixin, ScopedReadOnlyViewSet):
    scoped_model = Appeal
    serializer_class = s.AppealSerializer
    query_serializer_classes = {"list": s.AppealFilterSerializer}

    def scoped_queryset(self, action):
        user = self.request.user
        if self.action == "list":
            filters = self.query_params()
            if filters.get("year"):
                filters["year"] = year_of(user, filters["year"])
            return selectors.appeal_list(actor=user, filters=filters).select_related("evaluation__employee")
        return Appeal.objects.for_actor(user, VIEW).select_related("evaluation__employee", "decider")

    def get_object(self):
        return selectors.appeal_get_for_actor(actor=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary="Ajukan keberatan atas evaluasi Anda (pegawai)",
        request=s.AppealFileSerializer,
        responses={201: s.AppealSerializer},
    )
    def create(self, request):
        data = validated(s.AppealFileSerializer(data=request.data))
        evaluation = selectors.evaluation_get_for_actor(actor=request.user, pk=data["evaluation"])
        appeal = services.appeal_file(evaluation=evaluation, reasons=data["reasons"], actor=request.user)
        return Response(self.read_back(appeal), status=status.HTTP_201_CREATED)

    request_explanations = _appeal_action(
        "request_explanations",
        "Minta penjelasan kedua pihak (atasan pejabat penilai)",
        services.appeal_request_explanations,
        s.AppealNoteSerializer,
        url_path="request-explanations",
    )
    explain = _appeal_action(
        "explain",
        "Beri penjelasan (pejabat penilai atau pegawai)",
        services.appeal_explain,
        s.AppealExplainSerializer,
    )
    decide = _appeal_action(
        "decide",
        "Putuskan keberatan: kuatkan atau ubah (final)",
        services.appeal_decide,
        s.AppealDecideSerializer,
    )


# --- organisation predicates, calibration, 9-box --------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Predikat kinerja organisasi (OPD)", parameters=[s.YearQuerySerializer]),
    retrieve=extend_schema(summary="Satu predikat kinerja organisasi"),
)
class OrganisationPredicateViewSet(EvaluationApiMixin, ScopedReadOnlyViewSet):
    scoped_model = OrganisationPredicate
    serializer_class = s.OrganisationPredicateSerializer

    def scoped_queryset(self, action):
        user = self.request.user
        if self.action == "list":
            params = validated(s.YearQuerySerializer(data=self.request.query_params))
            if params.get("year"):
                return selectors.organisation_predicate_list(
                    actor=user, year=year_of(user, params["year"])
                ).select_related("year")
        return (
            OrganisationPredicate.objects.for_actor(user, VIEW)
            .select_related("year", "opd", "period")
            .order_by("year__year", "opd__name", "period__number", "pk")
        )

    @extend_schema(
        summary="Tetapkan predikat kinerja organisasi (Pimpinan, Admin BKPSDM)",
        request=s.OrganisationPredicateInputSerializer,
        responses={201: s.OrganisationPredicateSerializer},
    )
    def create(self, request):
        data = validated(s.OrganisationPredicateInputSerializer(data=request.data))
        year = year_of(request.user, data["year"])
        obj = services.organisation_predicate_record(
            year=year,
            opd=opd_of(request.user, data["opd"]),
            period=period_of(year, data.get("period")),
            predicate=data["predicate"],
            note=data.get("note", ""),
            actor=request.user,
        )
        return Response(self.read_back(obj), status=status.HTTP_201_CREATED)


class DistributionView(EvaluationApiMixin, ApiView):
    """Calibration view of one OPD: its predicate distribution against the curve, raters side by side."""

    @extend_schema(
        summary="Distribusi predikat OPD terhadap pola distribusi, dan perbandingan pejabat penilai",
        parameters=[s.OpdYearQuerySerializer],
        responses=s.DistributionSerializer,
    )
    def get(self, request):
        data = validated(s.OpdYearQuerySerializer(data=request.query_params))
        year = year_of(request.user, data["year"])
        opd = opd_of(request.user, data.get("opd"))
        if opd is None:
            raise ApplicationError(_("Pilih OPD."), field="opd")
        period = period_of(year, data.get("period"))
        dist = selectors.distribution(actor=request.user, year=year, opd=opd, period=period)
        raters = selectors.rater_comparison(actor=request.user, year=year, opd=opd, period=period)
        body = {**dist.__dict__, "raters": raters}
        return Response(s.DistributionSerializer(body).data)


class NineBoxView(EvaluationApiMixin, ApiView):
    @extend_schema(
        summary="Talenta 9-box: predikat tahunan × skor potensi",
        parameters=[s.OpdYearQuerySerializer],
        responses=s.NineBoxSerializer,
    )
    def get(self, request):
        data = validated(s.OpdYearQuerySerializer(data=request.query_params))
        year = year_of(request.user, data["year"])
        box = selectors.nine_box(actor=request.user, year=year, opd=opd_of(request.user, data.get("opd")))
        return Response(s.NineBoxSerializer(box).data)


# --- follow-ups, potential scores, settings -----------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Tindak lanjut: persentase angka kredit dan komponen TPP per pegawai"),
    retrieve=extend_schema(summary="Satu tindak lanjut"),
)
class FollowUpViewSet(EvaluationApiMixin, ScopedReadOnlyViewSet):
    scoped_model = FollowUp
    serializer_class = s.FollowUpSerializer
    query_serializer_classes = {"list": s.FollowUpFilterSerializer}

    def scoped_queryset(self, action):
        user = self.request.user
        if self.action == "list":
            params = self.query_params()
            return selectors.follow_up_list(
                actor=user, year=year_of(user, params.get("year")), opd=opd_of(user, params.get("opd"))
            )
        return FollowUp.objects.for_actor(user, VIEW).select_related(
            "evaluation__employee", "evaluation__unit", "evaluation__period"
        )

    @extend_schema(
        summary="Tindak lanjut (XLSX)", parameters=[s.FollowUpFilterSerializer], responses={200: XLSX}
    )
    @action(detail=False, methods=["get"])
    def xlsx(self, request):
        data = validated(s.FollowUpFilterSerializer(data=request.query_params))
        year = year_of(request.user, data["year"])
        content = documents.follow_up_xlsx(
            actor=request.user, year=year, opd=opd_of(request.user, data.get("opd"))
        )
        return download(content, f"tindak-lanjut-evaluasi-{year.year}.xlsx", documents.XLSX_CONTENT_TYPE)


@extend_schema_view(
    list=extend_schema(summary="Skor potensi (asesmen) pegawai", parameters=[s.YearQuerySerializer]),
    retrieve=extend_schema(summary="Satu skor potensi"),
)
class PotentialScoreViewSet(EvaluationApiMixin, ScopedReadOnlyViewSet):
    scoped_model = PotentialScore
    serializer_class = s.PotentialScoreSerializer
    writes_need_role = True  # Admin OPD / Admin BKPSDM only

    def scoped_queryset(self, action):
        params = (
            validated(s.YearQuerySerializer(data=self.request.query_params)) if self.action == "list" else {}
        )
        return selectors.potential_score_list(actor=self.request.user, year=params.get("year"))

    @extend_schema(
        summary="Catat skor potensi satu pegawai",
        request=s.PotentialScoreInputSerializer,
        responses={201: s.PotentialScoreSerializer},
    )
    def create(self, request):
        data = validated(s.PotentialScoreInputSerializer(data=request.data))
        employee = Employee.objects.filter(
            pk=data.pop("employee"), instansi_id=get_scope(request.user).instansi_id
        ).first()
        if employee is None:
            raise Http404
        obj = services.potential_score_set(employee=employee, actor=request.user, **data)
        return Response(self.read_back(obj), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Impor skor potensi dari CSV/XLSX (berkas besar: tugas latar)",
        request={"multipart/form-data": s.ImportInputSerializer},
        responses={200: s.ImportResultSerializer, 202: s.ImportResultSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_file(self, request):
        from pembina.evaluation.imports import import_start

        data = validated(s.ImportInputSerializer(data=request.data))
        started = import_start(kind="potential_scores", upload=data["file"], actor=request.user)
        if started.job is not None:
            body = {
                "kind": "potential_scores",
                "filename": data["file"].name,
                "rows": 0,
                "created": 0,
                "updated": 0,
                "unchanged": 0,
                "error_count": 0,
                "errors": [],
                "job": started.job.pk,
            }
            return Response(s.ImportResultSerializer(body).data, status=status.HTTP_202_ACCEPTED)
        result = started.result
        body = {
            **result.counts(),
            "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in result.errors],
            "job": None,
        }
        code = status.HTTP_200_OK if result.ok else status.HTTP_400_BAD_REQUEST
        return Response(s.ImportResultSerializer(body).data, status=code)


class SettingsView(EvaluationApiMixin, ApiView):
    """The instansi's evaluation settings (thresholds, curve blocking, deadlines, TPP table)."""

    writes_need_role = True
    parser_classes = [JSONParser]

    @extend_schema(summary="Pengaturan evaluasi instansi", responses=s.EvaluationSettingsSerializer)
    def get(self, request):
        obj = selectors.evaluation_settings_for(instansi_id=instansi_of(request.user).pk)
        return Response(s.EvaluationSettingsSerializer(obj).data)

    @extend_schema(
        summary="Ubah pengaturan evaluasi (Admin BKPSDM)",
        request=s.EvaluationSettingsInputSerializer,
        responses=s.EvaluationSettingsSerializer,
    )
    def patch(self, request):
        data = validated(s.EvaluationSettingsInputSerializer(data=request.data, partial=True))
        if "tpp_percent" in data:
            data["tpp_percent"] = {k: str(v) for k, v in data["tpp_percent"].items()}
        obj = services.evaluation_settings_update(
            instansi=instansi_of(request.user), actor=request.user, **data
        )
        return Response(s.EvaluationSettingsSerializer(obj).data)
