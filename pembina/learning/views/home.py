"""Pengembangan saya: one employee's competency profile, gaps, needs, IDP, JP, enrolments and
certificates on one page (the employee's own, or one in the actor's scope); learning notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from pembina.core.views.base import paginate, render_page
from pembina.learning import selectors, services
from pembina.learning.choices import AssessmentSource, AttemptStatus
from pembina.learning.permissions import employee_roles
from pembina.learning.rules import workflow as wf
from pembina.learning.services._common import today
from pembina.learning.views.common import year_param


def gap_chart(report) -> dict:
    """Chart.js data: required vs current level per required competency (not assessed = 0)."""
    lines = report.lines
    return {
        "labels": [line.competency.name for line in lines],
        "required": [line.required or 0 for line in lines],
        "current": [line.current or 0 for line in lines],
        "target": [line.target_required for line in lines] if report.target_position else [],
        "label_required": _("Standar jabatan"),
        "label_current": _("Level saat ini"),
        "label_target": _("Standar jabatan sasaran"),
    }


def jp_chart(jp) -> dict:
    return {
        "labels": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
        "values": [float(v) for v in jp.monthly],
        "target": float(jp.target),
        "label_values": _("JP terkumpul"),
        "label_target": _("Target"),
    }


def development_context(request, employee_pk, year: int) -> dict:
    """Everything the page shows, from the scoped selectors (404 when the employee is out of sight);
    a fixed number of queries whatever the history length (lists are capped)."""
    actor = request.user
    jp = selectors.jp_employee_year(actor=actor, employee_pk=employee_pk, year=year)
    employee = jp.employee
    plan = selectors.plan_for_employee(actor=actor, employee_pk=employee.pk, year=year)
    report = selectors.employee_gap_analysis(
        actor=actor,
        employee_pk=employee.pk,
        target_position_pk=plan.target_position_id if plan is not None else None,
    )
    for line in report.lines:
        line.source_label = AssessmentSource(line.source).label if line.source else ""
    roles = employee_roles(actor, employee)
    enrolments = list(selectors.enrolment_list(actor=actor, filters={"employee": employee.pk})[:20])
    certificates = list(selectors.certificate_list(actor=actor, filters={"employee": employee.pk})[:20])
    attempts = list(
        selectors.attempt_list(
            actor=actor, filters={"employee": employee.pk, "status": AttemptStatus.FINISHED}
        )[:5]
    )
    return {
        "employee": employee,
        "own": employee.pk == request.user.employee_id,
        "year": year,
        "years": [today().year + 1 - i for i in range(6)],
        "profile": selectors.employee_profile(actor=actor, employee_pk=employee.pk),
        "report": report,
        "gap_chart": gap_chart(report),
        "jp": jp,
        "jp_chart": jp_chart(jp),
        "plan": plan,
        "plan_totals": selectors.plan_totals(plan) if plan is not None else None,
        "can_create_plan": plan is None and bool(roles & wf.PLAN_RULES["create"][0]),
        "enrolments": enrolments,
        "certificates": certificates,
        "attempts": attempts,
    }


class HomeView(LoginRequiredMixin, View):
    """The employee's own page; an account without an employee gets the links of its roles."""

    def get(self, request):
        if not request.user.employee_id:
            return render_page(request, "learning/home_staff.html", {})
        context = development_context(request, request.user.employee_id, year_param(request))
        return render_page(request, "learning/development.html", context)


class EmployeeDevelopmentView(LoginRequiredMixin, View):
    def get(self, request, pk):
        if pk == request.user.employee_id:
            return redirect("learning:home")
        context = development_context(request, pk, year_param(request))
        return render_page(request, "learning/development.html", context)


class NotificationListView(LoginRequiredMixin, View):
    def get(self, request):
        unread_only = request.GET.get("unread") == "1"
        page = paginate(request, selectors.notification_list(actor=request.user, unread_only=unread_only))
        context = {"page_obj": page, "notifications": page.object_list, "unread_only": unread_only}
        return render_page(request, "learning/notification_list.html", context)


class NotificationReadView(LoginRequiredMixin, View):
    """Mark one notification (or all with pk 0) read; open its link when asked."""

    def post(self, request, pk):
        from pembina.learning.models import LearningNotification

        if pk == 0:
            n = services.notification_mark_read(actor=request.user)
            messages.success(request, _("%(n)s notifikasi ditandai sudah dibaca.") % {"n": n})
            return redirect("learning:notification_list")
        note = LearningNotification.objects.get_for_actor_or_404(request.user, pk=pk)
        services.notification_mark_read(actor=request.user, pks=[note.pk])
        if request.POST.get("open") and note.url.startswith("/"):
            return redirect(note.url)
        return redirect("learning:notification_list")
