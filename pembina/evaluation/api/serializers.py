"""Serializers of the evaluation API. Output serializers shape rows; input serializers only parse —
the services in `pembina.evaluation.services` check the roles, the states and the lock, and write.

Coded values (status, rating, predicate …) are plain strings whose codes are listed in the help text,
not schema enums: the same field names carry other code sets in other apps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from pembina.core.api.viewsets import InputSerializer
from pembina.evaluation import choices as ch
from pembina.evaluation.models import (
    Appeal,
    CalibrationAdjustment,
    Evaluation,
    EvaluationEvent,
    EvaluationSettings,
    Feedback360,
    FollowUp,
    OrganisationPredicate,
    PotentialScore,
)
from pembina.evaluation.services.admin import SETTINGS_FIELDS
from pembina.learning.api.serializers import CodeField as Code
from pembina.learning.api.serializers import code_out as learning_code_out
from pembina.learning.api.serializers import label_of as label

PCT = {"max_digits": 7, "decimal_places": 2, "allow_null": True, "read_only": True}


def code_out(choices: type[models.TextChoices], **kwargs) -> serializers.CharField:
    if not kwargs:
        return learning_code_out(choices)
    return serializers.CharField(read_only=True, help_text=learning_code_out(choices).help_text, **kwargs)


# --- evaluations ---------------------------------------------------------------------------------------


class EvaluationSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="year.year", read_only=True)
    kind = code_out(ch.EvaluationKind)
    period_label = serializers.CharField(source="period.label", read_only=True, default=None)
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    employee_nip = serializers.CharField(source="employee.nip", read_only=True)
    rater_name = serializers.CharField(source="rater.full_name", read_only=True, default=None)
    unit_name = serializers.CharField(source="unit.name", read_only=True, default=None)
    opd_name = serializers.CharField(source="opd.name", read_only=True, default=None)
    status = code_out(ch.EvaluationStatus)
    status_label = label("status")
    suggested_rating = code_out(ch.Rating)
    unit_rating = code_out(ch.Rating)
    rating_result = code_out(ch.Rating)
    rating_behaviour = code_out(ch.Rating)
    predicate = code_out(ch.Predicate)
    predicate_label = label("predicate")
    achievement = serializers.DecimalField(**PCT)
    unit_achievement = serializers.DecimalField(**PCT)

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "year",
            "kind",
            "period",
            "period_label",
            "plan",
            "employee",
            "employee_name",
            "employee_nip",
            "rater",
            "rater_name",
            "rater_superior",
            "unit",
            "unit_name",
            "opd",
            "opd_name",
            "is_unit_head",
            "status",
            "status_label",
            "achievement",
            "indicators_total",
            "indicators_above",
            "indicators_meets",
            "indicators_below",
            "main_below",
            "suggested_rating",
            "unit_achievement",
            "unit_rating",
            "computed_at",
            "rating_result",
            "rating_behaviour",
            "predicate",
            "predicate_label",
            "rated_at",
            "published_at",
            "appeal_deadline",
            "locked_at",
        ]
        read_only_fields = fields


class AchievementRowSerializer(serializers.Serializer):
    indicator_id = serializers.IntegerField(allow_null=True)
    result_statement = serializers.CharField()
    is_main = serializers.BooleanField()
    name = serializers.CharField()
    target = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    target_text = serializers.CharField()
    unit = serializers.CharField()
    direction = serializers.CharField()
    aggregation = serializers.CharField()
    expected = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    realised = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    periods_reported = serializers.IntegerField()
    progress = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    band = Code(ch.AchievementBand)


class BehaviourRowSerializer(serializers.Serializer):
    value = serializers.CharField(source="value.code", help_text=_("Kode nilai dasar BerAKHLAK."))
    name = serializers.CharField(source="value.name")
    guides = serializers.ListField(child=serializers.CharField())
    expectation = serializers.CharField()
    feedback = serializers.CharField()


class ValueAggregateSerializer(serializers.Serializer):
    value = serializers.CharField()
    below = serializers.IntegerField()
    meets = serializers.IntegerField()
    above = serializers.IntegerField()


class Aggregate360Serializer(serializers.Serializer):
    respondents = serializers.IntegerField()
    values = ValueAggregateSerializer(many=True)
    by_relation = serializers.DictField(child=serializers.IntegerField())


class CalibrationSerializer(serializers.ModelSerializer):
    field = code_out(ch.CalibratedField)
    before = code_out(ch.Rating)
    after = code_out(ch.Rating)
    predicate_before = code_out(ch.Predicate)
    predicate_after = code_out(ch.Predicate)

    class Meta:
        model = CalibrationAdjustment
        fields = [
            "id",
            "evaluation",
            "field",
            "before",
            "after",
            "predicate_before",
            "predicate_after",
            "reason",
            "actor_name",
            "created_at",
        ]
        read_only_fields = fields


class AppealSerializer(serializers.ModelSerializer):
    status = code_out(ch.AppealStatus)
    status_label = label("status")
    decision = code_out(ch.AppealDecision)
    employee_name = serializers.CharField(source="evaluation.employee.full_name", read_only=True)
    decider_name = serializers.CharField(source="decider.full_name", read_only=True, default=None)
    predicate_before = code_out(ch.Predicate)
    predicate_after = code_out(ch.Predicate)

    class Meta:
        model = Appeal
        fields = [
            "id",
            "evaluation",
            "employee_name",
            "status",
            "status_label",
            "reasons",
            "filed_at",
            "deadline",
            "decider",
            "decider_name",
            "explanations_requested_at",
            "explanation_due",
            "request_note",
            "rater_explanation",
            "rater_explained_at",
            "employee_explanation",
            "employee_explained_at",
            "decision",
            "decision_reasons",
            "decided_at",
            "predicate_before",
            "predicate_after",
        ]
        read_only_fields = fields


class FollowUpSerializer(serializers.ModelSerializer):
    predicate = code_out(ch.Predicate)
    predicate_label = label("predicate")
    employee = serializers.IntegerField(source="evaluation.employee_id", read_only=True)
    employee_name = serializers.CharField(source="evaluation.employee.full_name", read_only=True)
    employee_nip = serializers.CharField(source="evaluation.employee.nip", read_only=True)
    unit_name = serializers.CharField(source="evaluation.unit.name", read_only=True, default=None)
    period_label = serializers.CharField(source="evaluation.period.label", read_only=True, default=None)
    credit_percent = serializers.DecimalField(max_digits=7, decimal_places=2, read_only=True)
    tpp_percent = serializers.DecimalField(max_digits=7, decimal_places=2, read_only=True)

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "evaluation",
            "employee",
            "employee_name",
            "employee_nip",
            "unit_name",
            "period_label",
            "predicate",
            "predicate_label",
            "credit_percent",
            "credit_months",
            "tpp_percent",
            "development_need",
            "created_at",
        ]
        read_only_fields = fields


class EventSerializer(serializers.ModelSerializer):
    kind = code_out(ch.EventKind)
    kind_label = label("kind")

    class Meta:
        model = EvaluationEvent
        fields = ["id", "kind", "kind_label", "actor_name", "comment", "data", "created_at"]
        read_only_fields = fields


class EvaluationDetailSerializer(serializers.Serializer):
    """`selectors.evaluation_detail`: the evaluation with its IKI, behaviour, 360 aggregate (rater and
    Tim Penilai only; absent below the anonymity floor), calibrations, appeal, follow-up, timeline."""

    evaluation = EvaluationSerializer()
    roles = serializers.ListField(child=serializers.CharField())
    actions = serializers.ListField(child=serializers.CharField())
    indicators = AchievementRowSerializer(many=True)
    frozen = serializers.BooleanField()
    result_justification = serializers.CharField(source="evaluation.result_justification")
    behaviour_justification = serializers.CharField(source="evaluation.behaviour_justification")
    behaviour = BehaviourRowSerializer(many=True)
    aggregate_360 = Aggregate360Serializer(allow_null=True)
    invited_360 = serializers.IntegerField()
    answered_360 = serializers.IntegerField()
    calibrations = CalibrationSerializer(many=True)
    appeal = AppealSerializer(allow_null=True)
    follow_up = FollowUpSerializer(allow_null=True)
    events = EventSerializer(many=True)
    org_predicate = code_out(ch.OrgPredicate)
    curve_violations = serializers.SerializerMethodField()

    def get_curve_violations(self, obj) -> list[str]:
        return [v.message for v in obj.curve_violations]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["roles"] = sorted(instance.roles)
        return data


class EvaluationFilterSerializer(InputSerializer):
    year = serializers.IntegerField(required=False, label=_("tahun"))
    kind = Code(ch.EvaluationKind, required=False, allow_blank=True, label=_("jenis"))
    period = serializers.IntegerField(required=False, label=_("periode (id)"))
    opd = serializers.IntegerField(
        required=False, label=_("OPD (id)"), help_text=_("Termasuk unit di bawahnya.")
    )
    status = Code(ch.EvaluationStatus, required=False, allow_blank=True, label=_("status"))
    predicate = Code(ch.Predicate, required=False, allow_blank=True, label=_("predikat"))
    rater = serializers.ChoiceField(choices=[("me", "me")], required=False, label=_("pejabat penilai"))
    q = serializers.CharField(required=False, allow_blank=True, label=_("nama atau NIP"))


class RateInputSerializer(InputSerializer):
    rating_result = Code(ch.Rating, required=False, allow_blank=True, label=_("rating hasil kerja"))
    result_justification = serializers.CharField(
        required=False, allow_blank=True, label=_("alasan rating hasil kerja")
    )
    rating_behaviour = Code(ch.Rating, required=False, allow_blank=True, label=_("rating perilaku kerja"))
    behaviour_justification = serializers.CharField(
        required=False, allow_blank=True, label=_("alasan rating perilaku kerja")
    )
    behaviour_feedback = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        label=_("umpan balik per nilai dasar"),
        help_text=_("{kode nilai BerAKHLAK: umpan balik}"),
    )


class Invite360InputSerializer(InputSerializer):
    respondents = serializers.ListField(
        child=serializers.IntegerField(), allow_empty=False, label=_("responden (id pegawai)")
    )


class CalibrateInputSerializer(InputSerializer):
    reason = serializers.CharField(label=_("alasan kalibrasi"))
    rating_result = Code(ch.Rating, required=False, allow_blank=True, label=_("rating hasil kerja"))
    rating_behaviour = Code(ch.Rating, required=False, allow_blank=True, label=_("rating perilaku kerja"))


class OpdYearInputSerializer(InputSerializer):
    year = serializers.IntegerField(label=_("tahun"))
    opd = serializers.IntegerField(label=_("OPD (id)"))
    period = serializers.IntegerField(required=False, allow_null=True, label=_("periode (id)"))


class OpdYearQuerySerializer(InputSerializer):
    year = serializers.IntegerField(label=_("tahun"))
    opd = serializers.IntegerField(required=False, label=_("OPD (id)"))
    period = serializers.IntegerField(required=False, label=_("periode (id)"))


class RunInputSerializer(InputSerializer):
    year = serializers.IntegerField(label=_("tahun"))
    opd = serializers.IntegerField(required=False, allow_null=True, label=_("OPD (id)"))
    period = serializers.IntegerField(required=False, allow_null=True, label=_("periode (id)"))


class PublishReportSerializer(serializers.Serializer):
    published = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Id evaluasi yang diumumkan.")
    )
    org_predicate = code_out(ch.OrgPredicate)
    blocking = serializers.BooleanField()
    warnings = serializers.ListField(child=serializers.CharField())


class JobRefSerializer(serializers.Serializer):
    job = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    url = serializers.CharField(help_text=_("Status dan kemajuan tugas: /api/v1/jobs/<id>/."))


# --- 360 -------------------------------------------------------------------------------------------------


class Feedback360Serializer(serializers.ModelSerializer):
    """The respondent's own request (only the respondent reads it)."""

    employee_name = serializers.CharField(source="evaluation.employee.full_name", read_only=True)
    relation = code_out(ch.Relation360)
    evaluation_status = code_out(ch.EvaluationStatus, source="evaluation.status")

    class Meta:
        model = Feedback360
        fields = [
            "id",
            "evaluation",
            "employee_name",
            "evaluation_status",
            "relation",
            "ratings",
            "comment",
            "submitted_at",
            "created_at",
        ]
        read_only_fields = fields


