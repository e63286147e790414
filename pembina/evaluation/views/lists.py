"""The evaluation lists: the entry page, "Perlu dinilai" for the pejabat penilai, the scoped list with
filters for the Tim Penilai and readers, "Penilaian saya" for the employee, and 360° requests."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope
from pembina.core.views.base import paginate, render_page
from pembina.evaluation import selectors, services
from pembina.evaluation.filtersets import EvaluationFilter
from pembina.evaluation.selectors import evaluation_opds
from pembina.evaluation.views.common import evaluation_url
from pembina.performance import selectors as perf_selectors
from pembina.performance.models import PerformancePlan, Period
from pembina.performance.permissions import plan_roles
from pembina.performance.rules.workflow import ADMIN, RATER


class HomeView(LoginRequiredMixin, View):
    """/penilaian/ opens the page the actor works on most: the team's list, the rater's queue, or
    the employee's own results."""

    def get(self, request):
        scope = get_scope(request.user)
        if scope.read_all or scope.team_unit_paths:
            return redirect("evaluation:evaluation_list")
        if scope.is_supervisor:
            return redirect("evaluation:to_rate")
        return redirect("evaluation:my_evaluations")


def plans_to_open(actor, year) -> list:
    """The approved SKPs of the year the actor rates (to open a period's evaluation before the run)."""
    me = get_scope(actor).employee_id
    if year is None or not me:
        return []
    return list(
        PerformancePlan.objects.for_actor(actor)
        .filter(year=year, rater_id=me, approved_version__gt=0)
        .select_related("employee")
        .order_by("employee__name", "pk")[:200]
    )


class ToRateView(LoginRequiredMixin, View):
    """Perlu dinilai: open evaluations where the actor is the pejabat penilai, and the SKPs they rate
    whose evaluation for a period can be opened now."""

    def get(self, request):
        page = paginate(request, selectors.evaluations_to_rate(actor=request.user))
        requests_360 = selectors.feedback360_requests_for(actor=request.user).count()
        year = perf_selectors.performance_year_current(actor=request.user)
        context = {
            "page_obj": page,
            "requests_360": requests_360,
            "plans": plans_to_open(request.user, year),
            "periods": list(year.periods.order_by("number")) if year else [],
        }
        return render_page(request, "evaluation/to_rate.html", context)


class EvaluationOpenView(LoginRequiredMixin, View):
    """POST: open (or find) the evaluation of one approved SKP for a period or the year."""

    def post(self, request, plan_pk):
        plan = PerformancePlan.objects.select_related("year").get_for_actor_or_404(request.user, pk=plan_pk)
        if not plan_roles(request.user, plan) & {RATER, ADMIN}:
            raise PermissionDenied
        number = (request.POST.get("period") or "").strip()
        period = None
        if number:
            period = plan.year.periods.filter(number=number).first() if number.isdigit() else None
            if period is None:
                raise Http404
        try:
            evaluation = services.evaluation_open(plan=plan, period=period, actor=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("evaluation:to_rate")
        return redirect(evaluation_url(evaluation))


class EvaluationListView(LoginRequiredMixin, View):
    """Every evaluation in the actor's sight, filtered by year, period, OPD, status, predicate, name."""

    def get(self, request):
        years = list(perf_selectors.performance_year_list(actor=request.user))
        periods = list(
            Period.objects.filter(year__in=[y.pk for y in years])
            .select_related("year")
            .order_by("-year__year", "number")
        )
        form = EvaluationFilter(request.GET, years=years, periods=periods, opds=evaluation_opds(request.user))
        page = paginate(request, selectors.evaluation_list(actor=request.user, filters=form.filters()))
        return render_page(
            request, "evaluation/evaluation_list.html", {"form": form, "page_obj": page}, partial="results"
        )


class MyEvaluationsView(LoginRequiredMixin, View):
    """Penilaian saya: the employee's published and final evaluations with the appeal deadline."""

    def get(self, request):
        today = timezone.localdate()
        rows = list(selectors.my_evaluations(actor=request.user).select_related("appeal")[:200])
        for e in rows:
            appeal = e.appeal if hasattr(e, "appeal") else None  # reverse one-to-one: missing raises
            e.my_appeal = appeal
            e.days_left = (e.appeal_deadline - today).days if e.appeal_deadline else None
            e.can_appeal = (
                e.status == "published" and appeal is None and e.days_left is not None and e.days_left >= 0
            )
        requests_360 = list(selectors.feedback360_requests_for(actor=request.user)[:50])
        return render_page(
            request,
            "evaluation/my_evaluations.html",
            {"evaluations": rows, "requests_360": requests_360, "today": today},
        )
