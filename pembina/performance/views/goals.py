"""Organisation goals (city and OPD, with IKU), the performance years, and the indicator library."""

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
from pembina.core.views.base import paginate, render_page
from pembina.org.models import Unit
from pembina.performance import selectors, services
from pembina.performance.choices import GoalLevel, YearState
from pembina.performance.filtersets import LibraryFilterSet
from pembina.performance.forms import (
    GoalForm,
    GoalIndicatorForm,
    YearCreateForm,
    YearTransitionForm,
    YearUpdateForm,
)
from pembina.performance.models import Goal, GoalIndicator
from pembina.performance.services.years import YEAR_TRANSITIONS
from pembina.performance.views.common import year_from_request


def _all_opds(actor):
    scope = get_scope(actor)
    return list(
        Unit.objects.filter(instansi_id=scope.instansi_id, is_opd=True, is_active=True).order_by(
            "sort_order", "name"
        )
    )


def _administered_opd_ids(actor, opds) -> set[int]:
    scope = get_scope(actor)
    if scope.write_all:
        return {u.pk for u in opds}
    return {u.pk for u in opds if any(u.path.startswith(p) for p in scope.admin_unit_paths)}


def _goals_url(year, opd=None) -> str:
    url = reverse("performance:goal_list") + f"?year={year.year}"
    return url + (f"&opd={opd.pk}" if opd is not None else "")


class GoalListView(LoginRequiredMixin, View):
    """The Wali Kota's goals and one OPD's sasaran strategis with IKU (the Perjanjian Kinerja)."""

    def get(self, request):
        year, years = year_from_request(request)
        opds = _all_opds(request.user)
        raw = request.GET.get("opd", "")
        opd = None
        if raw:
            opd = next((u for u in opds if str(u.pk) == raw), None)
            if opd is None:
                raise Http404
        else:
            own = getattr(getattr(request.user, "employee", None), "current_opd_id", None)
            opd = next((u for u in opds if u.pk == own), opds[0] if opds else None)
        context = {"year": year, "years": years, "opds": opds, "opd": opd}
        if year is not None:
            goals = list(selectors.goal_list(actor=request.user, year=year, opd=opd))
            editable = set(
                Goal.objects.for_actor(request.user, CHANGE).filter(year=year).values_list("pk", flat=True)
            )
            for g in goals:
                g.editable = g.pk in editable
            scope = get_scope(request.user)
            context.update(
                city_goals=[g for g in goals if g.level == GoalLevel.CITY],
                opd_goals=[g for g in goals if g.level == GoalLevel.OPD],
                can_add_city=scope.write_all,
                can_add_opd=opd is not None and opd.pk in _administered_opd_ids(request.user, opds),
            )
        return render_page(request, "performance/goal_list.html", context)


class GoalCreateView(LoginRequiredMixin, View):
    """?year=<yyyy>&level=city|opd[&opd=<id>]; only for who may change such goals (else 404)."""

    template_name = "performance/goal_form.html"

    def _setup(self, request):
        year, _years = year_from_request(request)
        level = request.GET.get("level", GoalLevel.OPD)
        if year is None or level not in GoalLevel.values:
            raise Http404
        scope = get_scope(request.user)
        opd = None
        if level == GoalLevel.CITY:
            if not scope.write_all:
                raise Http404
        else:
            opds = _all_opds(request.user)
            opd = next((u for u in opds if str(u.pk) == request.GET.get("opd", "")), None)
            if opd is None or opd.pk not in _administered_opd_ids(request.user, opds):
                raise Http404
        parents = (
            selectors.goal_list(actor=request.user, year=year, level=GoalLevel.CITY)
            if level == GoalLevel.OPD
            else None
        )
        return year, level, opd, parents

    def get(self, request):
        year, level, opd, parents = self._setup(request)
        form = GoalForm(parents=parents)
        return render_page(
            request, self.template_name, {"form": form, "year": year, "level": level, "opd": opd}
        )

    def post(self, request):
        year, level, opd, parents = self._setup(request)
        form = GoalForm(request.POST, parents=parents)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.goal_create(
                    year=year,
                    level=level,
                    opd=opd,
                    parent=d.get("parent"),
                    code=d.get("code") or "",
                    statement=d["statement"],
                    actor=request.user,
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Sasaran tersimpan."))
                return redirect(_goals_url(year, opd))
        return render_page(
            request, self.template_name, {"form": form, "year": year, "level": level, "opd": opd}
        )


class GoalEditView(LoginRequiredMixin, View):
    template_name = "performance/goal_form.html"

    def _setup(self, request, pk):
        goal = selectors.goal_get_for_actor(actor=request.user, pk=pk, action=CHANGE)
        parents = (
            selectors.goal_list(actor=request.user, year=goal.year, level=GoalLevel.CITY)
            if goal.level == GoalLevel.OPD
            else None
        )
        return goal, parents

    def _context(self, goal, form):
        return {"form": form, "goal": goal, "year": goal.year, "level": goal.level, "opd": goal.opd}

    def get(self, request, pk):
        goal, parents = self._setup(request, pk)
        initial = {"code": goal.code, "statement": goal.statement, "parent": goal.parent_id}
        return render_page(
            request, self.template_name, self._context(goal, GoalForm(initial=initial, parents=parents))
        )

    def post(self, request, pk):
        goal, parents = self._setup(request, pk)
        form = GoalForm(request.POST, parents=parents)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k in ("code", "statement", "parent")}
            try:
                services.goal_update(goal=goal, data=data, actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Sasaran tersimpan."))
                return redirect(_goals_url(goal.year, goal.opd))
        return render_page(request, self.template_name, self._context(goal, form))


def _iku_kwargs(form) -> dict:
    d = dict(form.cleaned_data)
    d["data_source_params"] = {}
    return d


class GoalIndicatorCreateView(LoginRequiredMixin, View):
    template_name = "performance/goal_indicator_form.html"

    def get(self, request, pk):
        goal = selectors.goal_get_for_actor(actor=request.user, pk=pk, action=CHANGE)
        return render_page(request, self.template_name, {"goal": goal, "form": GoalIndicatorForm()})

    def post(self, request, pk):
        goal = selectors.goal_get_for_actor(actor=request.user, pk=pk, action=CHANGE)
        form = GoalIndicatorForm(request.POST)
        if form.is_valid():
            try:
                services.goal_indicator_create(goal=goal, actor=request.user, **_iku_kwargs(form))
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("IKU tersimpan."))
                return redirect(_goals_url(goal.year, goal.opd))
        return render_page(request, self.template_name, {"goal": goal, "form": form})


