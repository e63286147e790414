"""SKP lists (mine, to review, all in scope), creating a plan, the SKP page, lampiran and versions."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW, get_scope
from pembina.core.views.base import paginate, render_page
from pembina.org.models import Employee, Unit
from pembina.performance import selectors, services
from pembina.performance.choices import PlanStatus, RealisationSource, ResultKind, YearState
from pembina.performance.filtersets import PlanFilterSet
from pembina.performance.forms import (
    CommentForm,
    CommentOnlyForm,
    FeedbackForm,
    PlanCreateForm,
    PlanEditForm,
    ReviseForm,
)
from pembina.performance.rules import workflow
from pembina.performance.views.common import performance_opds, plan_for, plan_url, year_from_request

OPEN_YEAR_STATES = (YearState.PLANNING, YearState.RUNNING)
REALISATION_YEAR_STATES = (YearState.RUNNING, YearState.EVALUATING)


def _creatable_years(actor):
    return selectors.performance_year_list(actor=actor).filter(state__in=OPEN_YEAR_STATES)


def _create_form(request, data=None, *, initial=None) -> PlanCreateForm:
    scope = get_scope(request.user)
    ids = set(scope.supervised_employee_ids)
    if scope.employee_id:
        ids.add(scope.employee_id)
    employees = Employee.objects.filter(pk__in=ids).order_by("name")
    show_nip = bool(scope.write_all or scope.admin_unit_paths)

    def lookup(nip: str):
        return Employee.objects.for_actor(request.user, VIEW).filter(nip=nip).first()

    return PlanCreateForm(
        data,
        years=_creatable_years(request.user),
        employees=employees,
        employee_lookup=lookup,
        show_nip=show_nip,
        initial=initial,
    )


class MyPlanListView(LoginRequiredMixin, View):
    """SKP saya: the employee's own plans of every year, and a button to draft this year's."""

    def get(self, request):
        plans = list(
            selectors.my_plans(actor=request.user)
            .select_related("year")
            .annotate(n_results=Count("results", distinct=True))
        )
        current = selectors.performance_year_current(actor=request.user)
        has_current = current is not None and any(p.year_id == current.pk for p in plans)
        can_draft = (
            bool(request.user.employee_id) and current is not None and current.state in OPEN_YEAR_STATES
        )
        context = {
            "plans": plans,
            "current_year": current,
            "has_current": has_current,
            "can_draft": can_draft and not has_current,
        }
        return render_page(request, "performance/my_plans.html", context)


class ReviewListView(LoginRequiredMixin, View):
    """Perlu ditinjau: plans submitted to me, then every plan I rate (with its status)."""

    def get(self, request):
        year, years = year_from_request(request)
        waiting = list(selectors.plans_to_review(actor=request.user, year=year))
        filters = {"rater": "me"}
        if year is not None:
            filters["year"] = year
        rated = selectors.plan_list(actor=request.user, filters=filters)
        page = paginate(request, rated)
        context = {
            "year": year,
            "years": years,
            "waiting": waiting,
            "page_obj": page,
            "rated": page.object_list,
        }
        return render_page(request, "performance/review_list.html", context)


class PlanListView(LoginRequiredMixin, View):
    """All plans in the actor's scope with filters (OPD, status, year, name)."""

    def get(self, request):
        data = request.GET.copy() if request.GET else None
        opds = performance_opds(request.user)
        filterset = PlanFilterSet(
            data, actor=request.user, opds=Unit.objects.filter(pk__in=[u.pk for u in opds]).order_by("name")
        )
        page = paginate(request, filterset.qs)
        counts = {}
        if filterset.is_bound and filterset.form.is_valid() or not filterset.is_bound:
            counts = dict(
                filterset.qs.order_by()
                .values_list("status")
                .annotate(n=Count("pk"))
                .values_list("status", "n")
            )
        context = {
            "filter": filterset,
            "page_obj": page,
            "plans": page.object_list,
            "status_counts": [(s, label, counts.get(s, 0)) for s, label in PlanStatus.choices],
        }
        return render_page(request, "performance/plan_list.html", context, partial="results")


