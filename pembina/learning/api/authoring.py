"""What the pages could do and the API could not: an employee uploads an external certificate
(multipart), and Admin BKPSDM authors complaint-handling scenarios (scenario, steps, choices, the
validation problems, publish / back to draft / archive).

Both call the same services as the pages (`certificate_external_submit`, which checks the file by its
content through `services.files.store_evidence`; `scenario_create`, `step_save`, `choice_save`,
`scenario_publish` …) and the same selector for the author's view (`scenario_preview`)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from pembina.core.api.exceptions import validated
from pembina.core.api.viewsets import ApiView, InputSerializer, ScopedViewSet
from pembina.core.scoping import CHANGE, VIEW, get_scope
from pembina.learning import choices as ch
from pembina.learning import selectors, services
from pembina.learning.api.serializers import (
    JP,
    CodeField,
    LearningCertificateSerializer,
    LearningScenarioSerializer,
)
from pembina.learning.choices import EndingKind, ResponseType
from pembina.learning.models import Choice, Scenario, Step
from pembina.learning.permissions import employee_roles
from pembina.learning.rules import scenario as sc
from pembina.learning.rules import workflow as wf
from pembina.learning.services.simulations import STEP_FIELDS
from pembina.org.models import Employee

# --- external certificate upload ----------------------------------------------------------------


class LearningCertificateUploadSerializer(InputSerializer):
    """The fields of the page's form (ExternalCertificateForm), as multipart/form-data."""

    employee = serializers.IntegerField(
        required=False, label=_lazy("pegawai"), help_text=_lazy("Kosong = Anda sendiri; admin: pegawainya.")
    )
    title = serializers.CharField(max_length=300, label=_lazy("nama kegiatan"))
    activity_kind = CodeField(ch.ActivityKind, label=_lazy("bentuk pengembangan"))
    organiser = serializers.CharField(max_length=200, label=_lazy("penyelenggara"))
    number = serializers.CharField(max_length=80, required=False, allow_blank=True, label=_lazy("nomor"))
    start_date = serializers.DateField(label=_lazy("mulai"))
    end_date = serializers.DateField(label=_lazy("selesai"))
    jp = serializers.DecimalField(**JP, min_value=0, label=_lazy("JP tercantum"))
    file = serializers.FileField(
        label=_lazy("berkas sertifikat"),
        allow_empty_file=True,  # the service's rule refuses an empty file with its own message
        help_text=_lazy("PDF, PNG, atau JPEG (dibaca dari isinya), paling besar 5 MB."),
    )

    def validate(self, attrs):
        if attrs["end_date"] < attrs["start_date"]:
            raise serializers.ValidationError(
                {"end_date": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")}
            )
        return attrs


class CertificateUploadView(ApiView):
    """An employee (or an admin for an employee in scope) uploads a certificate from outside the
    catalogue; it waits for the admin's check (`POST certificates/{id}/review/`)."""

    parser_classes = [MultiPartParser, FormParser]
    writes_need_role = False  # every employee uploads their own

    @extend_schema(
        summary="Unggah sertifikat dari luar katalog (multipart: berkas + isian); menunggu pemeriksaan admin",
        request={"multipart/form-data": LearningCertificateUploadSerializer},
        responses={201: LearningCertificateSerializer},
    )
    def post(self, request):
        data = dict(validated(LearningCertificateUploadSerializer(data=request.data)))
        employee_pk = data.pop("employee", None)
        if employee_pk is None:
            employee = getattr(request.user, "employee", None)
            if employee is None:
                raise Http404
        else:
            employee = Employee.objects.for_actor(request.user, VIEW).filter(pk=employee_pk).first()
            if employee is None:
                raise Http404
        if not employee_roles(request.user, employee) & frozenset({wf.OWNER, *wf.ADMINS}):
            raise PermissionDenied(_("Anda tidak berwenang mengunggah sertifikat untuk pegawai ini."))
        data.setdefault("number", "")
        cert = services.certificate_external_submit(employee=employee, actor=request.user, **data)
        fresh = selectors.certificate_list(actor=request.user, filters={}).filter(pk=cert.pk).first()
        return Response(LearningCertificateSerializer(fresh or cert).data, status=status.HTTP_201_CREATED)


# --- scenario authoring ----------------------------------------------------------------------------


class LearningScenarioAuthorSerializer(InputSerializer):
    code = serializers.SlugField(max_length=80, label=_lazy("kode"))
    title = serializers.CharField(max_length=200, label=_lazy("judul"))
    service_context = serializers.CharField(label=_lazy("konteks layanan"))
    service_owner = serializers.CharField(
        max_length=200, required=False, allow_blank=True, label=_lazy("OPD/unit layanan")
    )
    channel = CodeField(ch.Channel, label=_lazy("kanal"))
    difficulty = CodeField(ch.Difficulty, label=_lazy("tingkat kesulitan"))
    briefing = serializers.CharField(required=False, allow_blank=True, label=_lazy("pengantar"))
    learning_goals = serializers.ListField(
        child=serializers.CharField(), required=False, label=_lazy("tujuan pembelajaran")
    )
    pass_percent = serializers.DecimalField(
        max_digits=5, decimal_places=1, min_value=0, max_value=100, required=False, label=_lazy("batas lulus")
    )
    jp = serializers.DecimalField(**JP, min_value=0, required=False, label=_lazy("JP bila lulus"))
    competencies = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=5),
        required=False,
        label=_lazy("kompetensi"),
        help_text=_lazy('{kode-kompetensi: level}, mis. {"pelayanan-publik": 2}.'),
    )
    start = serializers.SlugField(
        max_length=40,
        required=False,
        allow_blank=True,
        label=_lazy("langkah awal"),
        help_text=_lazy("Ubah saja."),
    )


class LearningRubricItemSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=200)
    dimension = serializers.ChoiceField(choices=list(sc.DIMENSIONS))
    points = serializers.IntegerField(min_value=sc.SCORE_MIN, max_value=sc.SCORE_MAX)
    keywords = serializers.ListField(child=serializers.CharField(), allow_empty=False)
    feedback = serializers.CharField(required=False, allow_blank=True, default="")


STEP_KINDS = (ResponseType.CHOICE, ResponseType.FREE_TEXT, "ending")


class LearningStepInSerializer(InputSerializer):
    key = serializers.SlugField(max_length=40, label=_lazy("kunci langkah"))
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, label=_lazy("judul"))
    situation = serializers.CharField(required=False, allow_blank=True, label=_lazy("situasi"))
    citizen_message = serializers.CharField(label=_lazy("pesan warga"))
    kind = serializers.ChoiceField(choices=STEP_KINDS, label=_lazy("jenis langkah"))
    ending_kind = CodeField(EndingKind, required=False, allow_blank=True, label=_lazy("jenis akhir"))
    closing_feedback = serializers.CharField(required=False, allow_blank=True, label=_lazy("umpan balik"))
    prompt = serializers.CharField(max_length=300, required=False, allow_blank=True, label=_lazy("petunjuk"))
    rubric = LearningRubricItemSerializer(many=True, required=False, label=_lazy("rubrik kata kunci"))
    min_points = serializers.IntegerField(required=False, label=_lazy("nilai minimal"))
    next = serializers.SlugField(max_length=40, required=False, allow_blank=True, label=_lazy("berikutnya"))
    low_next = serializers.SlugField(
        max_length=40, required=False, allow_blank=True, label=_lazy("berikutnya (jawaban kurang)")
    )
    order = serializers.IntegerField(min_value=0, required=False, label=_lazy("urutan"))


def step_service_data(d: dict) -> dict:
    """The serializer's fields as `step_save` takes them (the page's StepForm.service_data, but only
    the keys given, so PATCH changes just those)."""
    data = {k: v for k, v in d.items() if k not in ("key", "kind")}
    if "kind" in d:
        data["is_ending"] = d["kind"] == "ending"
        data["response_type"] = (
            ResponseType.FREE_TEXT if d["kind"] == ResponseType.FREE_TEXT else ResponseType.CHOICE
        )
    for link in ("next", "low_next"):
        if link in data:
            data[link] = data[link] or None
    return data


class LearningChoiceInSerializer(InputSerializer):
    label = serializers.CharField(label=_lazy("jawaban"))
    next = serializers.SlugField(max_length=40, allow_blank=True, label=_lazy("menuju langkah"))
    feedback = serializers.CharField(label=_lazy("umpan balik"))
    critical = serializers.BooleanField(required=False, default=False, label=_lazy("pelanggaran berat"))
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=sc.SCORE_MIN, max_value=sc.SCORE_MAX),
        label=_lazy("nilai rubrik"),
        help_text=_lazy("{dimensi: nilai}; dimensi: need, manner, improvement, procedure; nilai −3…3."),
    )
    order = serializers.IntegerField(min_value=0, required=False, label=_lazy("urutan"))

    def validate_scores(self, value):
        if not value and not self.partial:
            raise serializers.ValidationError(_("Beri nilai paling sedikit pada satu dimensi rubrik."))
        unknown = set(value) - set(sc.DIMENSIONS)
        if unknown:
            raise serializers.ValidationError(_("Dimensi '%(d)s' tidak dikenal.") % {"d": sorted(unknown)[0]})
        return value

    def validate_next(self, value):
        return value or None


class LearningProblemSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="dead_end, unreachable, unscored, cycle, …")
    step = serializers.CharField()
    choice = serializers.CharField()
    message = serializers.CharField()


