"""In-app notifications (list, mark read) and the early-warning list for superiors and Admin OPD."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.scoping import get_scope
from pembina.core.views.base import paginate, render_page
from pembina.performance import selectors, services
from pembina.performance.models import Notification, PerformancePlan
from pembina.performance.views.common import opd_from_request, performance_opds, plan_url, year_from_request


class NotificationListView(LoginRequiredMixin, View):
    def get(self, request):
        unread_only = request.GET.get("unread") == "1"
        page = paginate(request, selectors.notification_list(actor=request.user, unread_only=unread_only))
        context = {
            "page_obj": page,
            "notifications": page.object_list,
            "unread_only": unread_only,
            "unread": selectors.notification_unread_count(actor=request.user),
        }
        return render_page(request, "performance/notification_list.html", context, partial="items")


class NotificationReadView(LoginRequiredMixin, View):
    """Mark one notification read; then open what it is about (its plan), or return to the list."""

    def post(self, request, pk):
        n = Notification.objects.get_for_actor_or_404(request.user, pk=pk)
        n = services.notification_mark_read(notification=n, actor=request.user)
        if request.POST.get("open") and n.plan_id:
            return redirect(plan_url(n.plan_id))
        if getattr(request, "htmx", None):
            return render_page(
                request,
                "performance/notification_list.html",
                {"n": n},
                partial="item",
            )
        return redirect("performance:notification_list")


class NotificationReadAllView(LoginRequiredMixin, View):
    def post(self, request):
        count = services.notifications_mark_all_read(actor=request.user)
        messages.success(request, _("%(n)s notifikasi ditandai sudah dibaca.") % {"n": count})
        return redirect("performance:notification_list")


class EarlyWarningView(LoginRequiredMixin, View):
    """Indicators behind their pace and missing realisations of the plans the actor rates (a
    superior) or of an OPD (Admin OPD, Admin BKPSDM, Pimpinan)."""

    def get(self, request):
        year, years = year_from_request(request)
        scope = get_scope(request.user)
        opds = performance_opds(request.user)
        admin_like = bool(scope.read_all or scope.admin_unit_paths)
        mine = request.GET.get("scope", "" if admin_like else "rated")
        opd = opd_from_request(request, opds) if mine != "rated" else None
        context = {
            "year": year,
            "years": years,
            "opds": opds,
            "opd": opd,
            "scope_param": mine,
            "admin_like": admin_like,
        }
        if year is None:
            return render_page(request, "performance/early_warning.html", context)
        flags = selectors.early_warnings_for_actor(
            actor=request.user, year=year, opd=opd, rated=mine == "rated", on=timezone.localdate()
        )
        by_plan = defaultdict(lambda: {"behind": [], "missing": []})
        for f in flags:
            by_plan[f.plan_id]["behind" if f.kind == "indicator_behind" else "missing"].append(f)
        page = Paginator(sorted(by_plan), 50).get_page(request.GET.get("page"))
        shown = PerformancePlan.objects.filter(pk__in=list(page.object_list)).select_related(
            "employee", "unit"
        )
        plan_by_id = {p.pk: p for p in shown}
        rows = [(plan_by_id[pid], by_plan[pid]) for pid in page.object_list if pid in plan_by_id]
        rows.sort(key=lambda r: (r[0].unit_path, r[0].employee.name))
        context.update(
            rows=rows,
            page_obj=page,
            n_behind=sum(1 for f in flags if f.kind == "indicator_behind"),
            n_missing=sum(1 for f in flags if f.kind != "indicator_behind"),
            n_plans=len(by_plan),
        )
        return render_page(request, "performance/early_warning.html", context)
