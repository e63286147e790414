"""The Django admin at /django-admin/: superusers only, signed in through allauth (so with 2FA).

The admin is an escape hatch for data repair, not a second UI: domain data is changed through the
app's pages and services, so most models are registered read-only (see ReadOnlyAdmin).
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditEntry, Job


def _superusers_only(request) -> bool:
    user = request.user
    return bool(user.is_active and user.is_superuser)


def _login(request, extra_context=None):
    """Never Django's own password form (it would skip the 2FA step): send to allauth's login."""
    if request.user.is_authenticated:
        if admin.site.has_permission(request):
            return redirect("admin:index")
        raise PermissionDenied
    next_url = request.GET.get("next") or reverse("admin:index")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


admin.site.has_permission = _superusers_only
admin.site.login = _login
admin.site.site_header = _("Pembina — administrasi teknis")
admin.site.site_title = _("Pembina admin")
admin.site.index_title = _("Data (sebagian besar hanya-baca)")


class ReadOnlyAdmin(admin.ModelAdmin):
    """View-only: no add, change or delete (writes go through the app's services)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("timestamp", "actor_repr", "source", "action", "object_type", "object_id", "object_repr")
    list_filter = ("source", "action", "object_type")
    search_fields = ("actor_repr", "object_repr", "object_id", "request_id")
    date_hierarchy = "timestamp"
    show_full_result_count = False  # the trail grows without bound; skip the second COUNT(*)


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ("title", "status", "created_by", "created_at", "finished_at")
    list_filter = ("status", "handler")
    search_fields = ("title",)
