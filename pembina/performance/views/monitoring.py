"""Realisations with evidence upload, evidence download/delete, and the rater's feedback."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.views.base import render_page
from pembina.performance import selectors, services
from pembina.performance.forms import FeedbackForm, RealisationForm
from pembina.performance.models import Realisation
from pembina.performance.permissions import plan_roles
from pembina.performance.rules import workflow
from pembina.performance.services.realisations import evidence_max_bytes
from pembina.performance.views.common import indicator_for, plan_url, refuse


def _plan_periods(plan):
    return [
        p
        for p in selectors.period_list(year=plan.year)
        if p.start <= plan.end_date and p.end >= plan.start_date
    ]


class RealisationView(LoginRequiredMixin, View):
    """Enter the realised value of one IKI for a period, with an evidence file (all or nothing)."""

    template_name = "performance/realisation_form.html"

    def _context(self, request, ind, form, periods):
        existing = list(
            Realisation.objects.filter(indicator=ind)
            .select_related("period")
            .prefetch_related("evidence", "feedback")
            .order_by("period__number")
        )
        return {
            "plan": ind.result.plan,
            "indicator": ind,
            "form": form,
            "periods": periods,
            "existing": existing,
        }

    def _form(self, ind, periods, data=None, files=None, initial=None):
        return RealisationForm(
            data, files, initial=initial, periods=periods, max_mb=evidence_max_bytes() // 1048576
        )

    def get(self, request, pk):
        ind = indicator_for(request, pk, "record_realisation")
        periods = _plan_periods(ind.result.plan)
        initial = {}
        raw = request.GET.get("period", "")
        chosen = next((p for p in periods if str(p.pk) == raw), None)
        if chosen is not None:
            initial["period"] = chosen.pk
            current = Realisation.objects.filter(indicator=ind, period=chosen).first()
            if current is not None:
                initial.update(value=current.value, narrative=current.narrative)
        form = self._form(ind, periods, initial=initial)
        return render_page(request, self.template_name, self._context(request, ind, form, periods))

    def post(self, request, pk):
        ind = indicator_for(request, pk, "record_realisation")
        plan = ind.result.plan
        periods = _plan_periods(plan)
        form = self._form(ind, periods, request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            period = next(p for p in periods if p.pk == d["period"])
            try:
                with transaction.atomic():  # a refused file leaves the value unsaved too
                    real = services.realisation_record(
                        indicator=ind,
                        period=period,
                        actor=request.user,
                        value=d.get("value"),
                        narrative=d.get("narrative") or "",
                        override_reason=d.get("override_reason") or "",
                    )
                    if d.get("file"):
                        services.evidence_add(
                            realisation=real,
                            upload=d["file"],
                            actor=request.user,
                            description=d.get("description") or "",
                        )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(
                    request, _("Realisasi %(i)s untuk %(p)s tersimpan.") % {"i": ind.name, "p": period.label}
                )
                return redirect(plan_url(plan, f"iki-{ind.pk}"))
        return render_page(request, self.template_name, self._context(request, ind, form, periods))


class EvidenceDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        ev = selectors.evidence_get_for_actor(actor=request.user, pk=pk)
        try:
            handle = ev.file.open("rb")
        except (FileNotFoundError, OSError):
            raise Http404 from None
        return FileResponse(
            handle, as_attachment=True, filename=ev.original_name, content_type=ev.content_type
        )


class EvidenceDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        ev = selectors.evidence_get_for_actor(actor=request.user, pk=pk)
        real = ev.realisation
        plan = real.indicator.result.plan
        if not plan_roles(request.user, plan) & workflow.RULES["record_realisation"][0]:
            raise Http404
        try:
            services.evidence_delete(evidence=ev, actor=request.user)
        except ApplicationError as exc:
            return refuse(request, exc, plan, f"iki-{real.indicator_id}")
        messages.success(request, _("Bukti dukung %(n)s dihapus.") % {"n": ev.original_name})
        return redirect(plan_url(plan, f"iki-{real.indicator_id}"))


class FeedbackView(LoginRequiredMixin, View):
    """Umpan balik berkelanjutan of the pejabat penilai on one realisation."""

    def post(self, request, pk):
        real = selectors.realisation_get_for_actor(actor=request.user, pk=pk)
        plan = real.indicator.result.plan
        if not plan_roles(request.user, plan) & workflow.RULES["give_feedback"][0]:
            raise Http404
        form = FeedbackForm(request.POST)
        anchor = f"iki-{real.indicator_id}"
        if not form.is_valid():
            messages.error(request, _("Isi umpan balik wajib diisi."))
            return redirect(plan_url(plan, anchor))
        try:
            services.realisation_feedback_add(
                realisation=real, body=form.cleaned_data["body"], actor=request.user
            )
        except ApplicationError as exc:
            return refuse(request, exc, plan, anchor)
        messages.success(request, _("Umpan balik terkirim kepada pegawai."))
        return redirect(plan_url(plan, anchor))
