"""The SKP workflow from the page: submit, withdraw, return with notes per item, approve, revise,
the dialog kinerja comments and the rater's ekspektasi khusus."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.views.base import render_page
from pembina.performance import selectors, services
from pembina.performance.forms import CommentForm, CommentOnlyForm, ExpectationForm, ReturnForm, ReviseForm
from pembina.performance.models import PlanBehaviour, PlannedResult
from pembina.performance.views.common import plan_for, plan_url, refuse


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return _("Isian tidak sah.")


class PlanActionView(LoginRequiredMixin, View):
    """POST-only: check the role may ever take `action` (else 404), then let the service decide."""

    action = ""
    form_class = CommentOnlyForm
    anchor = ""

    def run(self, request, plan, form):  # pragma: no cover - overridden
        raise NotImplementedError

    def success_message(self, plan) -> str:
        return ""

    def post(self, request, pk):
        plan = plan_for(request, pk, self.action)
        form = self.form_class(request.POST)
        if not form.is_valid():
            messages.error(request, _first_error(form))
            return redirect(plan_url(plan, self.anchor))
        try:
            plan = self.run(request, plan, form) or plan
        except ApplicationError as exc:
            return refuse(request, exc, plan, self.anchor)
        if msg := self.success_message(plan):
            messages.success(request, msg)
        return redirect(plan_url(plan, self.anchor))


class PlanSubmitView(PlanActionView):
    action = "submit"

    def run(self, request, plan, form):
        return services.plan_submit(plan=plan, actor=request.user, comment=form.cleaned_data["comment"])

    def success_message(self, plan):
        return _("SKP diajukan kepada pejabat penilai.")


class PlanWithdrawView(PlanActionView):
    action = "withdraw"

    def run(self, request, plan, form):
        return services.plan_withdraw(plan=plan, actor=request.user, comment=form.cleaned_data["comment"])

    def success_message(self, plan):
        return _("Pengajuan SKP ditarik kembali; SKP kembali menjadi konsep.")


class PlanApproveView(PlanActionView):
    action = "approve"

    def run(self, request, plan, form):
        return services.plan_approve(plan=plan, actor=request.user, comment=form.cleaned_data["comment"])

    def success_message(self, plan):
        return _("SKP disetujui (versi %(v)s).") % {"v": plan.approved_version}


class PlanReviseView(PlanActionView):
    action = "revise"
    form_class = ReviseForm

    def run(self, request, plan, form):
        return services.plan_revise(plan=plan, actor=request.user, reason=form.cleaned_data["reason"])

    def success_message(self, plan):
        return _("Perubahan SKP dimulai (versi %(v)s); ajukan kembali setelah selesai.") % {"v": plan.version}


class PlanCommentView(PlanActionView):
    """A message in the dialog kinerja thread of an RHK (or of the plan as a whole)."""

    action = "comment"
    form_class = CommentForm

    def run(self, request, plan, form):
        result = None
        if rid := form.cleaned_data.get("result"):
            result = PlannedResult.objects.filter(plan=plan, pk=rid).first()
            if result is None:
                raise ApplicationError(_("RHK bukan bagian SKP ini."))
            self.anchor = f"rhk-{result.pk}"
        else:
            self.anchor = "dialog"
        services.plan_comment_add(
            plan=plan, body=form.cleaned_data["body"], result=result, actor=request.user
        )
        return plan

    def success_message(self, plan):
        return _("Tanggapan terkirim.")


class PlanReturnView(LoginRequiredMixin, View):
    """Return the plan with a general note and/or notes on single RHK and IKI."""

    template_name = "performance/plan_return.html"

    def _form(self, request, plan, data=None):
        detail = selectors.plan_detail(actor=request.user, pk=plan.pk)
        return ReturnForm(data, results=detail.results)

    def get(self, request, pk):
        plan = plan_for(request, pk, "return")
        return render_page(request, self.template_name, {"plan": plan, "form": self._form(request, plan)})

    def post(self, request, pk):
        plan = plan_for(request, pk, "return")
        form = self._form(request, plan, request.POST)
        if form.is_valid():
            try:
                services.plan_return(plan=plan, actor=request.user, **form.service_kwargs())
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("SKP dikembalikan kepada pegawai untuk diperbaiki."))
                return redirect(plan_url(plan))
        return render_page(request, self.template_name, {"plan": plan, "form": form})


class PlanExpectationView(LoginRequiredMixin, View):
    """The rater's ekspektasi khusus per BerAKHLAK value."""

    template_name = "performance/plan_expectations.html"

    def _form(self, plan, data=None):
        rows = list(PlanBehaviour.objects.filter(plan=plan).select_related("value").order_by("value__order"))
        return ExpectationForm(data, behaviours=rows)

    def get(self, request, pk):
        plan = plan_for(request, pk, "set_expectation")
        return render_page(request, self.template_name, {"plan": plan, "form": self._form(plan)})

    def post(self, request, pk):
        plan = plan_for(request, pk, "set_expectation")
        form = self._form(plan, request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():  # all seven or none
                    for b in form.behaviours:
                        text = form.cleaned_data.get(f"value_{b.value_id}") or ""
                        if text.strip() != b.expectation:
                            services.behaviour_expectation_set(
                                plan=plan, value=b.value, expectation=text, actor=request.user
                            )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Ekspektasi khusus pimpinan tersimpan."))
                return redirect(plan_url(plan, "perilaku"))
        return render_page(request, self.template_name, {"plan": plan, "form": form})
