"""Django admin for accounts (superusers only): fix a user, grant roles, reset a lost authenticator."""

from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from pembina.accounts.models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    fields = ("role", "unit", "note")
    raw_id_fields = ("unit",)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "__str__", "instansi", "is_active", "is_superuser", "last_login")
    list_filter = ("is_active", "is_superuser", "role_grants__role", "instansi")
    search_fields = ("username", "first_name", "last_name", "email", "employee__name", "employee__nip")
    raw_id_fields = ("employee", "instansi")
    readonly_fields = ("last_login", "date_joined")
    inlines = [RoleGrantInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Data diri"), {"fields": ("first_name", "last_name", "email", "language")}),
        (_("Keterkaitan"), {"fields": ("instansi", "employee")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Waktu"), {"fields": ("last_login", "date_joined")}),
    )

    def has_delete_permission(self, request, obj=None):
        # Deactivate instead: a user's name stays attached to what they did.
        return False


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit", "note", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "note")
    raw_id_fields = ("user", "unit")


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Read-only apart from delete: deleting a TOTP resets a lost phone (the user enrols again)."""

    list_display = ("user", "type", "created_at", "last_used_at")
    list_filter = ("type",)
    search_fields = ("user__username",)
    fields = ("user", "type", "created_at", "last_used_at")  # never the secret in `data`
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