class Feedback360SubmitSerializer(InputSerializer):
    ratings = serializers.DictField(
        child=Code(ch.Rating), label=_("penilaian"), help_text=_("{kode nilai BerAKHLAK: rating}")
    )
    comment = serializers.CharField(required=False, allow_blank=True, label=_("masukan"))


class Feedback360FilterSerializer(InputSerializer):
    pending = serializers.BooleanField(required=False, default=True, label=_("hanya yang belum diisi"))


# --- appeals ---------------------------------------------------------------------------------------------


class AppealFileSerializer(InputSerializer):
    evaluation = serializers.IntegerField(label=_("evaluasi (id)"))
    reasons = serializers.CharField(allow_blank=True, label=_("alasan keberatan"))


class AppealNoteSerializer(InputSerializer):
    note = serializers.CharField(required=False, allow_blank=True, label=_("catatan"))


class AppealExplainSerializer(InputSerializer):
    explanation = serializers.CharField(allow_blank=True, label=_("penjelasan"))


class AppealDecideSerializer(InputSerializer):
    decision = Code(ch.AppealDecision, label=_("keputusan"))
    reasons = serializers.CharField(allow_blank=True, label=_("alasan keputusan"))
    rating_result = Code(ch.Rating, required=False, allow_blank=True, label=_("rating hasil kerja"))
    rating_behaviour = Code(ch.Rating, required=False, allow_blank=True, label=_("rating perilaku kerja"))


