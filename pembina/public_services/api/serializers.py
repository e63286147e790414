"""Serializers of the public services API. Output serializers shape rows; input serializers only parse,
the services in `pembina.public_services.services` validate and write."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pembina.core.api.viewsets import InputSerializer, ScopedPrimaryKeyRelatedField
from pembina.core.scoping import get_scope
from pembina.org.choices import EmploymentState
from pembina.org.models import Employee, Unit
from pembina.public_services.choices import (
    ComplaintChannel,
    ComplaintStatus,
    ComplaintTier,
    HolidayKind,
    RequestChannel,
    RequestStatus,
)
from pembina.public_services.models import Complaint, Holiday, Service, ServiceRequest

# --- output -----------------------------------------------------------------------------------------


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name"]
        read_only_fields = fields


class ServiceRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Service
        fields = ["id", "code", "name", "completion_days"]
        read_only_fields = fields


class ServiceSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)
    opd = UnitRefSerializer(read_only=True)
    requirement_list = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Service
        fields = [
            "id",
            "code",
            "name",
            "unit",
            "opd",
            "description",
            "requirements",
            "requirement_list",
            "procedure",
            "fee",
            "fee_note",
            "completion_days",
            "product",
            "legal_basis",
            "accepts_online",
            "is_active",
            "sort_order",
        ]
        read_only_fields = fields


class DeadlineSerializer(serializers.Serializer):
    due_date = serializers.DateField()
    elapsed_working_days = serializers.IntegerField()
    remaining_working_days = serializers.IntegerField()
    is_late = serializers.BooleanField()


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()


class ServiceRequestSerializer(serializers.ModelSerializer):
    service = ServiceRefSerializer(read_only=True)
    unit = UnitRefSerializer(read_only=True)
    handler = PersonSerializer(read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=RequestStatus.choices, read_only=True)
    channel = serializers.ChoiceField(choices=RequestChannel.choices, read_only=True)
    deadline = serializers.SerializerMethodField()

    class Meta:
        model = ServiceRequest
        fields = [
            "id",
            "tracking_number",
            "service",
            "unit",
            "channel",
            "status",
            "citizen_name",
            "citizen_contact",
            "description",
            "location",
            "received_at",
            "completion_days",
            "due_date",
            "verified_at",
            "processing_at",
            "completed_at",
            "picked_up_at",
            "rejected_at",
            "rejection_reason",
            "elapsed_working_days",
            "within_deadline",
            "is_overdue",
            "escalated_at",
            "handler",
            "external_ref",
            "deadline",
        ]
        read_only_fields = fields

    @extend_schema_field(DeadlineSerializer)
    def get_deadline(self, obj):
        from pembina.public_services import selectors

        deadlines = self.context.get("deadlines") or {}
        deadline = deadlines.get(obj.pk) or selectors.request_deadline(request=obj)
        return DeadlineSerializer(deadline).data


class RequestEventSerializer(serializers.Serializer):
    action = serializers.CharField()
    status_from = serializers.CharField()
    status_to = serializers.CharField()
    at = serializers.DateTimeField()
    employee = PersonSerializer(allow_null=True)
    unit = UnitRefSerializer(allow_null=True)
    note = serializers.CharField()


class ServiceRequestDetailSerializer(ServiceRequestSerializer):
    timeline = serializers.SerializerMethodField()

    class Meta(ServiceRequestSerializer.Meta):
        fields = [*ServiceRequestSerializer.Meta.fields, "timeline"]
        read_only_fields = fields

    @extend_schema_field(RequestEventSerializer(many=True))
    def get_timeline(self, obj):
        from pembina.public_services import selectors

        return RequestEventSerializer(selectors.request_timeline(request=obj), many=True).data


class ComplaintSerializer(serializers.ModelSerializer):
    """No reporter identity here: lists never carry it (see the detail's `reporter`)."""

    service = ServiceRefSerializer(read_only=True, allow_null=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)
    handler = PersonSerializer(read_only=True, allow_null=True, help_text=_("Petugas penghubung"))
    status = serializers.ChoiceField(choices=ComplaintStatus.choices, read_only=True)
    channel = serializers.ChoiceField(choices=ComplaintChannel.choices, read_only=True)
    tier = serializers.ChoiceField(choices=ComplaintTier.choices, read_only=True, allow_blank=True)

    class Meta:
        model = Complaint
        fields = [
            "id",
            "tracking_number",
            "channel",
            "lapor_reference",
            "subject",
            "description",
            "location",
            "is_anonymous",
            "is_confidential",
            "service",
            "unit",
            "handler",
            "status",
            "tier",
            "received_at",
            "verify_due",
            "verified_at",
            "plan_due",
            "planned_at",
            "follow_up_plan",
            "resolution_due",
            "resolved_at",
            "resolution",
            "resolved_on_time",
            "closed_at",
            "rejected_at",
            "rejection_reason",
            "confirmed_at",
            "complainant_satisfied",
            "rating",
        ]
        read_only_fields = fields


class ReporterSerializer(serializers.Serializer):
    name = serializers.CharField()
    contact = serializers.CharField()


class ComplaintDetailSerializer(ComplaintSerializer):
    reporter = serializers.SerializerMethodField(
        help_text=_(
            "Identitas pelapor; null bila anonim, atau rahasia dan Anda bukan koordinator/Admin BKPSDM."
        )
    )

    class Meta(ComplaintSerializer.Meta):
        fields = [*ComplaintSerializer.Meta.fields, "reporter"]
        read_only_fields = fields

    @extend_schema_field(ReporterSerializer(allow_null=True))
    def get_reporter(self, obj):
        from pembina.public_services import selectors

        request = self.context.get("request")
        reporter = selectors.complaint_reporter(actor=getattr(request, "user", None), complaint=obj)
        return ReporterSerializer(reporter).data if reporter else None


class HolidaySerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=HolidayKind.choices, read_only=True)

    class Meta:
        model = Holiday
        fields = ["id", "date", "name", "kind", "is_confirmed", "note"]
        read_only_fields = fields


class ElementSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    nrr = serializers.DecimalField(max_digits=6, decimal_places=4, allow_null=True)
    weighted = serializers.DecimalField(max_digits=6, decimal_places=4, allow_null=True)


class SkmSummarySerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    respondents = serializers.IntegerField(source="result.respondents")
    population = serializers.IntegerField(
        help_text=_("Penerima layanan dalam periode (permohonan diterima).")
    )
    sample_needed = serializers.IntegerField(help_text=_("Sampel minimum Krejcie–Morgan."))
    sample_reached = serializers.BooleanField()
    ikm = serializers.DecimalField(source="result.ikm", max_digits=6, decimal_places=4, allow_null=True)
    conversion = serializers.DecimalField(
        source="result.conversion", max_digits=6, decimal_places=2, allow_null=True
    )
    grade = serializers.CharField(source="result.grade", allow_null=True)
    grade_label = serializers.CharField(source="result.grade_label")
    elements = ElementSerializer(many=True)
    profile = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()))


# --- input (parse only) -------------------------------------------------------------------------------


class ServiceCreateSerializer(InputSerializer):
    unit = ScopedPrimaryKeyRelatedField(Unit, label=_("Unit penanggung jawab"))
    code = serializers.CharField(max_length=40, label=_("Kode layanan"))
    name = serializers.CharField(max_length=200, label=_("Nama layanan"))
    completion_days = serializers.IntegerField(min_value=0, max_value=365, label=_("Waktu penyelesaian"))
    description = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    requirements = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    procedure = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    fee = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, min_value=0)
    fee_note = serializers.CharField(required=False, allow_blank=True, max_length=300)
    product = serializers.CharField(required=False, allow_blank=True, max_length=200)
    legal_basis = serializers.CharField(required=False, allow_blank=True, max_length=300)
    accepts_online = serializers.BooleanField(required=False)
    is_active = serializers.BooleanField(required=False)
    sort_order = serializers.IntegerField(required=False, min_value=0)


class ServiceUpdateSerializer(ServiceCreateSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class ServiceFilterSerializer(InputSerializer):
    q = serializers.CharField(required=False, allow_blank=True, label=_("Cari nama atau kode"))
    opd = serializers.IntegerField(required=False, label=_("OPD"))
    unit = serializers.IntegerField(required=False, label=_("Unit (beserta sub-unit)"))
    is_active = serializers.BooleanField(required=False, allow_null=True, default=None, label=_("Aktif"))


class RequestCreateSerializer(InputSerializer):
    service = ScopedPrimaryKeyRelatedField(Service, label=_("Layanan"))
    citizen_name = serializers.CharField(max_length=150, label=_("Nama pemohon"))
    citizen_contact = serializers.CharField(max_length=100, required=False, allow_blank=True)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    verified = serializers.BooleanField(required=False, default=False, label=_("Berkas sudah diverifikasi"))
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class RequestTransitionSerializer(InputSerializer):
    to_status = serializers.ChoiceField(choices=RequestStatus.choices, label=_("Status tujuan"))
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, label=_("Catatan"))
    reason = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, label=_("Alasan penolakan")
    )