class GoalIndicatorEditView(LoginRequiredMixin, View):
    template_name = "performance/goal_indicator_form.html"

    def _get(self, request, pk) -> GoalIndicator:
        return GoalIndicator.objects.select_related("goal", "goal__year", "goal__opd").get_for_actor_or_404(
            request.user, CHANGE, pk=pk
        )

    def get(self, request, pk):
        ind = self._get(request, pk)
        initial = {
            f: getattr(ind, f) for f in ("name", "target", "unit", "direction", "aggregation", "data_source")
        }
        context = {"goal": ind.goal, "indicator": ind, "form": GoalIndicatorForm(initial=initial)}
        return render_page(request, self.template_name, context)

    def post(self, request, pk):
        ind = self._get(request, pk)
        form = GoalIndicatorForm(request.POST)
        if form.is_valid():
            data = _iku_kwargs(form)
            if data["data_source"] == ind.data_source:
                data.pop("data_source_params")
            try:
                services.goal_indicator_update(indicator=ind, data=data, actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("IKU tersimpan."))
                return redirect(_goals_url(ind.goal.year, ind.goal.opd))
        return render_page(request, self.template_name, {"goal": ind.goal, "indicator": ind, "form": form})


# --- performance years ------------------------------------------------------------------------


def _require_bkpsdm(request) -> None:
    if not get_scope(request.user).write_all:
        raise Http404


class YearListView(LoginRequiredMixin, View):
    """Every performance year with its stage, periods and deadlines; Admin BKPSDM manages them."""

    def get(self, request):
        years = list(selectors.performance_year_list(actor=request.user).prefetch_related("periods"))
        can_manage = get_scope(request.user).write_all
        labels = dict(YearState.choices)
        for y in years:
            y.next_states = [(s, labels[s]) for s in YEAR_TRANSITIONS.get(y.state, ())] if can_manage else []
        context = {
            "years": years,
            "can_manage": can_manage,
            "create_form": YearCreateForm() if can_manage else None,
        }
        return render_page(request, "performance/year_list.html", context)


class YearCreateView(LoginRequiredMixin, View):
    def post(self, request):
        _require_bkpsdm(request)
        form = YearCreateForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                y = services.performance_year_create(instansi=_instansi(request), actor=request.user, **d)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Tahun kinerja %(y)s dibuat dengan periodenya.") % {"y": y.year})
                return redirect("performance:year_list")
        years = list(selectors.performance_year_list(actor=request.user).prefetch_related("periods"))
        for y in years:
            y.next_states = []
        context = {"years": years, "can_manage": True, "create_form": form}
        return render_page(request, "performance/year_list.html", context)


def _instansi(request):
    from pembina.org.models import Instansi

    return Instansi.objects.get(pk=get_scope(request.user).instansi_id)


class YearEditView(LoginRequiredMixin, View):
    template_name = "performance/year_form.html"

    def get(self, request, pk):
        _require_bkpsdm(request)
        year = selectors.performance_year_get_for_actor(actor=request.user, pk=pk)
        fields = ("interval", "planning_deadline", "evaluation_deadline", "closing_deadline")
        initial = {f: getattr(year, f) for f in fields}
        initial.update(realisation_grace_days=year.realisation_grace_days, pace_tolerance=year.pace_tolerance)
        return render_page(
            request, self.template_name, {"year": year, "form": YearUpdateForm(initial=initial)}
        )

    def post(self, request, pk):
        _require_bkpsdm(request)
        year = selectors.performance_year_get_for_actor(actor=request.user, pk=pk)
        form = YearUpdateForm(request.POST)
        if form.is_valid():
            try:
                services.performance_year_update(year=year, data=form.cleaned_data, actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Pengaturan tahun kinerja %(y)s tersimpan.") % {"y": year.year})
                return redirect("performance:year_list")
        return render_page(request, self.template_name, {"year": year, "form": form})


class YearTransitionView(LoginRequiredMixin, View):
    def post(self, request, pk):
        _require_bkpsdm(request)
        year = selectors.performance_year_get_for_actor(actor=request.user, pk=pk)
        form = YearTransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Pilih tahap tujuan."))
            return redirect("performance:year_list")
        try:
            year = services.performance_year_transition(
                year=year, to_state=form.cleaned_data["to_state"], actor=request.user
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Tahun kinerja %(y)s kini pada tahap %(s)s.")
                % {"y": year.year, "s": year.get_state_display()},
            )
        return redirect("performance:year_list")


# --- indicator library ------------------------------------------------------------------------


class LibraryView(LoginRequiredMixin, View):
    def get(self, request):
        library = LibraryFilterSet(request.GET or None, actor=request.user)
        page = paginate(request, library.qs)
        context = {"library": library, "page_obj": page, "templates": page.object_list}
        return render_page(request, "performance/library.html", context, partial="results")