class AppealFilterSerializer(InputSerializer):
    status = Code(ch.AppealStatus, required=False, allow_blank=True, label=_("status"))
    year = serializers.IntegerField(required=False, label=_("tahun"))
    decider = serializers.ChoiceField(choices=[("me", "me")], required=False, label=_("pemutus"))


# --- organisation predicate, distribution, 9-box ------------------------------------------------------------


class OrganisationPredicateSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="year.year", read_only=True)
    opd_name = serializers.CharField(source="opd.name", read_only=True)
    period_label = serializers.CharField(source="period.label", read_only=True, default=None)
    predicate = code_out(ch.OrgPredicate)
    predicate_label = label("predicate")

    class Meta:
        model = OrganisationPredicate
        fields = [
            "id",
            "year",
            "opd",
            "opd_name",
            "period",
            "period_label",
            "predicate",
            "predicate_label",
            "note",
            "recorded_at",
        ]
        read_only_fields = fields


class OrganisationPredicateInputSerializer(InputSerializer):
    year = serializers.IntegerField(label=_("tahun"))
    opd = serializers.IntegerField(label=_("OPD (id)"))
    period = serializers.IntegerField(required=False, allow_null=True, label=_("periode (id)"))
    predicate = Code(ch.OrgPredicate, label=_("predikat kinerja organisasi"))
    note = serializers.CharField(required=False, allow_blank=True, label=_("dasar penetapan"))


