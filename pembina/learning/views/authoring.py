"""Scenario authoring for BKPSDM: create and edit a scenario, its steps and choices, preview it with
the validation problems (no dead ends, every path scored, no cycles) and statistics, publish it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import CHANGE, get_scope
from pembina.core.views.base import render_page
from pembina.learning import selectors, services
from pembina.learning.forms import ChoiceForm, ScenarioForm, StepForm, competencies_text
from pembina.learning.models import Choice, Step
from pembina.learning.services.simulations import SCENARIO_FIELDS
from pembina.learning.views.common import int_or_404, refuse


def preview_url(scenario_or_pk, anchor: str = "") -> str:
    url = reverse("learning:scenario_preview", args=[getattr(scenario_or_pk, "pk", scenario_or_pk)])
    return f"{url}#{anchor}" if anchor else url


def authored(request, pk):
    """A scenario the actor may author (BKPSDM); 404 for everyone else."""
    return selectors.scenario_get_for_actor(actor=request.user, pk=pk, action=CHANGE)


def step_keys(scenario) -> list[str]:
    return list(Step.objects.filter(scenario=scenario).order_by("order", "id").values_list("key", flat=True))


class ScenarioCreateView(LoginRequiredMixin, View):
    template_name = "learning/scenario_form.html"

    def _check(self, request):
        if not get_scope(request.user).write_all:
            raise Http404

    def get(self, request):
        self._check(request)
        return render_page(request, self.template_name, {"form": ScenarioForm()})

    def post(self, request):
        self._check(request)
        form = ScenarioForm(request.POST)
        if form.is_valid():
            try:
                scenario = services.scenario_create(
                    code=form.cleaned_data["code"],
                    data=form.service_data(),
                    competencies=form.cleaned_data["competencies"],
                    instansi=request.user.instansi,
                    actor=request.user,
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Skenario dibuat. Tambahkan langkah-langkahnya."))
                return redirect(preview_url(scenario))
        return render_page(request, self.template_name, {"form": form})


class ScenarioEditView(LoginRequiredMixin, View):
    template_name = "learning/scenario_form.html"

    def _form(self, scenario, data=None):
        initial = {f: getattr(scenario, f) for f in SCENARIO_FIELDS}
        initial |= {
            "competencies": competencies_text(scenario),
            "start": scenario.start_step.key if scenario.start_step_id else "",
        }
        return ScenarioForm(data, initial=initial, step_keys=step_keys(scenario), editing=True)

    def get(self, request, pk):
        scenario = authored(request, pk)
        return render_page(request, self.template_name, {"scenario": scenario, "form": self._form(scenario)})

    def post(self, request, pk):
        scenario = authored(request, pk)
        form = self._form(scenario, request.POST)
        if form.is_valid():
            data = form.service_data() | {"competencies": form.cleaned_data["competencies"]}
            try:
                services.scenario_update(scenario=scenario, data=data, actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Skenario tersimpan."))
                return redirect(preview_url(scenario))
        return render_page(request, self.template_name, {"scenario": scenario, "form": form})


class ScenarioPreviewView(LoginRequiredMixin, View):
    """Every step with its choices, scores, targets and feedback; the problems blocking publication."""

    def get(self, request, pk):
        preview = selectors.scenario_preview(actor=request.user, pk=pk)
        by_step: dict[str, list] = {}
        for p in preview.problems:
            by_step.setdefault(p.step, []).append(p)
        keys = {s.pk: s.key for s in preview.steps}
        for step in preview.steps:
            step.problems = by_step.get(step.key, [])
            step.next_key = keys.get(step.next_step_id, "")
            step.low_next_key = keys.get(step.low_next_step_id, "")
            for c in step.choice_list:
                c.next_key = keys.get(c.next_step_id, "")
                c.score_rows = [(str(preview.dimensions.get(d, d)), v) for d, v in (c.scores or {}).items()]
        context = {
            "preview": preview,
            "scenario": preview.scenario,
            "general_problems": by_step.get("", []),
            "goals": [g for g in preview.scenario.learning_goals.splitlines() if g.strip()],
        }
        return render_page(request, "learning/scenario_preview.html", context)


class StepEditView(LoginRequiredMixin, View):
    """A new step, or the step named by ?key=."""

    template_name = "learning/step_form.html"

    def _step(self, request, scenario):
        key = request.GET.get("key") or ""
        if not key:
            return None
        step = (
            Step.objects.filter(scenario=scenario, key=key)
            .select_related("next_step", "low_next_step")
            .first()
        )
        if step is None:
            raise Http404
        return step

    def _form(self, scenario, step, data=None):
        keys = [k for k in step_keys(scenario) if step is None or k != step.key]
        initial = StepForm.initial_for(step) if step else {"kind": "choice", "min_points": 1}
        return StepForm(data, initial=initial, step_keys=keys, editing=step is not None)

    def get(self, request, pk):
        scenario = authored(request, pk)
        step = self._step(request, scenario)
        context = {"scenario": scenario, "step": step, "form": self._form(scenario, step)}
        return render_page(request, self.template_name, context)

    def post(self, request, pk):
        scenario = authored(request, pk)
        step = self._step(request, scenario)
        form = self._form(scenario, step, request.POST)
        if form.is_valid():
            key = step.key if step else form.cleaned_data["key"]
            if step is None and Step.objects.filter(scenario=scenario, key=key).exists():
                form.add_error("key", _("Kunci langkah %(k)s sudah dipakai.") % {"k": key})
            else:
                try:
                    saved = services.step_save(
                        scenario=scenario, key=key, data=form.service_data(), actor=request.user
                    )
                except ApplicationError as exc:
                    form.add_application_error(exc)
                else:
                    messages.success(request, _("Langkah %(k)s tersimpan.") % {"k": key})
                    return redirect(preview_url(scenario, f"langkah-{saved.key}"))
        return render_page(request, self.template_name, {"scenario": scenario, "step": step, "form": form})


class StepDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        step = Step.objects.select_related("scenario").filter(pk=pk).first()
        if step is None:
            raise Http404
        scenario = authored(request, step.scenario_id)
        try:
            services.step_delete(step=step, actor=request.user)
        except ApplicationError as exc:
            return refuse(request, exc, preview_url(scenario))
        messages.success(request, _("Langkah dihapus."))
        return redirect(preview_url(scenario))


class ChoiceEditView(LoginRequiredMixin, View):
    """A new choice on a step, or the one named by ?choice=."""

    template_name = "learning/choice_form.html"

    def _load(self, request, pk):
        step = Step.objects.select_related("scenario").filter(pk=pk).first()
        if step is None:
            raise Http404
        scenario = authored(request, step.scenario_id)
        choice = None
        if raw := request.GET.get("choice"):
            choice = Choice.objects.select_related("next_step").filter(step=step, pk=int_or_404(raw)).first()
            if choice is None:
                raise Http404
        return scenario, step, choice

    def _form(self, scenario, step, choice, data=None):
        keys = [k for k in step_keys(scenario) if k != step.key]
        initial = ChoiceForm.initial_for(choice) if choice else {}
        return ChoiceForm(data, initial=initial, step_keys=keys)

    def get(self, request, pk):
        scenario, step, choice = self._load(request, pk)
        context = {
            "scenario": scenario,
            "step": step,
            "choice": choice,
            "form": self._form(scenario, step, choice),
        }
        return render_page(request, self.template_name, context)

    def post(self, request, pk):
        scenario, step, choice = self._load(request, pk)
        form = self._form(scenario, step, choice, request.POST)
        if form.is_valid():
            try:
                services.choice_save(step=step, choice=choice, data=form.service_data(), actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Pilihan jawaban tersimpan."))
                return redirect(preview_url(scenario, f"langkah-{step.key}"))
        context = {"scenario": scenario, "step": step, "choice": choice, "form": form}
        return render_page(request, self.template_name, context)


class ChoiceDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        choice = Choice.objects.select_related("step").filter(pk=pk).first()
        if choice is None:
            raise Http404
        scenario = authored(request, choice.step.scenario_id)
        try:
            services.choice_delete(choice=choice, actor=request.user)
        except ApplicationError as exc:
            return refuse(request, exc, preview_url(scenario))
        messages.success(request, _("Pilihan jawaban dihapus."))
        return redirect(preview_url(scenario, f"langkah-{choice.step.key}"))


class ScenarioStatusView(LoginRequiredMixin, View):
    """POST: publish (after validation), back to draft for editing, or archive."""

    action = "publish"

    def post(self, request, pk):
        scenario = authored(request, pk)
        fn = {
            "publish": services.scenario_publish,
            "unpublish": services.scenario_unpublish,
            "archive": services.scenario_archive,
        }[self.action]
        try:
            scenario = fn(scenario=scenario, actor=request.user)
        except ApplicationError as exc:
            return refuse(request, exc, preview_url(scenario))
        done = {
            "publish": _("Skenario terbit (versi %(v)s).") % {"v": scenario.version},
            "unpublish": _("Skenario kembali menjadi draf; percobaan yang berjalan berakhir."),
            "archive": _("Skenario diarsipkan."),
        }[self.action]
        messages.success(request, done)
        return redirect(preview_url(scenario))
