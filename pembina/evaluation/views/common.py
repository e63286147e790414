"""Helpers shared by the evaluation pages: the year/period/OPD in view, fetching an evaluation for an
action (404 out of sight, 403 for a role that may not act or a locked evaluation), downloads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.text import slugify

from pembina.core.exceptions import ApplicationError
from pembina.evaluation import selectors
from pembina.evaluation.models import EvaluationLocked
from pembina.evaluation.permissions import evaluation_roles
from pembina.evaluation.rules import workflow
from pembina.org.models import Unit
from pembina.performance import selectors as perf_selectors

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Actions that change the evaluation: refused with 403 once it is locked, whoever asks.
CHANGES = frozenset(workflow.RULES) - {"view", "view_own", "view_360"}


def evaluation_url(evaluation_or_pk, anchor: str = "") -> str:
    url = reverse("evaluation:evaluation_detail", args=[getattr(evaluation_or_pk, "pk", evaluation_or_pk)])
    return f"{url}#{anchor}" if anchor else url


def evaluation_for(request, pk, action: str = "view"):
    """The evaluation if the actor may see it (else 404); for a change, 403 when it is locked or
    when none of the actor's roles may ever take `action` (the state is the service's to check)."""
    evaluation = selectors.evaluation_get_for_actor(actor=request.user, pk=pk)
    roles = evaluation_roles(request.user, evaluation)
    if not workflow.can_view(roles, evaluation.status):
        raise Http404
    if action in CHANGES and evaluation.is_locked:
        raise EvaluationLocked()
    if action != "view" and not roles & workflow.RULES[action][0]:
        raise PermissionDenied
    evaluation.roles = roles
    return evaluation


def refuse(request, exc: ApplicationError, url: str):
    """A service said no: show its Indonesian message (and listed problems) where the user came from."""
    messages.error(request, exc.message)
    for item in (exc.extra or {}).get("errors", []) if isinstance(exc.extra, dict) else []:
        text = item.get("message") if isinstance(item, dict) else str(item)
        if text:
            messages.warning(request, text)
    return redirect(url)


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def years_for(request):
    """(the year named by ?year=<yyyy> among the actor's years, else the current one; all years)."""
    years = list(perf_selectors.performance_year_list(actor=request.user))
    raw = (request.GET.get("year") or request.POST.get("year") or "").strip()
    if raw:
        found = next((y for y in years if str(y.year) == raw), None)
        if found is None:
            raise Http404
        return found, years
    current = perf_selectors.performance_year_current(actor=request.user)
    return (current or (years[0] if years else None)), years


def period_for(request, year):
    """?period=<number> of the year (404 for an unknown one), else None (annual)."""
    raw = (request.GET.get("period") or request.POST.get("period") or "").strip()
    if not raw or year is None:
        return None
    found = next((p for p in year.periods.all() if str(p.number) == raw), None)
    if found is None:
        raise Http404
    return found


def opd_for(request, opds: list[Unit]) -> Unit:
    """?opd=<id> among `opds` (404 otherwise), else the actor's own OPD or the first; 404 when none."""
    raw = (request.GET.get("opd") or request.POST.get("opd") or "").strip()
    if raw:
        found = next((u for u in opds if str(u.pk) == raw), None)
        if found is None:
            raise Http404
        return found
    if not opds:
        raise Http404
    employee = getattr(request.user, "employee", None)
    own = getattr(employee, "current_opd_id", None)
    return next((u for u in opds if u.pk == own), opds[0])


def require(condition: bool) -> None:
    """A page of a role the actor does not hold: 403 (the page exists, the actor may not use it)."""
    if not condition:
        raise PermissionDenied


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def safe_filename(*parts, ext: str) -> str:
    """ASCII, no path separators or quotes: `evaluasi-2026-dedi-staf.pdf`."""
    stem = "-".join(slugify(str(p)) for p in parts if p not in (None, ""))
    return f"{stem[:120] or 'dokumen'}.{ext}"
