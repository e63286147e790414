"""Home dashboard and health check; the jobs and audit pages live in `jobs.py` and `audit.py`."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from pembina.core.scoping import get_scope
from pembina.org import selectors as org_selectors


@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 — any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def home(request):
    scope = get_scope(request.user)
    employees = org_selectors.employee_list(actor=request.user)
    context = {
        "n_visible_employees": employees.count(),
        "own_employee": request.user.employee,
    }
    if request.user.employee_id:
        context["chain"] = org_selectors.superior_chain(employee=request.user.employee)
    context["scope"] = scope
    return render(request, "core/home.html", context)
