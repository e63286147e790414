"""Keberatan: the employee files it (by the deadline), the atasan pejabat penilai asks both sides for an
explanation and decides; the whole exchange stays on the appeal page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.views.base import paginate, render_page
from pembina.evaluation import selectors, services
from pembina.evaluation.choices import AppealStatus
from pembina.evaluation.filtersets import AppealFilter
from pembina.evaluation.forms import AppealForm, DecideForm, ExplainForm, RequestExplanationsForm
from pembina.evaluation.models import Appeal, EvaluationLocked
from pembina.evaluation.permissions import evaluation_roles
from pembina.evaluation.rules import workflow
from pembina.evaluation.rules.workflow import OWNER, RATER, RATER_SUPERIOR
from pembina.evaluation.views.common import evaluation_for, evaluation_url, refuse
from pembina.performance import selectors as perf_selectors


def appeal_url(appeal) -> str:
    return reverse("evaluation:appeal_detail", args=[appeal.pk])


class AppealListView(LoginRequiredMixin, View):
    """The atasan's queue (open appeals to decide) above every appeal in the actor's sight."""

    def get(self, request):
        years = list(perf_selectors.performance_year_list(actor=request.user))
        form = AppealFilter(request.GET, years=years)
        queue = list(selectors.appeals_to_decide(actor=request.user)[:100])
        page = paginate(request, selectors.appeal_list(actor=request.user, filters=form.filters()))
        return render_page(
            request,
            "evaluation/appeal_list.html",
            {"form": form, "queue": queue, "page_obj": page, "today": timezone.localdate()},
        )


class AppealFileView(LoginRequiredMixin, View):
    """The employee's keberatan on a published evaluation, with the deadline counting down."""

    template_name = "evaluation/appeal_form.html"

    def _render(self, request, e, form, status=200):
        today = timezone.localdate()
        days_left = (e.appeal_deadline - today).days if e.appeal_deadline else None
        return render_page(
            request,
            self.template_name,
            {"evaluation": e, "form": form, "days_left": days_left},
            status=status,
        )

    def get(self, request, pk):
        e = evaluation_for(request, pk, "appeal")
        existing = Appeal.objects.filter(evaluation=e).first()
        if existing is not None:
            return redirect(appeal_url(existing))
        return self._render(request, e, AppealForm())

    def post(self, request, pk):
        e = evaluation_for(request, pk, "appeal")
        form = AppealForm(request.POST)
        if not form.is_valid():
            return self._render(request, e, form, status=400)
        try:
            appeal = services.appeal_file(
                evaluation=e, reasons=form.cleaned_data["reasons"], actor=request.user
            )
        except ApplicationError as exc:
            form.add_application_error(exc)
            return self._render(request, e, form, status=400)
        messages.success(request, _("Keberatan diajukan kepada atasan pejabat penilai kinerja."))
        return redirect(appeal_url(appeal))


def _appeal_for(request, pk, *actions: str):
    """The appeal if in sight (404), its evaluation not locked for a change (403), and a role that
    may take one of `actions` (403)."""
    appeal = selectors.appeal_get_for_actor(actor=request.user, pk=pk)
    e = appeal.evaluation
    roles = evaluation_roles(request.user, e)
    if actions:
        if e.is_locked:
            raise EvaluationLocked()
        if not any(roles & workflow.RULES[a][0] for a in actions):
            raise PermissionDenied
    return appeal, roles


class AppealView(LoginRequiredMixin, View):
    def get(self, request, pk):
        appeal, roles = _appeal_for(request, pk)
        e = selectors.evaluation_get_for_actor(actor=request.user, pk=appeal.evaluation_id)
        today = timezone.localdate()
        open_ = e.status == "published" and appeal.status != AppealStatus.DECIDED
        is_rater_side = RATER in roles and OWNER not in roles
        can_explain = (
            open_
            and appeal.status == AppealStatus.EXPLANATIONS_REQUESTED
            and (
                (is_rater_side and not appeal.rater_explained_at)
                or (OWNER in roles and not appeal.employee_explained_at)
            )
        )
        context = {
            "appeal": appeal,
            "evaluation": e,
            "roles": roles,
            "today": today,
            "explain_due_days": (appeal.explanation_due - today).days if appeal.explanation_due else None,
            "request_form": RequestExplanationsForm()
            if open_ and RATER_SUPERIOR in roles and appeal.status == AppealStatus.FILED
            else None,
            "explain_form": ExplainForm() if can_explain else None,
            "explain_side": _("pejabat penilai") if is_rater_side else _("pegawai"),
            "decide_form": DecideForm()
            if open_ and RATER_SUPERIOR in roles and appeal.status == AppealStatus.EXPLANATIONS_REQUESTED
            else None,
            "events": selectors.evaluation_timeline(actor=request.user, evaluation=e),
        }
        return render_page(request, "evaluation/appeal_detail.html", context)


class AppealRequestView(LoginRequiredMixin, View):
    def post(self, request, pk):
        appeal, _roles = _appeal_for(request, pk, "request_explanations")
        form = RequestExplanationsForm(request.POST)
        form.is_valid()
        try:
            services.appeal_request_explanations(
                appeal=appeal, note=form.cleaned_data.get("note", ""), actor=request.user
            )
        except ApplicationError as exc:
            return refuse(request, exc, appeal_url(appeal))
        messages.success(request, _("Penjelasan diminta dari pejabat penilai dan pegawai."))
        return redirect(appeal_url(appeal))


class AppealExplainView(LoginRequiredMixin, View):
    def post(self, request, pk):
        appeal, _roles = _appeal_for(request, pk, "explain_rater", "explain_employee")
        form = ExplainForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Tuliskan penjelasan."))
            return redirect(appeal_url(appeal))
        try:
            services.appeal_explain(
                appeal=appeal, explanation=form.cleaned_data["explanation"], actor=request.user
            )
        except ApplicationError as exc:
            return refuse(request, exc, appeal_url(appeal))
        messages.success(request, _("Penjelasan tersimpan."))
        return redirect(appeal_url(appeal))


class AppealDecideView(LoginRequiredMixin, View):
    def post(self, request, pk):
        appeal, _roles = _appeal_for(request, pk, "decide_appeal")
        form = DecideForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Pilih keputusan dan tuliskan alasannya."))
            return redirect(appeal_url(appeal))
        d = form.cleaned_data
        try:
            appeal = services.appeal_decide(
                appeal=appeal,
                decision=d["decision"],
                reasons=d["reasons"],
                rating_result=d["rating_result"] or None,
                rating_behaviour=d["rating_behaviour"] or None,
                actor=request.user,
            )
        except ApplicationError as exc:
            return refuse(request, exc, appeal_url(appeal))
        messages.success(
            request,
            _("Keberatan diputuskan (%(d)s); evaluasi final dengan predikat %(p)s.")
            % {"d": appeal.get_decision_display(), "p": appeal.get_predicate_after_display()},
        )
        return redirect(evaluation_url(appeal.evaluation_id))