class RequestFilterSerializer(InputSerializer):
    q = serializers.CharField(required=False, allow_blank=True, label=_("Nomor lacak atau nama pemohon"))
    status = serializers.ChoiceField(choices=RequestStatus.choices, required=False, label=_("Status"))
    service = serializers.IntegerField(required=False, label=_("Layanan"))
    opd = serializers.IntegerField(required=False, label=_("OPD"))
    unit = serializers.IntegerField(required=False, label=_("Unit (beserta sub-unit)"))
    channel = serializers.ChoiceField(choices=RequestChannel.choices, required=False, label=_("Kanal"))
    open = serializers.BooleanField(required=False, default=False, label=_("Hanya yang belum selesai"))
    overdue = serializers.BooleanField(required=False, default=False, label=_("Hanya yang terlambat"))
    received_from = serializers.DateField(required=False, label=_("Diterima dari"))
    received_to = serializers.DateField(required=False, label=_("Diterima sampai"))


class ComplaintFilterSerializer(InputSerializer):
    q = serializers.CharField(required=False, allow_blank=True, label=_("Nomor lacak, judul, nomor LAPOR!"))
    status = serializers.ChoiceField(choices=ComplaintStatus.choices, required=False, label=_("Status"))
    open = serializers.BooleanField(required=False, default=False, label=_("Hanya yang belum selesai"))
    channel = serializers.ChoiceField(choices=ComplaintChannel.choices, required=False, label=_("Kanal"))
    tier = serializers.ChoiceField(choices=ComplaintTier.choices, required=False, label=_("Klasifikasi"))
    service = serializers.IntegerField(required=False, label=_("Layanan"))
    unit = serializers.IntegerField(required=False, label=_("Unit (beserta sub-unit)"))


class LiaisonField(serializers.PrimaryKeyRelatedField):
    """The liaison officer's employee id: active employees of the caller's instansi resolve (the
    service then requires the OPD of the unit handling the complaint)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("label", _("Petugas penghubung (id pegawai pada OPD unit yang menangani)"))
        super().__init__(queryset=Employee.objects.none(), **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        instansi_id = get_scope(getattr(request, "user", None)).instansi_id
        return Employee.objects.filter(instansi_id=instansi_id, state=EmploymentState.ACTIVE)


class ComplaintVerifySerializer(InputSerializer):
    tier = serializers.ChoiceField(choices=ComplaintTier.choices, label=_("Klasifikasi"))
    unit = ScopedPrimaryKeyRelatedField(Unit, required=False, allow_null=True, label=_("Unit berwenang"))
    handler = LiaisonField()
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, label=_("Catatan"))


class ComplaintRejectSerializer(InputSerializer):
    reason = serializers.CharField(max_length=2000, label=_("Alasan"))


class ComplaintForwardSerializer(InputSerializer):
    to_unit = ScopedPrimaryKeyRelatedField(Unit, label=_("Unit tujuan"))
    handler = LiaisonField()
    reason = serializers.CharField(max_length=2000, label=_("Alasan penerusan"))


class ComplaintPlanSerializer(InputSerializer):
    plan = serializers.CharField(max_length=4000, label=_("Rencana tindak lanjut"))


class ComplaintResolveSerializer(InputSerializer):
    resolution = serializers.CharField(max_length=8000, label=_("Jawaban/penyelesaian"))


class HolidayCreateSerializer(InputSerializer):
    date = serializers.DateField(label=_("Tanggal"))
    name = serializers.CharField(max_length=150, label=_("Keterangan"))
    kind = serializers.ChoiceField(choices=HolidayKind.choices, label=_("Jenis"))
    is_confirmed = serializers.BooleanField(required=False, default=True, label=_("Sudah ditetapkan"))
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, label=_("Dasar penetapan"))


class HolidayUpdateSerializer(HolidayCreateSerializer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.fields["is_confirmed"].default = serializers.empty


class HolidayFilterSerializer(InputSerializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100, label=_("Tahun"))


class SkmQuerySerializer(InputSerializer):
    start = serializers.DateField(required=False, label=_("Dari tanggal (bawaan: 12 bulan terakhir)"))
    end = serializers.DateField(required=False, label=_("Sampai tanggal (bawaan: hari ini)"))
    unit = serializers.IntegerField(required=False, label=_("Unit (beserta sub-unit)"))
    service = serializers.IntegerField(required=False, label=_("Layanan"))

    def validate(self, attrs):
        start, end = attrs.get("start"), attrs.get("end")
        if start and end and end < start:
            raise serializers.ValidationError({"end": _("Tanggal akhir harus sesudah tanggal awal.")})
        return attrs