class PlanCreateView(LoginRequiredMixin, View):
    template_name = "performance/plan_create.html"

    def get(self, request):
        year = selectors.performance_year_current(actor=request.user)
        initial = {"year": year.pk if year else None, "employee": request.user.employee_id}
        form = _create_form(request, initial=initial)
        return render_page(request, self.template_name, {"form": form})

    def post(self, request):
        form = _create_form(request, request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                plan = services.plan_create(
                    year=d["year"],
                    employee=d["employee"],
                    actor=request.user,
                    start_date=d.get("start_date"),
                    end_date=d.get("end_date"),
                    approach=d["approach"],
                )
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(
                    request,
                    _(
                        "Konsep SKP %(y)s untuk %(n)s dibuat. Tambahkan rencana hasil kerja (RHK) dan indikatornya."
                    )
                    % {"y": plan.year.year, "n": plan.employee.full_name},
                )
                return redirect(plan_url(plan))
        return render_page(request, self.template_name, {"form": form})


def _decorate(detail, actor):
    """Attach what the template needs to each RHK and IKI (no queries: all loaded by `plan_detail`)."""
    plan = detail.plan
    own_periods = [p for p in detail.periods if p.start <= plan.end_date and p.end >= plan.start_date]
    for r in detail.results:
        r.collabs = detail.collaborations.get(r.pk, [])
        r.intervened = detail.intervened_by.get(r.pk, [])
        r.thread = list(r.comments.all())
        r.open_notes = sum(1 for c in r.thread if c.is_return_note and not c.resolved_at)
        for ind in r.indicators.all():
            ind.status = detail.status.get(ind.pk)
            by_period = {x.period_id: x for x in ind.realisations.all()}
            ind.rows = [(p, by_period.get(p.pk)) for p in own_periods]
            ind.n_realised = len(by_period)
            ind.fed = bool(ind.data_source)
    return own_periods


def _as_date(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


class PlanView(LoginRequiredMixin, View):
    """The SKP page: one selector call (`plan_detail`), a fixed number of queries at any size."""

    def get(self, request, pk):
        detail = selectors.plan_detail(actor=request.user, pk=pk)
        plan = detail.plan
        periods = _decorate(detail, request.user)
        actions = set(detail.actions)
        roles = detail.roles
        scope = get_scope(request.user)
        can_realise = (
            "record_realisation" in actions
            and plan.was_approved
            and plan.year.state in REALISATION_YEAR_STATES
        )
        context = {
            "detail": detail,
            "plan": plan,
            "header": plan.header,
            "header_as_of": _as_date(plan.header.get("as_of")) or plan.start_date,
            "periods": periods,
            "main_results": [r for r in detail.results if r.kind == ResultKind.MAIN],
            "extra_results": [r for r in detail.results if r.kind == ResultKind.ADDITIONAL],
            "actions": actions,
            "roles": roles,
            "can_edit": "edit" in actions,
            "can_comment": "comment" in actions,
            "can_realise": can_realise,
            "can_feedback": "give_feedback" in actions and plan.was_approved,
            "can_collaborate": bool(roles & {workflow.OWNER, workflow.RATER, workflow.ADMIN}),
            "can_cascade": "cascade_from" in actions and scope.is_supervisor,
            "completeness": services.plan_completeness_errors(plan) if "submit" in actions else [],
            "comment_form": CommentForm(),
            "action_form": CommentOnlyForm(),
            "revise_form": ReviseForm(),
            "feedback_form": FeedbackForm(),
            "fed_source": RealisationSource.DATA_SOURCE,
        }
        return render_page(request, "performance/plan_detail.html", context)


class PlanEditView(LoginRequiredMixin, View):
    """Form, approach and the lampiran (while the plan is a draft or returned)."""

    template_name = "performance/plan_edit.html"

    def get(self, request, pk):
        plan = plan_for(request, pk, "edit")
        initial = {
            f: getattr(plan, f)
            for f in ("form", "approach", "support_resources", "accountability_scheme", "consequences")
        }
        return render_page(request, self.template_name, {"plan": plan, "form": PlanEditForm(initial=initial)})

    def post(self, request, pk):
        plan = plan_for(request, pk, "edit")
        form = PlanEditForm(request.POST)
        if form.is_valid():
            try:
                services.plan_update(plan=plan, data=form.cleaned_data, actor=request.user)
            except ApplicationError as exc:
                form.add_application_error(exc)
            else:
                messages.success(request, _("Lampiran dan bentuk SKP tersimpan."))
                return redirect(plan_url(plan, "lampiran"))
        return render_page(request, self.template_name, {"plan": plan, "form": form})


class PlanVersionsView(LoginRequiredMixin, View):
    """Compare two approved versions (or a version with the working copy)."""

    def get(self, request, pk):
        plan = selectors.plan_get_for_actor(actor=request.user, pk=pk)
        versions = selectors.plan_version_list(actor=request.user, plan_pk=plan.pk)
        numbers = [v.number for v in versions]

        def number(param, default):
            raw = request.GET.get(param, "")
            if raw == "current":
                return None
            if raw.isdigit():
                if int(raw) not in numbers:
                    raise Http404
                return int(raw)
            return default

        changes, from_n, to_n = [], None, None
        if numbers:
            from_n = number("from", numbers[-2] if len(numbers) > 1 else numbers[-1])
            to_n = number("to", numbers[-1] if len(numbers) > 1 else None)
            if from_n is None:
                from_n = numbers[-1]
            changes = selectors.plan_version_diff(
                actor=request.user, plan_pk=plan.pk, from_number=from_n, to_number=to_n
            )
        context = {
            "plan": plan,
            "versions": versions,
            "changes": changes,
            "from_n": from_n,
            "to_n": to_n,
            "has_working_copy": plan.version not in numbers,
        }
        return render_page(request, "performance/plan_versions.html", context, partial="diff")
