"""Complaint-handling simulations for learners: the scenario bank, the player (choose or write a
response each step, feedback per step, the final score against the Berorientasi Pelayanan rubric),
the attempts history, and an OPD's view of its staff's results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope
from pembina.core.views.base import paginate, render_page
from pembina.learning import selectors, services
from pembina.learning.choices import AttemptStatus
from pembina.learning.filtersets import ScenarioFilter
from pembina.learning.forms import AnswerForm
from pembina.learning.models import Choice
from pembina.learning.rules import scenario as sc
from pembina.learning.views.common import learning_opds, opd_param, refuse


def play_url(attempt_or_pk) -> str:
    return reverse("learning:attempt_play", args=[getattr(attempt_or_pk, "pk", attempt_or_pk)])


class ScenarioListView(LoginRequiredMixin, View):
    def get(self, request):
        author = get_scope(request.user).write_all
        form = ScenarioFilter(request.GET, author=author)
        scenarios = selectors.scenario_list(actor=request.user, filters=form.filters())
        page = paginate(request, scenarios)
        return render_page(
            request, "learning/scenario_list.html", {"form": form, "page_obj": page, "author": author}
        )


class ScenarioView(LoginRequiredMixin, View):
    """The briefing, learning goals and competencies; the learner's attempts; start or resume."""

    def get(self, request, pk):
        scenario = selectors.scenario_get_for_actor(actor=request.user, pk=pk)
        attempts = []
        if request.user.employee_id:
            attempts = list(
                selectors.attempt_list(
                    actor=request.user,
                    filters={"scenario": scenario.pk, "employee": request.user.employee_id},
                )[:20]
            )
        running = next(
            (
                a
                for a in attempts
                if a.status == AttemptStatus.IN_PROGRESS and a.scenario_version == scenario.version
            ),
            None,
        )
        context = {
            "scenario": scenario,
            "attempts": attempts,
            "running": running,
            "author": get_scope(request.user).write_all,
            "goals": [g for g in scenario.learning_goals.splitlines() if g.strip()],
            "links": list(scenario.competency_links.select_related("competency")),
        }
        return render_page(request, "learning/scenario_detail.html", context)


class AttemptStartView(LoginRequiredMixin, View):
    """POST: start (or resume; `restart=1` starts afresh) the actor's attempt."""

    def post(self, request, pk):
        scenario = selectors.scenario_get_for_actor(actor=request.user, pk=pk)
        if not request.user.employee_id:
            raise Http404
        try:
            attempt = services.simulation_attempt_start(
                scenario=scenario, actor=request.user, restart=request.POST.get("restart") == "1"
            )
        except ApplicationError as exc:
            return refuse(request, exc, reverse("learning:scenario_detail", args=[scenario.pk]))
        return redirect(play_url(attempt))


def _dimension_rows(scores: dict) -> list[tuple]:
    return [(str(label), scores.get(dim, 0)) for dim, label in sc.DIMENSIONS.items() if dim in scores]


class AttemptPlayView(LoginRequiredMixin, View):
    """GET: the conversation so far with the feedback of each answer, and the step waiting for one (or
    the final score). POST: answer the waiting step (the learner only)."""

    def get(self, request, pk):
        state = selectors.attempt_state(actor=request.user, pk=pk)
        attempt = state.attempt
        for answer in state.answers:
            answer.dimension_rows = _dimension_rows(answer.dimension_scores or {})
        context = {
            "state": state,
            "attempt": attempt,
            "scenario": attempt.scenario,
            "own": attempt.employee_id == request.user.employee_id,
            "last": state.answers[-1] if state.answers else None,
            "dimensions": _dimension_rows(attempt.dimension_scores or {}),
            "form": AnswerForm(),
        }
        return render_page(request, "learning/attempt_play.html", context)

    def post(self, request, pk):
        attempt = selectors.attempt_get_for_actor(actor=request.user, pk=pk)
        if attempt.employee_id != request.user.employee_id:
            raise Http404
        form = AnswerForm(request.POST)
        form.is_valid()
        choice = None
        if raw := form.cleaned_data.get("choice"):
            choice = Choice.objects.filter(pk=raw, step_id=attempt.current_step_id).first()
        try:
            services.simulation_attempt_answer(
                attempt=attempt, choice=choice, text=form.cleaned_data.get("text") or "", actor=request.user
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect(play_url(attempt) + "#terakhir")


class AttemptListView(LoginRequiredMixin, View):
    """The learner's attempts, newest first."""

    def get(self, request):
        if not request.user.employee_id:
            raise Http404
        qs = selectors.attempt_list(actor=request.user, filters={"employee": request.user.employee_id})
        return render_page(request, "learning/attempt_list.html", {"page_obj": paginate(request, qs)})


class SimulationResultsView(LoginRequiredMixin, View):
    """An OPD's staff results per scenario (chart + table) and their latest finished attempts."""

    def get(self, request):
        opds = learning_opds(request.user)
        opd = opd_param(request, opds)
        results = selectors.simulation_results(actor=request.user, opd_pk=opd.pk)
        attempts = selectors.attempt_list(
            actor=request.user, filters={"opd": opd.pk, "status": AttemptStatus.FINISHED}
        )
        chart = {
            "labels": [r.title for r in results],
            "series": [
                {
                    "label": _("Rata-rata nilai (%)"),
                    "data": [float(r.avg_percent) for r in results],
                    "color": "#0b5e55",
                },
                {
                    "label": _("Pegawai lulus"),
                    "data": [r.passed_learners for r in results],
                    "color": "#198754",
                },
            ],
        }
        context = {
            "opds": opds,
            "opd": opd,
            "results": results,
            "chart": chart,
            "page_obj": paginate(request, attempts),
        }
        return render_page(request, "learning/simulation_results.html", context)
