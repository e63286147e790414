"""The evaluation lists: the entry page, "Perlu dinilai" for the pejabat penilai, the scoped list with
filters for the Tim Penilai and readers, "Penilaian saya" for the employee, and 360° requests."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View

from pembina.core.scoping import get_scope
from pembina.core.views.base import paginate, render_page
from pembina.evaluation import selectors
from pembina.evaluation.filtersets import EvaluationFilter
from pembina.evaluation.views.common import evaluation_opds
from pembina.performance import selectors as perf_selectors
from pembina.performance.models import Period


class HomeView(LoginRequiredMixin, View):
    """/penilaian/ opens the page the actor works on most: the team's list, the rater's queue, or
    the employee's own results."""

    def get(self, request):
        scope = get_scope(request.user)
        if scope.read_all or scope.admin_unit_paths:
            return redirect("evaluation:evaluation_list")
        if scope.is_supervisor:
            return redirect("evaluation:to_rate")
        return redirect("evaluation:my_evaluations")


class ToRateView(LoginRequiredMixin, View):
    """Perlu dinilai: open evaluations where the actor is the pejabat penilai."""

    def get(self, request):
        page = paginate(request, selectors.evaluations_to_rate(actor=request.user))
        requests_360 = selectors.feedback360_requests_for(actor=request.user).count()
        return render_page(
            request, "evaluation/to_rate.html", {"page_obj": page, "requests_360": requests_360}
        )


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
