"""Django admin for the org app: read-only views for superusers; the app's pages change this data."""

from django.contrib import admin

from pembina.core.admin import ReadOnlyAdmin
from pembina.org.models import Assignment, Employee, Instansi, Position, SupervisorOverride, Unit


@admin.register(Instansi)
class InstansiAdmin(admin.ModelAdmin):
    """Only the descriptive fields may be corrected here; the code ties the installation to it."""

    list_display = ("code", "name", "kind", "region_name", "head_name")
    readonly_fields = ("code",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "kind", "is_opd", "is_active", "parent")
    list_filter = ("kind", "is_opd", "is_active")
    search_fields = ("code", "name", "short_name")
    list_select_related = ("parent",)


@admin.register(Position)
class PositionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "job_type", "level", "unit", "is_head", "is_active")
    list_filter = ("job_type", "is_head", "is_active")
    search_fields = ("code", "name")
    list_select_related = ("unit",)


class AssignmentInline(admin.TabularInline):
    model = Assignment
    fk_name = "employee"
    extra = 0
    fields = ("kind", "position", "unit", "start_date", "end_date", "reason", "decree_number")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Employee)
class EmployeeAdmin(ReadOnlyAdmin):
    list_display = ("nip", "name", "asn_status", "rank", "state", "current_opd")
    list_filter = ("asn_status", "state", "gender")
    search_fields = ("nip", "name")
    list_select_related = ("current_opd",)
    inlines = [AssignmentInline]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("employee", "kind", "position", "unit", "start_date", "end_date")
    list_filter = ("kind", "reason")
    search_fields = ("employee__nip", "employee__name")
    list_select_related = ("employee", "position", "unit")


@admin.register(SupervisorOverride)
class SupervisorOverrideAdmin(ReadOnlyAdmin):
    list_display = ("employee", "supervisor", "start_date", "end_date", "reason")
    search_fields = ("employee__nip", "employee__name")
    list_select_related = ("employee", "supervisor")
