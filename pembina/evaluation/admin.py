"""Django admin for the evaluation app: superusers only (data repair). A locked evaluation is
read-only here too, and its models refuse any change whatever the admin allows."""

from django.contrib import admin

from pembina.core.admin import ReadOnlyAdmin
from pembina.evaluation.models import (
    Appeal,
    CalibrationAdjustment,
    Evaluation,
    EvaluationEvent,
    EvaluationSettings,
    FollowUp,
    OrganisationPredicate,
    PotentialScore,
)


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "employee",
        "kind",
        "period",
        "status",
        "rating_result",
        "rating_behaviour",
        "predicate",
    )
    list_filter = ("kind", "status", "predicate")
    search_fields = ("employee__name", "employee__nip")
    list_select_related = ("employee", "period")
    raw_id_fields = (
        "plan",
        "employee",
        "rater",
        "rater_superior",
        "unit",
        "opd",
        "year",
        "period",
        "instansi",
    )
    fields = (
        "status",
        "rating_result",
        "result_justification",
        "rating_behaviour",
        "behaviour_justification",
        "predicate",
        "appeal_deadline",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj is not None and obj.is_locked)

    def has_delete_permission(self, request, obj=None):
        return False


for model in (
    Appeal,
    CalibrationAdjustment,
    EvaluationEvent,
    EvaluationSettings,
    FollowUp,
    OrganisationPredicate,
    PotentialScore,
):
    admin.site.register(model, ReadOnlyAdmin)
