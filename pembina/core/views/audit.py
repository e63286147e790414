"""Audit trail pages for auditors: filtered list, one entry with its diff and hashes, chain check.

Everyone else gets 404: the trail names who did what, which is itself personal data."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.views import View

from pembina.core.audit import recorder
from pembina.core.audit.selectors import audit_entry_list, audit_get_for_actor
from pembina.core.scoping import get_scope
from pembina.core.views.base import paginate, render_page
from pembina.core.views.diff import describe_entries, model_label
from pembina.core.views.forms import AuditFilterForm


class AuditorOnlyMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not get_scope(request.user).can_audit:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def object_url(object_type: str, object_id: str) -> str:
    """The page of an audited object by the house URL convention `<app>:<model>_detail`, if any."""
    app_label, _dot, model = object_type.partition(".")
    try:
        return reverse(f"{app_label}:{model}_detail", args=[int(object_id)])
    except (NoReverseMatch, ValueError):
        return ""


class AuditListView(AuditorOnlyMixin, View):
    def get(self, request):
        form = AuditFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        entries = audit_entry_list(actor=request.user, filters=filters)
        if form.is_bound and not form.is_valid():
            entries = entries.none()
        page = paginate(request, entries)
        for entry in page.object_list:
            entry.model_label = model_label(entry.object_type)
        context = {"form": form, "page_obj": page, "entries": page.object_list}
        return render_page(request, "core/audit/audit_list.html", context, partial="results")


class AuditView(AuditorOnlyMixin, View):
    def get(self, request, pk):
        entry = audit_get_for_actor(actor=request.user, pk=pk)
        row = describe_entries([entry])[0]
        context = {"entry": entry, "row": row, "object_url": object_url(entry.object_type, entry.object_id)}
        return render_page(request, "core/audit/audit_detail.html", context)


class AuditVerifyView(AuditorOnlyMixin, View):
    """Recompute the whole hash chain on demand (POST: it reads every entry)."""

    http_method_names = ["post"]

    def post(self, request):
        result = recorder.verify_chain()
        return render_page(request, "core/audit/audit_verify.html", {"result": result}, partial="result")
