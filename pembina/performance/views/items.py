"""Drafting an SKP: add, change and delete RHK (with the intervened superior RHK) and IKI (by hand or
from the indicator library)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW
from pembina.core.views.base import render_page
from pembina.performance import selectors, services
from pembina.performance.choices import GoalLevel, PlanForm
from pembina.performance.filtersets import LibraryFilterSet
from pembina.performance.forms import IndicatorForm, ResultForm
from pembina.performance.models import Goal, GoalIndicator
from pembina.performance.views.common import indicator_for, plan_for, plan_url, refuse, result_for


def _result_form(request, plan, data=None, *, initial=None) -> ResultForm:
    links_goal = plan.rater_id is None or plan.form == PlanForm.JPT
    goals = Goal.objects.none()
    if links_goal and plan.opd_id:
        goals = selectors.goal_list(actor=request.user, year=plan.year, opd=plan.opd, level=GoalLevel.OPD)
    return ResultForm(
        data,
        initial=initial,
        parents=selectors.superior_result_choices(plan=plan),
        goals=goals,
        goal_indicators=GoalIndicator.objects.for_actor(request.user, VIEW).filter(goal__in=goals),
        jpt=plan.form == PlanForm.JPT,
        links_goal=links_goal,
    )


def _result_kwargs(form) -> dict:
    d = form.cleaned_data
    return {
        "statement": d["statement"],
        "kind": d["kind"],
        "perspective": d.get("perspective") or "",
        "parent_result": d.get("parent_result"),
        "goal": d.get("goal"),
        "goal_indicator": d.get("goal_indicator"),
    }


class ResultAddView(LoginRequiredMixin, View):
    template_name = "performance/result_form.html"

    def get(self, request, pk):
        plan = plan_for(request, pk, "edit")
        form = _result_form(request, plan, initial={"kind": request.GET.get("kind") or "utama"})
        return render_page(request, self.template_name, {"plan": plan, "form": form})

    def post(self, request, pk):
        plan = plan_for(request, pk, "edit")
        form = _result_form(request, plan, request.POST)
        if form.is_valid():
            try:
                result = services.result_add(plan=plan, actor=request.user, **_result_kwargs(form))
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("RHK ditambahkan. Lengkapi dengan indikator (IKI)."))
                return redirect(plan_url(plan, f"rhk-{result.pk}"))
        return render_page(request, self.template_name, {"plan": plan, "form": form})


class ResultEditView(LoginRequiredMixin, View):
    template_name = "performance/result_form.html"

    def get(self, request, pk):
        result = result_for(request, pk, "edit")
        initial = {
            "kind": result.kind,
            "statement": result.statement,
            "parent_result": result.parent_result_id,
            "goal": result.goal_id,
            "goal_indicator": result.goal_indicator_id,
            "perspective": result.perspective,
        }
        form = _result_form(request, result.plan, initial=initial)
        return render_page(request, self.template_name, {"plan": result.plan, "result": result, "form": form})

    def post(self, request, pk):
        result = result_for(request, pk, "edit")
        plan = result.plan
        form = _result_form(request, plan, request.POST)
        if form.is_valid():
            try:
                services.result_update(result=result, data=_result_kwargs(form), actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("RHK tersimpan."))
                return redirect(plan_url(plan, f"rhk-{result.pk}"))
        return render_page(request, self.template_name, {"plan": plan, "result": result, "form": form})


class ResultDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        result = result_for(request, pk, "edit")
        plan = result.plan
        try:
            services.result_delete(result=result, actor=request.user)
        except ApplicationError as exc:
            return refuse(request, exc, plan, f"rhk-{result.pk}")
        messages.success(request, _("RHK dihapus."))
        return redirect(plan_url(plan, "hasil-kerja"))


def _template_initial(template) -> dict:
    return {
        "template": template.pk,
        "aspect": template.aspect,
        "name": template.name,
        "target": template.suggested_target,
        "unit": template.unit,
        "direction": template.direction,
        "aggregation": template.aggregation,
        "data_source": template.data_source,
    }


class IndicatorAddView(LoginRequiredMixin, View):
    """Add an IKI to an RHK; the indicator library beside the form fills it with one click."""

    template_name = "performance/indicator_form.html"

    def _context(self, request, result, form, template=None):
        library = LibraryFilterSet(request.GET or None, actor=request.user)
        return {
            "plan": result.plan,
            "result": result,
            "form": form,
            "library": library,
            "templates": list(library.qs[:50]),
            "template": template,
        }

    def get(self, request, pk):
        result = result_for(request, pk, "edit")
        template = None
        initial = {}
        if raw := request.GET.get("template", "").strip():
            if not raw.isdigit():
                from django.http import Http404

                raise Http404
            template = selectors.indicator_template_get_for_actor(actor=request.user, pk=int(raw))
            initial = _template_initial(template)
        form = IndicatorForm(initial=initial)
        return render_page(
            request, self.template_name, self._context(request, result, form, template), partial="library"
        )

    def post(self, request, pk):
        result = result_for(request, pk, "edit")
        form = IndicatorForm(request.POST)
        template = None
        if form.is_valid():
            kwargs = form.service_kwargs()
            try:
                params = {}
                if tid := form.cleaned_data.get("template"):
                    template = selectors.indicator_template_get_for_actor(actor=request.user, pk=tid)
                    if kwargs["data_source"] == template.data_source:
                        params = dict(template.data_source_params)
                ind = services.indicator_add(
                    result=result, actor=request.user, template=template, data_source_params=params, **kwargs
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("IKI “%(n)s” ditambahkan.") % {"n": ind.name})
                return redirect(plan_url(result.plan, f"rhk-{result.pk}"))
        return render_page(request, self.template_name, self._context(request, result, form, template))


class IndicatorEditView(LoginRequiredMixin, View):
    template_name = "performance/indicator_form.html"

    def get(self, request, pk):
        ind = indicator_for(request, pk, "edit")
        initial = {
            f: getattr(ind, f)
            for f in (
                "aspect",
                "name",
                "target",
                "target_text",
                "unit",
                "direction",
                "aggregation",
                "data_source",
            )
        }
        context = {
            "plan": ind.result.plan,
            "result": ind.result,
            "indicator": ind,
            "form": IndicatorForm(initial=initial),
        }
        return render_page(request, self.template_name, context)

    def post(self, request, pk):
        ind = indicator_for(request, pk, "edit")
        form = IndicatorForm(request.POST)
        if form.is_valid():
            data = form.service_kwargs()
            if data["data_source"] != ind.data_source:
                data["data_source_params"] = {}
            try:
                services.indicator_update(indicator=ind, data=data, actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("IKI tersimpan."))
                return redirect(plan_url(ind.result.plan, f"rhk-{ind.result_id}"))
        context = {"plan": ind.result.plan, "result": ind.result, "indicator": ind, "form": form}
        return render_page(request, self.template_name, context)


class IndicatorDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        ind = indicator_for(request, pk, "edit")
        plan = ind.result.plan
        try:
            services.indicator_delete(indicator=ind, actor=request.user)
        except ApplicationError as exc:
            return refuse(request, exc, plan, f"rhk-{ind.result_id}")
        messages.success(request, _("IKI dihapus."))
        return redirect(plan_url(plan, f"rhk-{ind.result_id}"))