class LearningChoiceOutSerializer(serializers.ModelSerializer):
    next = serializers.SerializerMethodField()

    class Meta:
        model = Choice
        fields = ["id", "order", "label", "next", "scores", "feedback", "critical"]
        read_only_fields = fields

    def get_next(self, obj) -> str:
        return self.context["keys"].get(obj.next_step_id, "")


class LearningStepOutSerializer(serializers.ModelSerializer):
    next = serializers.SerializerMethodField()
    low_next = serializers.SerializerMethodField()
    choices = serializers.SerializerMethodField()

    class Meta:
        model = Step
        fields = ["key", *STEP_FIELDS, "next", "low_next", "choices"]
        read_only_fields = fields

    def get_next(self, obj) -> str:
        return self.context["keys"].get(obj.next_step_id, "")

    def get_low_next(self, obj) -> str:
        return self.context["keys"].get(obj.low_next_step_id, "")

    def get_choices(self, obj) -> list[dict]:  # type: ignore[override]
        return LearningChoiceOutSerializer(obj.choice_list, many=True, context=self.context).data


class LearningValidationSerializer(serializers.Serializer):
    publishable = serializers.BooleanField()
    problems = LearningProblemSerializer(many=True)
    max_score = serializers.IntegerField()
    paths = serializers.IntegerField()
    longest = serializers.IntegerField()


class LearningScenarioDraftSerializer(LearningValidationSerializer):
    scenario = LearningScenarioSerializer()
    start = serializers.CharField()
    steps = serializers.ListField(child=serializers.DictField())


def draft_body(preview) -> dict:
    keys = {step.pk: step.key for step in preview.steps}
    steps = LearningStepOutSerializer(preview.steps, many=True, context={"keys": keys}).data
    return {
        "scenario": LearningScenarioSerializer(preview.scenario).data,
        "start": keys.get(preview.scenario.start_step_id, ""),
        "steps": steps,
        **validation_body(preview),
    }


def validation_body(preview) -> dict:
    return {
        "publishable": preview.publishable,
        "problems": LearningProblemSerializer(preview.problems, many=True).data,
        "max_score": preview.max_score,
        "paths": preview.paths,
        "longest": preview.longest,
    }


DRAFT = LearningScenarioDraftSerializer


