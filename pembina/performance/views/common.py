"""Helpers shared by the performance pages: the year and OPD in view, plan access per action."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import VIEW
from pembina.org.models import Unit
from pembina.performance import selectors
from pembina.performance.permissions import plan_roles
from pembina.performance.rules import workflow


def year_from_request(request, *, param: str = "year"):
    """The performance year named by ?year=<yyyy> among the actor's years, else the current one.

    Returns (year or None, years queryset)."""
    years = selectors.performance_year_list(actor=request.user)
    raw = (request.GET.get(param) or "").strip()
    if raw.isdigit():
        found = next((y for y in years if y.year == int(raw)), None)
        if found is None:
            raise Http404
        return found, years
    return selectors.performance_year_current(actor=request.user), years


def performance_opds(actor) -> list[Unit]:
    """OPDs whose performance pages the actor may open (the selector the API uses too)."""
    return selectors.performance_opds(actor=actor)


def opd_from_request(request, opds: list[Unit]) -> Unit | None:
    """?opd=<id> among `opds` (404 otherwise), else the first one (the actor's own OPD first)."""
    raw = (request.GET.get("opd") or "").strip()
    if raw:
        found = next((u for u in opds if str(u.pk) == raw), None)
        if found is None:
            raise Http404
        return found
    employee = getattr(request.user, "employee", None)
    own = getattr(employee, "current_opd_id", None)
    return next((u for u in opds if u.pk == own), opds[0] if opds else None)


def plan_for(request, pk, action: str = "view"):
    """The plan if the actor may see it (else 404) and holds a role that may ever take `action`
    (else 404 too: the view does not exist for that role). The state is checked by the service."""
    plan = selectors.plan_get_for_actor(actor=request.user, pk=pk)
    roles = plan_roles(request.user, plan)
    if not roles & workflow.RULES[action][0]:
        raise Http404
    return plan


def plan_url(plan_or_pk, anchor: str = "") -> str:
    pk = getattr(plan_or_pk, "pk", plan_or_pk)
    url = reverse("performance:plan_detail", args=[pk])
    return f"{url}#{anchor}" if anchor else url


def refuse(request, exc: ApplicationError, plan, anchor: str = ""):
    """A service said no: show its Indonesian message on the SKP page."""
    messages.error(request, exc.message)
    return redirect(plan_url(plan, anchor))


def _check_role(request, plan, action: str) -> None:
    if not plan_roles(request.user, plan) & workflow.RULES[action][0]:
        raise Http404


def result_for(request, pk, action: str = "view"):
    """An RHK the actor may see (404 otherwise) on a plan where the actor may take `action`."""
    from pembina.performance.models import PlannedResult

    result = PlannedResult.objects.select_related(
        "plan", "plan__year", "plan__year__instansi", "plan__employee"
    ).get_for_actor_or_404(request.user, VIEW, pk=pk)
    _check_role(request, result.plan, action)
    return result


def indicator_for(request, pk, action: str = "view"):
    from pembina.performance.models import Indicator

    indicator = Indicator.objects.select_related(
        "result", "result__plan", "result__plan__year", "result__plan__employee", "template"
    ).get_for_actor_or_404(request.user, VIEW, pk=pk)
    _check_role(request, indicator.result.plan, action)
    return indicator


def direct_subordinates(*, employee_id: int, on):
    """Employees whose pejabat penilai is `employee_id` on `on` (the selector the API uses too)."""
    from pembina.performance.selectors import direct_subordinates as select

    return select(employee_id=employee_id, on=on)
