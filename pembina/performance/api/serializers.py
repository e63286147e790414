"""Serializers of the performance API. Output serializers shape rows; input serializers only parse —
the services in `pembina.performance.services` check the rules and write."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pembina.core.api.viewsets import InputSerializer, ScopedPrimaryKeyRelatedField
from pembina.org.models import Employee
from pembina.performance.choices import (
    Aggregation,
    Approach,
    Aspect,
    CoachingKind,
    CoachingStatus,
    Direction,
    GoalLevel,
    PeriodInterval,
    Perspective,
    PlanForm,
    PlanStatus,
    ResultKind,
    Sector,
    YearState,
)
from pembina.performance.models import (
    CoachingFeedback,
    CoachingSession,
    CompetencyRating,
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
    PlanEvent,
    PlannedResult,
    PlanVersion,
    Realisation,
    RealisationFeedback,
    ResultLink,
)

DECIMAL = {"max_digits": 16, "decimal_places": 4}

# --- output: years, goals, library ---------------------------------------------------------------------


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = Period
        fields = ["id", "year", "number", "label", "start", "end"]
        read_only_fields = fields


class PerformanceYearSerializer(serializers.ModelSerializer):
    class Meta:
        model = PerformanceYear
        fields = [
            "id",
            "year",
            "interval",
            "state",
            "planning_deadline",
            "realisation_grace_days",
            "evaluation_deadline",
            "closing_deadline",
            "pace_tolerance",
        ]
        read_only_fields = fields


class GoalIndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = GoalIndicator
        fields = [
            "id",
            "goal",
            "order",
            "name",
            "target",
            "unit",
            "direction",
            "aggregation",
            "data_source",
            "data_source_params",
        ]
        read_only_fields = fields


class GoalSerializer(serializers.ModelSerializer):
    opd_name = serializers.CharField(source="opd.name", read_only=True, default=None)
    indicators = GoalIndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "year",
            "level",
            "opd",
            "opd_name",
            "parent",
            "code",
            "statement",
            "order",
            "indicators",
        ]
        read_only_fields = fields


class IndicatorTemplateSerializer(serializers.ModelSerializer):
    shared = serializers.SerializerMethodField(help_text=_("Pustaka bersama (bukan milik instansi)."))

    class Meta:
        model = IndicatorTemplate
        fields = [
            "id",
            "code",
            "sector",
            "name",
            "definition",
            "unit",
            "direction",
            "aspect",
            "aggregation",
            "suggested_target",
            "reference",
            "data_source",
            "data_source_params",
            "is_active",
            "shared",
        ]
        read_only_fields = fields

    def get_shared(self, obj) -> bool:
        return obj.instansi_id is None


# --- output: plans ---------------------------------------------------------------------------------


class PersonBriefSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Employee
        fields = ["id", "nip", "full_name"]
        read_only_fields = fields


class IndicatorSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="result.plan_id", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "result",
            "plan",
            "order",
            "aspect",
            "name",
            "target",
            "target_text",
            "unit",
            "direction",
            "aggregation",
            "data_source",
            "data_source_params",
            "template",
        ]
        read_only_fields = fields


class IndicatorInResultSerializer(IndicatorSerializer):
    class Meta(IndicatorSerializer.Meta):
        fields = [f for f in IndicatorSerializer.Meta.fields if f not in ("result", "plan")]
        read_only_fields = fields


class ResultSerializer(serializers.ModelSerializer):
    parent_statement = serializers.CharField(
        source="parent_result.statement",
        read_only=True,
        default=None,
        help_text=_("Rumusan RHK atasan yang diintervensi."),
    )
    indicators = IndicatorInResultSerializer(many=True, read_only=True)

    class Meta:
        model = PlannedResult
        fields = [
            "id",
            "plan",
            "kind",
            "order",
            "statement",
            "perspective",
            "parent_result",
            "parent_statement",
            "goal",
            "goal_indicator",
            "cascaded_from",
            "indicators",
        ]
        read_only_fields = fields


class ResultInPlanSerializer(ResultSerializer):
    class Meta(ResultSerializer.Meta):
        fields = [f for f in ResultSerializer.Meta.fields if f != "plan"]
        read_only_fields = fields


class BehaviourSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="value.code", read_only=True)
    name = serializers.CharField(source="value.name", read_only=True)
    guides = serializers.SerializerMethodField(help_text=_("Panduan perilaku nilai ini."))

    class Meta:
        model = PlanBehaviour
        fields = ["id", "code", "name", "guides", "expectation"]
        read_only_fields = fields

    def get_guides(self, obj) -> list[str]:
        return [g.text for g in obj.value.guides.all()]


class PlanSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="year.year", read_only=True)
    year_id = serializers.IntegerField(read_only=True)
    employee = PersonBriefSerializer(read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True, default=None)
    opd_name = serializers.CharField(source="opd.name", read_only=True, default=None)

    class Meta:
        model = PerformancePlan
        fields = [
            "id",
            "year",
            "year_id",
            "employee",
            "unit",
            "unit_name",
            "opd",
            "opd_name",
            "form",
            "approach",
            "status",
            "version",
            "approved_version",
            "start_date",
            "end_date",
            "rater",
            "rater_superior",
            "submitted_at",
            "approved_at",
        ]
        read_only_fields = fields


class PlanDetailSerializer(PlanSerializer):
    results = ResultInPlanSerializer(many=True, read_only=True)
    behaviours = BehaviourSerializer(many=True, read_only=True)
    actions = serializers.SerializerMethodField(
        help_text=_("Tindakan alur kerja yang boleh Anda lakukan pada SKP ini sekarang.")
    )

    class Meta(PlanSerializer.Meta):
        fields = [
            *PlanSerializer.Meta.fields,
            "header",
            "support_resources",
            "accountability_scheme",
            "consequences",
            "previous_plan",
            "closed_reason",
            "results",
            "behaviours",
            "actions",
        ]
        read_only_fields = fields

    def get_actions(self, obj) -> list[str]:
        from pembina.performance.permissions import plan_actions

        request = self.context.get("request")
        return plan_actions(request.user, obj) if request is not None else []


class PlanVersionSerializer(serializers.ModelSerializer):
    approved_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = PlanVersion
        fields = ["id", "number", "approved_by", "approved_at", "note"]
        read_only_fields = fields


class PlanEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanEvent
        fields = ["id", "kind", "actor_name", "comment", "version", "data", "created_at"]
        read_only_fields = fields


class PlanCommentSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanComment
        fields = [
            "id",
            "plan",
            "result",
            "indicator",
            "author_name",
            "body",
            "is_return_note",
            "version",
            "resolved_at",
            "created_at",
        ]
        read_only_fields = fields


# --- output: realisations, coaching, notifications -------------------------------------------------------


class EvidenceSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField(help_text=_("Unduh berkas (dengan sesi login)."))

    class Meta:
        model = Evidence
        fields = [
            "id",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "description",
            "created_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, obj) -> str:
        from django.urls import NoReverseMatch, reverse

        try:
            return reverse("performance:evidence_download", args=[obj.pk])
        except NoReverseMatch:
            return ""


class RealisationFeedbackSerializer(serializers.ModelSerializer):
    class Meta:
        model = RealisationFeedback
        fields = ["id", "realisation", "author_name", "body", "created_at"]
        read_only_fields = fields


class RealisationSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="indicator.result.plan_id", read_only=True)
    period_label = serializers.CharField(source="period.label", read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    feedback = RealisationFeedbackSerializer(many=True, read_only=True)

    class Meta:
        model = Realisation
        fields = [
            "id",
            "plan",
            "indicator",
            "period",
            "period_label",
            "value",
            "narrative",
            "source",
            "source_value",
            "provenance",
            "override_reason",
            "evidence",
            "feedback",
            "updated_at",
        ]
        read_only_fields = fields


class CoachingFeedbackSerializer(serializers.ModelSerializer):
    class Meta:
        model = CoachingFeedback
        fields = ["id", "answers", "comment", "created_at"]
        read_only_fields = fields


class CompetencyRatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = CompetencyRating
        fields = ["id", "order", "competency", "score", "reason"]
        read_only_fields = fields


class CoachingSessionSerializer(serializers.ModelSerializer):
    employee = PersonBriefSerializer(read_only=True)
    feedback_form = CoachingFeedbackSerializer(read_only=True, allow_null=True)
    competency_ratings = CompetencyRatingSerializer(many=True, read_only=True)

    class Meta:
        model = CoachingSession
        fields = [
            "id",
            "plan",
            "employee",
            "coach",
            "coach_name",
            "kind",
            "held_on",
            "topic",
            "notes",
            "agreed_actions",
            "follow_up",
            "follow_up_due",
            "follow_up_done_on",
            "status",
            "feedback_form",
            "competency_ratings",
        ]
        read_only_fields = fields


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "plan", "read_at", "created_at"]
        read_only_fields = fields


# --- output: the cascade tree --------------------------------------------------------------------------


class CascadeIndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    aspect = serializers.CharField()
    target = serializers.DecimalField(allow_null=True, **DECIMAL)
    target_text = serializers.CharField()
    unit = serializers.CharField()


class CascadeResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="result.id")
    plan = serializers.IntegerField(source="plan.id")
    plan_status = serializers.CharField(source="plan.status")
    employee = serializers.CharField(source="plan.employee.full_name")
    position = serializers.CharField(source="plan.header.employee.position", default="")
    kind = serializers.CharField(source="result.kind")
    statement = serializers.CharField(source="result.statement")
    flags = serializers.SerializerMethodField(
        help_text=_("intervenes_nothing, not_intervened, plan_not_approved, parent_outside")
    )
    collaborators = serializers.ListField(child=serializers.IntegerField(), help_text=_("RHK kolaborasi."))
    indicators = CascadeIndicatorSerializer(many=True)

    def get_flags(self, node) -> list[str]:
        return sorted(node.flags)


# The tree is recursive: each RHK node holds the subordinates' RHK that intervene it.
CascadeResultSerializer._declared_fields["children"] = CascadeResultSerializer(many=True)


class CascadeGoalIndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    target = serializers.DecimalField(allow_null=True, **DECIMAL)
    unit = serializers.CharField()


class CascadeGoalSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="goal.id")
    level = serializers.CharField(source="goal.level")
    statement = serializers.CharField(source="goal.statement")
    indicators = CascadeGoalIndicatorSerializer(many=True)
    results = CascadeResultSerializer(many=True, help_text=_("RHK kepala OPD yang mendukung sasaran ini."))


CascadeGoalSerializer._declared_fields["children"] = CascadeGoalSerializer(many=True)


class CascadeTreeSerializer(serializers.Serializer):
    year = serializers.IntegerField(source="year.year")
    opd = serializers.IntegerField(source="opd.id")
    opd_name = serializers.CharField(source="opd.name")
    counts = serializers.DictField(child=serializers.IntegerField())
    city_goals = CascadeGoalSerializer(many=True)
    unlinked_opd_goals = CascadeGoalSerializer(many=True)
    loose_results = CascadeResultSerializer(many=True)
    plans_not_approved = serializers.SerializerMethodField()
    employees_without_plan = serializers.SerializerMethodField()

    def get_plans_not_approved(self, tree) -> list[int]:
        return [p.pk for p in tree.plans_not_approved]

    def get_employees_without_plan(self, tree) -> list[int]:
        return [e.pk for e in tree.employees_without_plan]


# --- input (parse only) --------------------------------------------------------------------------------


class YearCreateSerializer(InputSerializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, label=_("tahun"))
    interval = serializers.ChoiceField(
        choices=PeriodInterval.choices, default=PeriodInterval.QUARTERLY, label=_("periode evaluasi")
    )
    planning_deadline = serializers.DateField(required=False, allow_null=True, label=_("batas penetapan SKP"))
    evaluation_deadline = serializers.DateField(required=False, allow_null=True, label=_("batas evaluasi"))
    closing_deadline = serializers.DateField(required=False, allow_null=True, label=_("batas penutupan"))
    realisation_grace_days = serializers.IntegerField(
        required=False, min_value=0, max_value=90, label=_("batas pengisian realisasi (hari)")
    )


class YearTransitionSerializer(InputSerializer):
    state = serializers.ChoiceField(choices=YearState.choices, label=_("tahap"))


class GoalCreateSerializer(InputSerializer):
    year = ScopedPrimaryKeyRelatedField(PerformanceYear, label=_("tahun kinerja"))
    level = serializers.ChoiceField(choices=GoalLevel.choices, label=_("tingkat"))
    opd = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("OPD"))
    parent = ScopedPrimaryKeyRelatedField(Goal, required=False, allow_null=True, label=_("sasaran Wali Kota"))
    code = serializers.CharField(required=False, allow_blank=True, max_length=30, label=_("kode"))
    statement = serializers.CharField(max_length=2000, label=_("sasaran"))


class GoalUpdateSerializer(InputSerializer):
    statement = serializers.CharField(required=False, max_length=2000, label=_("sasaran"))
    code = serializers.CharField(required=False, allow_blank=True, max_length=30, label=_("kode"))
    order = serializers.IntegerField(required=False, min_value=0, label=_("urutan"))
    parent = ScopedPrimaryKeyRelatedField(Goal, required=False, allow_null=True, label=_("sasaran Wali Kota"))


class GoalIndicatorCreateSerializer(InputSerializer):
    goal = ScopedPrimaryKeyRelatedField(Goal, label=_("sasaran"))
    name = serializers.CharField(max_length=300, label=_("indikator kinerja utama"))
    unit = serializers.CharField(max_length=40, label=_("satuan"))
    target = serializers.DecimalField(required=False, allow_null=True, label=_("target"), **DECIMAL)
    direction = serializers.ChoiceField(choices=Direction.choices, default=Direction.HIGHER, label=_("arah"))
    aggregation = serializers.ChoiceField(
        choices=Aggregation.choices, default=Aggregation.LAST, label=_("cara akumulasi")
    )
    data_source = serializers.CharField(
        required=False, allow_blank=True, max_length=100, label=_("sumber data")
    )
    data_source_params = serializers.DictField(required=False, label=_("parameter sumber data"))


class GoalIndicatorUpdateSerializer(InputSerializer):
    name = serializers.CharField(required=False, max_length=300, label=_("indikator kinerja utama"))
    unit = serializers.CharField(required=False, max_length=40, label=_("satuan"))
    target = serializers.DecimalField(required=False, allow_null=True, label=_("target"), **DECIMAL)
    direction = serializers.ChoiceField(choices=Direction.choices, required=False, label=_("arah"))
    aggregation = serializers.ChoiceField(
        choices=Aggregation.choices, required=False, label=_("cara akumulasi")
    )
    data_source = serializers.CharField(
        required=False, allow_blank=True, max_length=100, label=_("sumber data")
    )
    data_source_params = serializers.DictField(required=False, label=_("parameter sumber data"))
    order = serializers.IntegerField(required=False, min_value=0, label=_("urutan"))


class TemplateInputSerializer(InputSerializer):
    code = serializers.SlugField(required=False, max_length=60, label=_("kode"))
    sector = serializers.ChoiceField(choices=Sector.choices, label=_("sektor"))
    name = serializers.CharField(max_length=300, label=_("nama indikator"))
    definition = serializers.CharField(label=_("definisi operasional"))
    unit = serializers.CharField(max_length=40, label=_("satuan"))
    direction = serializers.ChoiceField(choices=Direction.choices, label=_("arah"))
    aspect = serializers.ChoiceField(choices=Aspect.choices, label=_("aspek"))
    aggregation = serializers.ChoiceField(choices=Aggregation.choices, label=_("cara akumulasi"))
    suggested_target = serializers.DecimalField(
        required=False, allow_null=True, label=_("target acuan"), **DECIMAL
    )
    reference = serializers.CharField(required=False, allow_blank=True, max_length=300, label=_("acuan"))
    data_source = serializers.CharField(
        required=False, allow_blank=True, max_length=100, label=_("sumber data")
    )
    data_source_params = serializers.DictField(required=False, label=_("parameter sumber data"))
    is_active = serializers.BooleanField(required=False, label=_("aktif"))


class PlanCreateSerializer(InputSerializer):
    year = ScopedPrimaryKeyRelatedField(PerformanceYear, label=_("tahun kinerja"))
    employee = ScopedPrimaryKeyRelatedField(Employee, label=_("pegawai"))
    start_date = serializers.DateField(required=False, allow_null=True, label=_("periode mulai"))
    end_date = serializers.DateField(required=False, allow_null=True, label=_("periode sampai"))
    form = serializers.ChoiceField(
        choices=PlanForm.choices,
        required=False,
        allow_null=True,
        label=_("bentuk SKP"),
        help_text=_("Kosong: dari jenis jabatan."),
    )
    approach = serializers.ChoiceField(
        choices=Approach.choices, default=Approach.QUANTITATIVE, label=_("pendekatan")
    )


class PlanUpdateSerializer(InputSerializer):
    form = serializers.ChoiceField(choices=PlanForm.choices, required=False, label=_("bentuk SKP"))
    approach = serializers.ChoiceField(choices=Approach.choices, required=False, label=_("pendekatan"))
    support_resources = serializers.CharField(
        required=False, allow_blank=True, label=_("dukungan sumber daya")
    )
    accountability_scheme = serializers.CharField(
        required=False, allow_blank=True, label=_("skema pertanggungjawaban")
    )
    consequences = serializers.CharField(required=False, allow_blank=True, label=_("konsekuensi"))


class PlanFilterSerializer(InputSerializer):
    year = serializers.IntegerField(required=False, allow_null=True, min_value=2000, label=_("tahun"))
    opd = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("OPD"))
    unit = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        label=_("unit kerja"),
        help_text=_("Termasuk sub-unitnya."),
    )
    status = serializers.ChoiceField(
        choices=PlanStatus.choices, required=False, allow_blank=True, label=_("status")
    )
    employee = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("pegawai"))
    rater = serializers.ChoiceField(
        choices=[("me", _("saya"))],
        required=False,
        allow_blank=True,
        label=_("pejabat penilai"),
        help_text=_("`me`: SKP yang Anda nilai."),
    )
    q = serializers.CharField(
        required=False, allow_blank=True, label=_("cari"), help_text=_("Nama atau awal NIP.")
    )


class CommentTextSerializer(InputSerializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000, label=_("catatan"))


class ReturnNoteSerializer(InputSerializer):
    result = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("RHK"))
    indicator = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("IKI"))
    body = serializers.CharField(max_length=4000, label=_("catatan"))


class PlanReturnSerializer(InputSerializer):
    summary = serializers.CharField(required=False, allow_blank=True, max_length=4000, label=_("alasan umum"))
    comments = ReturnNoteSerializer(many=True, required=False, label=_("catatan per butir"))


class PlanReviseSerializer(InputSerializer):
    reason = serializers.CharField(max_length=4000, label=_("alasan perubahan"))


class PlanCommentSerializerInput(InputSerializer):
    body = serializers.CharField(max_length=4000, label=_("isi"))
    result = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("RHK"))
    indicator = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("IKI"))


class ExpectationSerializer(InputSerializer):
    value = serializers.SlugField(
        label=_("nilai dasar"), help_text=_("Kode nilai BerAKHLAK, mis. akuntabel.")
    )
    expectation = serializers.CharField(allow_blank=True, max_length=4000, label=_("ekspektasi khusus"))


class ResultCreateSerializer(InputSerializer):
    plan = ScopedPrimaryKeyRelatedField(PerformancePlan, label=_("SKP"))
    statement = serializers.CharField(max_length=4000, label=_("rencana hasil kerja"))
    kind = serializers.ChoiceField(choices=ResultKind.choices, default=ResultKind.MAIN, label=_("jenis RHK"))
    perspective = serializers.ChoiceField(
        choices=Perspective.choices, required=False, allow_blank=True, label=_("perspektif")
    )
    parent_result = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, label=_("RHK atasan yang diintervensi")
    )
    goal = ScopedPrimaryKeyRelatedField(Goal, required=False, allow_null=True, label=_("sasaran"))
    goal_indicator = ScopedPrimaryKeyRelatedField(
        GoalIndicator, required=False, allow_null=True, label=_("IKU")
    )


class ResultUpdateSerializer(InputSerializer):
    statement = serializers.CharField(required=False, max_length=4000, label=_("rencana hasil kerja"))
    kind = serializers.ChoiceField(choices=ResultKind.choices, required=False, label=_("jenis RHK"))
    perspective = serializers.ChoiceField(
        choices=Perspective.choices, required=False, allow_blank=True, label=_("perspektif")
    )
    order = serializers.IntegerField(required=False, min_value=0, label=_("urutan"))
    parent_result = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, label=_("RHK atasan yang diintervensi")
    )
    goal = ScopedPrimaryKeyRelatedField(Goal, required=False, allow_null=True, label=_("sasaran"))
    goal_indicator = ScopedPrimaryKeyRelatedField(
        GoalIndicator, required=False, allow_null=True, label=_("IKU")
    )


class IndicatorCreateSerializer(InputSerializer):
    result = ScopedPrimaryKeyRelatedField(PlannedResult, label=_("RHK"))
    template = ScopedPrimaryKeyRelatedField(
        IndicatorTemplate,
        required=False,
        allow_null=True,
        label=_("pustaka indikator"),
        help_text=_("Nama, satuan, arah, aspek dan sumber data disalin dari pustaka."),
    )
    name = serializers.CharField(required=False, allow_blank=True, max_length=300, label=_("nama IKI"))
    aspect = serializers.ChoiceField(choices=Aspect.choices, default=Aspect.QUANTITY, label=_("aspek"))
    target = serializers.DecimalField(required=False, allow_null=True, label=_("target"), **DECIMAL)
    target_text = serializers.CharField(
        required=False, allow_blank=True, max_length=200, label=_("target (uraian)")
    )
    unit = serializers.CharField(required=False, allow_blank=True, max_length=40, label=_("satuan"))
    direction = serializers.ChoiceField(choices=Direction.choices, default=Direction.HIGHER, label=_("arah"))
    aggregation = serializers.ChoiceField(
        choices=Aggregation.choices, default=Aggregation.SUM, label=_("cara akumulasi")
    )
    data_source = serializers.CharField(
        required=False, allow_blank=True, max_length=100, label=_("sumber data")
    )
    data_source_params = serializers.DictField(required=False, label=_("parameter sumber data"))


class IndicatorUpdateSerializer(InputSerializer):
    name = serializers.CharField(required=False, max_length=300, label=_("nama IKI"))
    aspect = serializers.ChoiceField(choices=Aspect.choices, required=False, label=_("aspek"))
    target = serializers.DecimalField(required=False, allow_null=True, label=_("target"), **DECIMAL)
    target_text = serializers.CharField(
        required=False, allow_blank=True, max_length=200, label=_("target (uraian)")
    )
    unit = serializers.CharField(required=False, allow_blank=True, max_length=40, label=_("satuan"))
    direction = serializers.ChoiceField(choices=Direction.choices, required=False, label=_("arah"))
    aggregation = serializers.ChoiceField(
        choices=Aggregation.choices, required=False, label=_("cara akumulasi")
    )
    data_source = serializers.CharField(
        required=False, allow_blank=True, max_length=100, label=_("sumber data")
    )
    data_source_params = serializers.DictField(required=False, label=_("parameter sumber data"))
    order = serializers.IntegerField(required=False, min_value=0, label=_("urutan"))


class ItemFilterSerializer(InputSerializer):
    plan = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("SKP"))


class RealisationFilterSerializer(InputSerializer):
    plan = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("SKP"))
    indicator = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("IKI"))
    period = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("periode"))


class RealisationRecordSerializer(InputSerializer):
    indicator = ScopedPrimaryKeyRelatedField(Indicator, label=_("IKI"))
    period = ScopedPrimaryKeyRelatedField(Period, label=_("periode"))
    value = serializers.DecimalField(required=False, allow_null=True, label=_("realisasi"), **DECIMAL)
    narrative = serializers.CharField(
        required=False, allow_blank=True, max_length=8000, label=_("uraian realisasi")
    )
    override_reason = serializers.CharField(
        required=False, allow_blank=True, max_length=4000, label=_("alasan koreksi nilai sumber data")
    )


class EvidenceUploadSerializer(InputSerializer):
    # Empty files reach the service, which refuses them with the same message as on the page.
    file = serializers.FileField(
        allow_empty_file=True, label=_("berkas"), help_text=_("PDF, gambar, atau dokumen kantor.")
    )
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=300, label=_("keterangan")
    )


class FeedbackInputSerializer(InputSerializer):
    body = serializers.CharField(max_length=4000, label=_("umpan balik"))


class CoachingCreateSerializer(InputSerializer):
    employee = ScopedPrimaryKeyRelatedField(Employee, label=_("pegawai"))
    plan = ScopedPrimaryKeyRelatedField(PerformancePlan, required=False, allow_null=True, label=_("SKP"))
    kind = serializers.ChoiceField(choices=CoachingKind.choices, label=_("bentuk bimbingan"))
    held_on = serializers.DateField(label=_("tanggal"))
    topic = serializers.CharField(max_length=300, label=_("topik"))
    notes = serializers.CharField(required=False, allow_blank=True, label=_("catatan pembicaraan"))
    agreed_actions = serializers.CharField(required=False, allow_blank=True, label=_("aksi yang disepakati"))
    follow_up = serializers.CharField(required=False, allow_blank=True, label=_("tindak lanjut"))
    follow_up_due = serializers.DateField(required=False, allow_null=True, label=_("batas tindak lanjut"))
    status = serializers.ChoiceField(
        choices=CoachingStatus.choices, default=CoachingStatus.HELD, label=_("status")
    )


class CoachingUpdateSerializer(InputSerializer):
    kind = serializers.ChoiceField(choices=CoachingKind.choices, required=False, label=_("bentuk bimbingan"))
    held_on = serializers.DateField(required=False, label=_("tanggal"))
    topic = serializers.CharField(required=False, max_length=300, label=_("topik"))
    notes = serializers.CharField(required=False, allow_blank=True, label=_("catatan pembicaraan"))
    agreed_actions = serializers.CharField(required=False, allow_blank=True, label=_("aksi yang disepakati"))
    follow_up = serializers.CharField(required=False, allow_blank=True, label=_("tindak lanjut"))
    follow_up_due = serializers.DateField(required=False, allow_null=True, label=_("batas tindak lanjut"))
    follow_up_done_on = serializers.DateField(
        required=False, allow_null=True, label=_("tindak lanjut selesai")
    )
    status = serializers.ChoiceField(choices=CoachingStatus.choices, required=False, label=_("status"))


class CoachingFeedbackInputSerializer(InputSerializer):
    answers = serializers.DictField(
        child=serializers.BooleanField(),
        label=_("jawaban"),
        help_text=_("Sembilan kriteria Format B.1.8: kode → ya (true) / tidak (false)."),
    )
    comment = serializers.CharField(required=False, allow_blank=True, label=_("saran/komentar"))


class CompetencyRowSerializer(InputSerializer):
    competency = serializers.CharField(max_length=200, label=_("kompetensi pegawai"))
    score = serializers.IntegerField(label=_("nilai (1–5)"))
    reason = serializers.CharField(required=False, allow_blank=True, label=_("alasan"))


class CompetencyRatingsInputSerializer(InputSerializer):
    rows = CompetencyRowSerializer(many=True, label=_("kompetensi"))


class CascadeQuerySerializer(InputSerializer):
    year = serializers.IntegerField(required=False, allow_null=True, min_value=2000, label=_("tahun"))
    opd = serializers.IntegerField(min_value=1, label=_("OPD"))


class NotificationFilterSerializer(InputSerializer):
    unread = serializers.BooleanField(required=False, default=False, label=_("belum dibaca saja"))


class TemplateFilterSerializer(InputSerializer):
    sector = serializers.ChoiceField(
        choices=Sector.choices, required=False, allow_blank=True, label=_("sektor")
    )
    direction = serializers.ChoiceField(
        choices=Direction.choices, required=False, allow_blank=True, label=_("arah")
    )
    q = serializers.CharField(required=False, allow_blank=True, label=_("cari"))


class GoalFilterSerializer(InputSerializer):
    year = serializers.IntegerField(required=False, allow_null=True, min_value=2000, label=_("tahun"))
    level = serializers.ChoiceField(
        choices=GoalLevel.choices, required=False, allow_blank=True, label=_("tingkat")
    )
    opd = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("OPD"))


class PeriodFilterSerializer(InputSerializer):
    year = serializers.IntegerField(required=False, allow_null=True, min_value=2000, label=_("tahun"))


class CoachingFilterSerializer(InputSerializer):
    employee = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("pegawai"))
    plan = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("SKP"))
    kind = serializers.ChoiceField(
        choices=CoachingKind.choices, required=False, allow_blank=True, label=_("bentuk bimbingan")
    )


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text=_("Jumlah notifikasi yang ditandai sudah dibaca."))


# --- collaboration, bulk cascade, versions, dialog kinerja, evidence, progress -------------------------


class ResultBriefSerializer(serializers.ModelSerializer):
    employee = serializers.CharField(source="plan.employee.full_name", read_only=True)
    unit_name = serializers.CharField(source="plan.unit.name", read_only=True, default=None)

    class Meta:
        model = PlannedResult
        fields = ["id", "plan", "kind", "statement", "employee", "unit_name"]
        read_only_fields = fields


class ResultLinkSerializer(serializers.ModelSerializer):
    result_a = ResultBriefSerializer(read_only=True)
    result_b = ResultBriefSerializer(read_only=True)

    class Meta:
        model = ResultLink
        fields = ["id", "result_a", "result_b", "note", "created_at"]
        read_only_fields = fields


class ResultLinkFilterSerializer(InputSerializer):
    plan = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("SKP"))
    result = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("RHK"))


class ResultLinkCreateSerializer(InputSerializer):
    result = ScopedPrimaryKeyRelatedField(PlannedResult, label=_("RHK Anda"))
    other = serializers.IntegerField(
        min_value=1,
        label=_("RHK unit lain"),
        help_text=_(
            "Dari /results/{id}/collaboration-candidates/: RHK unit kerja lain pada tahun yang sama."
        ),
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=300, label=_("keterangan"))


class CandidateQuerySerializer(InputSerializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, label=_("cari"))


class SubordinateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nip = serializers.CharField()
    full_name = serializers.CharField()
    plan_status = serializers.ChoiceField(
        choices=PlanStatus.choices,
        allow_null=True,
        help_text=_("Status SKP bawahan tahun ini (kosong: belum ada)."),
    )


class CascadeInputSerializer(InputSerializer):
    employees = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        allow_empty=False,
        label=_("bawahan"),
        help_text=_("Pegawai yang pejabat penilainya pemilik RHK ini (lihat GET)."),
    )
    statement = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=4000,
        label=_("rumusan RHK bawahan"),
        help_text=_("Kosong: rumusan RHK atasan; tiap bawahan menyesuaikan salinannya."),
    )
    copy_indicators = serializers.BooleanField(default=True, label=_("salin IKI sebagai awal"))


class SkippedSerializer(serializers.Serializer):
    employee = serializers.IntegerField()
    reason = serializers.CharField()


class CascadeReportSerializer(serializers.Serializer):
    created = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("RHK baru pada SKP bawahan.")
    )
    plans_created = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("SKP konsep yang dibuat untuk bawahan tanpa SKP.")
    )
    skipped = SkippedSerializer(many=True)


class VersionDiffQuerySerializer(InputSerializer):
    from_version = serializers.IntegerField(min_value=1, label=_("dari versi"))
    to_version = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        label=_("ke versi"),
        help_text=_("Kosong: salinan kerja saat ini."),
    )


class VersionQuerySerializer(InputSerializer):
    version = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, label=_("versi"), help_text=_("Kosong: salinan kerja.")
    )


class ChangeSerializer(serializers.Serializer):
    section = serializers.CharField()
    key = serializers.CharField(allow_null=True)
    label = serializers.CharField(allow_blank=True)
    change = serializers.ChoiceField(choices=["added", "removed", "changed"])
    field = serializers.CharField(allow_null=True)
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)


class VersionDiffSerializer(serializers.Serializer):
    from_version = serializers.IntegerField()
    to_version = serializers.IntegerField(allow_null=True)
    changes = ChangeSerializer(many=True)


class CommentFilterSerializer(InputSerializer):
    plan = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("SKP"))
    result = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("RHK"))
    indicator = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("IKI"))
    open = serializers.BooleanField(required=False, default=False, label=_("belum diselesaikan saja"))


class CommentCreateSerializer(InputSerializer):
    plan = ScopedPrimaryKeyRelatedField(PerformancePlan, label=_("SKP"))
    result = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("RHK"))
    indicator = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("IKI"))
    body = serializers.CharField(max_length=4000, label=_("isi"))


class EvidenceDetailSerializer(EvidenceSerializer):
    class Meta(EvidenceSerializer.Meta):
        fields = ["realisation", *EvidenceSerializer.Meta.fields]
        read_only_fields = fields


class EvidenceFilterSerializer(InputSerializer):
    realisation = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("realisasi"))
    plan = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("SKP"))


class ProgressQuerySerializer(InputSerializer):
    on = serializers.DateField(
        required=False, allow_null=True, label=_("per tanggal"), help_text=_("Kosong: hari ini.")
    )


class PeriodValueSerializer(serializers.Serializer):
    period = serializers.IntegerField()
    label = serializers.CharField()
    value = serializers.DecimalField(allow_null=True, **DECIMAL)
    ended = serializers.BooleanField()
    missing = serializers.BooleanField(help_text=_("Periode lewat batas pengisian tanpa realisasi."))


class IndicatorProgressSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(source="indicator_id")
    plan = serializers.IntegerField(source="plan_id")
    name = serializers.CharField()
    target = serializers.DecimalField(allow_null=True, **DECIMAL)
    unit = serializers.CharField()
    direction = serializers.ChoiceField(choices=Direction.choices)
    aggregation = serializers.ChoiceField(choices=Aggregation.choices)
    elapsed = serializers.IntegerField(help_text=_("Periode SKP yang sudah berakhir."))
    ytd = serializers.DecimalField(
        allow_null=True, help_text=_("Realisasi s.d. periode berakhir."), **DECIMAL
    )
    progress = serializers.DecimalField(
        allow_null=True, max_digits=7, decimal_places=2, help_text=_("Capaian (%) sesuai arah.")
    )
    pace = serializers.ChoiceField(choices=["on_track", "behind", "no_data"])
    periods = serializers.SerializerMethodField()

    @extend_schema_field(PeriodValueSerializer(many=True))
    def get_periods(self, status):
        missing = {p.pk for p in status.missing}
        return [
            {
                "period": p.pk,
                "label": p.label,
                "value": v,
                "ended": n < status.elapsed,
                "missing": p.pk in missing,
            }
            for n, (p, v) in enumerate(zip(status.periods, status.values, strict=True))
        ]


class PlanProgressSerializer(serializers.Serializer):
    plan = serializers.IntegerField(source="plan.pk")
    employee = serializers.CharField(source="employee_name")
    unit_name = serializers.CharField(allow_null=True)
    status = serializers.ChoiceField(source="plan.status", choices=PlanStatus.choices)
    indicators = serializers.IntegerField()
    on_track = serializers.IntegerField()
    behind = serializers.IntegerField()
    no_data = serializers.IntegerField()
    missing = serializers.IntegerField(help_text=_("Realisasi periode yang lewat batas pengisian."))
    average_progress = serializers.DecimalField(allow_null=True, max_digits=7, decimal_places=2)


class PlanProgressDetailSerializer(PlanProgressSerializer):
    indicator_statuses = IndicatorProgressSerializer(many=True, source="statuses")


class FlagSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["indicator_behind", "realisation_missing"])
    plan = serializers.IntegerField(source="plan_id")
    indicator = serializers.IntegerField(source="indicator_id")
    indicator_name = serializers.CharField()
    period = serializers.IntegerField(source="period_id", allow_null=True)
    period_label = serializers.CharField()


class EarlyWarningQuerySerializer(InputSerializer):
    year = serializers.IntegerField(required=False, allow_null=True, min_value=2000, label=_("tahun"))
    opd = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("OPD"))
    rated = serializers.BooleanField(
        required=False, default=False, label=_("SKP yang saya nilai"), help_text=_("Abaikan opd.")
    )
    on = serializers.DateField(required=False, allow_null=True, label=_("per tanggal"))


class PlanProgressQuerySerializer(InputSerializer):
    opd = serializers.IntegerField(min_value=1, label=_("OPD"))
    year = serializers.IntegerField(required=False, allow_null=True, min_value=2000, label=_("tahun"))
    show = serializers.ChoiceField(
        choices=[("behind", _("ada IKI tertinggal")), ("missing", _("ada realisasi belum diisi"))],
        required=False,
        allow_blank=True,
        label=_("tampilkan"),
    )
    on = serializers.DateField(required=False, allow_null=True, label=_("per tanggal"))
