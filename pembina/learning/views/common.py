"""Helpers shared by the learning pages: the year in view, the OPDs an actor may open, refusals."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope
from pembina.learning.services._common import today
from pembina.org.models import Unit


def year_param(request, *, param: str = "year") -> int:
    """?year=<yyyy> within a sane range (404 otherwise), else this year."""
    raw = (request.GET.get(param) or "").strip()
    if not raw:
        return today().year
    if not raw.isdigit() or not 2000 <= int(raw) <= today().year + 1:
        raise Http404
    return int(raw)


def learning_opds(actor) -> list[Unit]:
    """OPDs whose learning views the actor may open: every OPD for read-all roles; else the OPDs
    holding (or under) the units the actor administers or leads."""
    scope = get_scope(actor)
    if scope.is_anonymous:
        return []
    units = list(
        Unit.objects.filter(instansi_id=scope.instansi_id, is_opd=True, is_active=True).order_by(
            "sort_order", "name"
        )
    )
    if scope.read_all:
        return units
    paths = scope.admin_unit_paths + scope.led_unit_paths
    return [u for u in units if any(p.startswith(u.path) or u.path.startswith(p) for p in paths)]


def opd_param(request, opds: list[Unit]) -> Unit:
    """?opd=<id> among `opds`; else the first one; 404 when the actor may open none."""
    raw = (request.GET.get("opd") or "").strip()
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


def first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return _("Isian tidak sah.")


def refuse(request, exc: ApplicationError, url: str):
    """A service said no: show its Indonesian message where the user came from."""
    messages.error(request, exc.message)
    return redirect(url)


def int_or_404(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def safe_next(request, default: str) -> str:
    """The POSTed `next` when it is a path on this site, else `default`."""
    target = request.POST.get("next") or ""
    if (
        target
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        and target.startswith("/")
    ):
        return target
    return default