@extend_schema_view(
    list=extend_schema(summary="Skenario yang dapat Anda susun (Admin BKPSDM), semua status"),
    retrieve=extend_schema(
        summary="Skenario untuk penyusun: langkah, pilihan (dengan nilai), masalah validasi, statistik",
        responses=DRAFT,
    ),
    create=extend_schema(summary="Buat skenario (draf) — Admin BKPSDM", responses={201: DRAFT}),
    partial_update=extend_schema(
        summary="Ubah skenario draf (isian, langkah awal, kompetensi)", responses=DRAFT
    ),
)
class ScenarioAuthoringViewSet(ScopedViewSet):
    """Admin BKPSDM only (any other role: 403); a scenario outside the author's scope is 404. Only a
    draft changes; publishing validates (no dead ends, every step reachable, every path scored, no
    cycles) and refuses with the problems list."""

    scoped_model = Scenario
    serializer_class = LearningScenarioSerializer
    writes_need_role = True
    input_serializer_classes = {
        "create": LearningScenarioAuthorSerializer,
        "partial_update": LearningScenarioAuthorSerializer,
        "add_step": LearningStepInSerializer,
        "step": LearningStepInSerializer,
        "add_choice": LearningChoiceInSerializer,
        "choice": LearningChoiceInSerializer,
    }
    filter_backends: list = []

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not get_scope(request.user).write_all:
            raise PermissionDenied(_("Hanya Admin BKPSDM yang dapat menyusun skenario simulasi."))

    def scope_action(self) -> str:
        return CHANGE

    def scoped_queryset(self, action):
        return (
            Scenario.objects.for_actor(self.request.user, CHANGE)
            .prefetch_related("competency_links__competency")
            .order_by("code", "id")
        )

    def _draft(self, scenario_pk: int, code=status.HTTP_200_OK) -> Response:
        preview = selectors.scenario_preview(actor=self.request.user, pk=scenario_pk)
        return Response(draft_body(preview), status=code)

    def retrieve(self, request, *args, **kwargs):
        return self._draft(self.get_object().pk)

    def create(self, request, *args, **kwargs):
        data = dict(self.parse_input())
        code = data.pop("code")
        competencies = data.pop("competencies", None)
        data.pop("start", None)
        scenario = services.scenario_create(
            code=code,
            data=data,
            competencies=competencies,
            instansi=request.user.instansi,
            actor=request.user,
        )
        return self._draft(scenario.pk, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        scenario = self.get_object()
        data = dict(self.parse_input(partial=True))
        if "code" in data:
            raise serializers.ValidationError(
                {"detail": _("Kode skenario tidak dapat diubah."), "field": "code"}
            )
        services.scenario_update(scenario=scenario, data=data, actor=request.user)
        return self._draft(scenario.pk)

    def _step(self, scenario, key: str) -> Step:
        step = Step.objects.filter(scenario=scenario, key=key).first()
        if step is None:
            raise Http404
        return step

    @extend_schema(
        summary="Tambah langkah (pilihan jawaban, jawaban bebas dengan rubrik, atau akhir)",
        request=LearningStepInSerializer,
        responses={201: DRAFT},
    )
    @action(detail=True, methods=["post"], url_path="steps", url_name="steps")
    def add_step(self, request, pk=None):
        scenario = self.get_object()
        data = self.parse_input()
        if Step.objects.filter(scenario=scenario, key=data["key"]).exists():
            raise serializers.ValidationError(
                {"detail": _("Kunci langkah %(k)s sudah dipakai.") % {"k": data["key"]}, "field": "key"}
            )
        services.step_save(
            scenario=scenario, key=data["key"], data=step_service_data(data), actor=request.user
        )
        return self._draft(scenario.pk, status.HTTP_201_CREATED)

    @extend_schema(
        methods=["PATCH"],
        summary="Ubah langkah (kunci tetap)",
        request=LearningStepInSerializer,
        responses=DRAFT,
    )
    @extend_schema(methods=["DELETE"], summary="Hapus langkah", request=None, responses=DRAFT)
    @action(detail=True, methods=["patch", "delete"], url_path=r"steps/(?P<key>[-\w]+)", url_name="step")
    def step(self, request, pk=None, key=None):
        scenario = self.get_object()
        step = self._step(scenario, key)
        if request.method == "DELETE":
            services.step_delete(step=step, actor=request.user)
        else:
            data = dict(self.parse_input(partial=True))
            data.pop("key", None)
            services.step_save(
                scenario=scenario, key=step.key, data=step_service_data(data), actor=request.user
            )
        return self._draft(scenario.pk)

    @extend_schema(
        summary="Tambah pilihan jawaban pada langkah (menuju langkah, nilai rubrik, umpan balik)",
        request=LearningChoiceInSerializer,
        responses={201: DRAFT},
    )
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<key>[-\w]+)/choices", url_name="step-choices")
    def add_choice(self, request, pk=None, key=None):
        scenario = self.get_object()
        step = self._step(scenario, key)
        services.choice_save(step=step, data=dict(self.parse_input()), actor=request.user)
        return self._draft(scenario.pk, status.HTTP_201_CREATED)

    @extend_schema(
        methods=["PATCH"], summary="Ubah pilihan jawaban", request=LearningChoiceInSerializer, responses=DRAFT
    )
    @extend_schema(methods=["DELETE"], summary="Hapus pilihan jawaban", request=None, responses=DRAFT)
    @action(
        detail=True, methods=["patch", "delete"], url_path=r"choices/(?P<choice_id>\d+)", url_name="choice"
    )
    def choice(self, request, pk=None, choice_id=None):
        scenario = self.get_object()
        choice = Choice.objects.select_related("step").filter(pk=choice_id, step__scenario=scenario).first()
        if choice is None:
            raise Http404
        if request.method == "DELETE":
            services.choice_delete(choice=choice, actor=request.user)
        else:
            data = dict(self.parse_input(partial=True))
            services.choice_save(step=choice.step, choice=choice, data=data, actor=request.user)
        return self._draft(scenario.pk)

    @extend_schema(
        summary="Validasi: buntu, langkah tak terjangkau, jalur tanpa nilai, siklus (daftar masalah)",
        responses=LearningValidationSerializer,
    )
    @action(detail=True, methods=["get"])
    def validation(self, request, pk=None):
        preview = selectors.scenario_preview(actor=request.user, pk=self.get_object().pk)
        return Response(validation_body(preview))

    def _status(self, service):
        scenario = service(scenario=self.get_object(), actor=self.request.user)
        return self._draft(scenario.pk)

    @extend_schema(
        summary="Terbitkan setelah validasi (400 dengan daftar masalah)", request=None, responses=DRAFT
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._status(services.scenario_publish)

    @extend_schema(
        summary="Kembalikan menjadi draf untuk diubah (percobaan berjalan berakhir)",
        request=None,
        responses=DRAFT,
    )
    @action(detail=True, methods=["post"])
    def unpublish(self, request, pk=None):
        return self._status(services.scenario_unpublish)

    @extend_schema(summary="Arsipkan skenario", request=None, responses=DRAFT)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        return self._status(services.scenario_archive)
