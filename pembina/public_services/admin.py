"""Django admin (superusers, i.e. Admin BKPSDM with the technical role): Open311 partner keys, and
read-only views of the public-service records (the staff pages and the services change them;
requests and complaints carry citizens' personal data: look, never edit here).

The key is generated on save and shown once in the confirmation message; only its hash is kept.
Keys are revoked (deactivated), never deleted, so the requests a partner posted stay attributable."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from pembina.core.admin import ReadOnlyAdmin
from pembina.public_services.models import (
    Complaint,
    ComplaintEvent,
    Holiday,
    Open311ApiKey,
    RequestEvent,
    Service,
    ServiceMonthStat,
    ServicePolicy,
    ServiceRequest,
    SurveyResponse,
)
from pembina.public_services.services.public import new_api_key, open311_key_revoke


@admin.register(Open311ApiKey)
class Open311ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "key_prefix", "instansi", "requests_per_hour", "is_active", "created_at")
    list_filter = ("is_active", "instansi")
    search_fields = ("name", "contact", "key_prefix")
    fields = (
        "instansi",
        "name",
        "contact",
        "requests_per_hour",
        "is_active",
        "note",
        "key_prefix",
        "created_by",
    )
    readonly_fields = ("key_prefix", "created_by")
    raw_id_fields = ("instansi",)
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if not change:
            raw, obj.key_prefix, obj.key_hash = new_api_key()
            obj.created_by = request.user
            super().save_model(request, obj, form, change)
            messages.warning(
                request,
                _(
                    "Kunci API untuk %(name)s: %(key)s — salin sekarang, kunci ini tidak akan ditampilkan lagi."
                )
                % {"name": obj.name, "key": raw},
            )
            return
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Cabut kunci terpilih"))
    def revoke(self, request, queryset):
        for key in queryset:
            open311_key_revoke(key=key, actor=request.user)
        self.message_user(request, _("%(n)s kunci dicabut.") % {"n": queryset.count()})


@admin.register(Service)
class ServiceAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "unit", "completion_days", "fee", "accepts_online", "is_active")
    list_filter = ("is_active", "accepts_online")
    search_fields = ("code", "name")
    list_select_related = ("unit",)


@admin.register(Holiday)
class HolidayAdmin(ReadOnlyAdmin):
    list_display = ("date", "name", "kind", "is_confirmed", "instansi")
    list_filter = ("kind", "is_confirmed")
    date_hierarchy = "date"


@admin.register(ServicePolicy)
class ServicePolicyAdmin(ReadOnlyAdmin):
    list_display = ("instansi", "tracking_prefix", "program_start", "coordinator_unit")


class RequestEventInline(admin.TabularInline):
    model = RequestEvent
    extra = 0
    can_delete = False
    fields = ("at", "action", "status_from", "status_to", "employee", "unit", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ServiceRequest)
class ServiceRequestAdmin(ReadOnlyAdmin):
    list_display = (
        "tracking_number",
        "service",
        "status",
        "channel",
        "received_at",
        "due_date",
        "is_overdue",
    )
    list_filter = ("status", "channel", "is_overdue")
    search_fields = ("tracking_number", "external_ref")
    list_select_related = ("service",)
    date_hierarchy = "received_at"
    show_full_result_count = False
    exclude = ("survey_token",)
    inlines = [RequestEventInline]


class ComplaintEventInline(RequestEventInline):
    model = ComplaintEvent
    fields = ("at", "action", "status_from", "status_to", "employee", "from_unit", "to_unit", "note")
    readonly_fields = fields


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ("tracking_number", "subject", "channel", "status", "tier", "unit", "received_at")
    list_filter = ("status", "channel", "tier", "is_anonymous", "is_confidential")
    search_fields = ("tracking_number", "lapor_reference", "subject")
    list_select_related = ("unit",)
    date_hierarchy = "received_at"
    exclude = ("confirm_token",)
    inlines = [ComplaintEventInline]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(ReadOnlyAdmin):
    list_display = ("submitted_at", "service", "unit", "channel")
    list_filter = ("channel",)
    list_select_related = ("service", "unit")
    date_hierarchy = "submitted_at"
    show_full_result_count = False


@admin.register(ServiceMonthStat)
class ServiceMonthStatAdmin(ReadOnlyAdmin):
    list_display = ("month", "unit", "service", "requests_received", "requests_completed", "ikm_conversion")
    list_select_related = ("unit", "service")
    date_hierarchy = "month"