class YearQuerySerializer(InputSerializer):
    year = serializers.IntegerField(required=False, label=_("tahun"))


class ChartSerializer(serializers.Serializer):
    labels = serializers.ListField(child=serializers.CharField())
    values = serializers.ListField(child=serializers.IntegerField())


class RaterRowSerializer(serializers.Serializer):
    rater = serializers.IntegerField(source="rater.pk", allow_null=True, default=None)
    rater_name = serializers.CharField(source="rater.full_name", allow_null=True, default=None)
    counts = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()
    mean_achievement = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    very_good_share = serializers.FloatField()


class DistributionSerializer(serializers.Serializer):
    counts = serializers.DictField(child=serializers.IntegerField(), help_text=_("predikat → jumlah pegawai"))
    total = serializers.IntegerField()
    unrated = serializers.IntegerField()
    org_predicate = code_out(ch.OrgPredicate)
    violations = serializers.SerializerMethodField()
    blocking = serializers.BooleanField()
    chart = ChartSerializer()
    raters = RaterRowSerializer(many=True)

    def get_violations(self, obj) -> list[str]:
        return [v.message for v in obj["violations"]]


class NineBoxEntrySerializer(serializers.Serializer):
    evaluation = serializers.IntegerField(source="evaluation.pk")
    employee = serializers.IntegerField(source="employee.pk")
    employee_name = serializers.CharField(source="employee.full_name")
    employee_nip = serializers.CharField(source="employee.nip")
    predicate = code_out(ch.Predicate)
    potential = serializers.DecimalField(max_digits=5, decimal_places=2)
    band = code_out(ch.PotentialBand)
    box = serializers.IntegerField()


