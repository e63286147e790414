"""Django admin (superusers, i.e. Admin BKPSDM with the technical role): Open311 partner keys.

The key is generated on save and shown once in the confirmation message; only its hash is kept.
Keys are revoked (deactivated), never deleted, so the requests a partner posted stay attributable."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from pembina.public_services.models import Open311ApiKey
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
