"""Serializers of the org API. Output serializers shape rows; input serializers only parse, the
services in `pembina.org.services` validate and write."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from pembina.core.api.viewsets import InputSerializer, ParseOnlyMixin, ScopedPrimaryKeyRelatedField
from pembina.org.choices import AsnStatus, AssignmentKind, AssignmentReason, EmploymentState, JobType
from pembina.org.models import Assignment, Employee, Position, Unit
from pembina.org.services import EMPLOYEE_FIELDS

# --- output -----------------------------------------------------------------------------------


class UnitBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name"]
        read_only_fields = fields


class PositionBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Position
        fields = ["id", "code", "name", "job_type", "is_head"]
        read_only_fields = fields


class UnitSerializer(serializers.ModelSerializer):
    parent_name = serializers.CharField(source="parent.name", read_only=True, default=None)
    opd_name = serializers.CharField(source="opd.name", read_only=True, default=None)

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "is_opd",
            "is_active",
            "sort_order",
            "depth",
            "parent",
            "parent_name",
            "opd",
            "opd_name",
        ]
        read_only_fields = fields


class PositionSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Position
        fields = [
            "id",
            "code",
            "name",
            "job_type",
            "level",
            "job_class",
            "is_head",
            "is_active",
            "unit",
            "unit_name",
        ]
        read_only_fields = fields


class EmployeeSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    pangkat = serializers.CharField(read_only=True)
    current_position = PositionBriefSerializer(read_only=True, allow_null=True)
    current_unit = UnitBriefSerializer(read_only=True, allow_null=True)
    current_opd = UnitBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Employee
        fields = [
            "id",
            "nip",
            "nip_old",
            "name",
            "front_title",
            "back_title",
            "full_name",
            "gender",
            "birth_place",
            "birth_date",
            "asn_status",
            "rank",
            "pangkat",
            "rank_since",
            "state",
            "email",
            "phone",
            "current_position",
            "current_unit",
            "current_opd",
        ]
        read_only_fields = fields


class EmployeeBriefSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    position_name = serializers.CharField(source="current_position.name", read_only=True, default=None)
    unit_name = serializers.CharField(source="current_unit.name", read_only=True, default=None)

    class Meta:
        model = Employee
        fields = ["id", "nip", "full_name", "position_name", "unit_name"]
        read_only_fields = fields


class AssignmentSerializer(serializers.ModelSerializer):
    position = PositionBriefSerializer(read_only=True)
    unit = UnitBriefSerializer(read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "position",
            "unit",
            "kind",
            "reason",
            "start_date",
            "end_date",
            "decree_number",
            "decree_date",
            "note",
        ]
        read_only_fields = fields


class SuperiorChainSerializer(serializers.Serializer):
    employee = serializers.IntegerField(source="employee.pk")
    on = serializers.DateField()
    superior = EmployeeBriefSerializer(
        allow_null=True, help_text=_("Pejabat penilai kinerja; kosong berarti kepala daerah.")
    )
    superior_of_superior = EmployeeBriefSerializer(
        allow_null=True, help_text=_("Atasan pejabat penilai kinerja; kosong berarti kepala daerah.")
    )
    via_override = serializers.BooleanField(help_text=_("Ditetapkan secara khusus, bukan dari struktur."))


# --- input (parse only) -----------------------------------------------------------------------


class _ModelInput(ParseOnlyMixin, serializers.ModelSerializer):
    """Model fields parsed with their Indonesian labels; no uniqueness checks (the service does them)."""

    class Meta:
        validators: list = []


class UnitCreateSerializer(_ModelInput):
    parent = ScopedPrimaryKeyRelatedField(Unit, allow_null=True, required=False, label=_("induk"))
    is_opd = serializers.BooleanField(required=False, allow_null=True, default=None, label=_("OPD"))

    class Meta(_ModelInput.Meta):
        model = Unit
        fields = ["parent", "code", "name", "short_name", "kind", "is_opd", "sort_order"]
        extra_kwargs = {"code": {"validators": []}}


class UnitUpdateSerializer(_ModelInput):
    class Meta(_ModelInput.Meta):
        model = Unit
        fields = ["code", "name", "short_name", "kind", "is_active", "sort_order"]
        extra_kwargs = {"code": {"validators": []}}


class PositionCreateSerializer(_ModelInput):
    unit = ScopedPrimaryKeyRelatedField(Unit, label=_("unit"))

    class Meta(_ModelInput.Meta):
        model = Position
        fields = ["unit", "code", "name", "job_type", "level", "job_class", "is_head"]
        extra_kwargs = {"code": {"validators": []}}


class PositionUpdateSerializer(_ModelInput):
    class Meta(_ModelInput.Meta):
        model = Position
        fields = ["code", "name", "job_type", "level", "job_class", "is_head", "is_active"]
        extra_kwargs = {"code": {"validators": []}}


class EmployeeCreateSerializer(_ModelInput):
    position = ScopedPrimaryKeyRelatedField(
        Position, required=False, allow_null=True, label=_("jabatan"), help_text=_("Jabatan awal (opsional).")
    )
    start_date = serializers.DateField(required=False, label=_("TMT jabatan"))
    decree_number = serializers.CharField(
        required=False, allow_blank=True, max_length=100, label=_("nomor SK")
    )

    class Meta(_ModelInput.Meta):
        model = Employee
        fields = [*EMPLOYEE_FIELDS, "position", "start_date", "decree_number"]
        extra_kwargs = {"nip": {"validators": []}}


class EmployeeUpdateSerializer(_ModelInput):
    class Meta(_ModelInput.Meta):
        model = Employee
        fields = [f for f in EMPLOYEE_FIELDS if f != "nip"]

    def validate(self, attrs):
        if "nip" in self.initial_data:
            raise serializers.ValidationError({"nip": _("NIP tidak dapat diubah.")})
        return attrs


class EmployeeAssignSerializer(InputSerializer):
    position = ScopedPrimaryKeyRelatedField(Position, label=_("jabatan"))
    start_date = serializers.DateField(label=_("TMT mulai"))
    kind = serializers.ChoiceField(
        choices=AssignmentKind.choices, default=AssignmentKind.DEFINITIVE, label=_("jenis penugasan")
    )
    reason = serializers.ChoiceField(
        choices=AssignmentReason.choices, default=AssignmentReason.TRANSFER, label=_("alasan")
    )
    end_date = serializers.DateField(required=False, allow_null=True, label=_("sampai"))
    decree_number = serializers.CharField(
        required=False, allow_blank=True, max_length=100, label=_("nomor SK")
    )
    decree_date = serializers.DateField(required=False, allow_null=True, label=_("tanggal SK"))
    note = serializers.CharField(required=False, allow_blank=True, max_length=300, label=_("catatan"))


# --- query parameters -------------------------------------------------------------------------


class EmployeeFilterSerializer(InputSerializer):
    q = serializers.CharField(
        required=False, allow_blank=True, label=_("cari"), help_text=_("Nama, atau awal NIP (min. 4 angka).")
    )
    opd = serializers.IntegerField(required=False, allow_null=True, min_value=1, label=_("OPD"))
    unit = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        label=_("unit kerja"),
        help_text=_("Termasuk sub-unitnya."),
    )
    rank = serializers.CharField(required=False, allow_blank=True, max_length=6, label=_("golongan"))
    asn_status = serializers.ChoiceField(
        choices=AsnStatus.choices, required=False, allow_blank=True, label=_("status ASN")
    )
    job_type = serializers.ChoiceField(
        choices=JobType.choices, required=False, allow_blank=True, label=_("jenis jabatan")
    )
    state = serializers.ChoiceField(
        choices=EmploymentState.choices, required=False, allow_blank=True, label=_("status kepegawaian")
    )


class SuperiorQuerySerializer(InputSerializer):
    on = serializers.DateField(
        required=False, allow_null=True, label=_("per tanggal"), help_text=_("YYYY-MM-DD; bawaan hari ini.")
    )
