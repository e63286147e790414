"""Serializers of the learning API. Output serializers shape rows; input serializers only parse — the
services in `pembina.learning.services` check the rules and write.

Coded values (status, kind, source …) are plain strings listing their codes in the help text rather
than schema enums: the same field names carry other code sets in the other apps, and one enum per
name keeps the published schema free of name clashes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pembina.core.api.viewsets import InputSerializer, ScopedPrimaryKeyRelatedField
from pembina.learning import choices as ch
from pembina.learning.models import (
    Attempt,
    AttemptAnswer,
    Certificate,
    Competency,
    CompetencyAssessment,
    CompetencyLevel,
    DevelopmentNeed,
    DevelopmentPlan,
    DevelopmentRecord,
    Enrolment,
    EnrolmentEvent,
    Event,
    JpSummary,
    PlanActivity,
    PlanEvent,
    Programme,
    Scenario,
)
from pembina.org.models import Employee, Position, Unit

JP = {"max_digits": 6, "decimal_places": 1}


def codes(choices: type[models.TextChoices]) -> str:
    return ", ".join(choices.values)


class CodeField(serializers.CharField):
    """A coded value given as its code; unknown codes are refused naming the field."""

    def __init__(self, choices: type[models.TextChoices], **kwargs):
        self.allowed = tuple(choices.values)
        kwargs.setdefault("help_text", _("Salah satu dari: %(c)s") % {"c": codes(choices)})
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value and value not in self.allowed:
            raise serializers.ValidationError(_("Kode '%(v)s' tidak dikenal.") % {"v": value})
        return value


def code_out(choices: type[models.TextChoices]) -> serializers.CharField:
    return serializers.CharField(
        read_only=True, help_text=_("Salah satu dari: %(c)s") % {"c": codes(choices)}
    )


def label_of(field: str) -> serializers.CharField:
    return serializers.CharField(source=f"get_{field}_display", read_only=True)


# --- references --------------------------------------------------------------------------------------


class LearningEmployeeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Employee
        fields = ["id", "nip", "name"]
        read_only_fields = fields


class LearningUnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name"]
        read_only_fields = fields


class LearningCompetencyRefSerializer(serializers.ModelSerializer):
    kind = code_out(ch.CompetencyKind)

    class Meta:
        model = Competency
        fields = ["id", "code", "name", "kind"]
        read_only_fields = fields


# --- competencies and standards ----------------------------------------------------------------------


class LearningCompetencyLevelSerializer(serializers.ModelSerializer):
    indicator_list = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = CompetencyLevel
        fields = ["level", "title", "indicator_list"]
        read_only_fields = fields


class LearningCompetencySerializer(serializers.ModelSerializer):
    kind = code_out(ch.CompetencyKind)
    kind_label = label_of("kind")
    field = code_out(ch.TechnicalField)
    national = serializers.SerializerMethodField()

    class Meta:
        model = Competency
        fields = ["id", "code", "name", "kind", "kind_label", "field", "definition", "is_active", "national"]
        read_only_fields = fields

    def get_national(self, obj) -> bool:
        return obj.instansi_id is None


class LearningCompetencyDetailSerializer(LearningCompetencySerializer):
    levels = LearningCompetencyLevelSerializer(many=True, read_only=True)

    class Meta(LearningCompetencySerializer.Meta):
        fields = [*LearningCompetencySerializer.Meta.fields, "levels"]
        read_only_fields = fields


class LearningStandardRowSerializer(serializers.Serializer):
    competency = LearningCompetencyRefSerializer()
    required = serializers.IntegerField()
    origin = serializers.CharField(
        help_text=_("position: standar jabatan itu sendiri; default: bawaan jenis jabatan")
    )


class LearningCompetencyFilterSerializer(InputSerializer):
    kind = CodeField(ch.CompetencyKind, required=False, allow_blank=True, label=_("jenis"))
    field = CodeField(ch.TechnicalField, required=False, allow_blank=True, label=_("bidang"))
    q = serializers.CharField(required=False, allow_blank=True, label=_("cari nama atau kode"))


class LearningStandardQuerySerializer(InputSerializer):
    position = serializers.IntegerField(label=_("jabatan"))


class LearningStandardSetSerializer(InputSerializer):
    position = ScopedPrimaryKeyRelatedField(Position, label=_("jabatan"))
    competency = ScopedPrimaryKeyRelatedField(Competency, label=_("kompetensi"))
    required_level = serializers.IntegerField(min_value=0, max_value=5, label=_("level standar"))


# --- profile, assessments, gaps -------------------------------------------------------------------------


class LearningAssessmentSerializer(serializers.ModelSerializer):
    employee = LearningEmployeeRefSerializer(read_only=True)
    competency = LearningCompetencyRefSerializer(read_only=True)
    source = code_out(ch.AssessmentSource)
    source_label = label_of("source")

    class Meta:
        model = CompetencyAssessment
        fields = [
            "id",
            "employee",
            "competency",
            "level",
            "source",
            "source_label",
            "source_ref",
            "assessed_on",
            "assessor_name",
            "note",
        ]
        read_only_fields = fields


class LearningAssessmentFilterSerializer(InputSerializer):
    employee = serializers.IntegerField(required=False, label=_("pegawai"))
    competency = serializers.IntegerField(required=False, label=_("kompetensi"))
    source = CodeField(ch.AssessmentSource, required=False, allow_blank=True, label=_("sumber"))


class LearningAssessmentCreateSerializer(InputSerializer):
    employee = ScopedPrimaryKeyRelatedField(Employee, label=_("pegawai"))
    competency = ScopedPrimaryKeyRelatedField(Competency, label=_("kompetensi"))
    level = serializers.IntegerField(min_value=1, max_value=5, label=_("level"))
    source = CodeField(ch.AssessmentSource, label=_("sumber"))
    source_ref = serializers.CharField(required=False, allow_blank=True, max_length=120, label=_("rujukan"))
    assessed_on = serializers.DateField(required=False, allow_null=True, label=_("tanggal penilaian"))
    assessor_name = serializers.CharField(
        required=False, allow_blank=True, max_length=200, label=_("penilai")
    )
    note = serializers.CharField(required=False, allow_blank=True, label=_("catatan"))


class LearningCurrentLevelSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    source = serializers.CharField()
    assessed_on = serializers.DateField()


class LearningProfileRowSerializer(serializers.Serializer):
    competency = LearningCompetencyRefSerializer()
    current = serializers.SerializerMethodField()
    history = LearningAssessmentSerializer(many=True)

    @extend_schema_field(LearningCurrentLevelSerializer(allow_null=True))
    def get_current(self, row):
        cur = row.current
        if cur is None:
            return None
        return {"level": cur.level, "source": cur.source, "assessed_on": cur.assessed_on}


class LearningGapLineSerializer(serializers.Serializer):
    competency = LearningCompetencyRefSerializer()
    required = serializers.IntegerField(allow_null=True)
    current = serializers.IntegerField(allow_null=True)
    gap = serializers.IntegerField(allow_null=True)
    target_required = serializers.IntegerField(allow_null=True)
    target_gap = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    source = serializers.CharField()
    assessed_on = serializers.DateField(allow_null=True)


class LearningGapReportSerializer(serializers.Serializer):
    employee = LearningEmployeeRefSerializer()
    position = serializers.SerializerMethodField()
    target_position = serializers.SerializerMethodField()
    lines = LearningGapLineSerializer(many=True)
    jpm = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, help_text=_("job-person match (%)")
    )
    jpm_band = serializers.CharField(allow_null=True)
    target_jpm = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)

    def get_position(self, report) -> str | None:
        return report.position.name if report.position else None

    def get_target_position(self, report) -> str | None:
        return report.target_position.name if report.target_position else None


class LearningGapQuerySerializer(InputSerializer):
    target_position = serializers.IntegerField(required=False, label=_("jabatan sasaran"))


class LearningGapOverviewRowSerializer(serializers.Serializer):
    competency_id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    employees = serializers.IntegerField()
    assessed = serializers.IntegerField()
    with_gap = serializers.IntegerField()
    not_assessed = serializers.IntegerField()
    avg_gap = serializers.DecimalField(max_digits=5, decimal_places=2)
    max_gap = serializers.IntegerField()
    share_with_gap = serializers.DecimalField(max_digits=5, decimal_places=1)


class LearningGapOverviewQuerySerializer(InputSerializer):
    opd = serializers.IntegerField(required=False, label=_("OPD"), help_text=_("Kosong: seluruh kota."))


# --- needs ---------------------------------------------------------------------------------------------


class LearningNeedSerializer(serializers.ModelSerializer):
    employee = LearningEmployeeRefSerializer(read_only=True)
    competency = LearningCompetencyRefSerializer(read_only=True)
    source_kind = code_out(ch.NeedSource)
    status = code_out(ch.NeedStatus)
    status_label = label_of("status")

    class Meta:
        model = DevelopmentNeed
        fields = [
            "id",
            "employee",
            "competency",
            "source_kind",
            "source_ref",
            "reason",
            "status",
            "status_label",
            "opened_on",
            "closed_on",
            "close_note",
        ]
        read_only_fields = fields


class LearningNeedFilterSerializer(InputSerializer):
    employee = serializers.IntegerField(required=False, label=_("pegawai"))
    status = CodeField(ch.NeedStatus, required=False, allow_blank=True, label=_("status"))
    source_kind = CodeField(ch.NeedSource, required=False, allow_blank=True, label=_("asal"))


class LearningNeedCreateSerializer(InputSerializer):
    employee = ScopedPrimaryKeyRelatedField(Employee, label=_("pegawai"))
    competency = ScopedPrimaryKeyRelatedField(
        Competency, required=False, allow_null=True, label=_("kompetensi")
    )
    reason = serializers.CharField(label=_("alasan"))
    source_ref = serializers.CharField(required=False, allow_blank=True, max_length=120, label=_("rujukan"))


class LearningNoteSerializer(InputSerializer):
    note = serializers.CharField(required=False, allow_blank=True, label=_("catatan"))


class LearningRequiredNoteSerializer(InputSerializer):
    note = serializers.CharField(label=_("catatan"))


# --- IDP -----------------------------------------------------------------------------------------------


class LearningPlanActivitySerializer(serializers.ModelSerializer):
    kind = code_out(ch.ActivityKind)
    kind_label = label_of("kind")
    status = code_out(ch.PlanActivityStatus)
    competency = LearningCompetencyRefSerializer(read_only=True)

    class Meta:
        model = PlanActivity
        fields = [
            "id",
            "plan",
            "order",
            "kind",
            "kind_label",
            "title",
            "competency",
            "need",
            "programme",
            "event",
            "planned_jp",
            "planned_start",
            "planned_end",
            "status",
            "added_after_agreement",
            "completed_on",
            "note",
        ]
        read_only_fields = fields


class LearningPlanEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanEvent
        fields = ["action", "from_status", "to_status", "actor_name", "note", "at"]
        read_only_fields = fields


class LearningPlanSerializer(serializers.ModelSerializer):
    employee = LearningEmployeeRefSerializer(read_only=True)
    status = code_out(ch.PlanStatus)
    status_label = label_of("status")
    planned_jp = serializers.DecimalField(**JP, read_only=True, allow_null=True)
    n_activities = serializers.IntegerField(read_only=True)

    class Meta:
        model = DevelopmentPlan
        fields = [
            "id",
            "employee",
            "year",
            "status",
            "status_label",
            "planned_jp",
            "n_activities",
            "submitted_at",
        ]
        read_only_fields = fields


class LearningPlanDetailSerializer(serializers.ModelSerializer):
    employee = LearningEmployeeRefSerializer(read_only=True)
    status = code_out(ch.PlanStatus)
    status_label = label_of("status")
    superior = LearningEmployeeRefSerializer(read_only=True)
    activities = LearningPlanActivitySerializer(many=True, read_only=True)
    events = LearningPlanEventSerializer(many=True, read_only=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = DevelopmentPlan
        fields = [
            "id",
            "employee",
            "year",
            "status",
            "status_label",
            "target_position",
            "career_goal",
            "employee_note",
            "superior",
            "superior_note",
            "submitted_at",
            "decided_at",
            "activities",
            "events",
            "actions",
        ]
        read_only_fields = fields

    def get_actions(self, plan) -> list[str]:
        from pembina.learning.selectors import plan_actions

        request = self.context.get("request")
        return plan_actions(actor=request.user, plan=plan) if request else []


class LearningPlanFilterSerializer(InputSerializer):
    year = serializers.IntegerField(required=False, label=_("tahun"))
    status = CodeField(ch.PlanStatus, required=False, allow_blank=True, label=_("status"))
    opd = serializers.IntegerField(required=False, label=_("OPD"))
    employee = serializers.IntegerField(required=False, label=_("pegawai"))
    q = serializers.CharField(required=False, allow_blank=True, label=_("nama atau NIP"))


class LearningPlanCreateSerializer(InputSerializer):
    employee = ScopedPrimaryKeyRelatedField(
        Employee, required=False, label=_("pegawai"), help_text=_("Kosong: pegawai akun Anda.")
    )
    year = serializers.IntegerField(min_value=2000, max_value=2100, label=_("tahun"))
    career_goal = serializers.CharField(required=False, allow_blank=True, label=_("sasaran karier"))
    employee_note = serializers.CharField(required=False, allow_blank=True, label=_("catatan pegawai"))


class LearningPlanUpdateSerializer(InputSerializer):
    career_goal = serializers.CharField(required=False, allow_blank=True, label=_("sasaran karier"))
    employee_note = serializers.CharField(required=False, allow_blank=True, label=_("catatan pegawai"))
    target_position = ScopedPrimaryKeyRelatedField(
        Position, required=False, allow_null=True, label=_("jabatan sasaran")
    )


class LearningActivityFilterSerializer(InputSerializer):
    plan = serializers.IntegerField(required=False, label=_("IDP"))


class LearningActivityInputSerializer(InputSerializer):
    kind = CodeField(ch.ActivityKind, required=False, label=_("bentuk pengembangan"))
    title = serializers.CharField(required=False, max_length=300, label=_("kegiatan"))
    competency = ScopedPrimaryKeyRelatedField(
        Competency, required=False, allow_null=True, label=_("kompetensi")
    )
    need = ScopedPrimaryKeyRelatedField(
        DevelopmentNeed, required=False, allow_null=True, label=_("kebutuhan")
    )
    programme = ScopedPrimaryKeyRelatedField(Programme, required=False, allow_null=True, label=_("program"))
    event = ScopedPrimaryKeyRelatedField(Event, required=False, allow_null=True, label=_("pelatihan"))
    planned_jp = serializers.DecimalField(**JP, required=False, allow_null=True, label=_("JP rencana"))
    planned_start = serializers.DateField(required=False, allow_null=True, label=_("rencana mulai"))
    planned_end = serializers.DateField(required=False, allow_null=True, label=_("rencana selesai"))
    note = serializers.CharField(required=False, allow_blank=True, label=_("catatan"))


class LearningActivityCreateSerializer(LearningActivityInputSerializer):
    plan = ScopedPrimaryKeyRelatedField(DevelopmentPlan, label=_("IDP"))


class LearningActivityCompleteSerializer(InputSerializer):
    completed_on = serializers.DateField(label=_("tanggal selesai"))
    started_on = serializers.DateField(required=False, allow_null=True, label=_("tanggal mulai"))
    jp = serializers.DecimalField(**JP, required=False, allow_null=True, label=_("JP"))
    evidence_note = serializers.CharField(required=False, allow_blank=True, label=_("keterangan bukti"))


# --- the JP ledger --------------------------------------------------------------------------------------


class LearningRecordSerializer(serializers.ModelSerializer):
    employee = LearningEmployeeRefSerializer(read_only=True)
    kind = code_out(ch.ActivityKind)
    kind_label = label_of("kind")
    mode = code_out(ch.ActivityMode)
    status = code_out(ch.RecordStatus)
    source = code_out(ch.RecordSource)

    class Meta:
        model = DevelopmentRecord
        fields = [
            "id",
            "employee",
            "kind",
            "kind_label",
            "mode",
            "title",
            "organiser",
            "start_date",
            "end_date",
            "year",
            "jp",
            "status",
            "source",
            "source_ref",
            "verified_at",
            "review_note",
        ]
        read_only_fields = fields


class LearningRecordFilterSerializer(InputSerializer):
    employee = serializers.IntegerField(required=False, label=_("pegawai"))
    year = serializers.IntegerField(required=False, label=_("tahun"))
    status = CodeField(ch.RecordStatus, required=False, allow_blank=True, label=_("status"))


class LearningDecisionSerializer(InputSerializer):
    approve = serializers.BooleanField(label=_("setujui"), help_text=_("true: setujui; false: tolak"))
    note = serializers.CharField(required=False, allow_blank=True, label=_("catatan"))


class LearningJpSummarySerializer(serializers.ModelSerializer):
    employee = LearningEmployeeRefSerializer(read_only=True)
    opd = LearningUnitRefSerializer(read_only=True)
    monthly = serializers.ListField(
        child=serializers.DecimalField(max_digits=7, decimal_places=1),
        read_only=True,
        help_text=_("JP kumulatif pada akhir tiap bulan (Jan…Des)"),
    )

    class Meta:
        model = JpSummary
        fields = [
            "id",
            "employee",
            "year",
            "opd",
            "applies",
            "target",
            "jp_total",
            "jp_classical",
            "jp_non_classical",
            "jp_education",
            "shortfall",
            "activities",
            "met",
            "monthly",
            "refreshed_at",
        ]
        read_only_fields = fields


class LearningJpSummaryFilterSerializer(InputSerializer):
    year = serializers.IntegerField(required=False, label=_("tahun"), help_text=_("Kosong: tahun ini."))
    opd = serializers.IntegerField(required=False, label=_("OPD"))
    employee = serializers.IntegerField(required=False, label=_("pegawai"))
    below = serializers.BooleanField(required=False, default=False, label=_("hanya di bawah target"))


class LearningJpYearQuerySerializer(InputSerializer):
    year = serializers.IntegerField(required=False, label=_("tahun"), help_text=_("Kosong: tahun ini."))


# --- catalogue, events, enrolments ----------------------------------------------------------------------


class LearningProgrammeSerializer(serializers.ModelSerializer):
    category = code_out(ch.ProgrammeCategory)
    kind = code_out(ch.ActivityKind)
    mode = serializers.CharField(read_only=True)
    competencies = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = [
            "id",
            "code",
            "title",
            "category",
            "kind",
            "mode",
            "jp",
            "description",
            "organiser",
            "passing_score",
            "min_attendance",
            "is_active",
            "competencies",
        ]
        read_only_fields = fields

    def get_competencies(self, obj) -> list[dict]:
        return [
            {
                "competency": link.competency_id,
                "name": link.competency.name,
                "target_level": link.target_level,
            }
            for link in obj.competency_links.all()
        ]


class LearningProgrammeFilterSerializer(InputSerializer):
    category = CodeField(ch.ProgrammeCategory, required=False, allow_blank=True, label=_("kategori"))
    kind = CodeField(ch.ActivityKind, required=False, allow_blank=True, label=_("bentuk"))
    competency = serializers.IntegerField(required=False, label=_("kompetensi"))
    q = serializers.CharField(required=False, allow_blank=True, label=_("cari"))


class LearningProgrammeInputSerializer(InputSerializer):
    title = serializers.CharField(required=False, max_length=250, label=_("nama program"))
    category = CodeField(ch.ProgrammeCategory, required=False, label=_("kategori"))
    kind = CodeField(ch.ActivityKind, required=False, label=_("bentuk"))
    jp = serializers.DecimalField(**JP, required=False, label=_("JP"))
    description = serializers.CharField(required=False, allow_blank=True, label=_("deskripsi"))
    organiser = serializers.CharField(
        required=False, allow_blank=True, max_length=200, label=_("penyelenggara")
    )
    passing_score = serializers.DecimalField(
        max_digits=5, decimal_places=1, required=False, allow_null=True, label=_("nilai lulus post-test")
    )
    min_attendance = serializers.IntegerField(
        required=False, min_value=0, max_value=100, label=_("kehadiran minimal")
    )
    is_active = serializers.BooleanField(required=False, label=_("aktif"))


class LearningProgrammeCreateSerializer(LearningProgrammeInputSerializer):
    code = serializers.SlugField(max_length=60, label=_("kode"))
    title = serializers.CharField(max_length=250, label=_("nama program"))
    category = CodeField(ch.ProgrammeCategory, label=_("kategori"))
    kind = CodeField(ch.ActivityKind, label=_("bentuk"))
    jp = serializers.DecimalField(**JP, label=_("JP"))


class LearningEventSerializer(serializers.ModelSerializer):
    programme = serializers.PrimaryKeyRelatedField(read_only=True)
    programme_title = serializers.CharField(source="programme.title", read_only=True)
    status = code_out(ch.EventStatus)
    status_label = label_of("status")
    organiser_unit = LearningUnitRefSerializer(read_only=True)
    seats_taken = serializers.IntegerField(read_only=True)
    waiting = serializers.IntegerField(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "programme",
            "programme_title",
            "title",
            "batch",
            "start_date",
            "end_date",
            "place",
            "link",
            "quota",
            "seats_taken",
            "waiting",
            "organiser",
            "organiser_unit",
            "enrolment_deadline",
            "jp",
            "status",
            "status_label",
            "note",
        ]
        read_only_fields = fields


class LearningEventFilterSerializer(InputSerializer):
    status = CodeField(ch.EventStatus, required=False, allow_blank=True, label=_("status"))
    year = serializers.IntegerField(required=False, label=_("tahun"))
    programme = serializers.IntegerField(required=False, label=_("program"))
    category = CodeField(ch.ProgrammeCategory, required=False, allow_blank=True, label=_("kategori"))
    upcoming = serializers.BooleanField(required=False, default=False, label=_("yang akan datang"))
    q = serializers.CharField(required=False, allow_blank=True, label=_("cari"))


class LearningEventInputSerializer(InputSerializer):
    title = serializers.CharField(required=False, max_length=250, label=_("judul"))
    batch = serializers.CharField(required=False, allow_blank=True, max_length=40, label=_("angkatan"))
    start_date = serializers.DateField(required=False, label=_("mulai"))
    end_date = serializers.DateField(required=False, label=_("selesai"))
    place = serializers.CharField(required=False, allow_blank=True, max_length=250, label=_("tempat"))
    link = serializers.URLField(required=False, allow_blank=True, label=_("tautan daring"))
    quota = serializers.IntegerField(required=False, min_value=1, label=_("kuota"))
    organiser = serializers.CharField(required=False, max_length=200, label=_("penyelenggara"))
    organiser_unit = ScopedPrimaryKeyRelatedField(
        Unit, required=False, allow_null=True, label=_("unit penyelenggara")
    )
    enrolment_deadline = serializers.DateField(required=False, allow_null=True, label=_("batas pendaftaran"))
    jp = serializers.DecimalField(**JP, required=False, label=_("JP"))
    note = serializers.CharField(required=False, allow_blank=True, label=_("catatan"))


class LearningEventCreateSerializer(LearningEventInputSerializer):
    programme = ScopedPrimaryKeyRelatedField(Programme, label=_("program"))
    start_date = serializers.DateField(label=_("mulai"))
    end_date = serializers.DateField(label=_("selesai"))
    quota = serializers.IntegerField(min_value=1, label=_("kuota"))


class LearningEventStatusSerializer(InputSerializer):
    action = serializers.ChoiceField(
        choices=[("open", "open"), ("close", "close"), ("finish", "finish"), ("cancel", "cancel")],
        label=_("aksi"),
        help_text=_(
            "open: buka pendaftaran; close: tutup; finish: selesai; cancel: batalkan (catatan wajib)"
        ),
    )
    note = serializers.CharField(required=False, allow_blank=True, label=_("catatan"))


class LearningEvaluationSummarySerializer(serializers.Serializer):
    responses = serializers.IntegerField()
    averages = serializers.DictField(child=serializers.DecimalField(max_digits=4, decimal_places=2))
    overall = serializers.DecimalField(max_digits=4, decimal_places=2)
    participants = serializers.IntegerField()
    completed = serializers.IntegerField()
    pass_rate = serializers.DecimalField(max_digits=5, decimal_places=1)
    avg_pre = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    avg_post = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    avg_gain = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class LearningEnrolmentEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = EnrolmentEvent
        fields = ["action", "from_status", "to_status", "actor_name", "note", "at"]
        read_only_fields = fields


class LearningEnrolmentSerializer(serializers.ModelSerializer):
    employee = LearningEmployeeRefSerializer(read_only=True)
    event = serializers.PrimaryKeyRelatedField(read_only=True)
    event_title = serializers.CharField(source="event.title", read_only=True)
    event_start = serializers.DateField(source="event.start_date", read_only=True)
    status = code_out(ch.EnrolmentStatus)
    status_label = label_of("status")

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "event",
            "event_title",
            "event_start",
            "employee",
            "status",
            "status_label",
            "plan_activity",
            "motivation",
            "attendance_percent",
            "pre_test_score",
            "post_test_score",
            "completed_on",
        ]
        read_only_fields = fields


class LearningEnrolmentDetailSerializer(LearningEnrolmentSerializer):
    timeline = LearningEnrolmentEventSerializer(source="events", many=True, read_only=True)
    actions = serializers.SerializerMethodField()

    class Meta(LearningEnrolmentSerializer.Meta):
        fields = [
            *LearningEnrolmentSerializer.Meta.fields,
            "superior_note",
            "bkpsdm_note",
            "timeline",
            "actions",
        ]
        read_only_fields = fields

    def get_actions(self, enrolment) -> list[str]:
        from pembina.learning.selectors import enrolment_actions

        request = self.context.get("request")
        return enrolment_actions(actor=request.user, enrolment=enrolment) if request else []


class LearningEnrolmentFilterSerializer(InputSerializer):
    employee = serializers.IntegerField(required=False, label=_("pegawai"))
    event = serializers.IntegerField(required=False, label=_("pelatihan"))
    status = CodeField(ch.EnrolmentStatus, required=False, allow_blank=True, label=_("status"))
    year = serializers.IntegerField(required=False, label=_("tahun"))
    awaiting = serializers.ChoiceField(
        choices=[("superior", "superior"), ("bkpsdm", "bkpsdm")],
        required=False,
        label=_("menunggu keputusan"),
        help_text=_("superior: menunggu Anda sebagai atasan; bkpsdm: menunggu BKPSDM"),
    )


class LearningEnrolmentCreateSerializer(InputSerializer):
    event = ScopedPrimaryKeyRelatedField(Event, label=_("pelatihan"))
    employee = ScopedPrimaryKeyRelatedField(
        Employee, required=False, label=_("pegawai"), help_text=_("Kosong: pegawai akun Anda.")
    )
    motivation = serializers.CharField(required=False, allow_blank=True, label=_("alasan mengikuti"))
    plan_activity = ScopedPrimaryKeyRelatedField(
        PlanActivity, required=False, allow_null=True, label=_("kegiatan IDP")
    )


class LearningAttendanceSerializer(InputSerializer):
    percent = serializers.IntegerField(min_value=0, max_value=100, label=_("kehadiran (%)"))


class LearningScoresSerializer(InputSerializer):
    pre_test = serializers.DecimalField(
        max_digits=5, decimal_places=1, required=False, allow_null=True, label=_("nilai pre-test")
    )
    post_test = serializers.DecimalField(
        max_digits=5, decimal_places=1, required=False, allow_null=True, label=_("nilai post-test")
    )


class LearningCompleteSerializer(InputSerializer):
    completed_on = serializers.DateField(required=False, allow_null=True, label=_("tanggal selesai"))


class LearningEvaluationInputSerializer(InputSerializer):
    score_content = serializers.IntegerField(min_value=1, max_value=5, label=_("materi"))
    score_facilitator = serializers.IntegerField(min_value=1, max_value=5, label=_("narasumber"))
    score_method = serializers.IntegerField(min_value=1, max_value=5, label=_("metode"))
    score_facility = serializers.IntegerField(min_value=1, max_value=5, label=_("sarana"))
    score_usefulness = serializers.IntegerField(min_value=1, max_value=5, label=_("manfaat"))
    comment = serializers.CharField(required=False, allow_blank=True, label=_("saran"))


# --- certificates -----------------------------------------------------------------------------------


class LearningCertificateSerializer(serializers.ModelSerializer):
    employee = LearningEmployeeRefSerializer(read_only=True)
    kind = code_out(ch.CertificateKind)
    status = code_out(ch.CertificateStatus)
    status_label = label_of("status")
    activity_kind = code_out(ch.ActivityKind)
    has_pdf = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "employee",
            "kind",
            "status",
            "status_label",
            "number",
            "code",
            "title",
            "activity_kind",
            "organiser",
            "start_date",
            "end_date",
            "issued_on",
            "jp",
            "holder_name",
            "holder_nip",
            "review_note",
            "has_pdf",
        ]
        read_only_fields = fields

    def get_has_pdf(self, obj) -> bool:
        return (
            obj.kind == ch.CertificateKind.GENERATED
            and obj.status == ch.CertificateStatus.VALID
            and bool(obj.code)
        )


class LearningCertificateFilterSerializer(InputSerializer):
    employee = serializers.IntegerField(required=False, label=_("pegawai"))
    status = CodeField(ch.CertificateStatus, required=False, allow_blank=True, label=_("status"))
    kind = CodeField(ch.CertificateKind, required=False, allow_blank=True, label=_("jenis"))
    year = serializers.IntegerField(required=False, label=_("tahun terbit"))


class LearningCertificateReviewSerializer(InputSerializer):
    accept = serializers.BooleanField(label=_("terima"))
    note = serializers.CharField(required=False, allow_blank=True, label=_("catatan"))
    jp = serializers.DecimalField(**JP, required=False, allow_null=True, label=_("JP (koreksi)"))


class LearningVerifyQuerySerializer(InputSerializer):
    code = serializers.CharField(max_length=60, label=_("kode verifikasi"))


class LearningVerificationSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    reason = serializers.CharField()
    number = serializers.CharField()
    holder_name = serializers.CharField()
    holder_nip = serializers.CharField(help_text=_("disamarkan"))
    title = serializers.CharField()
    organiser = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    issued_on = serializers.DateField(allow_null=True)
    jp = serializers.DecimalField(**JP, allow_null=True)
    kind = serializers.CharField()


# --- simulations --------------------------------------------------------------------------------------


class LearningScenarioSerializer(serializers.ModelSerializer):
    status = code_out(ch.ScenarioStatus)
    channel = code_out(ch.Channel)
    difficulty = code_out(ch.Difficulty)
    competencies = serializers.SerializerMethodField()

    class Meta:
        model = Scenario
        fields = [
            "id",
            "code",
            "title",
            "service_context",
            "service_owner",
            "channel",
            "difficulty",
            "briefing",
            "learning_goals",
            "status",
            "version",
            "pass_percent",
            "jp",
            "max_score",
            "competencies",
        ]
        read_only_fields = fields

    def get_competencies(self, obj) -> list[dict]:
        return [
            {"competency": link.competency_id, "name": link.competency.name, "level": link.level}
            for link in obj.competency_links.all()
        ]


class LearningScenarioFilterSerializer(InputSerializer):
    status = CodeField(ch.ScenarioStatus, required=False, allow_blank=True, label=_("status"))
    difficulty = CodeField(ch.Difficulty, required=False, allow_blank=True, label=_("tingkat kesulitan"))
    channel = CodeField(ch.Channel, required=False, allow_blank=True, label=_("kanal"))
    q = serializers.CharField(required=False, allow_blank=True, label=_("cari"))


class LearningStartSerializer(InputSerializer):
    restart = serializers.BooleanField(required=False, default=False, label=_("mulai ulang"))


class LearningAnswerOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = AttemptAnswer
        fields = [
            "order",
            "step_key",
            "citizen_message",
            "response_text",
            "points",
            "dimension_scores",
            "feedback",
            "critical",
        ]
        read_only_fields = fields


class LearningPlayChoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    label = serializers.CharField()


class LearningStepOutSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    situation = serializers.CharField()
    citizen_message = serializers.CharField()
    response_type = serializers.CharField(help_text=_("choice atau free_text"))
    prompt = serializers.CharField()


class LearningAttemptSerializer(serializers.ModelSerializer):
    employee = LearningEmployeeRefSerializer(read_only=True)
    scenario_title = serializers.CharField(source="scenario.title", read_only=True)
    status = code_out(ch.AttemptStatus)

    class Meta:
        model = Attempt
        fields = [
            "id",
            "scenario",
            "scenario_title",
            "scenario_version",
            "employee",
            "status",
            "total_score",
            "max_score",
            "percent",
            "pass_percent",
            "passed",
            "critical",
            "dimension_scores",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class LearningAttemptStateSerializer(serializers.Serializer):
    """What the learner sees: the step waiting for an answer (choices without their scores), the
    answers so far with their feedback, and at the end the score and the closing feedback."""

    attempt = LearningAttemptSerializer()
    finished = serializers.BooleanField()
    step = serializers.SerializerMethodField()
    choices = LearningPlayChoiceSerializer(many=True)
    answers = LearningAnswerOutSerializer(many=True)
    ending = serializers.SerializerMethodField()

    @extend_schema_field(LearningStepOutSerializer(allow_null=True))
    def get_step(self, state):
        step = state.step
        if step is None:
            return None
        return LearningStepOutSerializer(step).data

    def get_ending(self, state) -> dict | None:
        if state.ending is None:
            return None
        return {
            "kind": state.ending.ending_kind,
            "title": state.ending.title,
            "closing_feedback": state.ending.closing_feedback,
        }


class LearningAnswerInSerializer(InputSerializer):
    choice = serializers.IntegerField(required=False, allow_null=True, label=_("pilihan jawaban"))
    text = serializers.CharField(required=False, allow_blank=True, max_length=2000, label=_("jawaban bebas"))


class LearningAttemptFilterSerializer(InputSerializer):
    scenario = serializers.IntegerField(required=False, label=_("skenario"))
    employee = serializers.IntegerField(required=False, label=_("pegawai"))
    opd = serializers.IntegerField(required=False, label=_("OPD"))
    status = CodeField(ch.AttemptStatus, required=False, allow_blank=True, label=_("status"))