class NineBoxSerializer(serializers.Serializer):
    boxes = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()
    unplaced = serializers.SerializerMethodField()
    chart = serializers.DictField()

    def get_boxes(self, obj) -> dict[str, list[dict]]:
        return {str(n): NineBoxEntrySerializer(entries, many=True).data for n, entries in obj.cells.items()}

    def get_counts(self, obj) -> dict[str, int]:
        return {str(n): c for n, c in obj.counts.items()}

    def get_unplaced(self, obj) -> list[int]:
        return [e.pk for e in obj.unplaced]


# --- potential scores, settings, documents -----------------------------------------------------------------


class PotentialScoreSerializer(serializers.ModelSerializer):
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    employee_nip = serializers.CharField(source="employee.nip", read_only=True)
    score = serializers.DecimalField(max_digits=5, decimal_places=2, read_only=True)

    class Meta:
        model = PotentialScore
        fields = [
            "id",
            "employee",
            "employee_name",
            "employee_nip",
            "year",
            "score",
            "assessed_on",
            "source",
            "note",
            "updated_at",
        ]
        read_only_fields = fields


class PotentialScoreInputSerializer(InputSerializer):
    employee = serializers.IntegerField(label=_("pegawai (id)"))
    year = serializers.IntegerField(min_value=2000, max_value=2100, label=_("tahun"))
    score = serializers.DecimalField(max_digits=6, decimal_places=2, label=_("skor potensi"))
    assessed_on = serializers.DateField(required=False, allow_null=True, label=_("tanggal asesmen"))
    source = serializers.CharField(required=False, allow_blank=True, label=_("sumber asesmen"))
    note = serializers.CharField(required=False, allow_blank=True, label=_("catatan"))


class ImportInputSerializer(InputSerializer):
    file = serializers.FileField(label=_("berkas"), help_text=_("CSV atau XLSX: NIP, TAHUN, SKOR POTENSI, …"))


class ImportResultSerializer(serializers.Serializer):
    kind = serializers.CharField()
    filename = serializers.CharField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    error_count = serializers.IntegerField()
    errors = serializers.ListField(child=serializers.DictField())
    job = serializers.IntegerField(allow_null=True)


class EvaluationSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluationSettings
        fields = list(SETTINGS_FIELDS)
        read_only_fields = fields


class EvaluationSettingsInputSerializer(InputSerializer):
    iki_above_min = serializers.DecimalField(max_digits=7, decimal_places=2, required=False)
    iki_meets_min = serializers.DecimalField(max_digits=7, decimal_places=2, required=False)
    majority_percent = serializers.IntegerField(required=False)
    curve_blocking = serializers.BooleanField(required=False)
    appeal_days = serializers.IntegerField(required=False)
    explanation_days = serializers.IntegerField(required=False)
    min_360_respondents = serializers.IntegerField(required=False)
    tpp_percent = serializers.DictField(
        child=serializers.DecimalField(max_digits=6, decimal_places=2), required=False
    )
    potential_medium_min = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)
    potential_high_min = serializers.DecimalField(max_digits=5, decimal_places=2, required=False)


class FollowUpFilterSerializer(InputSerializer):
    year = serializers.IntegerField(label=_("tahun"))
    opd = serializers.IntegerField(required=False, label=_("OPD (id)"))
